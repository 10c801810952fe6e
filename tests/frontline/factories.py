"""Factories for the front line: requests created directly (tests of the services use the services)."""

import datetime

import factory
from django.utils import timezone

from tests.factories import NetworkFactory, UserFactory
from verbond.frontline.models import Category, Request, Status, Step, Urgency
from verbond.networks.models import Level


class ExecutionAllianceFactory(NetworkFactory):
    level = Level.EXECUTION


class RequestFactory(factory.django.DjangoModelFactory):
    """A raised request; `raised_at`, `due_at`, `status` and the answer fields can be set for a scenario."""

    class Meta:
        model = Request
        skip_postgeneration_save = True

    network = factory.SubFactory(ExecutionAllianceFactory)
    raised_by = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..network.lead"))
    raised_by_organisation = factory.SelfAttribute("raised_by.organisation")
    routed_to = factory.SelfAttribute("network.lead")
    category = Category.RULE
    urgency = Urgency.NORMAL
    title = factory.Sequence(lambda n: f"Verzoek {n}")
    description = "Een regel staat goede hulp in de weg."
    status = Status.RAISED
    raised_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.raised_at + datetime.timedelta(days=14))

    @factory.post_generation
    def raised_step(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            Step.objects.create(request=obj, kind=Status.RAISED, at=obj.raised_at, by=obj.raised_by)
