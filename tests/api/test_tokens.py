import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import ApiClient
from tests.api.factories import expire, make_token
from verbond.api.models import ApiToken, TokenAccess
from verbond.api.services import hash_token, token_create


def test_token_is_stored_only_as_a_hash(executive):
    token, raw = token_create(user=executive, name="dashboard")

    assert raw.startswith("vb_")
    assert token.token_hash == hash_token(raw)
    assert raw not in {token.token_hash, token.prefix}
    assert not ApiToken.objects.filter(token_hash=raw).exists()


def test_settings_page_shows_a_new_token_once(client_for, executive):
    client = client_for(executive)

    response = client.post(reverse("api:tokens"), {"name": "Power BI", "access": TokenAccess.READ})
    raw = response.context["new_token"]
    again = client.get(reverse("api:tokens"))

    assert raw in response.content.decode()
    assert raw not in again.content.decode()
    assert "Power BI" in again.content.decode()
    assert ApiToken.objects.get(user=executive).token_hash == hash_token(raw)


def test_settings_page_refuses_an_expiry_in_the_past(client_for, executive):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client_for(executive).post(
        reverse("api:tokens"), {"name": "old", "access": TokenAccess.READ, "expires_on": yesterday.isoformat()}
    )

    assert response.status_code == 200
    assert "expires_on" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_settings_page_needs_a_login(client):
    response = client.get(reverse("api:tokens"))

    assert response.status_code == 302


def test_settings_page_lists_only_own_tokens(client_for, executive, stranger):
    token_create(user=stranger, name="someone else's")

    response = client_for(executive).get(reverse("api:tokens"))

    assert "someone else" not in response.content.decode()


def test_a_token_reads_the_api(executive, network):
    api = ApiClient(make_token(executive, write=False))

    response = api.get("networks")

    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Aanpak Huurachterstanden"]


def test_use_records_when_the_token_was_last_used(executive, network):
    raw = make_token(executive)

    ApiClient(raw).get("networks")

    assert ApiToken.objects.get(user=executive).last_used_at is not None


def test_read_only_token_is_refused_a_write(executive, network):
    api = ApiClient(make_token(executive, write=False))

    response = api.post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "Geen urgentie."})

    assert response.status_code == 403
    assert "read-only" in response.json()["message"]
    assert not network.decisions.exists()


def test_expired_token_is_refused(executive, network):
    raw = make_token(executive)
    expire(raw)

    response = ApiClient(raw).get("networks")

    assert response.status_code == 401
    assert response.json()["message"]


def test_revoked_token_stops_working(client_for, executive, network):
    raw = make_token(executive)
    token = ApiToken.objects.get(user=executive)

    client_for(executive).post(reverse("api:token_revoke", args=[token.pk]))
    response = ApiClient(raw).get("networks")

    assert response.status_code == 401
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_a_user_cannot_revoke_another_users_token(client_for, executive, stranger):
    token, raw = token_create(user=stranger, name="theirs")

    response = client_for(executive).post(reverse("api:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_token_of_a_deactivated_user_is_refused(executive, network):
    raw = make_token(executive)
    executive.is_active = False
    executive.save()

    response = ApiClient(raw).get("networks")

    assert response.status_code == 401


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer nonsense", "Bearer vb_wrong", "Basic dXNlcjpwdw=="])
def test_missing_or_wrong_token_is_401_json(client, db, header):
    headers = {"Authorization": header} if header else {}

    response = client.get("/api/v1/networks", headers=headers)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "token" in response.json()["message"]


def test_settings_page_speaks_dutch(client_for, executive, settings):
    settings.LANGUAGE_CODE = "nl"

    response = client_for(executive).get(reverse("api:tokens"), HTTP_ACCEPT_LANGUAGE="nl")

    assert "Een token maken" in response.content.decode()
