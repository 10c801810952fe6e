"""Writes for results and the library. Each checks who may do it, validates and runs in one transaction."""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import User
from verbond.accounts.permissions import can_decide, can_edit_register
from verbond.core.concurrency import lock_unchanged
from verbond.networks.models import Network
from verbond.outcomes.models import ExampleConsent, GoodExample, Indicator, Measurement
from verbond.outcomes.progress import target_on_the_better_side

NOT_A_PARTICIPANT_EDITOR = _(
    "Only coordinators and executives of an organisation that takes part in this network may do this."
)
NOT_THE_OWNER = _("Only coordinators and executives of the owner organisation may change this indicator.")
ONLY_EXECUTIVES_CONSENT = _("Only an executive of a participating organisation may give or withdraw consent.")
TARGET_WRONG_SIDE = _("The target lies on the worse side of the baseline for this direction.")
TARGET_BEFORE_BASELINE = _("The target date cannot lie before the baseline date.")
DATE_IN_FUTURE = _("A measurement cannot be dated in the future.")
DATE_ALREADY_MEASURED = _("There is already a measurement on this date; correct that one instead.")
ALREADY_CORRECTED = _("This measurement has already been corrected; correct the newest version.")
NAME_TAKEN = _("This network already has an indicator with this name.")
NO_CHANGE = _("The correction is the same as the current value and source.")
EXAMPLE_REQUIRED = _("Write the lesson learned and a contact before consent can be given.")

ROW_UNKNOWN_INDICATOR = _("unknown indicator “%(name)s” in this network")
ROW_NOT_OWNER = _("indicator “%(name)s” is kept by another organisation")
ROW_BAD_DATE = _("“%(value)s” is not a date (use YYYY-MM-DD or DD-MM-YYYY)")
ROW_FUTURE_DATE = _("the date %(value)s lies in the future")
ROW_BAD_VALUE = _("“%(value)s” is not a number")
ROW_MISSING = _("indicator, date and value are required")
ROW_DUPLICATE = _("the same indicator and date appear earlier in the file (row %(row)s)")
FILE_UNREADABLE = _("The file could not be read. Upload a CSV (comma or semicolon separated) or an Excel file (.xlsx).")
FILE_NO_HEADER = _("The first row must name the columns indicator, date and value.")
FILE_EMPTY = _("The file has no measurements.")


def can_add_indicator(*, user: User, network: Network) -> bool:
    """Coordinators and executives of any participating organisation may name indicators."""
    return can_edit_register(user) and network.participants.filter(organisation_id=user.organisation_id).exists()


def can_edit_indicator(*, user: User, indicator: Indicator) -> bool:
    """The owner organisation keeps its indicator and its measurements."""
    return can_edit_register(user) and user.organisation_id == indicator.owner_id


