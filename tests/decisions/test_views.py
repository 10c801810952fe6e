import datetime

from django.urls import reverse
from django.utils import timezone

from verbond.decisions import services
from verbond.decisions.models import Decision


def test_the_decide_page_refuses_negative_hours_on_the_field(client_for, executive, network):
    response = client_for(executive).post(
        reverse("decisions:decide", args=[network.pk]),
        {
            "kind": "committed_yes",
            "gate_urgency": "on",
            "gate_courage": "on",
            "gate_reciprocity": "on",
            "put_in_hours_per_month": "-3",
            "put_in_budget": "10000",
            "supersedes": "0",
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["put_in_hours_per_month"] == [str(services.PUT_IN_NEGATIVE)]
    assert str(services.DECISION_CHANGED) not in response.content.decode()
    assert not Decision.objects.exists()


def test_the_decide_page_refuses_a_backdated_deadline_beyond_90_days(client_for, executive, network):
    decided_on = timezone.localdate() - datetime.timedelta(days=60)

    response = client_for(executive).post(
        reverse("decisions:decide", args=[network.pk]),
        {
            "kind": "conditional_yes",
            "decided_on": decided_on.isoformat(),
            "conditions": "Partners leggen hun inzet vast.",
            "deadline": (decided_on + datetime.timedelta(days=145)).isoformat(),
            "supersedes": "0",
        },
    )

    assert response.status_code == 200
    assert "90 days after the decision date" in response.context["form"].errors["deadline"][0]
    assert not Decision.objects.exists()
