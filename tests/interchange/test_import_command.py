import json
from decimal import Decimal
from io import StringIO
from unittest.mock import ANY

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from tests.factories import NetworkFactory, OrganisationFactory, ParticipationFactory, UserFactory
from tests.interchange.factories import SAMPLE, write_csv, write_xlsx
from verbond.interchange import services
from verbond.networks.models import Network, Participant, Participation
from verbond.networks.services import participation_save
from verbond.organisations.models import Organisation


def run_import(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("import", *[str(a) for a in args], stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def run_json(*args: str) -> tuple[int, dict]:
    code, output = run_import(*args, "--format", "json")
    return code, json.loads(output)


@pytest.fixture
def linde(db):
    """The organisation whose list the sample is, with a few organisations the region already knows."""
    OrganisationFactory(name="Gemeente Vaartstad", slug="gemeente-vaartstad")
    OrganisationFactory(name="Welzijn Vaartstad", slug="welzijn-vaartstad")
    OrganisationFactory(name="GGD Zuidwaard", slug="ggd-zuidwaard")
    OrganisationFactory(name="Schuldhulp Vaartland", slug="schuldhulp-vaartland")
    return OrganisationFactory(name="Woonstichting De Linde", slug="woonstichting-de-linde")


def test_sample_file_report_lists_networks_matches_errors_and_warnings(linde):
    code, report = run_json(SAMPLE, "--org", "woonstichting-de-linde", "--dry-run")

    assert code == 1
    assert set(report) == {"rows", "networks", "organisations_matched", "organisations_new",
                           "hours_per_month_total", "errors", "warnings"}  # fmt: skip
    assert report["rows"] == 25  # rows 4-28; title, header, blank and totals rows are not data
    assert report["networks"] == 23  # minus the row without a name and the repeated row
    assert (
        report["organisations_matched"] == 3
    )  # Gemeente (also as "gem."), Welzijn (also "(WVS)"), ourselves
    assert report["organisations_new"] == 21
    assert report["hours_per_month_total"] == 141.5
    assert report["errors"] == [
        {"row": 26, "column": "Netwerk / overleg", "value": "",
         "message": "This row has no network name, so it cannot become a network."}
    ]  # fmt: skip
    warnings = {(w["row"], w["column"], w["value"]) for w in report["warnings"]}
    assert warnings == {
        (6, "Partners", "Schuldhulp Vaartstad"),  # looks like Schuldhulp Vaartland: reported, not merged
        (7, "Partners", "GGZ Zuidwaard"),  # looks like GGD Zuidwaard: reported, not merged
        (19, "Tijdsinvestering", "?"),
        (27, "Frequentie", "1x per 2 maanden"),
        (28, "Netwerk / overleg", "Vroegsignalering schulden"),  # duplicate of row 6
    }
    assert Network.objects.count() == 0


def test_dry_run_works_on_an_empty_database_for_an_organisation_that_does_not_exist(db):
    code, report = run_json(SAMPLE, "--org", "woonstichting-de-linde", "--dry-run")

    assert code == 1 and report["networks"] == 23
    assert report["organisations_matched"] == 0 and report["organisations_new"] == 23
    assert Organisation.objects.count() == 0


def test_real_import_refuses_anything_when_the_file_has_errors(linde):
    code, report = run_json(SAMPLE, "--org", "woonstichting-de-linde")

    assert code == 1 and report["errors"]
    assert Network.objects.count() == 0 and Organisation.objects.count() == 5


def test_skip_invalid_imports_the_valid_rows_with_normalised_values(linde):
    code, _ = run_json(SAMPLE, "--org", "woonstichting-de-linde", "--skip-invalid")

    assert code == 1  # there were errors, even though the valid rows were written
    assert Network.objects.count() == 23
    debts = Network.objects.get(name="Vroegsignalering schulden")
    assert debts.lead.name == "Gemeente Vaartstad" and debts.cadence == "weekly"
    assert str(debts.start_date) == "2020-09-01" and debts.registered_by == linde
    assert set(debts.participants.values_list("organisation__name", flat=True)) == {
        "Gemeente Vaartstad", "Schuldhulp Vaartstad", "Welzijn Vaartstad", "Woonbron Vaartstad", "Woonstichting De Linde"
    }  # fmt: skip
    ours = Participation.objects.get(network=debts, organisation=linde)
    assert ours.hours_per_month == Decimal("8.0") and ours.costs_per_year == Decimal("2500")
    assert "dubbele regel" in ours.notes  # the duplicate row's note was merged in
    literacy = Participation.objects.get(network__name="Netwerk Laaggeletterdheid", organisation=linde)
    assert literacy.hours_per_month == 0 and "Tijdsinvestering: ?" in literacy.notes
    energy = Participation.objects.get(network__name="Energietransitie Platform", organisation=linde)
    assert energy.costs_per_year == Decimal("1250") and energy.network.start_date.isoformat() == "2021-03-01"
    quarterly = Participation.objects.get(network__name="Prestatieafspraken 2025-2028", organisation=linde)
    assert quarterly.hours_per_month == Decimal("1.0")
    assert Organisation.objects.filter(name__icontains="gem").count() == 1  # no "gem. Vaartstad"
    assert (
        Organisation.objects.filter(name__in=["GGZ Zuidwaard", "GGD Zuidwaard"]).count() == 2
    )  # never merged
    assert Network.objects.get(name="Alliantie Thuis in de Wijk").lead == linde


def test_reimporting_the_same_file_changes_nothing(linde):
    run_import(SAMPLE, "--org", "woonstichting-de-linde", "--skip-invalid")
    counts = (
        Network.objects.count(),
        Participant.objects.count(),
        Participation.objects.count(),
        Organisation.objects.count(),
    )
    versions = list(Participation.objects.order_by("pk").values_list("version", flat=True))

    code, output = run_import(SAMPLE, "--org", "woonstichting-de-linde", "--skip-invalid")

    assert (
        Network.objects.count(),
        Participant.objects.count(),
        Participation.objects.count(),
        Organisation.objects.count(),
    ) == counts
    assert list(Participation.objects.order_by("pk").values_list("version", flat=True)) == versions
    assert "0 networks created, 0 updated, 23 unchanged, 0 organisations created" in output


def test_reimport_updates_our_participation_in_a_network_we_already_have(organisation, tmp_path):
    lead = OrganisationFactory(name="Gemeente Vaartstad", slug="gemeente-vaartstad")
    network = NetworkFactory(lead=lead, name="Wijkteam Noord", participants=[organisation])
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=2)
    path = write_xlsx(
        tmp_path / "lijst.xlsx",
        [["Netwerk", "Trekker", "Uren"], ["wijkteam noord", "gem. Vaartstad", "6 uur p/m"]],
    )

    code, _ = run_import(path, "--org", organisation.slug)

    assert code == 0 and Network.objects.count() == 1
    assert Participation.objects.get(network=network, organisation=organisation).hours_per_month == 6


def test_csv_in_windows_1252_with_semicolons_is_imported(organisation, tmp_path):
    path = write_csv(tmp_path / "netwerken.csv", [
        ["Naam", "Penvoerder", "Deelnemers", "Uren", "Kosten"],
        ["Energiecoöperatie-overleg", "Energiecoöperatie Vaartstroom", "gem. Vaartstad; Woonbron", "8u/mnd", "€ 1.250,-"],
        ["Totaal", "", "", "8", ""],
    ])  # fmt: skip

    code, report = run_json(path, "--org", organisation.slug)

    assert code == 0 and report["rows"] == 1 and report["networks"] == 1 and report["organisations_new"] == 3
    network = Network.objects.get(name="Energiecoöperatie-overleg")
    assert network.lead.name == "Energiecoöperatie Vaartstroom"
    ours = Participation.objects.get(network=network, organisation=organisation)
    assert ours.hours_per_month == 8 and ours.costs_per_year == 1250


def test_unreadable_values_are_warnings_kept_in_the_notes(organisation, tmp_path):
    path = write_xlsx(
        tmp_path / "lijst.xlsx", [["Netwerk", "Uren", "Sinds"], ["Overleg", "veel", "31-2-2024"]]
    )

    code, report = run_json(path, "--org", organisation.slug)

    assert code == 0 and [w["value"] for w in report["warnings"]][-2:] == ["veel", "31-2-2024"]
    network = Network.objects.get(name="Overleg")
    assert network.start_date is None and network.lead == organisation
    notes = Participation.objects.get(network=network).notes
    assert "Uren: veel" in notes and "Sinds: 31-2-2024" in notes


def test_column_mapping_can_be_overridden(organisation, tmp_path):
    path = write_xlsx(
        tmp_path / "lijst.xlsx",
        [["Project", "Wie trekt", "Inzet", "Uren"], ["Overleg", "Gemeente X", "3", "99"]],
    )

    code, report = run_json(path, "--org", organisation.slug, "--map", "Project=name", "--map", "Wie trekt=lead",
                            "--map", "Inzet=hours", "--map", "D=-")  # fmt: skip

    assert code == 0 and report["networks"] == 1 and report["hours_per_month_total"] == 3.0
    assert Network.objects.get(name="Overleg").lead.name == "Gemeente X"


def test_an_unknown_mapping_field_is_refused(organisation, tmp_path):
    with pytest.raises(CommandError):
        call_command("import", str(SAMPLE), "--org", organisation.slug, "--map", "Opgave=kleur")


def test_a_failure_while_writing_rolls_everything_back(linde, monkeypatch):
    calls = []
    original = services._save_participation

    def fail_on_fifth(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_save_participation", fail_on_fifth)

    with pytest.raises(RuntimeError):
        run_import(SAMPLE, "--org", "woonstichting-de-linde", "--skip-invalid")

    assert (
        Network.objects.count() == 0
        and Participation.objects.count() == 0
        and Organisation.objects.count() == 5
    )


def test_a_real_import_needs_an_existing_organisation(db):
    with pytest.raises(CommandError):
        call_command("import", str(SAMPLE), "--org", "bestaat-niet", "--skip-invalid", stdout=StringIO())


def test_the_readable_report_names_the_mapping_and_the_issues(linde):
    code, output = run_import(SAMPLE, "--org", "woonstichting-de-linde", "--dry-run")

    assert code == 1
    assert "Tijdsinvestering" in output and "hours per month" in output
    assert "row 26" in output and "Dry run: nothing was written." in output


def test_a_sheet_can_be_chosen_by_name(linde):
    code, report = run_json(SAMPLE, "--org", "woonstichting-de-linde", "--sheet", "toelichting", "--dry-run")

    assert code == 1 and report["networks"] == 0
    assert report["errors"][0]["message"] == "No header row with a column for the network's name was found."


def test_an_unknown_sheet_is_refused(linde):
    with pytest.raises(CommandError):
        call_command(
            "import", str(SAMPLE), "--org", "woonstichting-de-linde", "--sheet", "Blad9", stdout=StringIO()
        )


def test_the_service_imports_only_into_the_users_own_organisation(linde, stranger, tmp_path):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk"], ["Buurttafel"]])
    plan = services.import_preview(path=path, organisation_slug=linde.slug)

    with pytest.raises(PermissionDenied):
        services.import_apply(plan=plan, user=stranger)

    assert Network.objects.count() == 0


def test_members_may_not_import_through_the_service(linde, tmp_path):
    member = UserFactory(organisation=linde)
    plan = services.import_preview(
        path=write_xlsx(tmp_path / "l.xlsx", [["Netwerk"], ["Buurttafel"]]), organisation_slug=linde.slug
    )

    with pytest.raises(PermissionDenied):
        services.import_apply(plan=plan, user=member)


@pytest.mark.parametrize(
    ("arguments", "value", "message"),
    [
        (["{missing}", "--org", "woonstichting-de-linde"], "{missing}", "No such file"),
        (["{broken}", "--org", "woonstichting-de-linde"], "{broken}", "could not be read as a spreadsheet"),
        ([str(SAMPLE), "--org", "woonstichting-de-linde", "--sheet", "Blad9"], "Blad9", "no sheet with that name"),
        ([str(SAMPLE), "--org", "woonstichting-de-linde", "--map", "Opgave=kleur"], "Opgave=kleur", "--map needs"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_is_still_one_json_object(linde, tmp_path, arguments, value, message):
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"geen excel")
    paths = {"missing": tmp_path / "weg.xlsx", "broken": broken}
    arguments = [a.format(**paths) for a in arguments]

    code, report = run_json(*arguments)

    assert code == 1
    assert report == {"errors": [{"row": None, "column": "", "value": value.format(**paths), "message": ANY}]}
    assert message in report["errors"][0]["message"]


def test_a_real_import_for_an_unknown_organisation_is_refused_in_the_json_report(db, tmp_path):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk", "Trekker"], ["Buurttafel", "Gemeente X"]])

    code, report = run_json(path, "--org", "bestaat-niet")

    assert code == 1 and report["networks"] == 1
    assert report["errors"] == [
        {"row": None, "column": "", "value": "bestaat-niet",
         "message": "There is no organisation with that short name."}
    ]  # fmt: skip
    assert Network.objects.count() == 0 and Organisation.objects.count() == 0


def test_a_name_merged_by_resemblance_is_a_warning_in_the_json_report(organisation, tmp_path):
    OrganisationFactory(name="Huurdersvereniging Vaartstad Centrum", slug="hv-vaartstad-centrum")
    path = write_xlsx(
        tmp_path / "lijst.xlsx",
        [
            ["Netwerk", "Trekker", "Partners"],
            ["Buurttafel", "Gemeente X", "Huurdersvereniging Vaarstad Centrum"],
            ["Wijkoverleg", "Gemeente X", "Huurdersvereniging Vaarstad Centrum, Stichting Welzijn Oostkwartier"],
            ["Schuldenoverleg", "Stichting Welzijn Oostkwartir", ""],
        ],
    )

    code, report = run_json(path, "--org", organisation.slug, "--dry-run")

    assert code == 0 and report["organisations_matched"] == 1  # the tenants' association, also when misspelt
    assert report["warnings"] == [
        {"row": 2, "column": "Partners", "value": "Huurdersvereniging Vaarstad Centrum",
         "message": "“Huurdersvereniging Vaarstad Centrum” is taken to be “Huurdersvereniging Vaartstad Centrum” (99% alike)."},
        {"row": 4, "column": "Trekker", "value": "Stichting Welzijn Oostkwartir",
         "message": "“Stichting Welzijn Oostkwartir” is taken to be “Stichting Welzijn Oostkwartier” (98% alike)."},
    ]  # fmt: skip


def test_the_readable_report_lists_a_name_merged_by_resemblance_among_the_warnings(organisation, tmp_path):
    OrganisationFactory(name="Huurdersvereniging Vaartstad Centrum", slug="hv-vaartstad-centrum")
    path = write_xlsx(
        tmp_path / "lijst.xlsx",
        [["Netwerk", "Trekker"], ["Buurttafel", "Huurdersvereniging Vaarstad Centrum"]],
    )

    _code, output = run_import(path, "--org", organisation.slug, "--dry-run")

    assert "row 2 Trekker: 'Huurdersvereniging Vaarstad Centrum'" in output
    assert "is taken to be “Huurdersvereniging Vaartstad Centrum” (99% alike)" in output


def test_a_reimport_keeps_what_was_edited_in_verbond_since_and_says_so(organisation, coordinator, tmp_path):
    rows = [["Netwerk", "Trekker", "Uren", "Opmerkingen"], ["Wijkteam Noord", "gem. Vaartstad", "6 uur p/m", "Uit de lijst"]]
    OrganisationFactory(name="Gemeente Vaartstad", slug="gemeente-vaartstad")
    path = write_xlsx(tmp_path / "lijst.xlsx", rows)
    run_import(path, "--org", organisation.slug)
    ours = Participation.objects.get(organisation=organisation)
    participation_save(
        user=coordinator, network=ours.network, version=ours.version, hours_per_month=Decimal(9),
        costs_per_year=ours.costs_per_year, representatives=ours.representatives, notes="Bijgewerkt in verbond",
    )
    changed_file = write_xlsx(tmp_path / "lijst-2.xlsx", [rows[0], ["Wijkteam Noord", "gem. Vaartstad", "6 uur p/m", "Uit de lijst"]])

    code, report = run_json(changed_file, "--org", organisation.slug)

    ours.refresh_from_db()
    assert code == 0
    assert (ours.hours_per_month, ours.notes) == (9, "Bijgewerkt in verbond")
    kept = [w for w in report["warnings"] if "since the last import" in w["message"]]
    assert {w["value"] for w in kept} == {"6", "Uit de lijst"} and all(w["row"] == 2 for w in kept)


def test_a_reimport_still_takes_new_figures_for_what_nobody_edited(organisation, tmp_path):
    OrganisationFactory(name="Gemeente Vaartstad", slug="gemeente-vaartstad")
    header = ["Netwerk", "Trekker", "Uren"]
    run_import(write_xlsx(tmp_path / "a.xlsx", [header, ["Wijkteam Noord", "gem. Vaartstad", "6 uur p/m"]]), "--org", organisation.slug)

    code, _ = run_import(write_xlsx(tmp_path / "b.xlsx", [header, ["Wijkteam Noord", "gem. Vaartstad", "8 uur p/m"]]), "--org", organisation.slug)

    assert code == 0
    assert Participation.objects.get(organisation=organisation).hours_per_month == 8
