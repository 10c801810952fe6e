import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import NetworkFactory
from verbond.outcomes.models import Direction, GoodExample, Indicator, IndicatorKind, Measurement


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    network = factory.SubFactory(NetworkFactory)
    kind = IndicatorKind.BETTER_OFF
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    direction = Direction.HIGHER
    baseline_value = Decimal("40")
    baseline_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    target_value = Decimal("80")
    target_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    owner = factory.SelfAttribute("network.lead")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    value = Decimal("50")
    source = "Registratie"


class GoodExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodExample

    network = factory.SubFactory(NetworkFactory)
    lesson = "Eén regisseur met doorzettingsmacht werkt."
    contact = "Projectleider, via de trekker"
