import datetime as dt
from decimal import Decimal

import pytest

from verbond.interchange.importing.columns import field_for_header, find_header, map_columns
from verbond.interchange.importing.matching import KnownOrganisation, OrganisationMatcher
from verbond.interchange.importing.table import read_csv_bytes
from verbond.interchange.importing.values import (
    is_totals_label,
    organisation_key,
    parse_cadence,
    parse_date,
    parse_hours,
    parse_money,
    split_names,
)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("4 uur per maand", "4.0"),
        ("8u/mnd", "8.0"),
        ("3 uur/kwartaal", "1.0"),
        ("1,5 uur p/m", "1.5"),
        ("16 uur p/m", "16.0"),
        ("2 uur per week", "8.7"),
        ("12 uur per jaar", "1.0"),
        ("4 uur", "4.0"),
        ("30 min per week", "2.2"),
        ("2 hours a month", "2.0"),
        (6, "6.0"),
        (2.5, "2.5"),
    ],
)
def test_hours_are_normalised_to_hours_per_month(text, hours):
    parsed = parse_hours(text)

    assert parsed.readable and parsed.value == Decimal(hours)


@pytest.mark.parametrize("text", ["n.v.t.", "nvt", "", None, "-"])
def test_not_applicable_hours_are_empty_without_a_warning(text):
    parsed = parse_hours(text)

    assert parsed.readable and parsed.value is None


@pytest.mark.parametrize("text", ["?", "veel", "4 uur per eeuw", -3])
def test_unreadable_hours_are_flagged(text):
    assert not parse_hours(text).readable


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("€ 2.500", "2500"),
        ("€ 1.250,-", "1250"),
        ("€ 0", "0"),
        ("EUR 300", "300"),
        ("1.250,50", "1250.50"),
        (1250.0, "1250"),
    ],
)
def test_money_is_read_in_euros(text, amount):
    assert parse_money(text).value == Decimal(amount)


def test_unreadable_money_is_flagged():
    assert not parse_money("veel geld").readable
    assert parse_money("nvt").readable and parse_money("nvt").value is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("01-09-2020", dt.date(2020, 9, 1)),
        ("2021", dt.date(2021, 1, 1)),
        (2021, dt.date(2021, 1, 1)),
        ("maart 2021", dt.date(2021, 3, 1)),
        ("2020-09-01", dt.date(2020, 9, 1)),
        ("15 jan 2024", dt.date(2024, 1, 15)),
        (dt.datetime(2022, 3, 1), dt.date(2022, 3, 1)),
    ],
)
def test_dates_are_read(text, date):
    assert parse_date(text).value == date


@pytest.mark.parametrize("text", ["31-2-2024", "ooit", "13-13-2020"])
def test_impossible_dates_are_flagged(text):
    assert not parse_date(text).readable


@pytest.mark.parametrize(
    ("text", "cadence"),
    [
        ("maandelijks", "monthly"),
        ("1x per kwartaal", "quarterly"),
        ("tweewekelijks", "fortnightly"),
        ("wekelijks", "weekly"),
        ("1x per 6 weken", "six_weekly"),
    ],
)
def test_cadence_is_read(text, cadence):
    assert parse_cadence(text).value == cadence


def test_partner_names_are_split_on_commas_semicolons_new_lines_and_en():
    cell = "Gemeente Vaartstad, Provincie; Woonbron\nWelzijn Vaartstad (WVS, Noord) en GGZ"

    assert split_names(cell) == [
        "Gemeente Vaartstad",
        "Provincie",
        "Woonbron",
        "Welzijn Vaartstad (WVS, Noord)",
        "GGZ",
    ]


def test_a_hyphenated_en_does_not_split_a_name():
    assert split_names("Zorg- en Veiligheidshuis Zuidwaard") == ["Zorg- en Veiligheidshuis Zuidwaard"]


def test_organisation_spellings_reduce_to_one_key():
    keys = {
        organisation_key(n)
        for n in ["Gemeente Vaartstad", "gem. Vaartstad", "Gem. Vaartstad", "gemeente  vaartstad"]
    }

    assert keys == {"gemeente vaartstad"}


def test_totals_label_is_recognised():
    assert is_totals_label("Totaal") and is_totals_label("Total:") and not is_totals_label("Totaalplan Wonen")


def test_header_row_is_found_below_a_title():
    rows = [
        (1, ["Overzicht netwerken 2026"]),
        (2, []),
        (3, ["Netwerk", "Trekker", "Uren"]),
        (4, ["A", "B", "4"]),
    ]

    assert find_header(rows) == 2


@pytest.mark.parametrize(
    ("header", "field"),
    [("Netwerk / overleg", "name"), ("Network", "name"), ("Penvoerder", "lead"), ("Hours per month", "hours"),
     ("Tijdsinvestering (uren per maand)", "hours"), ("Kosten p/j", "costs"), ("Remarks", "notes"), ("Kleur", None)],
)  # fmt: skip
def test_headers_are_recognised_in_dutch_and_english(header, field):
    assert field_for_header(header) == field


def test_mapping_override_wins_over_a_recognised_column():
    mapping = map_columns(["Netwerk", "Uren", "Inzet"], {"Inzet": "hours", "C": "hours"})

    assert mapping == {0: "name", 2: "hours"}


def test_mapping_override_can_ignore_a_column_by_letter():
    assert map_columns(["Netwerk", "Uren"], {"b": "-"}) == {0: "name"}


def test_csv_in_windows_1252_with_semicolons_is_read():
    data = "Netwerk;Trekker;Kosten\r\nEnergiecoöperatie;Gemeente;€ 1.250,-\r\n".encode("cp1252")

    table = read_csv_bytes(data)

    assert table.delimiter == ";" and table.encoding == "cp1252"
    assert table.rows[1] == (2, ["Energiecoöperatie", "Gemeente", "€ 1.250,-"])


def test_fuzzy_match_accepts_a_typo_but_only_reports_a_look_alike():
    matcher = OrganisationMatcher([KnownOrganisation(1, "Gemeente Vaartstad", "gemeente-vaartstad"),
                                   KnownOrganisation(2, "GGD Zuidwaard", "ggd-zuidwaard")])  # fmt: skip

    typo = matcher.match("Gemeente Vaarstad")
    look_alike = matcher.match("GGZ Zuidwaard")

    assert typo.organisation_id == 1 and typo.method == "fuzzy" and typo.confidence >= 95
    assert look_alike.organisation_id is None and look_alike.candidate == "GGD Zuidwaard"


def test_new_spellings_of_one_name_become_one_organisation():
    matcher = OrganisationMatcher([])

    first, second = matcher.match("Gemeente Vaartstad"), matcher.match("gem. Vaartstad")

    assert first is second and first.is_new
