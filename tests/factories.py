"""Factories for the foundation's models. Apps keep their own in tests/<app>/factories.py."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from verbond.accounts.models import Role, User
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Challenge, Level, Network, Participant, ParticipantRole, Participation
from verbond.organisations.models import Organisation, OrganisationKind

PASSWORD = "a-long-test-password-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = OrganisationKind.HOUSING_ASSOCIATION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        executive = factory.Trait(role=Role.EXECUTIVE)
        coordinator = factory.Trait(role=Role.COORDINATOR)
        admin = factory.Trait(role=Role.ADMIN)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Opgave {n}")
    slug = factory.Sequence(lambda n: f"opgave-{n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    """A network led by `lead`; the lead takes part as lead."""

    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    purpose = "Samen iets bereiken voor bewoners."
    level = Level.TACTICAL
    lead = factory.SubFactory(OrganisationFactory)
    registered_by = factory.SelfAttribute("lead")

    @factory.post_generation
    def lead_participates(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            Participant.objects.get_or_create(network=obj, organisation=obj.lead, defaults={"role": ParticipantRole.LEAD})

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):  # noqa: N805
        """NetworkFactory(participants=[org, ...]) adds participants."""
        for organisation in extracted or []:
            Participant.objects.get_or_create(network=obj, organisation=organisation)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ParticipantRole.PARTICIPANT


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    hours_per_month = Decimal("4")
    costs_per_year = Decimal("1000")
    representatives = "Beleidsadviseur"


class DecisionFactory(factory.django.DjangoModelFactory):
    """A current decision; use the service to supersede one."""

    class Meta:
        model = Decision

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = DecisionKind.NO
    decided_on = factory.LazyFunction(timezone.localdate)
    reason = "Geen gedeelde urgentie."

    class Params:
        committed = factory.Trait(
            kind=DecisionKind.COMMITTED_YES,
            gate_urgency=True,
            gate_courage=True,
            gate_reciprocity=True,
            put_in_hours_per_month=Decimal("8"),
            reason="",
        )
        conditional_expired = factory.Trait(
            kind=DecisionKind.CONDITIONAL_YES,
            conditions="Eerst een resultaatafspraak.",
            decided_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60)),
            deadline=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1)),
            reason="",
        )
