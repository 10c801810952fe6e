"""Factories for pledges and mandates. Use the services to change status: history is appended by them."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from verbond.commitments.models import Mandate, Pledge, PledgeKind, PledgeStatus


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = PledgeKind.HOURS
    description = factory.Sequence(lambda n: f"Toezegging {n}")
    quantity = Decimal("10")
    unit = "uren per maand"
    period_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    accountable_person = "Teamleider wijk"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = PledgeStatus.PLEDGED


class MandateFactory(factory.django.DjangoModelFactory):
    """A mandate granted by `granting_organisation`, decided by one of its executives."""

    class Meta:
        model = Mandate

    network = factory.SubFactory(NetworkFactory)
    granting_organisation = factory.SubFactory(OrganisationFactory)
    holder_organisation = factory.SelfAttribute("network.lead")
    team_or_role = "Wijkconsulenten"
    hours_per_week = Decimal("8")
    scope = "Inzet bij huishoudens met huurachterstand."
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    decided_by = factory.LazyAttribute(
        lambda o: UserFactory(organisation=o.granting_organisation, executive=True)
    )
