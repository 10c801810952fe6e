import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.assessments.factories import RespondentFactory, RoundFactory, answer
from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory
from tests.frontline.factories import RequestFactory
from verbond.commitments.models import Mandate
from verbond.frontline.models import Category, Request, Status, Urgency


def raise_data(**overrides):
    data = {
        "title": "Tijdelijke huurovereenkomst mag niet",
        "category": Category.RULE,
        "urgency": Urgency.URGENT,
        "description": "De regeling staat een tijdelijk contract voor uitstroom uit beschermd wonen in de weg.",
    }
    return data | overrides


def test_professional_raises_a_request_through_the_form(client_for, professional, alliance):
    client = client_for(professional)

    response = client.post(reverse("frontline:raise", args=[alliance.pk]), raise_data())

    request = Request.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("frontline:detail", args=[request.pk])
    assert request.routed_to == alliance.lead


def test_form_tells_what_personal_data_was_found_and_stores_nothing(client_for, professional, alliance):
    client = client_for(professional)

    response = client.post(
        reverse("frontline:raise", args=[alliance.pk]),
        raise_data(description="Meneer woont op 1234 AB 12, IBAN NL91ABNA0417164300."),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "1234 AB 12" in content and "NL91ABNA0417164300" in content
    assert "nothing has been saved" in content
    assert not Request.objects.exists()


def test_requests_cannot_be_raised_in_a_tactical_network(client_for, member, network):
    response = client_for(member).get(reverse("frontline:raise", args=[network.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("url_name", ["frontline:detail", "frontline:network"])
def test_user_of_an_organisation_outside_the_network_gets_404(
    url_name, client_for, stranger, alliance, professional
):
    request = RequestFactory(network=alliance, raised_by=professional)
    url = (
        reverse("frontline:detail", args=[request.pk])
        if url_name == "frontline:detail"
        else reverse("frontline:network", args=[alliance.pk])
    )

    response = client_for(stranger).get(url)

    assert response.status_code == 404


def test_stranger_cannot_answer_or_raise(client_for, stranger, alliance, professional):
    request = RequestFactory(network=alliance, raised_by=professional)
    client = client_for(stranger)

    answer = client.post(reverse("frontline:answer", args=[request.pk]), {"answer": "decline", "text": "Nee"})
    raised = client.post(reverse("frontline:raise", args=[alliance.pk]), raise_data())

    assert (answer.status_code, raised.status_code) == (404, 404)
    assert Request.objects.get().status == Status.RAISED


def test_index_lists_only_requests_of_networks_we_take_part_in(client_for, stranger, alliance, professional):
    RequestFactory(network=alliance, raised_by=professional, title="Alleen voor deelnemers")
    elsewhere = NetworkFactory(lead=stranger.organisation)
    RequestFactory(network=elsewhere, raised_by=stranger, title="Van een ander netwerk")

    content = client_for(professional).get(reverse("frontline:index")).content.decode()

    assert "Alleen voor deelnemers" in content
    assert "Van een ander netwerk" not in content


def test_raiser_sees_progress_and_the_lead_coordinator_sees_the_answer_form(
    client_for, professional, alliance, coordinator
):
    request = RequestFactory(network=alliance, raised_by=professional)

    as_raiser = client_for(professional).get(reverse("frontline:detail", args=[request.pk])).content.decode()
    as_coordinator = (
        client_for(coordinator).get(reverse("frontline:detail", args=[request.pk])).content.decode()
    )

    assert request.title in as_raiser and "Record answer" not in as_raiser
    assert "Record answer" in as_coordinator


def test_member_of_the_lead_may_not_answer(client_for, member, alliance, professional):
    request = RequestFactory(network=alliance, raised_by=professional)

    response = client_for(member).post(
        reverse("frontline:answer", args=[request.pk]), {"answer": "decline", "text": "Nee"}
    )

    assert response.status_code == 400
    assert Request.objects.get().status == Status.RAISED


def test_coordinator_grants_through_the_form(client_for, coordinator, alliance, professional):
    request = RequestFactory(network=alliance, raised_by=professional)
    client = client_for(coordinator)
    url = reverse("frontline:answer", args=[request.pk])

    incomplete = client.post(url, {"answer": "grant", "text": "Woning toegewezen"})
    granted = client.post(
        url,
        {
            "answer": "grant",
            "text": "Woning toegewezen",
            "done_by": "Team verhuur",
            "done_by_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
    )

    assert incomplete.status_code == 400 and "Say who does it." in incomplete.content.decode()
    assert granted.status_code == 302
    assert Request.objects.get().status == Status.GRANTED


def test_raiser_closes_and_reopens_with_a_reason(client_for, professional, alliance):
    request = RequestFactory(
        network=alliance, raised_by=professional, status=Status.DECLINED, outcome="declined"
    )
    client = client_for(professional)

    without_reason = client.post(reverse("frontline:reopen", args=[request.pk]), {"text": ""})
    closed = client.post(reverse("frontline:close", args=[request.pk]), {"text": ""})
    reopened = client.post(reverse("frontline:reopen", args=[request.pk]), {"text": "Nieuwe situatie."})

    assert without_reason.status_code == 400
    assert (closed.status_code, reopened.status_code) == (302, 302)
    assert list(Request.objects.get().steps.values_list("kind", flat=True)) == [
        "raised",
        "closed",
        "reopened",
    ]


def test_dashboards_show_the_figures(client_for, executive, alliance, professional):
    RequestFactory(
        network=alliance, raised_by=professional, due_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client = client_for(executive)

    network_page = client.get(reverse("frontline:network", args=[alliance.pk]))
    organisation_page = client.get(reverse("frontline:organisation"))

    assert network_page.status_code == organisation_page.status_code == 200
    assert "overdue" in network_page.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["index", "network", "organisation"])
def test_list_pages_use_a_fixed_number_of_queries(page, client_for, executive, alliance, professional):
    client = client_for(executive)
    url = {
        "index": reverse("frontline:index"),
        "network": reverse("frontline:network", args=[alliance.pk]),
        "organisation": reverse("frontline:organisation"),
    }[page]
    RequestFactory(network=alliance, raised_by=professional)
    few = _queries(client, url)

    RequestFactory.create_batch(6, network=alliance, raised_by=professional, status=Status.GRANTED)
    many = _queries(client, url)

    assert few == many


def test_network_page_shows_the_requests_panel_for_an_execution_alliance(
    client_for, executive, alliance, professional
):
    RequestFactory(
        network=alliance, raised_by=professional, due_at=timezone.now() - datetime.timedelta(hours=1)
    )

    content = client_for(executive).get(reverse("networks:detail", args=[alliance.pk])).content.decode()

    assert "Requests from the front line" in content
    assert "1 open request" in content and "1 past its deadline" in content


def test_network_page_of_a_tactical_network_has_no_requests_panel(client_for, executive, network):
    content = client_for(executive).get(reverse("networks:detail", args=[network.pk])).content.decode()

    assert "Requests from the front line" not in content


def test_pages_speak_dutch_by_default(client_for, professional, alliance, settings):
    settings.LANGUAGE_CODE = "nl"
    client = client_for(professional)

    index = client.get(reverse("frontline:index"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    refused = client.post(
        reverse("frontline:raise", args=[alliance.pk]),
        raise_data(description="Bel 06-12345678."),
        HTTP_ACCEPT_LANGUAGE="nl",
    ).content.decode()

    assert "Verzoeken uit de frontlinie" in index
    assert "een telefoonnummer" in refused and "er is niets opgeslagen" in refused


def test_a_user_without_organisation_sees_no_requests(client, alliance, professional):
    from tests.factories import UserFactory

    analyst = UserFactory(organisation=None, is_analyst=True)
    RequestFactory(network=alliance, raised_by=professional, title="Niet voor analisten")
    client.force_login(analyst)

    index = client.get(reverse("frontline:index"))
    dashboard = client.get(reverse("frontline:organisation"))

    assert index.status_code == 200 and "Niet voor analisten" not in index.content.decode()
    assert dashboard.status_code == 404


def test_the_form_offers_the_mandates_in_force_and_routes_to_the_chosen_one(
    client_for, professional, alliance, executive
):
    holder = OrganisationFactory(name="GGZ Houder")
    ParticipantFactory(network=alliance, organisation=holder)
    chosen = Mandate.objects.create(
        network=alliance, granting_organisation=alliance.lead, holder_organisation=holder, team_or_role="Buurtcoaches",
        hours_per_week=4, scope="Inzet in de wijk.", valid_from=timezone.localdate(), decided_by=executive,
    )
    client = client_for(professional)

    form_page = client.get(reverse("frontline:raise", args=[alliance.pk])).content.decode()
    response = client.post(reverse("frontline:raise", args=[alliance.pk]), raise_data(mandate=chosen.pk))

    assert "GGZ Houder — Buurtcoaches: Inzet in de wijk." in form_page
    request = Request.objects.get()
    assert response.status_code == 302
    assert (request.routed_to, request.mandate) == (holder, chosen)
    detail = client.get(response.url).content.decode()
    assert "GGZ Houder" in detail and "Buurtcoaches" in detail


def test_the_form_states_the_deadlines_from_the_settings(client_for, professional, alliance, settings):
    settings.FRONTLINE_URGENT_WORKING_DAYS = 3
    settings.FRONTLINE_NORMAL_WORKING_DAYS = 12

    page = client_for(professional).get(reverse("frontline:raise", args=[alliance.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert "within 3 working days, a normal one within 12" in page.content.decode()


def test_the_network_dashboard_shows_room_for_professionals_beside_the_figures(
    client_for, executive, alliance, organisation
):
    client = client_for(executive)
    before = client.get(reverse("frontline:network", args=[alliance.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    round_ = RoundFactory(network=alliance, organisation=organisation, closed=True)
    for score in (4, 3, 4):
        answer(RespondentFactory(round=round_), professionals=score)

    after = client.get(reverse("frontline:network", args=[alliance.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Room for professionals has not been assessed yet." in before
    assert "Room for professionals in our latest assessment: <strong>3.7</strong> out of 5." in after
    assert reverse("assessments:results", args=[round_.pk]) in after
