import datetime

import pytest
from django.utils import timezone

from tests.e2e.conftest import serious_accessibility_violations
from tests.factories import ChallengeFactory, NetworkFactory, ParticipationFactory
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_registers_a_network_and_records_participation(page, log_in, coordinator, organisation):
    ChallengeFactory(name="Huisvesting kwetsbaren")
    log_in(coordinator)

    page.get_by_role("link", name="Netwerk registreren").click()
    page.fill("#id_name", "Aanpak Dakloosheid Vaartstad")
    page.get_by_label("uitvoeringsalliantie").check()
    page.get_by_label("Huisvesting kwetsbaren").check()
    page.select_option("#id_lead", label=organisation.name)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Opslaan").click()  # the participants form that follows
    page.get_by_role("link", name="Onze deelname bewerken").click()
    page.fill("#id_hours_per_month", "6")
    page.fill("#id_costs_per_year", "1500")
    page.get_by_role("button", name="Opslaan").click()

    assert page.get_by_text("Uw deelname is opgeslagen.").is_visible()
    network = Network.objects.get(name="Aanpak Dakloosheid Vaartstad")
    assert network.participations.get().hours_per_month == 6
    assert network.challenges.get().name == "Huisvesting kwetsbaren"


def test_executive_records_a_committed_yes_through_the_three_gates(page, log_in, executive, network):
    log_in(executive)
    page.goto(f"/networks/{network.pk}/")

    page.get_by_role("link", name="Besluiten").click()
    page.get_by_label("gecommitteerd ja").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    assert page.get_by_text("alle drie de poorten").is_visible()  # refused: no gates answered

    page.get_by_label("gecommitteerd ja").check()
    page.get_by_label("Gedeelde urgentie", exact=False).check()
    page.get_by_label("Wij zetten mensen, geld of mandaat in").check()
    page.get_by_label("De partners binden zich ook").check()
    page.fill("#id_put_in_hours_per_month", "16")
    page.get_by_role("button", name="Besluit vastleggen").click()

    assert page.get_by_text("Besluit vastgelegd.").is_visible()
    decision = Decision.objects.get()
    assert (decision.kind, decision.put_in_hours_per_month) == (DecisionKind.COMMITTED_YES, 16)


def test_main_pages_have_no_serious_accessibility_violations(page, log_in, executive, organisation, network, partner_link):
    other = NetworkFactory(lead=organisation, name="Wijkteam Noord")
    ParticipationFactory(network=other, organisation=organisation)
    Decision.objects.create(
        network=other,
        organisation=organisation,
        kind=DecisionKind.CONDITIONAL_YES,
        conditions="Resultaatafspraak",
        decided_on=timezone.localdate() - datetime.timedelta(days=40),
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    answer_link = partner_link
    found = {}
    for path in ["/accounts/login/", answer_link]:  # public: the login page, a partner's personal link
        assert page.goto(path).ok, path
        found[path] = serious_accessibility_violations(page)
    assert page.locator("fieldset.statement").count() == 8  # the partner's form itself, not an error page
    log_in(executive)

    pages = [
        "/",
        f"/networks/{network.pk}/",
        f"/networks/{network.pk}/decide/",
        f"/networks/{network.pk}/edit/",
        f"/networks/{network.pk}/history/",
        "/organisations/",
        "/assessments/",
        "/commitments/",
        f"/commitments/networks/{network.pk}/",
        "/results/library/",
        "/requests/",
        "/analytics/overlap/",
        "/analytics/partners/",
        "/interchange/import/",
        "/reports/board/",
        f"/reports/networks/{network.pk}/decision-pack/",
    ]
    for path in pages:
        assert page.goto(path).ok, path
        found[path] = serious_accessibility_violations(page)

    assert found == {path: [] for path in found}
