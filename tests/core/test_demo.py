import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from verbond.accounts.models import User
from verbond.decisions.models import Decision, DecisionKind
from verbond.frontline.models import Request
from verbond.networks.models import Network, Participation
from verbond.organisations.models import Organisation, OrganisationKind


def run_demo(capsys, *args):
    call_command("demo", "--no-serve", *args)
    return capsys.readouterr().out


def snapshot():
    return (
        list(Organisation.objects.values_list("name", "kind").order_by("name")),
        list(Network.objects.values_list("name", "lead__name", "level").order_by("name")),
        list(Participation.objects.values_list("network__name", "organisation__name", "hours_per_month").order_by("network__name", "organisation__name")),
        list(Decision.objects.values_list("network__name", "organisation__name", "kind", "decided_on").order_by("network__name", "organisation__name", "created_at")),
        list(Request.objects.values_list("network__name", "title", "routed_to__name", "status").order_by("network__name", "title", "pk")),
    )


@pytest.mark.django_db(transaction=True)
def test_demo_builds_a_region_with_logins_for_two_organisations(capsys):
    output = run_demo(capsys)

    assert Organisation.objects.count() >= 30
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind.values)
    assert Network.objects.count() >= 50
    kinds = set(Decision.objects.values_list("kind", flat=True))
    assert kinds == set(DecisionKind.values)
    logins = [line for line in output.splitlines() if line.startswith("login: ")]
    organisations = {line.rsplit("(", 1)[1].split(",")[0] for line in logins}
    assert len(organisations - {"—"}) == 2
    for line in logins:
        username = line.split()[1]
        password = line.split()[3]
        assert User.objects.get(username=username).check_password(password)


@pytest.mark.django_db(transaction=True)
def test_demo_is_deterministic(capsys):
    run_demo(capsys)
    first = snapshot()

    run_demo(capsys, "--reset")

    assert snapshot() == first


@pytest.mark.django_db(transaction=True)
def test_demo_refuses_to_overwrite_a_data_directory_that_is_not_a_demo(capsys, settings, tmp_path):
    settings.DATABASE_URL = ""
    settings.DATA_DIR.mkdir(parents=True)
    (settings.DATA_DIR / "verbond.sqlite3").write_bytes(b"real data")

    with pytest.raises(CommandError, match="not a demo"):
        run_demo(capsys, "--reset")

    assert (settings.DATA_DIR / "verbond.sqlite3").read_bytes() == b"real data"


def test_demo_has_conditional_yes_past_deadline_for_both_organisations(db, capsys):
    from verbond.core import demo

    region = demo.build()

    for organisation in (region.housing, region.municipality):
        past = Decision.objects.current().filter(organisation=organisation, kind=DecisionKind.CONDITIONAL_YES, deadline__lt=region.today)
        assert past.exists()
    counts = Network.objects.annotate(n=Count("participants")).values_list("n", flat=True)
    assert min(counts) >= 2


def test_every_capability_is_visible_in_the_demo_without_entering_anything(db, capsys):
    from verbond.assessments.models import Round
    from verbond.commitments.models import Mandate, Pledge
    from verbond.core import demo
    from verbond.frontline.models import Status
    from verbond.outcomes.models import GoodExample, Indicator

    region = demo.build()

    assert Round.objects.filter(organisation=region.housing).values("network").distinct().count() >= 3
    assert Round.objects.filter(organisation=region.municipality).count() >= 2
    assert Pledge.objects.values("network").distinct().count() >= 3
    assert Mandate.objects.filter(holder_organisation=region.housing).exists()
    assert Indicator.objects.values("network").distinct().count() >= 3
    assert GoodExample.objects.exists()
    requests = Request.objects.select_related("network")
    assert requests.values("network").distinct().count() >= 3
    assert {Status.RAISED, Status.GRANTED, Status.DECLINED, Status.ESCALATED, Status.CLOSED} <= {
        r.status for r in requests
    }
    # Routing shows: the housing association answers as mandate holder in a network it does not lead.
    assert any(
        r.routed_to == region.housing and r.mandate is not None and r.network.lead != region.housing for r in requests
    )
    assert requests.filter(routed_to=region.municipality).exists()
