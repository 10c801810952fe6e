import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import Workbook

from tests.factories import NetworkFactory, UserFactory
from tests.outcomes.factories import IndicatorFactory, MeasurementFactory
from verbond.outcomes import services
from verbond.outcomes.models import Measurement

TODAY = timezone.localdate


def _indicator_fields(**overrides):
    fields = {
        "kind": "better_off",
        "name": "Huishoudens binnen 4 weken bereikt",
        "unit": "%",
        "direction": "higher",
        "baseline_value": Decimal(40),
        "baseline_date": TODAY() - datetime.timedelta(days=100),
        "target_value": Decimal(80),
        "target_date": TODAY() + datetime.timedelta(days=300),
    }
    return fields | overrides


def test_coordinator_of_a_participant_names_an_indicator_owned_by_their_organisation(coordinator, network):
    indicator = services.indicator_create(user=coordinator, network=network, **_indicator_fields())

    assert indicator.owner == coordinator.organisation
    assert indicator.network == network


def test_a_member_may_not_name_an_indicator(member, network):
    with pytest.raises(PermissionDenied):
        services.indicator_create(user=member, network=network, **_indicator_fields())


def test_an_outsider_may_not_name_an_indicator(stranger, network):
    with pytest.raises(PermissionDenied):
        services.indicator_create(user=stranger, network=network, **_indicator_fields())


@pytest.mark.parametrize(("direction", "target"), [("higher", 30), ("lower", 50)])
def test_a_target_on_the_worse_side_of_the_baseline_is_refused(coordinator, network, direction, target):
    with pytest.raises(ValidationError) as error:
        services.indicator_create(
            user=coordinator, network=network, **_indicator_fields(direction=direction, target_value=Decimal(target))
        )

    assert services.TARGET_WRONG_SIDE in error.value.message_dict["target_value"]


def test_indicator_names_are_unique_within_a_network(coordinator, network):
    services.indicator_create(user=coordinator, network=network, **_indicator_fields())

    with pytest.raises(ValidationError) as error:
        services.indicator_create(user=coordinator, network=network, **_indicator_fields(name="huishoudens BINNEN 4 weken bereikt"))

    assert services.NAME_TAKEN in error.value.message_dict["name"]


def test_only_the_owner_organisation_edits_its_indicator(network, other_organisation):
    partner = UserFactory(organisation=other_organisation, coordinator=True)
    network.participants.create(organisation=other_organisation)
    indicator = IndicatorFactory(network=network)

    with pytest.raises(PermissionDenied):
        services.indicator_update(user=partner, indicator=indicator, name="Anders")
    with pytest.raises(PermissionDenied):
        services.measurement_add(user=partner, indicator=indicator, date=TODAY(), value=Decimal(1))


def test_a_measurement_cannot_be_dated_in_the_future(coordinator, network):
    indicator = IndicatorFactory(network=network)

    with pytest.raises(ValidationError) as error:
        services.measurement_add(
            user=coordinator, indicator=indicator, date=TODAY() + datetime.timedelta(days=1), value=Decimal(50)
        )

    assert services.DATE_IN_FUTURE in error.value.message_dict["date"]


def test_a_second_measurement_on_the_same_date_is_refused(coordinator, network):
    indicator = IndicatorFactory(network=network)
    services.measurement_add(user=coordinator, indicator=indicator, date=TODAY(), value=Decimal(50))

    with pytest.raises(ValidationError) as error:
        services.measurement_add(user=coordinator, indicator=indicator, date=TODAY(), value=Decimal(51))

    assert services.DATE_ALREADY_MEASURED in error.value.message_dict["date"]


def test_a_correction_is_a_new_version_that_supersedes_the_old_one(coordinator, network):
    indicator = IndicatorFactory(network=network)
    original = services.measurement_add(user=coordinator, indicator=indicator, date=TODAY(), value=Decimal(50), source="eerste telling")

    correction = services.measurement_correct(user=coordinator, measurement=original, value=Decimal(52), source="hertelling")

    original.refresh_from_db()
    assert (correction.version, correction.value, correction.date) == (2, Decimal(52), original.date)
    assert original.value == Decimal(50)
    assert original.superseded_by == correction
    assert list(indicator.measurements.current()) == [correction]
    assert indicator.measurements.count() == 2


