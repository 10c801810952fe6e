from datetime import timedelta
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from tests.interchange.factories import SAMPLE, write_xlsx
from verbond.interchange import services
from verbond.interchange.models import PendingImport
from verbond.networks.models import Network, Participation


def upload(client, path, **extra):
    with open(path, "rb") as handle:
        return client.post(
            reverse("interchange:import"), {"file": SimpleUploadedFile(path.name, handle.read()), **extra}
        )


def uploaded(client, path, **extra) -> str:
    """Upload a file and return the pending import's id, taken from the preview address."""
    response = upload(client, path, **extra)
    assert response.status_code == 302, response.content
    return str(resolve(response["Location"]).kwargs["pk"])


def confirm(client, pk: str, **data):
    return client.post(reverse("interchange:import_confirm", kwargs={"pk": pk}), data)


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
    pk = uploaded(client, SAMPLE)

    refused = confirm(client, pk)
    count_after_refusal = Network.objects.count()
    accepted = confirm(client, pk, skip_invalid="on")

    assert refused.status_code == 302 and count_after_refusal == 0
    assert accepted.status_code == 302 and accepted["Location"] == reverse("networks:portfolio")
    assert Network.objects.count() == 23
    assert Network.objects.filter(registered_by=organisation).count() == 23
    assert Participation.objects.filter(organisation=organisation).count() == 23
    assert not PendingImport.objects.exists()  # the upload is removed after the import


def test_a_clean_file_is_imported_into_the_users_own_organisation(
    client_for, executive, organisation, tmp_path
):
    path = write_xlsx(
        tmp_path / "lijst.xlsx", [["Netwerk", "Trekker", "Uren"], ["Buurttafel", "Gemeente X", "4 uur p/m"]]
    )
    client = client_for(executive)

    confirm(client, uploaded(client, path))

    network = Network.objects.get(name="Buurttafel")
    assert network.registered_by == organisation
    assert Participation.objects.get(network=network).organisation == organisation


def test_the_mapping_can_be_changed_in_the_preview(client_for, coordinator, tmp_path):
    path = write_xlsx(
        tmp_path / "lijst.xlsx", [["Netwerk", "Trekker", "Inzet"], ["Buurttafel", "Gemeente X", "4"]]
    )
    client = client_for(coordinator)
    pk = uploaded(client, path)

    client.post(
        reverse("interchange:import_preview", kwargs={"pk": pk}), {"A": "name", "B": "lead", "C": "hours"}
    )
    confirm(client, pk)

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


def test_the_preview_of_an_unknown_upload_is_not_found(client_for, coordinator):
    response = client_for(coordinator).get(reverse("interchange:import_preview", kwargs={"pk": uuid4()}))

    assert response.status_code == 404


def test_members_may_not_confirm(client_for, member):
    pending = PendingImport.objects.create(
        user=member, organisation=member.organisation, filename="lijst.csv", content=b"Netwerk\nBuurttafel\n"
    )

    response = client_for(member).post(reverse("interchange:import_confirm", kwargs={"pk": pending.pk}))

    assert response.status_code == 403 and Network.objects.count() == 0


def test_preview_and_confirm_read_the_upload_from_the_database_not_from_a_local_file(
    client_for, coordinator, settings, tmp_path
):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk", "Trekker"], ["Buurttafel", "Gemeente X"]])
    client = client_for(coordinator)
    pk = uploaded(client, path)
    path.unlink()

    # Another app server: its own (empty) data directory, the same database.
    settings.DATA_DIR = tmp_path / "other-server"
    preview = client.get(reverse("interchange:import_preview", kwargs={"pk": pk}))
    confirmed = confirm(client, pk)

    assert preview.status_code == 200 and "Buurttafel" in preview.content.decode()
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("networks:portfolio")
    assert Network.objects.filter(name="Buurttafel").exists()
    assert not (tmp_path / "data" / "imports").exists() and not settings.DATA_DIR.exists()


@pytest.mark.parametrize("name", ["import_preview", "import_confirm", "import_cancel"])
@pytest.mark.parametrize("same_organisation", [True, False])
def test_another_user_cannot_reach_someone_elses_upload(
    client_for, coordinator, organisation, stranger, tmp_path, name, same_organisation
):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk", "Trekker"], ["Buurttafel", "Gemeente X"]])
    pk = uploaded(client_for(coordinator), path)
    colleague = UserFactory(organisation=organisation, executive=True, username="colleague")
    client = client_for(colleague if same_organisation else stranger)

    get = client.get(reverse(f"interchange:{name}", kwargs={"pk": pk}))
    post = client.post(reverse(f"interchange:{name}", kwargs={"pk": pk}), {"skip_invalid": "on"})

    assert get.status_code in (404, 405) and post.status_code == 404
    assert PendingImport.objects.filter(pk=pk).exists() and Network.objects.count() == 0


def test_cancel_forgets_the_upload(client_for, coordinator, tmp_path):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk"], ["Buurttafel"]])
    client = client_for(coordinator)
    pk = uploaded(client, path)

    response = client.post(reverse("interchange:import_cancel", kwargs={"pk": pk}))

    assert response.status_code == 302 and not PendingImport.objects.exists()


def test_old_uploads_are_removed_and_cannot_be_confirmed(client_for, coordinator, tmp_path):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk"], ["Buurttafel"]])
    client = client_for(coordinator)
    old = uploaded(client, path)
    recent = uploaded(client, path)
    PendingImport.objects.filter(pk=old).update(created_at=timezone.now() - timedelta(hours=25))

    expired = confirm(client, old)
    uploaded(client, path)

    assert expired.status_code == 404 and Network.objects.count() == 0
    assert not PendingImport.objects.filter(pk=old).exists()
    assert PendingImport.objects.filter(pk=recent).exists()


def test_the_preview_uses_a_fixed_number_of_queries(client_for, coordinator):
    client = client_for(coordinator)
    url = reverse("interchange:import_preview", kwargs={"pk": uploaded(client, SAMPLE)})
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    OrganisationFactory.create_batch(20)

    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_the_upload_page_is_in_dutch_by_default(client_for, coordinator, settings):
    settings.LANGUAGE_CODE = "nl"

    response = client_for(coordinator).get(reverse("interchange:import"), HTTP_ACCEPT_LANGUAGE="nl")

    assert "Netwerken importeren" in response.content.decode()


def test_the_page_says_which_values_edited_in_verbond_a_reimport_kept(client_for, executive, organisation, tmp_path):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk", "Trekker", "Uren"], ["Buurttafel", "Gemeente X", "4 uur p/m"]])
    client = client_for(executive)
    confirm(client, uploaded(client, path))
    Participation.objects.filter(organisation=organisation).update(hours_per_month=7)  # edited since

    response = client.get(confirm(client, uploaded(client, path))["Location"])

    assert Participation.objects.get(organisation=organisation).hours_per_month == 7
    assert "the file says “4”" in response.content.decode()


def test_a_second_confirm_of_the_same_upload_imports_nothing_more(coordinator, tmp_path):
    path = write_xlsx(tmp_path / "lijst.xlsx", [["Netwerk", "Trekker"], ["Buurttafel", "Gemeente X"]])
    pending = services.pending_import_create(user=coordinator, filename="lijst.xlsx", content=path.read_bytes())
    services.pending_import_apply(pending=pending, user=coordinator)

    with pytest.raises(ValidationError, match="already been imported"):
        services.pending_import_apply(pending=pending, user=coordinator)  # the double click, after the first

    assert Network.objects.filter(name="Buurttafel").count() == 1
