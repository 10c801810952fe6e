from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import NetworkFactory, OrganisationFactory
from tests.reports.factories import pdf_pages, pdf_text, portfolio_of


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Zorggroep Partner", slug="zorggroep-partner")


def test_report_command_writes_the_board_report(organisation, partner, tmp_path):
    portfolio_of(organisation, partner=partner)
    out = tmp_path / "board.pdf"

    call_command("report", org=organisation.slug, out=str(out), language="en")

    data = out.read_bytes()
    assert pdf_pages(data) >= 1
    assert "Board report" in pdf_text(data)
    assert "Praatoverleg West" in pdf_text(data)


def test_report_command_writes_dutch_by_default(organisation, partner, tmp_path, settings):
    settings.LANGUAGE_CODE = "nl"
    portfolio_of(organisation, partner=partner)
    out = tmp_path / "board.pdf"

    call_command("report", "--org", organisation.slug, "--out", str(out))

    assert "Bestuursrapportage" in pdf_text(out.read_bytes())


def test_report_command_writes_a_decision_pack(organisation, partner, tmp_path):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)
    out = tmp_path / "pack.pdf"

    call_command("report", org=organisation.slug, network=committed.pk, out=str(out), language="en")

    data = out.read_bytes()
    assert pdf_pages(data) == 1
    assert "Decision pack" in pdf_text(data)


def test_report_command_refuses_a_network_the_organisation_is_not_in(
    organisation, other_organisation, tmp_path
):
    network = NetworkFactory(lead=other_organisation)
    out = tmp_path / "pack.pdf"

    with pytest.raises(CommandError, match="does not take part"):
        call_command("report", org=organisation.slug, network=network.pk, out=str(out))

    assert not out.exists()


def test_report_command_refuses_an_unknown_organisation(db, tmp_path):
    with pytest.raises(CommandError, match="No organisation"):
        call_command("report", org="nobody", out=str(tmp_path / "x.pdf"))


def test_report_command_wants_a_pdf_file(organisation, tmp_path):
    with pytest.raises(CommandError, match=".pdf"):
        call_command("report", org=organisation.slug, out=str(tmp_path / "x.txt"))


def test_a_decision_pack_needs_no_org_or_out_and_is_written_for_the_lead(
    organisation, partner, tmp_path, monkeypatch
):
    _committed, led_by_partner, _undecided = portfolio_of(organisation, partner=partner)
    monkeypatch.chdir(tmp_path)
    stdout = StringIO()

    call_command("report", network=led_by_partner.pk, language="en", stdout=stdout)

    expected = (
        tmp_path / f"decision-pack-{led_by_partner.pk}-zorggroep-partner-{timezone.localdate():%Y-%m-%d}.pdf"
    )
    assert [path.name for path in tmp_path.iterdir()] == [expected.name]
    assert str(expected.resolve()) in stdout.getvalue()
    data = expected.read_bytes()
    assert pdf_pages(data) == 1
    assert "Decision pack" in pdf_text(data) and "Woonplatform Zuid" in pdf_text(data)


def test_a_decision_pack_may_still_be_written_for_another_participant(organisation, partner, tmp_path):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)
    assert committed.lead != partner and committed.participants.filter(organisation=partner).exists()
    out = tmp_path / "pack.pdf"

    call_command("report", "--network", str(committed.pk), "--org", partner.slug, "--out", str(out))

    assert pdf_pages(out.read_bytes()) == 1


def test_a_decision_pack_of_an_unknown_network_is_refused(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    with pytest.raises(CommandError, match="Network 999999 does not exist"):
        call_command("report", network=999999)

    assert list(tmp_path.iterdir()) == []


def test_the_board_report_needs_an_organisation(db):
    with pytest.raises(CommandError, match="--org"):
        call_command("report")


def test_the_board_report_is_written_to_the_current_directory_by_default(
    organisation, partner, tmp_path, monkeypatch
):
    portfolio_of(organisation, partner=partner)
    monkeypatch.chdir(tmp_path)
    stdout = StringIO()

    call_command("report", org=organisation.slug, language="en", stdout=stdout)

    expected = tmp_path / f"board-report-{organisation.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
    assert "Board report" in pdf_text(expected.read_bytes())
    assert str(expected.resolve()) in stdout.getvalue()