def test_a_superseded_version_cannot_be_corrected_again(coordinator, network):
    original = MeasurementFactory(indicator=IndicatorFactory(network=network))
    services.measurement_correct(user=coordinator, measurement=original, value=Decimal(52))

    with pytest.raises(ValidationError):
        services.measurement_correct(user=coordinator, measurement=original, value=Decimal(53))


def test_import_adds_corrects_and_leaves_equal_values_alone(coordinator, network):
    indicator = IndicatorFactory(network=network, name="Bereik")
    MeasurementFactory(indicator=indicator, date=datetime.date(2025, 1, 31), value=Decimal(40))
    MeasurementFactory(indicator=indicator, date=datetime.date(2025, 2, 28), value=Decimal(45))
    content = "indicator;date;value;source\nBereik;31-01-2025;40;x\nbereik;2025-02-28;46,5;hertelling\nBereik;2025-03-31;50;\n"

    result = services.measurements_import(user=coordinator, network=network, file_name="m.csv", content=content.encode())

    assert (result.added, result.corrected, result.unchanged, result.errors) == (1, 1, 1, [])
    current = {m.date: (m.value, m.version) for m in indicator.measurements.current()}
    assert current[datetime.date(2025, 2, 28)] == (Decimal("46.5"), 2)
    assert current[datetime.date(2025, 3, 31)] == (Decimal(50), 1)


def test_import_is_all_or_nothing_with_row_level_errors(coordinator, network):
    IndicatorFactory(network=network, name="Bereik")
    future = (TODAY() + datetime.timedelta(days=10)).isoformat()
    content = (
        "indicator,date,value\n"
        "Bereik,2025-01-31,40\n"
        "Onbekend,2025-01-31,40\n"
        f"Bereik,{future},41\n"
        "Bereik,31 januari,veel\n"
        "Bereik,2025-01-31,42\n"
        ",,\n"
        "Bereik,,3\n"
    )

    result = services.measurements_import(user=coordinator, network=network, file_name="m.csv", content=content.encode())

    assert not result.ok
    assert sorted({e.row for e in result.errors}) == [3, 4, 5, 6, 8]
    assert any("Onbekend" in e.message for e in result.errors if e.row == 3)
    assert any("future" in e.message for e in result.errors if e.row == 4)
    assert sum(1 for e in result.errors if e.row == 5) == 2  # bad date and bad value, both reported
    assert any("row 2" in e.message for e in result.errors if e.row == 6)
    assert Measurement.objects.count() == 0


def test_import_reads_excel(coordinator, network):
    IndicatorFactory(network=network, name="Uitzettingen", direction="lower", baseline_value=20, target_value=5)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indicator", "Datum", "Waarde"])
    sheet.append(["Uitzettingen", datetime.datetime(2025, 6, 30), 12])
    sheet.append(["Uitzettingen", datetime.date(2025, 12, 31), 9.5])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = services.measurements_import(user=coordinator, network=network, file_name="m.xlsx", content=buffer.getvalue())

    assert result.ok and result.added == 2
    assert sorted(Measurement.objects.values_list("value", flat=True)) == [Decimal("9.5"), Decimal(12)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.csv", b"foo,bar\n1,2\n", services.FILE_NO_HEADER),
        ("m.csv", b"", services.FILE_EMPTY),
        ("m.xlsx", b"not a workbook", services.FILE_UNREADABLE),
    ],
)
def test_import_of_a_bad_file_says_what_is_wrong(coordinator, network, name, content, message):
    with pytest.raises(ValidationError) as error:
        services.measurements_import(user=coordinator, network=network, file_name=name, content=content)

    assert error.value.messages == [str(message)]


def test_import_refuses_indicators_of_another_owner(coordinator, network, other_organisation):
    network.participants.create(organisation=other_organisation)
    IndicatorFactory(network=network, name="Van de gemeente", owner=other_organisation)

    result = services.measurements_import(
        user=coordinator, network=network, file_name="m.csv", content=b"indicator,date,value\nVan de gemeente,2025-01-01,3\n"
    )

    assert [e.row for e in result.errors] == [2]


def test_an_outsider_cannot_import(stranger):
    network = NetworkFactory()

    with pytest.raises(PermissionDenied):
        services.measurements_import(user=stranger, network=network, file_name="m.csv", content=b"indicator,date,value\n")
