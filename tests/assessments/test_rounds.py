"""Criteria, opening rounds, permissions and isolation, and fixed query counts."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.assessments.factories import RespondentFactory, RoundFactory, answer
from tests.factories import NetworkFactory, OrganisationFactory, ParticipationFactory, UserFactory
from verbond.assessments import services
from verbond.assessments.models import Criterion, RoundCriterion

NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


def test_an_organisation_starts_with_the_default_eight_criteria_in_dutch_and_english(client_for, member, organisation):
    response = client_for(member).get(reverse("assessments:criteria"))

    criteria = list(Criterion.objects.filter(organisation=organisation))
    assert [c.key for c in criteria] == [
        "urgency", "residents", "courage", "professionals", "dependence", "reciprocity", "mandate", "results"
    ]
    assert (criteria[0].name_nl, criteria[0].name_en) == ("Gedeelde urgentie", "Shared urgency")
    assert all(c.statement_nl and c.statement_en and c.weight == 1 for c in criteria)
    assert "Shared urgency" in response.content.decode()


def test_changed_criteria_apply_to_new_rounds_only(coordinator, network):
    first = services.round_open(user=coordinator, network=network, closes_on=NEXT_WEEK)
    urgency = Criterion.objects.get(organisation=coordinator.organisation, key="urgency")

    services.criterion_save(user=coordinator, criterion=urgency, name_nl="Urgentie", weight=3)
    services.criterion_save(
        user=coordinator, key="learning", name_nl="Leren", statement_nl="We leren van elkaar.", weight=1, position=90
    )
    second = services.round_open(user=coordinator, network=network, closes_on=NEXT_WEEK)

    old = first.criteria.get(key="urgency")
    assert (old.name_nl, old.weight) == ("Gedeelde urgentie", 1)
    assert first.criteria.count() == 8
    assert (second.criteria.get(key="urgency").name_nl, second.criteria.get(key="urgency").weight) == ("Urgentie", 3)
    assert second.criteria.count() == 9


def test_a_criterion_key_is_unique_per_organisation(coordinator, client_for):
    services.criteria_ensure_defaults(organisation=coordinator.organisation)

    response = client_for(coordinator).post(
        reverse("assessments:criterion_create"),
        {"key": "urgency", "name_nl": "Dubbel", "statement_nl": "x", "weight": "1", "position": "1", "active": "on"},
    )

    assert response.status_code == 200
    assert "already has a criterion with this key" in response.content.decode()


def test_a_coordinator_opens_a_round_with_colleagues_and_partner_contacts(client_for, coordinator, member, organisation):
    partner = OrganisationFactory(name="GGZ Partner")
    network = NetworkFactory(lead=organisation, participants=[partner])
    member.email = "sanne@example.org"
    member.save()

    response = client_for(coordinator).post(
        reverse("assessments:round_create", args=[network.pk]),
        {
            "title": "Jaarlijkse toets",
            "closes_on": NEXT_WEEK.isoformat(),
            "colleagues": [member.pk],
            "contact-TOTAL_FORMS": "2",
            "contact-INITIAL_FORMS": "0",
            "contact-0-name": "Piet Partner",
            "contact-0-email": "piet@example.org",
            "contact-0-organisation": partner.pk,
        },
    )

    round_ = network.assessment_rounds.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:round", args=[round_.pk])
    assert sorted(r.email for r in round_.respondents.all()) == ["piet@example.org", "sanne@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == ["piet@example.org", "sanne@example.org"]
    assert RoundCriterion.objects.filter(round=round_).count() == 8


@pytest.mark.parametrize(
    ("closes_on", "message"),
    [(timezone.localdate() - datetime.timedelta(days=1), "today or later"), (timezone.localdate() + datetime.timedelta(days=400), "at most a year")],
)
def test_a_bad_closing_date_is_explained(client_for, coordinator, network, closes_on, message):
    response = client_for(coordinator).post(
        reverse("assessments:round_create", args=[network.pk]),
        {"closes_on": closes_on.isoformat(), "contact-TOTAL_FORMS": "0", "contact-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not network.assessment_rounds.exists()


def test_a_partner_contact_must_work_for_a_participant(coordinator, network):
    outsider = OrganisationFactory()

    with pytest.raises(ValidationError, match="takes part"):
        services.round_open(
            user=coordinator,
            network=network,
            closes_on=NEXT_WEEK,
            contacts=[services.Contact(name="X", email="x@example.org", organisation=outsider)],
        )


def test_the_same_person_cannot_be_invited_twice(coordinator, network, other_organisation):
    network.participants.create(organisation=other_organisation)
    contact = services.Contact(name="X", email="x@example.org", organisation=other_organisation)
    round_ = services.round_open(user=coordinator, network=network, closes_on=NEXT_WEEK, contacts=[contact])

    with pytest.raises(ValidationError, match="already been invited"):
        services.respondents_add(user=coordinator, round=round_, contacts=[contact])


def test_a_member_cannot_open_or_close_a_round(client_for, member, network):
    round_ = RoundFactory(network=network)

    assert client_for(member).get(reverse("assessments:round_create", args=[network.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.round_open(user=member, network=network, closes_on=NEXT_WEEK)
    with pytest.raises(PermissionDenied):
        services.round_close(user=member, round=round_)


@pytest.mark.parametrize("url_name", ["round", "results", "answer_own"])
def test_a_user_of_another_organisation_cannot_open_the_round_or_its_results(client_for, stranger, network, url_name):
    round_ = RoundFactory(network=network)

    response = client_for(stranger).get(reverse(f"assessments:{url_name}", args=[round_.pk]))

    assert response.status_code == 404


def test_a_partner_in_the_network_cannot_see_our_round_either(client_for, network, other_organisation):
    network.participants.create(organisation=other_organisation)
    partner_user = UserFactory(organisation=other_organisation, coordinator=True)
    round_ = RoundFactory(network=network)
    client = client_for(partner_user)

    assert client.get(reverse("assessments:results", args=[round_.pk])).status_code == 404
    assert client.post(reverse("assessments:close", args=[round_.pk])).status_code == 404
    assert round_.pk not in [r.round.pk for r in client.get(reverse("assessments:index")).context["rows"]]


def test_a_stranger_cannot_open_a_round_on_a_network_it_is_not_in(client_for, stranger, network):
    response = client_for(stranger).get(reverse("assessments:round_create", args=[network.pk]))

    assert response.status_code == 404


def test_the_round_page_shows_who_answered_but_not_what(client_for, coordinator, network):
    round_ = RoundFactory(network=network)
    done = RespondentFactory(round=round_, name="Anna Antwoord")
    RespondentFactory(round=round_, name="Bert Nog Niet", submitted_at=None)
    answer(done, urgency=(2, "Heel persoonlijk oordeel"))

    body = client_for(coordinator).get(reverse("assessments:round", args=[round_.pk])).content.decode()

    assert "Anna Antwoord" in body and "Bert Nog Niet" in body
    assert "not yet" in body
    assert "Heel persoonlijk oordeel" not in body


def test_the_results_page_shows_figures_chart_and_hides_a_small_partner_group(client_for, executive, network, other_organisation):
    network.participants.create(organisation=other_organisation)
    round_ = RoundFactory(network=network, closed=True, criteria=[("urgency", 1)])
    for score in (4, 4, 5):
        answer(RespondentFactory(round=round_), urgency=score)
    for score in (1, 2):
        answer(RespondentFactory(round=round_, organisation=other_organisation), urgency=score)

    body = client_for(executive).get(reverse("assessments:results", args=[round_.pk])).content.decode()

    assert "<svg" in body
    table = body[body.index('id="scores"') :]
    table = table[: table.index("</section>")]
    assert "4.3" in table  # ours: 13 / 3
    assert "fewer than 3" in table
    assert "1.5" not in table  # the partners' mean
    assert "3.2" not in table  # everyone's mean (16 / 5), which would reveal it by subtraction


def _rounds(network, organisation, partner, count):
    for _ in range(count):
        round_ = RoundFactory(network=network, partner_ratings=True, closed=True)
        for org in (organisation, partner, partner, partner):
            answer(RespondentFactory(round=round_, organisation=org), urgency=4, results=3)


def test_the_rounds_list_uses_a_fixed_number_of_queries(client_for, executive, network, other_organisation, organisation):
    network.participants.create(organisation=other_organisation)
    client = client_for(executive)
    _rounds(network, organisation, other_organisation, 2)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("assessments:index"))

    _rounds(network, organisation, other_organisation, 6)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("assessments:index"))

    assert len(response.context["rows"]) == 8
    assert len(large) == len(small)


def test_the_portfolio_heat_map_uses_a_fixed_number_of_queries(client_for, executive, organisation, other_organisation):
    client = client_for(executive)

    def build(count):
        for _ in range(count):
            network = NetworkFactory(lead=organisation, participants=[other_organisation])
            ParticipationFactory(network=network, organisation=organisation)
            _rounds(network, organisation, other_organisation, 1)

    build(2)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("networks:portfolio"))
    build(6)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("networks:portfolio"))

    body = response.content.decode()
    assert "where are the weak spots" in body
    assert body.count('class="heat-cell') == 8 * 9
    assert len(large) == len(small)


def test_the_network_page_shows_the_assessment_with_a_fixed_number_of_queries(client_for, executive, network, organisation, other_organisation):
    network.participants.create(organisation=other_organisation)
    client = client_for(executive)
    _rounds(network, organisation, other_organisation, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("networks:detail", args=[network.pk]))
    _rounds(network, organisation, other_organisation, 4)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("networks:detail", args=[network.pk]))

    body = response.content.decode()
    assert 'id="assessment-panel"' in body and "<svg" in body
    assert "Change since the previous round" in body
    assert len(large) == len(small)


def test_the_decision_form_shows_the_latest_assessment(client_for, executive, network, organisation, other_organisation):
    network.participants.create(organisation=other_organisation)
    _rounds(network, organisation, other_organisation, 1)

    body = client_for(executive).get(reverse("decisions:decide", args=[network.pk])).content.decode()

    assert "Latest assessment" in body
    assert "Shared urgency" in body  # the criterion row next to the gates


def test_another_organisations_rounds_do_not_reach_our_panels(client_for, stranger, network, organisation, other_organisation):
    network.participants.create(organisation=other_organisation)
    _rounds(network, organisation, other_organisation, 1)

    body = client_for(stranger).get(reverse("networks:detail", args=[network.pk])).content.decode()

    assert "This network has not been assessed by us yet" in body
