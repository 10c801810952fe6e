"""Factories for assessments. A round gets the default eight criteria unless told otherwise."""

import datetime

import factory
from django.utils import timezone

from tests.factories import NetworkFactory
from verbond.assessments.models import Answer, Respondent, Round, RoundCriterion
from verbond.assessments.services import DEFAULT_CRITERIA


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.lead")
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))

    class Params:
        closed = factory.Trait(
            closes_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1)),
            closed_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def criteria(obj, create, extracted, **kwargs):  # noqa: N805
        """RoundFactory(criteria=[("urgency", 2), ...]) sets keys and weights; default: the eight, weight 1."""
        if not create:
            return
        wanted = extracted if extracted is not None else [(key, 1) for key, *_rest in DEFAULT_CRITERIA]
        names = {key: (nl, en) for key, nl, en, *_rest in DEFAULT_CRITERIA}
        for position, (key, weight) in enumerate(wanted):
            nl, en = names.get(key, (key.title(), key.title()))
            RoundCriterion.objects.create(
                round=obj, key=key, name_nl=nl, name_en=en, statement_nl=nl, statement_en=en, weight=weight, position=position
            )


class RespondentFactory(factory.django.DjangoModelFactory):
    """A respondent who has sent their answers; pass organisation= for a partner."""

    class Meta:
        model = Respondent

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Respondent {n}")
    email = factory.Sequence(lambda n: f"respondent{n}@example.org")
    organisation = factory.SelfAttribute("round.organisation")
    invited_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)


def answer(respondent: Respondent, **scores: int | None | tuple[int | None, str]) -> None:
    """answer(respondent, urgency=4, results=(2, "comment"), mandate=None) — None is "don't know"."""
    criteria = {c.key: c for c in respondent.round.criteria.all()}
    for key, value in scores.items():
        score, comment = value if isinstance(value, tuple) else (value, "")
        Answer.objects.create(respondent=respondent, criterion=criteria[key], score=score, comment=comment)
