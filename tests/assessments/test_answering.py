"""Personal links and the answer sheet: no account, save and come back, friendly refusals, rate limiting."""

import datetime
import hashlib
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.assessments.factories import RespondentFactory, RoundFactory
from tests.factories import NetworkFactory, OrganisationFactory
from verbond.assessments import services, throttle
from verbond.assessments.models import Answer, PartnerRating, Respondent


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Zorggroep Partner")


@pytest.fixture
def opened(coordinator, organisation, partner):
    """A round opened by the coordinator with one partner contact; returns (round, respondent, token)."""
    network = NetworkFactory(lead=organisation, name="Geheim Netwerk Noord", participants=[partner])
    round_ = services.round_open(
        user=coordinator,
        network=network,
        closes_on=timezone.localdate() + datetime.timedelta(days=7),
        partner_ratings=True,
        contacts=[services.Contact(name="Petra Partner", email="Petra@Example.org", organisation=partner)],
    )
    respondent = round_.respondents.get()
    token = re.search(r"/assessments/a/([\w-]+)/", mail.outbox[-1].body).group(1)
    return round_, respondent, token


def _url(token):
    return reverse("assessments:answer", args=[token])


def _sheet(round_, score="4", action="save", **extra):
    data = {"action": action}
    for criterion in round_.criteria.all():
        data[f"score_{criterion.pk}"] = score
        data[f"comment_{criterion.pk}"] = ""
    data.update(extra)
    return data


def test_invitation_e_mails_a_personal_link_and_stores_only_its_hash(opened):
    round_, respondent, token = opened

    message = mail.outbox[-1]

    assert message.to == ["petra@example.org"]
    assert "Geheim Netwerk Noord" in message.subject
    assert len(token) >= 40
    assert respondent.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Respondent.objects.filter(token_hash=token).exists()


def test_a_valid_link_opens_the_sheet_without_an_account(client, opened):
    round_, _respondent, token = opened

    response = client.get(_url(token))

    assert response.status_code == 200
    assert "Geheim Netwerk Noord" in response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"  # never sent to other sites; the own form keeps its Origin
    assert 'type="radio"' in response.content.decode()


def test_a_respondent_can_save_and_come_back(client, opened):
    round_, respondent, token = opened
    first = round_.criteria.first()

    response = client.post(_url(token), {"action": "save", f"score_{first.pk}": "2", f"comment_{first.pk}": "Te vaag"})
    again = client.get(_url(token))

    assert response.status_code == 302
    answer = Answer.objects.get(respondent=respondent)
    assert (answer.score, answer.comment) == (2, "Te vaag")
    respondent.refresh_from_db()
    assert respondent.submitted_at is None and respondent.saved_at is not None
    assert "Te vaag" in again.content.decode()
    assert again.content.decode().count(" checked") == 1


def test_sending_twice_keeps_one_answer_per_criterion(client, opened, partner):
    round_, respondent, token = opened
    data = _sheet(round_, action="submit")
    data[f"score_{round_.criteria.last().pk}"] = "dk"

    first = client.post(_url(token), data)
    second = client.post(_url(token), {**data, f"score_{round_.criteria.first().pk}": "5"})

    assert first.status_code == second.status_code == 200
    assert Answer.objects.filter(respondent=respondent).count() == round_.criteria.count()
    assert Answer.objects.get(respondent=respondent, criterion=round_.criteria.first()).score == 5
    assert Answer.objects.get(respondent=respondent, criterion=round_.criteria.last()).score is None
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None


