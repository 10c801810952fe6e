from django.urls import reverse

NEW_PASSWORD = "Rode-Kikker-Zwemt-1987"


def test_a_user_changes_their_password_and_stays_logged_in(client_for, member, password):
    client = client_for(member)

    page = client.get(reverse("accounts:password_change"))
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_done")
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not member.check_password(password)
    assert client.get(reverse("accounts:password_done")).status_code == 200
    assert client.get(reverse("networks:portfolio")).status_code == 200


def test_a_wrong_current_password_changes_nothing(client_for, member, password):
    response = client_for(member).post(
        reverse("accounts:password_change"),
        {"old_password": "niet-mijn-wachtwoord", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    member.refresh_from_db()
    assert member.check_password(password)


def test_anonymous_users_are_sent_to_login_for_a_password_change(client):
    response = client.get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
