import datetime
import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    DecisionFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)
from tests.outcomes.factories import GoodExampleFactory, IndicatorFactory, MeasurementFactory
from verbond.outcomes import services
from verbond.outcomes.models import Measurement

TODAY = timezone.localdate


def test_network_page_shows_indicators_signals_and_residents_first(client_for, executive, network):
    DecisionFactory(network=network, organisation=executive.organisation, committed=True)
    indicator = IndicatorFactory(network=network, kind="how_much", name="Huisbezoeken")
    MeasurementFactory(indicator=indicator, value=60)

    response = client_for(executive).get(reverse("networks:detail", args=[network.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Huisbezoeken" in html
    assert "No result for residents defined." in html
    assert "Talking shop" in html and "Overlap" in html


def test_indicator_page_shows_chart_and_history(client_for, coordinator, network):
    indicator = IndicatorFactory(network=network)
    original = MeasurementFactory(indicator=indicator, value=50)
    services.measurement_correct(user=coordinator, measurement=original, value=Decimal(55), source="hertelling")

    response = client_for(coordinator).get(reverse("outcomes:indicator", args=[indicator.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "hertelling" in html and "corrected" in html


def test_indicator_of_another_network_is_404(client_for, stranger, network):
    indicator = IndicatorFactory(network=network)
    measurement = MeasurementFactory(indicator=indicator)

    client = client_for(stranger)

    assert client.get(reverse("outcomes:indicator", args=[indicator.pk])).status_code == 404
    assert client.get(reverse("outcomes:measurement_correct", args=[measurement.pk])).status_code == 404
    assert client.get(reverse("outcomes:import", args=[network.pk])).status_code == 404
    assert client.get(reverse("outcomes:example_edit", args=[network.pk])).status_code == 404


def test_adding_a_measurement_in_the_future_shows_a_message(client_for, coordinator, network):
    indicator = IndicatorFactory(network=network)
    future = (TODAY() + datetime.timedelta(days=3)).isoformat()

    response = client_for(coordinator).post(reverse("outcomes:indicator", args=[indicator.pk]), {"date": future, "value": "3"})

    assert response.status_code == 200
    assert "cannot be dated in the future" in response.content.decode()
    assert not Measurement.objects.exists()


def test_creating_an_indicator_by_form(client_for, coordinator, network):
    data = {
        "kind": "better_off",
        "name": "Uitzettingen voorkomen",
        "unit": "per jaar",
        "direction": "lower",
        "baseline_value": "20",
        "baseline_date": "2025-01-01",
        "target_value": "5",
        "target_date": "2027-01-01",
    }

    response = client_for(coordinator).post(reverse("outcomes:indicator_create", args=[network.pk]), data)

    assert response.status_code == 302
    assert network.indicators.get().name == "Uitzettingen voorkomen"


def test_import_page_lists_row_errors(client_for, coordinator, network):
    IndicatorFactory(network=network, name="Bereik")
    upload = SimpleUploadedFile(
        "m.csv", b"indicator,date,value\nBereik,2025-01-01,4\nBereik,gisteren,5\n"
    )

    response = client_for(coordinator).post(reverse("outcomes:import", args=[network.pk]), {"file": upload})

    html = response.content.decode()
    assert "Nothing was imported" in html and "gisteren" in html
    assert not Measurement.objects.exists()


def test_member_cannot_open_the_import(client_for, member, network):
    assert client_for(member).get(reverse("outcomes:import", args=[network.pk])).status_code == 403


def _shared_example(organisation, executive, *, name="Doorbraakaanpak"):
    partner = OrganisationFactory(name=f"Gemeente {name}")
    partner_executive = UserFactory(organisation=partner, executive=True)
    network = NetworkFactory(lead=organisation, name=name, participants=[partner])
    GoodExampleFactory(network=network, lesson="Regie met doorzettingsmacht.")
    services.example_consent(user=executive, network=network)
    services.example_consent(user=partner_executive, network=network)
    return network, partner


def test_library_never_shows_private_figures(client_for, organisation, executive, stranger):
    network, partner = _shared_example(organisation, executive)
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=Decimal("37.5"),
                         costs_per_year=Decimal("98765"), representatives="Geheime Vertegenwoordiger", notes="PRIVÉNOTITIE")
    ParticipationFactory(network=network, organisation=partner, hours_per_month=Decimal("41.5"), costs_per_year=Decimal("54321"))
    DecisionFactory(network=network, organisation=organisation, committed=True, put_in_hours_per_month=Decimal("13.5"),
                    put_in_budget=Decimal("76543"), put_in_mandate="GEHEIM MANDAAT")
    MeasurementFactory(indicator=IndicatorFactory(network=network, name="Huishoudens geholpen"), value=60)

    client = client_for(stranger)  # any user of the installation, not a participant
    pages = [client.get(reverse("outcomes:library")), client.get(reverse("outcomes:example", args=[network.pk]))]

    for response in pages:
        # Random tokens (CSRF, CSP nonce) may contain "79" by chance; they are not figures.
        html = re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', "", response.content.decode())
        assert response.status_code == 200
        assert "Regie met doorzettingsmacht." in html and "Huishoudens geholpen" in html
        for secret in ["37.5", "37,5", "41.5", "41,5", "79", "98765", "98.765", "98,765", "54321", "54.321", "54,321",
                       "13.5", "13,5", "76543", "76.543", "76,543", "GEHEIM", "PRIVÉNOTITIE", "Geheime Vertegenwoordiger"]:
            assert secret not in html, secret


def test_withdrawn_example_is_gone_from_library_and_404(client_for, organisation, executive, stranger):
    network, _partner = _shared_example(organisation, executive)

    client_for(executive).post(reverse("outcomes:example_consent", args=[network.pk]), {"action": "withdraw"})

    client = client_for(stranger)
    assert "Doorbraakaanpak" not in client.get(reverse("outcomes:library")).content.decode()
    assert client.get(reverse("outcomes:example", args=[network.pk])).status_code == 404


def test_example_with_one_participant_missing_is_not_shared(client_for, organisation, executive, other_organisation, stranger):
    network = NetworkFactory(lead=organisation, participants=[other_organisation])
    GoodExampleFactory(network=network)
    services.example_consent(user=executive, network=network)

    response = client_for(stranger).get(reverse("outcomes:example", args=[network.pk]))

    assert response.status_code == 404


def test_library_search_by_challenge(client_for, organisation, executive):
    from tests.factories import ChallengeFactory

    network, _ = _shared_example(organisation, executive)
    challenge = ChallengeFactory(name="Testopgave wonen", slug="testopgave-wonen")
    network.challenges.add(challenge)
    other, _ = _shared_example(organisation, executive, name="Zomerschool")

    response = client_for(executive).get(reverse("outcomes:library"), {"challenge": challenge.pk})

    html = response.content.decode()
    assert "Doorbraakaanpak" in html and "Zomerschool" not in html


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_library_uses_a_fixed_number_of_queries(client_for, organisation, executive):
    client = client_for(executive)
    counts = []
    for size in (1, 4):
        while _examples(organisation) < size:
            network, _ = _shared_example(organisation, executive, name=f"Voorbeeld {_examples(organisation)}")
            MeasurementFactory(indicator=IndicatorFactory(network=network), value=50)
        counts.append(_count_queries(client, reverse("outcomes:library")))

    assert counts[0] == counts[1]


def _examples(organisation):
    return organisation.led_networks.count()


def test_portfolio_panel_lists_networks_by_signal_with_fixed_queries(client_for, executive, organisation):
    client = client_for(executive)
    counts = []
    for size in (2, 6):
        while organisation.led_networks.count() < size:
            network = NetworkFactory(lead=organisation)
            ParticipationFactory(network=network, organisation=organisation, hours_per_month=Decimal(4))
            DecisionFactory(network=network, organisation=organisation, conditional_expired=True)
            IndicatorFactory(network=network)
        counts.append(_count_queries(client, reverse("networks:portfolio")))

    response = client.get(reverse("networks:portfolio"))
    assert "Talking-shop signals" in response.content.decode()
    assert "passed its deadline" in response.content.decode()
    assert counts[0] == counts[1]


def test_pages_are_in_dutch(client_for, coordinator, network, settings):
    settings.LANGUAGE_CODE = "nl"
    indicator = IndicatorFactory(network=network)
    MeasurementFactory(indicator=indicator)
    client = client_for(coordinator)

    indicator_page = client.get(reverse("outcomes:indicator", args=[indicator.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    network_page = client.get(reverse("networks:detail", args=[network.pk]), HTTP_ACCEPT_LANGUAGE="nl")

    assert "Voortgang naar het doel" in indicator_page.content.decode()
    assert "100 % (doel bereikt)" in indicator_page.content.decode()
    assert "Resultaten voor bewoners" in network_page.content.decode()
    assert "Praatcircus" in network_page.content.decode()


def test_editing_a_shared_example_takes_it_out_of_the_library_until_all_consent_again(
    client_for, organisation, executive, coordinator, stranger
):
    network, _partner = _shared_example(organisation, executive)

    response = client_for(coordinator).post(
        reverse("outcomes:example_edit", args=[network.pk]), {"lesson": "Herschreven les.", "contact": "Iemand"}, follow=True
    )

    assert "must consent again" in response.content.decode()
    assert client_for(stranger).get(reverse("outcomes:example", args=[network.pk])).status_code == 404
