import shutil
from pathlib import Path

import pytest

from verbond.assessments.models import Answer, Respondent
from verbond.networks.models import Network

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLE = Path(__file__).resolve().parents[1] / "interchange" / "data" / "netwerken-voorbeeld.xlsx"


def test_a_partner_answers_an_assessment_by_personal_link_without_an_account(page, partner_link):
    link = partner_link

    page.goto(link)
    for radio_group in page.locator("fieldset.statement").all():
        radio_group.locator("input[type=radio]").nth(3).check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()

    respondent = Respondent.objects.get(email="petra@example.org")
    assert respondent.submitted_at is not None
    assert Answer.objects.filter(respondent=respondent).count() == 8


def test_a_coordinator_imports_the_sample_spreadsheet(page, log_in, coordinator, tmp_path):
    upload = tmp_path / "netwerken.xlsx"
    shutil.copy(SAMPLE, upload)
    log_in(coordinator)

    page.get_by_role("link", name="Importeren").click()
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="Voorbeeld tonen").click()
    page.get_by_label("De geldige regels importeren", exact=False).check()
    page.get_by_role("button", name="Importeren", exact=True).click()

    assert Network.objects.filter(participants__organisation=coordinator.organisation).count() >= 20


def test_an_executive_downloads_the_board_report(page, log_in, executive, network):
    log_in(executive)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Bestuursrapportage (pdf)").click()
    download = download_info.value
    path = download.path()

    assert download.suggested_filename.endswith(".pdf")
    assert Path(path).read_bytes()[:5] == b"%PDF-"
