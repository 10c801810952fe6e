import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory
from tests.interchange.factories import SAMPLE, write_xlsx
from verbond.networks.models import Network, Participation


def upload(client, path, **extra):
    with open(path, "rb") as handle:
        return client.post(
            reverse("interchange:import"), {"file": SimpleUploadedFile(path.name, handle.read()), **extra}
        )


def test_members_may_not_import(client_for, member):
    response = client_for(member).get(reverse("interchange:import"))

    assert response.status_code == 403


def test_the_upload_page_is_shown_to_a_coordinator(client_for, coordinator):
    response = client_for(coordinator).get(reverse("interchange:import"))

    assert response.status_code == 200 and b'type="file"' in response.content


def test_upload_shows_a_preview_with_mapping_matches_errors_and_warnings(client_for, coordinator):
    OrganisationFactory(name="Gemeente Vaartstad", slug="gemeente-vaartstad")
    client = client_for(coordinator)

    response = upload(client, SAMPLE)
    preview = client.get(response["Location"])

    assert response.status_code == 302 and preview.status_code == 200
    page = preview.content.decode()
    assert "Tijdsinvestering" in page  # the mapping
    assert "Gemeente Vaartstad" in page and "Provincie Zuidwaard" in page  # known and new organisations
    assert "This row has no network name" in page  # the error in row 26
    assert "The hours could not be read" in page and "Same network as row 6" in page
    assert Network.objects.count() == 0


def test_confirm_refuses_a_file_with_errors_unless_the_valid_rows_are_chosen(
    client_for, coordinator, organisation, settings
):
    client = client_for(coordinator)
    upload(client, SAMPLE)

    refused = client.post(reverse("interchange:import_confirm"))
    count_after_refusal = Network.objects.count()
    accepted = client.post(reverse("interchange:import_confirm"), {"skip_invalid": "on"})

    assert refused.status_code == 302 and count_after_refusal == 0
    assert accepted.status_code == 302 and accepted["Location"] == reverse("networks:portfolio")
    assert Network.objects.count() == 23
    assert Network.objects.filter(registered_by=organisation).count() == 23
    assert Participation.objects.filter(organisation=organisation).count() == 23
    assert not list(
        (settings.DATA_DIR / "imports").iterdir()
    )  # the uploaded file is removed after the import


def test_a_clean_file_is_imported_into_the_users_own_organisation(
    client_for, executive, organisation, tmp_path
):
    path = write_xlsx(
        tmp_path / "lijst.xlsx", [["Netwerk", "Trekker", "Uren"], ["Buurttafel", "Gemeente X", "4 uur p/m"]]
    )
    client = client_for(executive)

    upload(client, path)
    client.post(reverse("interchange:import_confirm"))

    network = Network.objects.get(name="Buurttafel")
    assert network.registered_by == organisation
    assert Participation.objects.get(network=network).organisation == organisation


def test_the_mapping_can_be_changed_in_the_preview(client_for, coordinator, tmp_path):
    path = write_xlsx(
        tmp_path / "lijst.xlsx", [["Netwerk", "Trekker", "Inzet"], ["Buurttafel", "Gemeente X", "4"]]
    )
    client = client_for(coordinator)
    upload(client, path)

    client.post(reverse("interchange:import_preview"), {"A": "name", "B": "lead", "C": "hours"})
    client.post(reverse("interchange:import_confirm"))

    assert Participation.objects.get(network__name="Buurttafel").hours_per_month == 4


@pytest.mark.parametrize(("name", "content"), [("lijst.txt", b"hallo"), ("lijst.xlsx", b"geen excel")])
def test_a_wrong_file_gives_a_message_not_a_server_error(client_for, coordinator, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    client = client_for(coordinator)

    response = upload(client, path)
    if response.status_code == 302:
        response = client.get(response["Location"])

    assert response.status_code in (200, 400)
    assert b"error-summary" in response.content or b"error-text" in response.content


def test_the_preview_without_an_upload_goes_back_to_the_upload_page(client_for, coordinator):
    response = client_for(coordinator).get(reverse("interchange:import_preview"))

    assert response.status_code == 302 and response["Location"] == reverse("interchange:import")


def test_members_may_not_confirm(client_for, member):
    response = client_for(member).post(reverse("interchange:import_confirm"))

    assert response.status_code == 403


def test_the_preview_uses_a_fixed_number_of_queries(client_for, coordinator):
    client = client_for(coordinator)
    upload(client, SAMPLE)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("interchange:import_preview"))
    OrganisationFactory.create_batch(20)

    with CaptureQueriesContext(connection) as many:
        client.get(reverse("interchange:import_preview"))

    assert len(many) == len(few)


def test_the_upload_page_is_in_dutch_by_default(client_for, coordinator, settings):
    settings.LANGUAGE_CODE = "nl"

    response = client_for(coordinator).get(reverse("interchange:import"), HTTP_ACCEPT_LANGUAGE="nl")

    assert "Netwerken importeren" in response.content.decode()