def test_the_database_refuses_a_duplicate_answer(opened):
    round_, respondent, _token = opened
    criterion = round_.criteria.first()
    Answer.objects.create(respondent=respondent, criterion=criterion, score=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(respondent=respondent, criterion=criterion, score=4)


def test_a_concurrent_save_that_collides_is_retried_as_an_update(opened, monkeypatch):
    round_, respondent, _token = opened
    criterion = round_.criteria.first()
    original = Answer.objects.update_or_create
    calls = {"n": 0}

    def racing_update_or_create(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            # Another request saved the same answer between our read and our write.
            Answer.objects.create(respondent=respondent, criterion=criterion, score=1)
            raise IntegrityError("answer_unique_per_criterion")
        return original(**kwargs)

    monkeypatch.setattr(Answer.objects, "update_or_create", racing_update_or_create)

    services.answer_sheet_save(respondent=respondent, answers={criterion.pk: (4, "")})

    assert list(Answer.objects.filter(respondent=respondent).values_list("score", flat=True)) == [4]


def test_sending_an_incomplete_sheet_explains_what_is_missing(client, opened):
    round_, respondent, token = opened
    first = round_.criteria.first()

    response = client.post(_url(token), {"action": "submit", f"score_{first.pk}": "3"})

    assert response.status_code == 200
    assert "answer every statement" in response.content.decode()
    respondent.refresh_from_db()
    assert respondent.submitted_at is None


@pytest.mark.parametrize("bad", ["0", "6", "7", "x", "-1"])
def test_an_out_of_range_score_is_refused_with_a_message(client, opened, bad):
    round_, respondent, token = opened
    first = round_.criteria.first()

    response = client.post(_url(token), {"action": "save", f"score_{first.pk}": bad})

    assert response.status_code == 200
    assert "error-text" in response.content.decode()
    assert not Answer.objects.filter(respondent=respondent).exists()


def test_a_comment_needs_a_score_or_dont_know(client, opened):
    round_, _respondent, token = opened
    first = round_.criteria.first()

    response = client.post(_url(token), {"action": "save", f"comment_{first.pk}": "Alleen commentaar"})

    assert "to go with your comment" in response.content.decode()


def test_the_service_refuses_a_criterion_of_another_round_and_scores_out_of_range(opened):
    round_, respondent, _token = opened
    foreign = RoundFactory().criteria.first()
    own = round_.criteria.first()

    with pytest.raises(ValidationError, match="does not belong"):
        services.answer_sheet_save(respondent=respondent, answers={foreign.pk: (3, "")})
    with pytest.raises(ValidationError, match="whole number from 1 to 5"):
        services.answer_sheet_save(respondent=respondent, answers={own.pk: (9, "")})
    assert not Answer.objects.exists()


def test_partner_ratings_are_saved_for_other_participants_only(client, opened, organisation, partner):
    round_, respondent, token = opened
    data = _sheet(round_, **{f"reliability_{organisation.pk}": "4", f"contribution_{organisation.pk}": "2"})

    client.post(_url(token), data)

    rating = PartnerRating.objects.get(respondent=respondent)
    assert (rating.organisation, rating.reliability, rating.contribution) == (organisation, 4, 2)
    with pytest.raises(ValidationError):
        services.answer_sheet_save(respondent=respondent, answers={}, ratings={partner.pk: (5, 5)})


def _assert_reveals_nothing(response):
    body = response.content.decode()
    assert "Geheim Netwerk Noord" not in body
    assert "Petra" not in body
    assert "Zorggroep" not in body


def test_an_expired_link_gets_a_friendly_message(client, opened):
    round_, _respondent, token = opened
    round_.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    round_.save()

    response = client.get(_url(token))

    assert response.status_code == 410
    assert "This assessment is closed" in response.content.decode()
    _assert_reveals_nothing(response)


def test_a_link_reused_after_the_round_was_closed_cannot_change_answers(client, opened, coordinator):
    round_, respondent, token = opened
    client.post(_url(token), _sheet(round_, action="submit"))
    services.round_close(user=coordinator, round=round_)

    response = client.post(_url(token), _sheet(round_, score="1", action="submit"))

    assert response.status_code == 410
    _assert_reveals_nothing(response)
    assert set(Answer.objects.filter(respondent=respondent).values_list("score", flat=True)) == {4}
    with pytest.raises(ValidationError, match="closed"):
        services.answer_sheet_save(respondent=respondent, answers={})


@pytest.mark.parametrize("mangle", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t[:20], lambda t: "x" * 43])
def test_a_tampered_or_unknown_link_reveals_nothing(client, opened, mangle):
    _round, _respondent, token = opened

    response = client.get(_url(mangle(token)))

    assert response.status_code == 404
    assert "We do not recognise this link" in response.content.decode()
    _assert_reveals_nothing(response)


def test_guessing_links_is_rate_limited_per_address(client, opened):
    _round, _respondent, token = opened
    for attempt in range(throttle.MAX_FAILURES):
        assert client.get(_url(f"guess-{attempt}")).status_code == 404

    blocked = client.get(_url(token))
    elsewhere = client.get(_url(token), REMOTE_ADDR="10.0.0.9")

    assert blocked.status_code == 429
    _assert_reveals_nothing(blocked)
    assert elsewhere.status_code == 200


def test_a_reminder_replaces_the_link(client, opened):
    round_, respondent, old_token = opened
    Respondent.objects.filter(pk=respondent.pk).update(invited_at=timezone.now() - datetime.timedelta(days=5))

    services.reminders_send()
    new_token = re.search(r"/assessments/a/([\w-]+)/", mail.outbox[-1].body).group(1)

    assert new_token != old_token
    assert client.get(_url(old_token)).status_code == 404
    assert client.get(_url(new_token)).status_code == 200


def test_a_colleague_answers_while_logged_in(client_for, coordinator, organisation, member):
    network = NetworkFactory(lead=organisation)
    round_ = services.round_open(
        user=coordinator, network=network, closes_on=timezone.localdate(), colleagues=[member]
    )
    client = client_for(member)

    response = client.post(reverse("assessments:answer_own", args=[round_.pk]), _sheet(round_, action="submit"))

    assert response.status_code == 200
    assert Answer.objects.filter(respondent__user=member).count() == 8
    assert client_for(coordinator).get(reverse("assessments:answer_own", args=[round_.pk])).status_code == 404


def test_respondent_for_token_ignores_oversized_input(db):
    assert services.respondent_for_token("a" * 500) is None
    assert services.respondent_for_token("") is None
    assert RespondentFactory(token_hash=None).pk


def test_behind_a_proxy_guessing_is_counted_per_forwarded_client(client, opened, settings):
    """Behind the load balancer every request comes from its address; one guesser must not lock out the rest."""
    settings.VERBOND_PROXY_COUNT = 1
    _round, _respondent, token = opened
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for attempt in range(throttle.MAX_FAILURES):
        client.get(_url(f"guess-{attempt}"), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)

    guesser = client.get(_url(token), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    partner = client.get(_url(token), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy)

    assert guesser.status_code == 429
    assert partner.status_code == 200
