import pytest
from django.urls import reverse

from tests.factories import DecisionFactory, NetworkFactory, OrganisationFactory, UserFactory
from verbond.decisions.models import Decision
from verbond.networks.models import Network, Participation


def test_a_stranger_gets_404_on_a_network_of_another_organisation(client_for, stranger, network):
    client = client_for(stranger)

    for name in ("networks:detail", "networks:edit", "networks:participation", "networks:participants", "decisions:decide"):
        assert client.get(reverse(name, args=[network.pk])).status_code == 404, name


def test_a_partner_sees_the_shared_part_but_not_our_figures_or_decisions(client_for, network, organisation):
    partner = OrganisationFactory(name="Zorggroep Partner")
    network.participants.create(organisation=partner)
    Participation.objects.filter(network=network, organisation=organisation).update(costs_per_year=43210, notes="Vertrouwelijk")
    DecisionFactory(network=network, organisation=organisation, reason="Intern besluit")
    from tests.factories import UserFactory

    response = client_for(UserFactory(organisation=partner)).get(reverse("networks:detail", args=[network.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert network.name in content and "Zorggroep Partner" in content
    assert "43.210" not in content and "43,210" not in content and "Vertrouwelijk" not in content
    assert "Intern besluit" not in content


def test_coordinator_registers_a_network_through_the_form(client_for, coordinator, organisation):
    response = client_for(coordinator).post(
        reverse("networks:create"), {"name": "Taalhuis", "level": "execution", "lead": organisation.pk}
    )

    network = Network.objects.get(name="Taalhuis")
    assert response.status_code == 302
    assert network.participants.filter(organisation=organisation).exists()


def test_the_form_explains_a_duplicate_name_and_a_bad_period(client_for, coordinator, network, organisation):
    response = client_for(coordinator).post(
        reverse("networks:create"),
        {"name": network.name, "level": "execution", "lead": organisation.pk, "start_date": "2025-05-02", "end_date": "2025-05-01"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "end_date" in errors
    assert errors["__all__"]
    assert Network.objects.count() == 1


def test_members_may_read_but_not_register(client_for, member):
    client = client_for(member)

    assert client.get(reverse("networks:portfolio")).status_code == 200
    assert client.get(reverse("networks:create")).status_code == 403


def test_negative_hours_are_refused_with_a_message(client_for, coordinator, network):
    response = client_for(coordinator).post(
        reverse("networks:participation", args=[network.pk]), {"hours_per_month": "-3", "costs_per_year": "0"}
    )

    assert response.status_code == 200
    assert "hours_per_month" in response.context["form"].errors


def test_a_conflicting_participation_edit_shows_both_versions(client_for, coordinator, network):
    participation = Participation.objects.get(network=network)
    client = client_for(coordinator)
    form = {"hours_per_month": "7", "costs_per_year": "0", "version": participation.version}
    client.post(reverse("networks:participation", args=[network.pk]), form)

    response = client.post(reverse("networks:participation", args=[network.pk]), form | {"hours_per_month": "9"})

    assert response.status_code == 200
    assert response.context["conflict"].hours_per_month == 7
    assert b"someone else" in response.content
    participation.refresh_from_db()
    assert participation.hours_per_month == 7


def test_executive_records_a_committed_yes_on_the_decide_page(client_for, executive, network):
    response = client_for(executive).post(
        reverse("decisions:decide", args=[network.pk]),
        {
            "kind": "committed_yes",
            "gate_urgency": "on",
            "gate_courage": "on",
            "gate_reciprocity": "on",
            "put_in_hours_per_month": "12",
            "supersedes": "0",
        },
    )

    assert response.status_code == 302
    assert Decision.objects.get().put_in_hours_per_month == 12


def test_the_decide_page_explains_a_missing_gate(client_for, executive, network):
    response = client_for(executive).post(
        reverse("decisions:decide", args=[network.pk]),
        {"kind": "committed_yes", "gate_urgency": "on", "put_in_hours_per_month": "12", "supersedes": "0"},
    )

    assert response.status_code == 200
    assert b"three gates" in response.content
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_only_executives_open_the_decide_page(request, client_for, network, role):
    response = client_for(request.getfixturevalue(role)).get(reverse("decisions:decide", args=[network.pk]))

    assert response.status_code == 403


def test_the_portfolio_filter_ignores_garbage(client_for, executive, network):
    response = client_for(executive).get(reverse("networks:portfolio"), {"sort": "drop table", "level": "x", "challenge": "abc"})

    assert response.status_code == 200


def test_organisation_directory_lists_partners_only(client_for, executive, organisation):
    partner = OrganisationFactory(name="Welzijn Partner")
    unrelated = OrganisationFactory(name="Onbekende Stichting")
    NetworkFactory(lead=partner, participants=[organisation])
    client = client_for(executive)

    listing = client.get(reverse("organisations:list")).content.decode()

    assert "Welzijn Partner" in listing and "Onbekende Stichting" not in listing
    assert client.get(reverse("organisations:detail", args=[unrelated.slug])).status_code == 404
    assert client.get(reverse("organisations:detail", args=[partner.slug])).status_code == 200


def test_network_page_shows_decision_history(client_for, executive, network):
    from verbond.decisions.services import decision_record

    decision_record(user=executive, network=network, kind="no", reason="Eerst nee")
    decision_record(user=executive, network=network, kind="exit", reason="Toch stoppen", exit_date=network.created_at.date())

    content = client_for(executive).get(reverse("networks:detail", args=[network.pk])).content.decode()

    assert "Eerst nee" in content and "Toch stoppen" in content and "superseded" in content


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("networks:portfolio"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_archived_networks_are_not_reachable(client_for, executive, network):
    network.archived_at = network.created_at
    network.save()

    assert client_for(executive).get(reverse("networks:detail", args=[network.pk])).status_code == 404


def test_unused_factory_network_is_invisible(client_for, executive):
    hidden = NetworkFactory()

    assert client_for(executive).get(reverse("networks:detail", args=[hidden.pk])).status_code == 404


def test_the_participants_page_refuses_to_remove_a_partner_with_its_own_decisions(client_for, coordinator, network, organisation):
    partner = OrganisationFactory(name="Zorggroep Met Besluiten")
    network.participants.create(organisation=partner)
    DecisionFactory(network=network, organisation=partner)

    response = client_for(coordinator).post(
        reverse("networks:participants", args=[network.pk]),
        {
            "p-TOTAL_FORMS": "1",
            "p-INITIAL_FORMS": "0",
            "p-0-organisation": str(organisation.pk),
            "p-0-role": "lead",
            "version": str(network.version),
        },
    )

    assert response.status_code == 200
    [error] = response.context["formset"].non_form_errors()
    assert "Zorggroep Met Besluiten cannot be removed" in error and "exit" in error
    assert "Zorggroep Met Besluiten cannot be removed" in response.content.decode()
    assert network.participants.filter(organisation=partner).exists()


def test_an_admin_adds_and_renames_a_challenge_on_the_page(client_for, organisation):
    from verbond.networks.models import Challenge

    client = client_for(UserFactory(organisation=organisation, admin=True))

    added = client.post(reverse("networks:challenges"), {"name": "Armoede", "name_en": "Poverty"})
    challenge = Challenge.objects.get(name="Armoede")
    renamed = client.post(reverse("networks:challenge_edit", args=[challenge.pk]), {"name": "Armoedebestrijding", "name_en": "Poverty"})

    assert (added.status_code, renamed.status_code) == (302, 302)
    challenge.refresh_from_db()
    assert challenge.name == "Armoedebestrijding"


def test_a_coordinator_reads_challenges_but_gets_403_on_changing_them(client_for, coordinator):
    from tests.factories import ChallengeFactory

    challenge = ChallengeFactory(name="Proefopgave")
    client = client_for(coordinator)

    listing = client.get(reverse("networks:challenges"))

    assert listing.status_code == 200 and "Proefopgave" in listing.content.decode()
    assert not listing.context["can_edit"]
    assert client.post(reverse("networks:challenges"), {"name": "Nieuw"}).status_code == 403
    assert client.get(reverse("networks:challenge_edit", args=[challenge.pk])).status_code == 403
    assert client.post(reverse("networks:challenge_edit", args=[challenge.pk]), {"name": "Hernoemd"}).status_code == 403
    challenge.refresh_from_db()
    assert challenge.name == "Proefopgave"


def test_a_coordinator_still_picks_challenges_for_a_network(client_for, coordinator, organisation):
    from tests.factories import ChallengeFactory

    challenge = ChallengeFactory(name="Proefopgave")

    response = client_for(coordinator).post(
        reverse("networks:create"),
        {"name": "Woonnetwerk", "level": "execution", "lead": organisation.pk, "challenges": [challenge.pk]},
    )

    assert response.status_code == 302
    assert list(Network.objects.get(name="Woonnetwerk").challenges.all()) == [challenge]


def test_two_people_editing_the_participants_at_once_do_not_overwrite_each_other(
    client_for, coordinator, network, organisation
):
    first, second = OrganisationFactory(name="Eerste Partner"), OrganisationFactory(name="Tweede Partner")
    loaded_version = network.version
    url = reverse("networks:participants", args=[network.pk])

    def save(partner):
        return client_for(coordinator).post(url, {
            "p-TOTAL_FORMS": "2", "p-INITIAL_FORMS": "0",
            "p-0-organisation": str(organisation.pk), "p-0-role": "lead",
            "p-1-organisation": str(partner.pk), "p-1-role": "funder",
            "version": str(loaded_version),
        })

    saved = save(first)
    refused = save(second)

    assert saved.status_code == 302
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone changed the participants since you opened this page" in page
    assert "Eerste Partner" in page  # the list as it is now, beside this editor's own rows
    assert set(network.participants.values_list("organisation__name", flat=True)) >= {"Eerste Partner"}
    assert not network.participants.filter(organisation=second).exists()


def test_an_invalid_participants_post_keeps_the_version_the_editor_loaded(client_for, coordinator, network, organisation):
    loaded_version = network.version
    network.version += 1  # a colleague saved meanwhile
    network.save()
    unknown_organisation = {
        "p-TOTAL_FORMS": "2", "p-INITIAL_FORMS": "0",
        "p-0-organisation": str(organisation.pk), "p-0-role": "lead",
        "p-1-organisation": "999999", "p-1-role": "funder",
        "version": str(loaded_version),
    }

    response = client_for(coordinator).post(reverse("networks:participants", args=[network.pk]), unknown_organisation)

    assert response.status_code == 200
    assert f'name="version" value="{loaded_version}"' in response.content.decode()


def test_a_participation_recorded_by_a_colleague_after_the_form_opened_is_a_conflict_not_an_overwrite(
    client_for, coordinator, organisation
):
    network = NetworkFactory(lead=organisation)  # no participation of ours yet
    url = reverse("networks:participation", args=[network.pk])
    client = client_for(coordinator)
    opened = client.get(url).content.decode()
    first = client.post(url, {"hours_per_month": "5", "costs_per_year": "0", "version": ""})

    second = client.post(url, {"hours_per_month": "9", "costs_per_year": "0", "version": ""})
    again = client.post(url, {"hours_per_month": "9", "costs_per_year": "0", "version": second.context["form"]["version"].value()})

    assert 'name="version"' in opened
    assert first.status_code == 302
    assert second.status_code == 200 and second.context["conflict"].hours_per_month == 5
    assert again.status_code == 302  # saving again after seeing both versions replaces on purpose
    assert Participation.objects.get(network=network, organisation=organisation).hours_per_month == 9
