import datetime
import json
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import DecisionFactory, NetworkFactory, OrganisationFactory, UserFactory
from verbond.decisions.models import DecisionKind


def _conditional(organisation, name, days_from_today):
    network = NetworkFactory(lead=organisation, name=name)
    today = timezone.localdate()
    return DecisionFactory(
        network=network,
        organisation=organisation,
        kind=DecisionKind.CONDITIONAL_YES,
        conditions="Eerst een resultaatafspraak.",
        decided_on=today - datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=days_from_today),
        reason="",
    )


def _remind(*args):
    out = StringIO()
    call_command("decisions", "remind", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_remind_mails_each_organisations_executives_about_past_and_near_deadlines(
    organisation, other_organisation
):
    UserFactory(organisation=organisation, executive=True, email="bestuur@vaart.example")
    UserFactory(organisation=organisation, executive=True, email="")  # no address: skipped
    UserFactory(organisation=organisation, coordinator=True, email="coordinator@vaart.example")
    UserFactory(organisation=other_organisation, executive=True, email="bestuur@elders.example")
    expired = _conditional(organisation, "Verlopen tafel", -1)
    _conditional(organisation, "Vandaag tafel", 0)
    _conditional(organisation, "Over twee weken", 14)
    _conditional(organisation, "Nog ver weg", 15)
    _conditional(other_organisation, "Hun verlopen tafel", -20)

    summary = _remind()

    assert len(mail.outbox) == 2
    ours = next(m for m in mail.outbox if m.to == ["bestuur@vaart.example"])
    assert "Verlopen tafel" in ours.body and "Vandaag tafel" in ours.body and "Over twee weken" in ours.body
    assert "Nog ver weg" not in ours.body
    assert "Hun verlopen tafel" not in ours.body  # never another organisation's decisions
    theirs = next(m for m in mail.outbox if m.to == ["bestuur@elders.example"])
    assert "Hun verlopen tafel" in theirs.body and "- Verlopen tafel (" not in theirs.body
    assert f"http://127.0.0.1:8000/networks/{expired.network_id}/decide/" in ours.body  # one click to decide
    by_name = {item["organisation"]: item for item in summary["organisations"]}
    assert by_name[organisation.name]["past_deadline"] == ["Verlopen tafel"]
    assert by_name[organisation.name]["due_soon"] == ["Vandaag tafel", "Over twee weken"]


def test_remind_ignores_decided_and_superseded_conditional_yeses(organisation):
    UserFactory(organisation=organisation, executive=True, email="bestuur@vaart.example")
    old = _conditional(organisation, "Later besloten", -5)
    old.superseded_at = timezone.now()
    old.save()
    DecisionFactory(network=NetworkFactory(lead=organisation), organisation=organisation, committed=True)

    summary = _remind()

    assert summary["organisations"] == []
    assert mail.outbox == []


def test_remind_dry_run_sends_nothing(organisation):
    UserFactory(organisation=organisation, executive=True, email="bestuur@vaart.example")
    _conditional(organisation, "Verlopen tafel", -3)

    summary = _remind("--dry-run")

    assert mail.outbox == []
    assert summary["organisations"][0]["sent"] is False


def test_remind_without_executives_with_email_reports_it(db):
    organisation = OrganisationFactory()
    _conditional(organisation, "Verlopen tafel", -3)
    out = StringIO()

    call_command("decisions", "remind", stdout=out)

    assert "no executive with e-mail" in out.getvalue()
    assert mail.outbox == []