def _check_indicator(indicator: Indicator) -> None:
    errors: dict[str, list] = {}
    if (
        indicator.baseline_value is not None
        and indicator.target_value is not None
        and not target_on_the_better_side(
            baseline=indicator.baseline_value, target=indicator.target_value, direction=indicator.direction
        )
    ):
        errors["target_value"] = [TARGET_WRONG_SIDE]
    if indicator.baseline_date and indicator.target_date and indicator.target_date < indicator.baseline_date:
        errors["target_date"] = [TARGET_BEFORE_BASELINE]
    if (
        indicator.network_id
        and Indicator.objects.filter(network_id=indicator.network_id, name__iexact=indicator.name.strip())
        .exclude(pk=indicator.pk)
        .exists()
    ):
        errors["name"] = [NAME_TAKEN]
    indicator.name = indicator.name.strip()
    try:
        indicator.full_clean(validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


INDICATOR_FIELDS = (
    "kind",
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
)


@transaction.atomic
def indicator_create(*, user: User, network: Network, **fields: object) -> Indicator:
    """Name a result of the network; the user's organisation owns it."""
    if not can_add_indicator(user=user, network=network):
        raise PermissionDenied(NOT_A_PARTICIPANT_EDITOR)
    indicator = Indicator(
        network=network,
        owner_id=user.organisation_id,
        created_by=user,
        **{name: value for name, value in fields.items() if name in INDICATOR_FIELDS},
    )
    _check_indicator(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(
    *, user: User, indicator: Indicator, edit_stamp: str | None = None, **fields: object
) -> Indicator:
    """Change an indicator's definition (its measurements keep their history); refuses a stale edit."""
    if not can_edit_indicator(user=user, indicator=indicator):
        raise PermissionDenied(NOT_THE_OWNER)
    indicator = lock_unchanged(Indicator.objects.all(), pk=indicator.pk, stamp=edit_stamp)
    for name, value in fields.items():
        if name in INDICATOR_FIELDS:
            setattr(indicator, name, value)
    _check_indicator(indicator)
    indicator.save()
    return indicator


def _check_date(date: datetime.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": [DATE_IN_FUTURE]})


@transaction.atomic
def measurement_add(
    *, user: User, indicator: Indicator, date: datetime.date, value: Decimal, source: str = ""
) -> Measurement:
    """Record a value on a date; a date that already has one must be corrected instead."""
    if not can_edit_indicator(user=user, indicator=indicator):
        raise PermissionDenied(NOT_THE_OWNER)
    _check_date(date)
    if indicator.measurements.current().filter(date=date).exists():
        raise ValidationError({"date": [DATE_ALREADY_MEASURED]})
    measurement = Measurement(indicator=indicator, date=date, value=value, source=source.strip(), recorded_by=user)
    measurement.full_clean(exclude=["superseded_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            measurement.save()
    except IntegrityError as error:
        raise ValidationError({"date": [DATE_ALREADY_MEASURED]}) from error
    return measurement


def _supersede(*, previous: Measurement, value: Decimal, source: str, user: User) -> Measurement:
    correction = Measurement(
        indicator_id=previous.indicator_id,
        date=previous.date,
        value=value,
        source=source,
        version=previous.version + 1,
        recorded_by=user,
    )
    correction.full_clean(exclude=["superseded_by", "indicator"], validate_constraints=False)
    previous.superseded_at = timezone.now()
    previous.save(update_fields=["superseded_at"])
    correction.save()
    previous.superseded_by = correction
    previous.save(update_fields=["superseded_by"])
    return correction


@transaction.atomic
def measurement_correct(*, user: User, measurement: Measurement, value: Decimal, source: str = "") -> Measurement:
    """Correct a value: a new version supersedes the old one, which stays in the history."""
    if not can_edit_indicator(user=user, indicator=measurement.indicator):
        raise PermissionDenied(NOT_THE_OWNER)
    previous = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if previous.superseded_at is not None:
        raise ValidationError(ALREADY_CORRECTED)
    source = source.strip()
    if previous.value == value and previous.source == source:
        raise ValidationError({"value": [NO_CHANGE]})
    return _supersede(previous=previous, value=value, source=source, user=user)


# --- import -------------------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportResult:
    added: int = 0
    corrected: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


HEADERS = {
    "indicator": "indicator",
    "indicatorname": "indicator",
    "name": "indicator",
    "naam": "indicator",
    "date": "date",
    "datum": "date",
    "value": "value",
    "waarde": "value",
    "source": "source",
    "bron": "source",
}


def _read_table(*, file_name: str, content: bytes) -> list[list[object]]:
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
            raise ValidationError(FILE_UNREADABLE) from error
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise ValidationError(FILE_UNREADABLE) from error


def _parse_date(raw: object) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def _parse_value(raw: object) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = str(raw).strip().replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")  # Dutch thousands separator
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _blank(raw: object) -> bool:
    return raw is None or str(raw).strip() == ""


@transaction.atomic
def measurements_import(*, user: User, network: Network, file_name: str, content: bytes) -> ImportResult:
    """Import measurements (indicator, date, value[, source]) all or nothing; errors name their row.

    A row for a date that already has a different value becomes a correction (a new version); an equal value
    is left alone, so importing the same list twice changes nothing.
    """
    if not can_add_indicator(user=user, network=network):
        raise PermissionDenied(NOT_A_PARTICIPANT_EDITOR)
    # Keep the spreadsheet's own row numbers (1-based) so errors point at the right line; skip empty rows.
    table = [
        (number, row)
        for number, row in enumerate(_read_table(file_name=file_name, content=content), start=1)
        if any(not _blank(c) for c in row)
    ]
    if not table:
        raise ValidationError(FILE_EMPTY)
    columns = {}
    for position, cell in enumerate(table[0][1]):
        key = HEADERS.get("".join(str(cell or "").lower().split()))
        if key and key not in columns:
            columns[key] = position
    if not {"indicator", "date", "value"} <= columns.keys():
        raise ValidationError(FILE_NO_HEADER)
    if len(table) == 1:
        raise ValidationError(FILE_EMPTY)

    indicators = {i.name.casefold(): i for i in network.indicators.all()}
    current = {
        (m.indicator_id, m.date): m
        for m in Measurement.objects.current().filter(indicator__network=network).select_for_update()
    }
    today = timezone.localdate()
    result = ImportResult()
    planned: list[tuple[Indicator, datetime.date, Decimal, str]] = []
    seen: dict[tuple[int, datetime.date], int] = {}

    def cell(row: list[object], key: str) -> object:
        position = columns.get(key)
        return row[position] if position is not None and position < len(row) else None

    for number, row in table[1:]:
        raw_name, raw_date, raw_value = cell(row, "indicator"), cell(row, "date"), cell(row, "value")
        if _blank(raw_name) or _blank(raw_date) or _blank(raw_value):
            result.errors.append(RowError(number, str(ROW_MISSING)))
            continue
        name = str(raw_name).strip()
        indicator = indicators.get(name.casefold())
        date = _parse_date(raw_date)
        value = _parse_value(raw_value)
        problems = []
        if indicator is None:
            problems.append(ROW_UNKNOWN_INDICATOR % {"name": name})
        elif indicator.owner_id != user.organisation_id:
            problems.append(ROW_NOT_OWNER % {"name": name})
        if date is None:
            problems.append(ROW_BAD_DATE % {"value": raw_date})
        elif date > today:
            problems.append(ROW_FUTURE_DATE % {"value": date.isoformat()})
        if value is None or abs(value) >= Decimal("1e10"):
            problems.append(ROW_BAD_VALUE % {"value": raw_value})
        if not problems:
            key = (indicator.pk, date)
            if key in seen:
                problems.append(ROW_DUPLICATE % {"row": seen[key]})
            seen.setdefault(key, number)
        if problems:
            result.errors.extend(RowError(number, str(problem)) for problem in problems)
            continue
        source = str(cell(row, "source") or "").strip()[:300]
        planned.append((indicator, date, value, source))
    if result.errors:
        return result

    for indicator, date, value, source in planned:
        previous = current.get((indicator.pk, date))
        if previous is None:
            Measurement.objects.create(indicator=indicator, date=date, value=value, source=source, recorded_by=user)
            result.added += 1
        elif previous.value == value:
            result.unchanged += 1
        else:
            _supersede(previous=previous, value=value, source=source or previous.source, user=user)
            result.corrected += 1
    return result


# --- library of good examples ---------------------------------------------------------------------------------


def _require_participant(user: User, network: Network) -> None:
    if not network.participants.filter(organisation_id=user.organisation_id).exists():
        raise PermissionDenied(NOT_A_PARTICIPANT_EDITOR)


@transaction.atomic
def example_save(*, user: User, network: Network, lesson: str, contact: str) -> GoodExample:
    """Write or change the network's story for the library (it is shared only once everyone consents).

    Changing the lesson or the contact clears every consent: nobody agreed to the new text yet. The returned
    example's `consents_cleared` says how many consents that withdrew.
    """
    if not can_edit_register(user):
        raise PermissionDenied(NOT_A_PARTICIPANT_EDITOR)
    _require_participant(user, network)
    example = GoodExample.objects.select_for_update().filter(network=network).first() or GoodExample(network=network)
    changed = example.pk is not None and (example.lesson, example.contact) != (lesson.strip(), contact.strip())
    example.lesson = lesson.strip()
    example.contact = contact.strip()
    example.updated_by = user
    example.full_clean()
    example.save()
    example.consents_cleared = ExampleConsent.objects.filter(network=network).delete()[0] if changed else 0
    return example


@transaction.atomic
def example_consent(*, user: User, network: Network) -> ExampleConsent:
    """The executive's consent, for the whole organisation, to share the network as a good example as it reads now."""
    if not can_decide(user):
        raise PermissionDenied(ONLY_EXECUTIVES_CONSENT)
    _require_participant(user, network)
    example = GoodExample.objects.select_related("network").filter(network=network).first()
    if example is None:
        raise ValidationError(EXAMPLE_REQUIRED)
    consent, _created = ExampleConsent.objects.update_or_create(
        network=network,
        organisation_id=user.organisation_id,
        defaults={"given_by": user, "text_digest": example.shared_text_digest()},
    )
    return consent


@transaction.atomic
def example_withdraw(*, user: User, network: Network) -> None:
    """Withdraw the organisation's consent: the example leaves the library at once."""
    if not can_decide(user):
        raise PermissionDenied(ONLY_EXECUTIVES_CONSENT)
    _require_participant(user, network)
    ExampleConsent.objects.filter(network=network, organisation_id=user.organisation_id).delete()
