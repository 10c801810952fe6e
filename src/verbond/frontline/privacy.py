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
# Groups of four, with or without spaces, in any case (people type nl91abna...). A group may swallow a
# following four-letter word ("... 7034 voor"); _ibans() then drops trailing groups until the checksum holds.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Z0-9])", re.IGNORECASE)
# The shortest IBAN in use (Norway) has 15 characters.
_IBAN_MIN_LENGTH = 15
# 1234 AB 12, 1234ab 12a, 1234 AB nr. 12, 1234 AB, nummer 12, 1234 AB no. 12. Dutch postcodes never start
# with 0 and never use SA, SD or SS. The house number is required, and lowercase letters count only when they
# are not a common word or unit (see _NOT_POSTCODE_LETTERS), so that "in 2024 en 2025" and "1500 km 20" pass.
_ADDRESS = re.compile(
    r"\b[1-9]\d{3} ?(?P<letters>(?!(?i:sa|sd|ss))[A-Za-z]{2})(?![A-Za-z]),? *"
    r"(?i:(?:huis)?(?:nummer|nr\.?)|no\.?)? *\d{1,5}(?: ?[a-z](?![a-z])|-\d+)?"
)
# Two-letter Dutch and English words and units that follow a number in ordinary text.
_NOT_POSTCODE_LETTERS = frozenset(
    "en op in of te na om is al nu la de ik je ze we er zo ja af ca bv tm vs nr no "
    "to at on it by as an or up so me he my be do go if us am "
    "km kg mg ml cm mm ha gb mb kb kw pm".split()
)
# Kerkstraat 5, 1234 AB: a house number followed by a postcode (lowercase letters as in _ADDRESS).
_NUMBER_THEN_POSTCODE = re.compile(
    r"\b\d{1,5}[a-z]?,? +[1-9]\d{3} ?(?P<letters>(?!(?i:sa|sd|ss))[A-Za-z]{2})(?![A-Za-z])"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>(?:19|20)\d{2})\b")
# 1985-03-12, not part of a longer number such as an order number (2010-11-12-345).
_ISO_DATE = re.compile(r"(?<![\w\-])(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\w|-\d)")
_WRITTEN_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS})\.? (?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE
)
_BIRTH_WORDS = re.compile(r"\b(?:geboren|geb\.|geboortedatum|born|date of birth|dob)", re.IGNORECASE)
# A child's date of birth is too recent for the age rule; a word for a child shortly before gives it away.
_CHILD_WORDS = re.compile(
    r"\b(?:kind(?:je|eren)?|zoon(?:tje)?|zonen|dochter(?:s|tje)?|baby(?:'?s)?|leeftijd|jarig|"
    r"child(?:ren)?|sons?|daughters?)\b",
    re.IGNORECASE,
)
# An old date right after one of these words is the date of a decision, law or contract, not of a birth: the
# word followed by at most three words, within the same sentence ("besluit van", "huurcontract ingegaan op").
_CASE_WORDS = re.compile(
    r"\b(?:besluit|wet|regeling|sinds|per|vanaf|since|law|act|beleid|contract|huurcontract)\b"
    r"(?:[ ,]+[\w'\-]+){0,3}[ ,(]*$",
    re.IGNORECASE,
)
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
    found = []
    pos = 0
    while match := _IBAN.search(text, pos):
        candidate = match.group(0).strip()
        while not iban.is_valid(candidate) and " " in candidate and len(candidate) > _IBAN_MIN_LENGTH:
            candidate = candidate.rsplit(" ", 1)[0]
        if iban.is_valid(candidate):
            found.append(candidate)
            pos = match.start() + len(candidate)
        else:
            # Not an IBAN from here ("code ab12 NL91..."): look again from the next word, not after the match.
            pos = match.start() + 1
    return found


def _phones(text: str, ignore: set[str]) -> list[str]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        number = match.number
        if number.country_code != 31 or _digits(match.raw_string) in ignore:
            continue
        found.append(match.raw_string)
    return found


def _is_postcode_letters(letters: str) -> bool:
    return letters.isupper() or letters.lower() not in _NOT_POSTCODE_LETTERS


def _addresses(text: str) -> list[str]:
    matches = [m for m in _ADDRESS.finditer(text) if _is_postcode_letters(m.group("letters"))]
    for match in _NUMBER_THEN_POSTCODE.finditer(text):
        if not _is_postcode_letters(match.group("letters")):
            continue
        if not any(match.start() < other.end() and other.start() < match.end() for other in matches):
            matches.append(match)
    return [m.group(0).strip() for m in sorted(matches, key=lambda m: m.start())]


def _is_birth_date(before: str, year: int, today: datetime.date) -> bool:
    """Whether a date with `before` just in front of it is a date of birth."""
    if _BIRTH_WORDS.search(before):
        return True
    case_word = _CASE_WORDS.search(before)
    child_words = list(_CHILD_WORDS.finditer(before))
    if child_words and (case_word is None or child_words[-1].start() > case_word.start()):
        return True
    return case_word is None and year <= today.year - BIRTH_YEARS_AGO


def _is_real_date(match: re.Match) -> bool:
    try:
        datetime.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return False
    return True


def _birth_dates(text: str, today: datetime.date) -> list[str]:
    found = []
    for pattern in (_NUMERIC_DATE, _WRITTEN_DATE, _ISO_DATE):
        for match in pattern.finditer(text):
            # An ISO date is unambiguous, so one that does not exist (2019-20-21) is something else.
            if pattern is _ISO_DATE and not _is_real_date(match):
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            if _is_birth_date(before, int(match.group("year")), today):
                found.append(match)
    return [m.group(0) for m in sorted(found, key=lambda m: m.start())]


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
