"""The privacy guard: find what looks like personal data of a resident in a request's text.

A request describes a situation, never a person. Each check aims at data that identifies someone and uses a
well-kept library where one exists (python-stdnum for the BSN eleven-test and the IBAN checksum, phonenumbers for
Dutch phone numbers), so that look-alikes such as an order number or a year pass.
"""

import datetime
import re
from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext_lazy as _
from stdnum import iban
from stdnum.nl import bsn


class Kind:
    BSN = "bsn"
    EMAIL = "email"
    PHONE = "phone"
    IBAN = "iban"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"


KIND_LABELS = {
    Kind.BSN: _("a citizen service number (BSN)"),
    Kind.EMAIL: _("an e-mail address"),
    Kind.PHONE: _("a phone number"),
    Kind.IBAN: _("a bank account number (IBAN)"),
    Kind.ADDRESS: _("a postcode with house number"),
    Kind.BIRTH_DATE: _("a date of birth"),
}

# Nine digits, optionally grouped with dots or spaces (123.456.782, 1234 56 782), not part of a longer number.
_BSN = re.compile(r"(?<![\d.\-])(?:\d[ .]?){8}\d(?![\d\-]|\.\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# Groups of four, with or without spaces, in capitals (so that following words are never swallowed).
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
# 1234 AB 12, 1234AB 12a, 1234 AB nr. 12. Postcode letters are capitals (so "2024 en 2025" passes); Dutch
# postcodes never start with 0 and never use SA, SD or SS.
_ADDRESS = re.compile(
    r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z]),? *(?i:nr\.? *|huisnummer *)?\d{1,5}(?: ?[a-z](?![a-z])|-\d+)?"
)
# Kerkstraat 5, 1234 AB: a house number followed by a postcode.
_NUMBER_THEN_POSTCODE = re.compile(r"\b\d{1,5}[a-z]?,? +[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z])")
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>(?:19|20)\d{2})\b")
_WRITTEN_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS})\.? (?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE
)
_BIRTH_WORDS = re.compile(r"\b(?:geboren|geb\.|geboortedatum|born|date of birth|dob)", re.IGNORECASE)
# A full date this long ago is almost always somebody's date of birth, not a date in the case.
BIRTH_YEARS_AGO = 12


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _bsns(text: str) -> list[str]:
    return [m.group(0) for m in _BSN.finditer(text) if bsn.is_valid(_digits(m.group(0)))]


def _emails(text: str) -> list[str]:
    return [m.group(0) for m in _EMAIL.finditer(text)]


def _ibans(text: str) -> list[str]:
    return [m.group(0).strip() for m in _IBAN.finditer(text) if iban.is_valid(m.group(0))]


def _phones(text: str, ignore: set[str]) -> list[str]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        number = match.number
        if number.country_code != 31 or _digits(match.raw_string) in ignore:
            continue
        found.append(match.raw_string)
    return found


def _addresses(text: str) -> list[str]:
    matches = list(_ADDRESS.finditer(text))
    for match in _NUMBER_THEN_POSTCODE.finditer(text):
        if not any(match.start() < other.end() and other.start() < match.end() for other in matches):
            matches.append(match)
    return [m.group(0).strip() for m in sorted(matches, key=lambda m: m.start())]


def _birth_dates(text: str, today: datetime.date) -> list[str]:
    found = []
    for pattern in (_NUMERIC_DATE, _WRITTEN_DATE):
        for match in pattern.finditer(text):
            year = int(match.group("year"))
            before = text[max(0, match.start() - 40) : match.start()]
            if _BIRTH_WORDS.search(before) or year <= today.year - BIRTH_YEARS_AGO:
                found.append(match.group(0))
    return found


def find_personal_data(text: str, *, today: datetime.date | None = None) -> list[Finding]:
    """Everything in `text` that looks like personal data of a resident, in order of kind."""
    today = today or datetime.date.today()
    bsns = _bsns(text)
    findings = [Finding(Kind.BSN, value) for value in bsns]
    findings += [Finding(Kind.EMAIL, value) for value in _emails(text)]
    # A BSN is nine digits and so is a Dutch phone number without its 0; report it once, as what it is.
    findings += [Finding(Kind.PHONE, value) for value in _phones(text, {_digits(b) for b in bsns})]
    findings += [Finding(Kind.IBAN, value) for value in _ibans(text)]
    findings += [Finding(Kind.ADDRESS, value) for value in _addresses(text)]
    findings += [Finding(Kind.BIRTH_DATE, value) for value in _birth_dates(text, today)]
    return findings
