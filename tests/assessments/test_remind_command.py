import datetime
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.assessments.factories import RespondentFactory, RoundFactory

LONG_AGO = timezone.now() - datetime.timedelta(days=5)


def _remind(*args):
    out = StringIO()
    call_command("assessments", "remind", *args, stdout=out)
    return json.loads(out.getvalue())


def test_remind_e_mails_only_those_who_have_not_answered_an_open_round(network):
    open_round = RoundFactory(network=network)
    pending = RespondentFactory(round=open_round, email="wacht@example.org", submitted_at=None, invited_at=LONG_AGO)
    RespondentFactory(round=open_round, email="klaar@example.org", invited_at=LONG_AGO)
    RespondentFactory(round=open_round, email="net@example.org", submitted_at=None)  # invited today
    RespondentFactory(round=open_round, email="", submitted_at=None, invited_at=LONG_AGO)  # colleague without e-mail
    RespondentFactory(round=RoundFactory(network=network, closed=True), submitted_at=None, invited_at=LONG_AGO)

    result = _remind()

    assert result == {"action": "remind", "reminded": 1}
    assert [m.to for m in mail.outbox] == [["wacht@example.org"]]
    assert "Reminder" in mail.outbox[0].subject
    pending.refresh_from_db()
    assert pending.reminded_at is not None


def test_remind_waits_before_reminding_the_same_person_again(network):
    RespondentFactory(round=RoundFactory(network=network), submitted_at=None, invited_at=LONG_AGO)

    first = _remind()
    second = _remind()
    later = _remind("--min-days", "0")

    assert (first["reminded"], second["reminded"], later["reminded"]) == (1, 0, 1)


def test_remind_needs_a_known_action(db):
    with pytest.raises(CommandError):
        call_command("assessments", "forget")
