"""Exports contain only what the user's organisation may see, with headers in the user's language."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.factories import DecisionFactory, NetworkFactory, ParticipationFactory
from verbond.interchange import exports


def _workbook(response):
    return load_workbook(io.BytesIO(response.content))


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def landscape(organisation, other_organisation, network):
    """Our network, a shared network, and a network of another organisation, each with private data."""
    shared = NetworkFactory(lead=other_organisation, name="Gedeeld Netwerk", participants=[organisation])
    ParticipationFactory(network=shared, organisation=organisation, hours_per_month=3)
    ParticipationFactory(network=shared, organisation=other_organisation, hours_per_month=77)
    DecisionFactory(network=network, organisation=organisation, reason="Onze eigen reden.")
    DecisionFactory(network=shared, organisation=other_organisation, reason="Geheime reden van Elders.")
    foreign = NetworkFactory(lead=other_organisation, name="Alleen Elders")
    ParticipationFactory(network=foreign, organisation=other_organisation, hours_per_month=55)
    DecisionFactory(network=foreign, organisation=other_organisation, reason="Ook geheim.")
    return shared, foreign


def test_workbook_has_one_sheet_per_available_export(client_for, executive, landscape):
    response = client_for(executive).get(reverse("interchange:export_xlsx"))

    workbook = _workbook(response)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="verbond-woonstichting-test-')
    assert workbook.sheetnames == [str(exports.TITLES[key]) for key in exports.available()]


def test_portfolio_holds_only_our_networks_and_our_own_effort(client_for, executive, landscape):
    response = client_for(executive).get(reverse("interchange:export_xlsx"), {"what": "portfolio"})

    rows = list(_workbook(response)["Portfolio"].values)
    assert rows[0][0] == "Network"
    assert sorted(row[0] for row in rows[1:]) == ["Aanpak Huurachterstanden", "Gedeeld Netwerk"]
    assert sorted(row[5] for row in rows[1:]) == [3, 6]


def test_decisions_export_holds_only_our_decisions(client_for, executive, landscape):
    response = client_for(executive).get(reverse("interchange:export_csv"), {"what": "decisions"})

    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "Onze eigen reden." in text
    assert "Geheime reden" not in text
    assert "Ook geheim" not in text


def test_another_organisations_network_appears_in_no_export(client_for, executive, landscape):
    response = client_for(executive).get(reverse("interchange:export_xlsx"))

    cells = [str(value) for sheet in _workbook(response) for row in sheet.values for value in row]
    assert "Alleen Elders" not in cells
    assert "77" not in cells and "55" not in cells


def test_headers_follow_the_users_language(client_for, executive, network):
    client = client_for(executive)

    with translation.override("nl"):
        response = client.get(
            reverse("interchange:export_csv"), {"what": "portfolio"}, HTTP_ACCEPT_LANGUAGE="nl"
        )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Netwerk"


def test_csv_neutralises_formulas(client_for, executive, organisation):
    NetworkFactory(lead=organisation, name='=HYPERLINK("http://x.invalid","klik")')

    rows = _csv(client_for(executive).get(reverse("interchange:export_csv"), {"what": "portfolio"}))

    assert rows[1][0].startswith("'=")


def test_xlsx_never_stores_a_formula(client_for, executive, organisation):
    NetworkFactory(lead=organisation, name="=1+1")

    sheet = _workbook(client_for(executive).get(reverse("interchange:export_xlsx"), {"what": "portfolio"}))[
        "Portfolio"
    ]

    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == "'=1+1"


@pytest.mark.parametrize("url", ["interchange:export_xlsx", "interchange:export_csv"])
def test_an_unknown_export_is_404(client_for, executive, url):
    response = client_for(executive).get(reverse(url), {"what": "salaries"})

    assert response.status_code == 404


def test_exports_need_a_login(client):
    response = client.get(reverse("interchange:export_xlsx"))

    assert response.status_code == 302


def test_pledges_and_mandates_of_shared_networks_are_exported_when_the_app_is_there(
    client_for, executive, organisation, other_organisation, landscape
):
    commitments = pytest.importorskip("verbond.commitments.models")
    shared, foreign = landscape

    for network, text in [(shared, "Gedeelde toezegging"), (foreign, "Verborgen toezegging")]:
        commitments.Pledge.objects.create(
            network=network,
            organisation=other_organisation,
            kind=commitments.PledgeKind.HOURS,
            description=text,
            quantity=4,
            unit="uur",
            period_start=datetime.date(2026, 1, 1),
            accountable_person="J. Jansen",
            due_date=datetime.date(2026, 6, 1),
        )

    text = (
        client_for(executive)
        .get(reverse("interchange:export_csv"), {"what": "pledges"})
        .content.decode("utf-8-sig")
    )

    assert "Gedeelde toezegging" in text
    assert "Verborgen toezegging" not in text


def test_portfolio_page_shows_the_export_panel(client_for, executive, network):
    response = client_for(executive).get(reverse("networks:portfolio"))

    assert reverse("interchange:export_xlsx") in response.content.decode()


def test_export_queries_do_not_grow_with_the_data(client_for, executive, organisation):
    client = client_for(executive)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("interchange:export_xlsx")).status_code == 200
        return len(queries)

    network = NetworkFactory(lead=organisation)
    DecisionFactory(network=network, organisation=organisation)
    small = count_queries()
    for _ in range(5):
        network = NetworkFactory(lead=organisation)
        DecisionFactory(network=network, organisation=organisation)

    assert count_queries() == small


def test_export_panel_speaks_dutch(client_for, executive, network, settings):
    settings.LANGUAGE_CODE = "nl"

    response = client_for(executive).get(reverse("networks:portfolio"), HTTP_ACCEPT_LANGUAGE="nl")

    assert "Alles als Excel (XLSX)" in response.content.decode()


@pytest.mark.parametrize("graph_format", ["graphml", "gexf"])
def test_affiliation_graph_holds_only_our_networks(client_for, executive, landscape, graph_format):
    import networkx as nx

    response = client_for(executive).get(reverse("interchange:export_graph"), {"format": graph_format})

    reader = nx.read_gexf if graph_format == "gexf" else nx.read_graphml
    graph = reader(io.BytesIO(response.content))
    labels = {data["label"] for _node, data in graph.nodes(data=True)}
    assert response.status_code == 200
    assert {"Aanpak Huurachterstanden", "Gedeeld Netwerk", "Gemeente Elders"} <= labels
    assert "Alleen Elders" not in labels


def test_an_unknown_graph_format_is_404(client_for, executive):
    response = client_for(executive).get(reverse("interchange:export_graph"), {"format": "dot"})

    assert response.status_code == 404


def test_csv_for_dutch_excel_uses_semicolons_and_decimal_commas(client_for, executive, organisation, network):
    from verbond.networks.models import Participation

    Participation.objects.filter(network=network, organisation=organisation).update(hours_per_month="6.5")
    client = client_for(executive)

    dutch = client.get(reverse("interchange:export_csv"), {"what": "portfolio", "dialect": "nl"})
    international = client.get(reverse("interchange:export_csv"), {"what": "portfolio", "dialect": "international"})

    dutch_rows = list(csv.reader(io.StringIO(dutch.content.decode("utf-8-sig")), delimiter=";"))
    assert len(dutch_rows[0]) > 3
    assert "6,5" in dutch_rows[1]
    assert "6.5" in _csv(international)[1]
