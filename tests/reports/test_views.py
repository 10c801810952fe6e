import pytest
from django.urls import reverse

from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.reports.factories import pdf_pages, pdf_text, portfolio_of


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
    client_for, executive, organisation, partner, django_assert_max_num_queries
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
