import datetime

import pytest

from verbond.frontline.privacy import Kind, find_personal_data

TODAY = datetime.date(2026, 11, 28)


def kinds(text):
    return [finding.kind for finding in find_personal_data(text, today=TODAY)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mevrouw heeft BSN 111222333 en wacht al maanden.", Kind.BSN),
        ("bsn 123456782", Kind.BSN),
        ("BSN 1234.56.782 staat in het dossier", Kind.BSN),
        ("Mail haar op j.jansen@example.nl voor een afspraak.", Kind.EMAIL),
        ("Bel meneer op 06-12345678.", Kind.PHONE),
        ("Bereikbaar via 020 123 4567.", Kind.PHONE),
        ("Bereikbaar via +31 6 1234 5678.", Kind.PHONE),
        ("Huur wordt betaald van NL91ABNA0417164300.", Kind.IBAN),
        ("Rekening NL91 ABNA 0417 1643 00 staat rood.", Kind.IBAN),
        ("Woont op 1234 AB 12 sinds vorig jaar.", Kind.ADDRESS),
        ("Adres 1234AB12a", Kind.ADDRESS),
        ("Kerkstraat 5, 1234 AB Vaartstad", Kind.ADDRESS),
        ("Geboren 12-03-1985, alleenstaand.", Kind.BIRTH_DATE),
        ("geboortedatum: 3 maart 2001", Kind.BIRTH_DATE),
        ("Jongen van 14/02/2008 zit thuis.", Kind.BIRTH_DATE),
    ],
)
def test_personal_data_is_found(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # A nine-digit number that fails the eleven-test is not a BSN.
        "Dossiernummer 123456789 bij de gemeente.",
        # An IBAN with a wrong check digit is not a bank account.
        "Kenmerk NL91ABNA0417164301",
        "Ordernummer 2026-004512 is nog niet geleverd.",
        "Bestelling 450012398 van de woningcorporatie.",
        "Factuur 20260001 staat open.",
        "Sinds 2019 wacht het gezin op een woning; in 2024 en 2025 niets gebeurd.",
        "Het overleg van 14-03-2026 leverde niets op.",
        "Er is 1250 euro nodig voor een traplift.",
        "Drie kinderen, de oudste is 14 jaar.",
        "Regel 4.2 van de verordening staat een tijdelijke huurovereenkomst in de weg.",
    ],
)
def test_look_alikes_pass(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("number", "valid"),
    [("111222333", True), ("123456782", True), ("123456789", False), ("111222334", False)],
)
def test_bsn_is_recognised_only_when_it_passes_the_eleven_test(number, valid):
    assert (Kind.BSN in kinds(f"nummer {number}")) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("NL91ABNA0417164300", True),
        ("NL02ABNA0123456789", True),
        ("NL91ABNA0417164309", False),
        ("DE89370400440532013000", True),
        ("DE89370400440532013001", False),
    ],
)
def test_iban_is_recognised_only_when_its_checksum_is_valid(number, valid):
    assert (Kind.IBAN in kinds(f"rekening {number}")) is valid


def test_every_finding_is_reported_with_its_text():
    findings = find_personal_data("BSN 111222333, mail a@b.nl, postcode 1234 AB 12", today=TODAY)

    assert [(f.kind, f.text) for f in findings] == [
        (Kind.BSN, "111222333"),
        (Kind.EMAIL, "a@b.nl"),
        (Kind.ADDRESS, "1234 AB 12"),
    ]
