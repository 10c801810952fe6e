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


@pytest.mark.parametrize(
    "text",
    [
        "geboren op 1985-03-12",
        "DOB 1985-03-12",
        # Old enough to be a date of birth, like 12-03-1985.
        "Bewoner 1985-03-12, alleenstaand.",
    ],
)
def test_iso_date_of_birth_is_found(text):
    assert Kind.BIRTH_DATE in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het overleg van 2026-03-14 leverde niets op.",
        # Part of a longer number, or not a date at all.
        "Ordernummer 2010-11-12-345 is nog niet geleverd.",
        "Kenmerk 2019-20-21",
    ],
)
def test_iso_look_alikes_pass(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("iban nl91abna0417164300", "nl91abna0417164300"),
        ("Rekening NL91 abna 0417 1643 00 staat rood.", "NL91 abna 0417 1643 00"),
        ("Nl91Abna0417164300", "Nl91Abna0417164300"),
        # A sixteen-character IBAN ends on a full group; the following word is not swallowed.
        ("rekening be71 0961 2345 6769 voor de huur", "be71 0961 2345 6769"),
        # A look-alike just before the IBAN does not hide it.
        ("code ab12 NL91ABNA0417164300", "NL91ABNA0417164300"),
    ],
)
def test_iban_in_any_case_is_found(text, found):
    assert [f.text for f in find_personal_data(text, today=TODAY) if f.kind == Kind.IBAN] == [found]


@pytest.mark.parametrize("text", ["iban nl91abna0417164301", "Kenmerk nl91 abna 0417 1643 09 staat open."])
def test_lowercase_iban_with_a_wrong_checksum_passes(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Woont op 1234 ab 12.", "1234 ab 12"),
        ("adres 1234ab12a", "1234ab12a"),
        ("Postcode 1234 AB, nummer 12", "1234 AB, nummer 12"),
        ("1234 AB no. 12", "1234 AB no. 12"),
        ("postcode 1234 ab huisnr. 7", "1234 ab huisnr. 7"),
        ("Kerkstraat 5, 1234 ab Vaartstad", "5, 1234 ab"),
    ],
)
def test_postcode_with_house_number_is_found(text, found):
    assert [f.text for f in find_personal_data(text, today=TODAY) if f.kind == Kind.ADDRESS] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 en 2025 is niets gebeurd.",
        "Er is 1500 en 20 euro nodig.",
        "Vanaf 2025 op 3 locaties.",
        "Sinds 2019 is 3 keer verhuisd, in 2023 al 4 keer.",
        "De route is 1500 km 20 keer per jaar.",
        "In 2023 ca 40 meldingen.",
        # SA, SD and SS are never used in a postcode, in any case.
        "Locatie 1234 sa 12",
    ],
)
def test_numbers_in_ordinary_text_are_not_postcodes(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kind van 3-4-2018 gaat niet naar school.",
        "Alleenstaande moeder met dochter (2-2-2020).",
        "Vader met zoon, 12 mei 2019, zoekt woonruimte.",
        "Baby van 2026-01-05 heeft geen eigen kamer.",
        "Daughter 4/5/2021 lives with her mother.",
        # The child word is nearer to the date than the case word.
        "Alleen sinds de scheiding, met zoon van 3-4-2018",
    ],
)
def test_date_of_birth_of_a_child_is_found(text):
    assert Kind.BIRTH_DATE in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Volgens het besluit van 1-1-2010 heeft zij geen recht.",
        "Woont sinds 1-1-2010 in de wijk.",
        "De wet van 12 mei 2005 is van toepassing.",
        "Toeslag per 1-1-2000 stopgezet.",
        "Huurcontract ingegaan op 1-1-2010.",
        "Regeling van 1998-07-01",
        # A case word also outweighs a child word further away.
        "Zoon woont sinds 1-9-2025 bij vader.",
        # Kinderbijslag is not a word for a child.
        "Kinderbijslag aangevraagd op 3-4-2024.",
    ],
)
def test_date_of_a_decision_law_or_contract_passes(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "geboren, volgens het besluit van 1-1-2010",
        "geb. per 1-1-2010",
        "DOB since 2010-01-01",
    ],
)
def test_birth_words_win_over_case_words(text):
    assert Kind.BIRTH_DATE in kinds(text)


def test_a_case_word_in_an_earlier_sentence_does_not_excuse_an_old_date():
    assert Kind.BIRTH_DATE in kinds("Twee keer per week bezoek. 1-1-1980")
