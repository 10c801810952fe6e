from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.assessments.factories import RespondentFactory, RoundFactory, answer
from tests.factories import (
    DecisionFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)
from tests.outcomes.factories import IndicatorFactory, MeasurementFactory
from tests.reports.factories import pdf_pages, pdf_text, portfolio_of
from verbond.reports import selectors as report_selectors


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Zorggroep Partner", slug="zorggroep-partner")


def test_board_report_pdf_has_pages_and_the_organisations_figures(
    client_for, executive, organisation, partner
):
    portfolio_of(organisation, partner=partner)

    response = client_for(executive).get(reverse("reports:board_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content) >= 1
    text = pdf_text(response.content)
    assert "Woonstichting Test" in text
    assert "Wijkteam Noord" in text
    assert "22" in text  # total hours per month
    assert "€ 5,750" in text  # total costs per year, English in tests


def test_board_report_pdf_follows_the_users_language(client_for, executive, organisation, partner):
    portfolio_of(organisation, partner=partner)
    client = client_for(executive)

    client.cookies["django_language"] = "nl"
    response = client.get(reverse("reports:board_pdf"))

    text = pdf_text(response.content)
    assert "Bestuursrapportage" in text
    assert "€ 5.750" in text


def test_board_report_html_renders(client_for, member, organisation, partner):
    portfolio_of(organisation, partner=partner)

    response = client_for(member).get(reverse("reports:board_html"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Wijkteam Noord" in content
    assert "<svg" in content
    assert reverse("reports:board_pdf") in content


def test_board_report_escapes_nasty_network_names(client_for, executive, organisation):
    name = "#set text(size: 1pt) $x$ *b* _i_ <l> @r \\ ] [ <script>"
    NetworkFactory(lead=organisation, name=name)

    pdf = client_for(executive).get(reverse("reports:board_pdf")).content
    html = client_for(executive).get(reverse("reports:board_html")).content.decode()

    assert name in pdf_text(pdf)
    assert "<script>" not in html


def test_portfolio_shows_the_board_report_button(client_for, executive):
    response = client_for(executive).get(reverse("networks:portfolio"))

    assert reverse("reports:board_pdf") in response.content.decode()
    assert reverse("reports:board_html") in response.content.decode()


def test_network_page_links_to_its_decision_pack(client_for, executive, network):
    response = client_for(executive).get(reverse("networks:detail", args=[network.pk]))

    assert reverse("reports:decision_pack_pdf", args=[network.pk]) in response.content.decode()


def test_decision_pack_pdf_is_one_page_with_the_network(client_for, executive, organisation, partner):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)

    response = client_for(executive).get(reverse("reports:decision_pack_pdf", args=[committed.pk]))

    assert response.status_code == 200
    assert pdf_pages(response.content) == 1
    text = pdf_text(response.content)
    assert "Wijkteam Noord" in text
    assert "Zorggroep Partner" in text
    assert "committed yes" in text


def test_decision_pack_html_renders(client_for, member, network):
    response = client_for(member).get(reverse("reports:decision_pack_html", args=[network.pk]))

    assert response.status_code == 200
    assert network.name in response.content.decode()


@pytest.mark.parametrize("url_name", ["reports:decision_pack_pdf", "reports:decision_pack_html"])
def test_no_decision_pack_for_a_network_the_organisation_is_not_in(client_for, stranger, network, url_name):
    response = client_for(stranger).get(reverse(url_name, args=[network.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("url_name", ["reports:board_pdf", "reports:board_html"])
def test_board_report_needs_a_login(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302


def test_user_without_organisation_has_no_board_report(client_for, db):
    user = UserFactory(organisation=None)

    response = client_for(user).get(reverse("reports:board_pdf"))

    assert response.status_code == 404


def test_board_report_page_uses_a_fixed_number_of_queries(
    client_for, executive, organisation, partner, without_other_apps, django_assert_max_num_queries
):
    portfolio_of(organisation, partner=partner)
    client = client_for(executive)
    client.get(reverse("reports:board_html"))
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("reports:board_html"))
    for _index in range(6):
        NetworkFactory(lead=organisation, participants=[partner])

    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("reports:board_html"))


def _indicator_summary(name):
    indicator = SimpleNamespace(
        kind="better_off", name=name, unit="households", baseline_value=Decimal(120), target_value=Decimal(60)
    )
    return SimpleNamespace(
        indicator=indicator,
        latest=SimpleNamespace(value=Decimal(90)),
        progress=50,
        moving_towards_target=True,
    )


def test_board_report_shows_heat_map_and_key_results_from_other_apps(
    client_for, executive, organisation, partner, monkeypatch
):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)
    heat_map = SimpleNamespace(keys=[("urgency", "Shared urgency")], rows=[(committed, None, [4.25])])
    fakes = {
        "heat_map": lambda **kwargs: heat_map,
        "better_off_indicators": lambda **kwargs: {committed.pk: [_indicator_summary("Households in arrears")]},
    }
    monkeypatch.setattr(report_selectors, "_optional", lambda module, name: fakes.get(name))
    client = client_for(executive)

    html = client.get(reverse("reports:board_html")).content.decode()
    pdf = pdf_text(client.get(reverse("reports:board_pdf")).content)

    assert "Shared urgency" in html
    assert "4.2" in html
    assert "Households in arrears" in html
    assert "Criteria heat map" in pdf
    assert "Households in arrears" in pdf


def test_decision_pack_shows_pledges_and_results_from_other_apps(
    client_for, executive, organisation, partner, monkeypatch
):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)
    reciprocity = SimpleNamespace(
        partners=[SimpleNamespace(organisation=partner, pledges=2, share=0.5, overdue=1)],
        without_pledges=[organisation],
    )
    fakes = {
        "reciprocity": lambda **kwargs: reciprocity,
        "indicators_of": lambda **kwargs: [_indicator_summary("Evictions prevented")],
    }
    monkeypatch.setattr(report_selectors, "_optional", lambda module, name: fakes.get(name))
    client = client_for(executive)

    html = client.get(reverse("reports:decision_pack_html", args=[committed.pk])).content.decode()
    pdf = client.get(reverse("reports:decision_pack_pdf", args=[committed.pk])).content

    assert "Evictions prevented" in html
    assert "50%" in html
    assert pdf_pages(pdf) == 1
    assert "Pledges and delivery" in pdf_text(pdf)
    assert "Evictions prevented" in pdf_text(pdf)


def test_board_report_pdf_has_the_heat_map_and_key_results_from_real_data(client_for, executive, organisation, partner):
    """No stand-ins: the assessments and outcomes apps' own selectors feed the report."""
    network = NetworkFactory(lead=organisation, name="Schuldhulp Samen", participants=[partner])
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=Decimal(6))
    DecisionFactory(network=network, organisation=organisation, committed=True)
    round_ = RoundFactory(network=network, organisation=organisation, closed=True)
    for score in (4, 4, 5):
        answer(RespondentFactory(round=round_), urgency=score)
    MeasurementFactory(indicator=IndicatorFactory(network=network, name="Huishoudens zonder achterstand"))

    pdf = pdf_text(client_for(executive).get(reverse("reports:board_pdf")).content)

    assert "Criteria heat map" in pdf and "Schuldhulp Samen" in pdf
    assert "Huishoudens zonder achterstand" in pdf
