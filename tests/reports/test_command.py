import pytest
from django.core.management import CommandError, call_command

from tests.factories import NetworkFactory, OrganisationFactory
from tests.reports.factories import pdf_pages, pdf_text, portfolio_of


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Zorggroep Partner", slug="zorggroep-partner")


def test_report_command_writes_the_board_report(organisation, partner, tmp_path):
    portfolio_of(organisation, partner=partner)
    out = tmp_path / "board.pdf"

    call_command("report", org=organisation.slug, out=str(out), language="en")

    data = out.read_bytes()
    assert pdf_pages(data) >= 1
    assert "Board report" in pdf_text(data)
    assert "Praatoverleg West" in pdf_text(data)


def test_report_command_writes_dutch_by_default(organisation, partner, tmp_path, settings):
    settings.LANGUAGE_CODE = "nl"
    portfolio_of(organisation, partner=partner)
    out = tmp_path / "board.pdf"

    call_command("report", "--org", organisation.slug, "--out", str(out))

    assert "Bestuursrapportage" in pdf_text(out.read_bytes())


def test_report_command_writes_a_decision_pack(organisation, partner, tmp_path):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)
    out = tmp_path / "pack.pdf"

    call_command("report", org=organisation.slug, network=committed.pk, out=str(out), language="en")

    data = out.read_bytes()
    assert pdf_pages(data) == 1
    assert "Decision pack" in pdf_text(data)


def test_report_command_refuses_a_network_the_organisation_is_not_in(
    organisation, other_organisation, tmp_path
):
    network = NetworkFactory(lead=other_organisation)
    out = tmp_path / "pack.pdf"

    with pytest.raises(CommandError, match="does not take part"):
        call_command("report", org=organisation.slug, network=network.pk, out=str(out))

    assert not out.exists()


def test_report_command_refuses_an_unknown_organisation(db, tmp_path):
    with pytest.raises(CommandError, match="No organisation"):
        call_command("report", org="nobody", out=str(tmp_path / "x.pdf"))


def test_report_command_wants_a_pdf_file(organisation, tmp_path):
    with pytest.raises(CommandError, match=".pdf"):
        call_command("report", org=organisation.slug, out=str(tmp_path / "x.txt"))
