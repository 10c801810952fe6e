import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.outcomes.factories import GoodExampleFactory, IndicatorFactory, MeasurementFactory
from verbond.outcomes import selectors, services
from verbond.outcomes.models import ExampleConsent


@pytest.fixture
def shared_network(organisation, other_organisation, executive):
    """Two participants with accounts (we and the municipality) and one without accounts."""
    network = NetworkFactory(lead=organisation, participants=[other_organisation, OrganisationFactory()])
    GoodExampleFactory(network=network)
    return network


@pytest.fixture
def partner_executive(other_organisation):
    return UserFactory(organisation=other_organisation, executive=True)


def test_shared_only_when_every_participant_with_accounts_consents(shared_network, executive, partner_executive):
    services.example_consent(user=executive, network=shared_network)

    assert list(selectors.shared_examples()) == []

    services.example_consent(user=partner_executive, network=shared_network)

    assert [e.network for e in selectors.shared_examples()] == [shared_network]


def test_withdrawing_consent_removes_the_example_at_once(shared_network, executive, partner_executive):
    services.example_consent(user=executive, network=shared_network)
    services.example_consent(user=partner_executive, network=shared_network)

    services.example_withdraw(user=partner_executive, network=shared_network)

    assert list(selectors.shared_examples()) == []


def test_a_new_participant_with_accounts_must_consent_too(shared_network, executive, partner_executive):
    services.example_consent(user=executive, network=shared_network)
    services.example_consent(user=partner_executive, network=shared_network)
    newcomer = OrganisationFactory()
    UserFactory(organisation=newcomer, executive=True)

    shared_network.participants.create(organisation=newcomer)

    assert list(selectors.shared_examples()) == []


def test_only_an_executive_of_a_participant_consents(shared_network, coordinator):
    outsider = UserFactory(executive=True)

    with pytest.raises(PermissionDenied):
        services.example_consent(user=coordinator, network=shared_network)
    with pytest.raises(PermissionDenied):
        services.example_consent(user=outsider, network=shared_network)
    assert not ExampleConsent.objects.exists()


def test_consent_needs_a_written_example(executive, network):
    with pytest.raises(ValidationError):
        services.example_consent(user=executive, network=network)


def test_consent_status_lists_who_still_has_to_consent(shared_network, executive, partner_executive):
    services.example_consent(user=executive, network=shared_network)

    status = selectors.consent_status(user=executive, network=shared_network)

    assert status.consented == ["Woonstichting Test"]
    assert status.missing == ["Gemeente Elders"]
    assert not status.shared


def _share(network, *executives):
    for user in executives:
        services.example_consent(user=user, network=network)


def test_library_is_sorted_by_results_and_searchable(organisation, executive):
    good = NetworkFactory(lead=organisation, name="Aanpak huurachterstand")
    poor = NetworkFactory(lead=organisation, name="Wijkteam")
    for network, value in ((good, 70), (poor, 45)):
        GoodExampleFactory(network=network, lesson=f"Les van {network.name}")
        MeasurementFactory(indicator=IndicatorFactory(network=network, baseline_value=40, target_value=80), value=value)
        _share(network, executive)

    assert [c.network for c in selectors.library()] == [good, poor]
    assert [c.results_score for c in selectors.library()] == [75, 12]
    assert [c.network for c in selectors.library(query="wijkteam")] == [poor]
    assert selectors.library(query="niets daarvan") == []


def test_an_organisation_with_only_members_cannot_block_sharing(shared_network, executive, partner_executive):
    member_only = OrganisationFactory()
    UserFactory(organisation=member_only)
    shared_network.participants.create(organisation=member_only)

    _share(shared_network, executive, partner_executive)

    assert [e.network for e in selectors.shared_examples()] == [shared_network]


def test_criteria_profile_shows_only_everyones_mean_over_enough_respondents(shared_network, organisation):
    from tests.assessments.factories import RespondentFactory, RoundFactory, answer

    round_ = RoundFactory(network=shared_network, organisation=organisation, closed=True)
    colleague = RespondentFactory(round=round_)
    partners = [RespondentFactory(round=round_, organisation=OrganisationFactory()) for _ in range(3)]
    # "results": a colleague and three partners → everyone's mean of four scores.
    # "urgency": only the colleague → that one person's score; "mandate": the colleague and one partner → the
    # partner is hidden and the assessments headline falls back to the colleague's own score.
    answer(colleague, results=5, urgency=4, mandate=1)
    answer(partners[0], results=2, mandate=5)
    answer(partners[1], results=3)
    answer(partners[2], results=2)

    profile = selectors.criteria_profile(network=shared_network)

    assert profile == [("Results", 3.0)]


def test_criteria_profile_ignores_an_open_round(shared_network, organisation):
    from tests.assessments.factories import RespondentFactory, RoundFactory, answer

    # Three colleagues answered so far: a mean of three, but the next answer would reveal its own score.
    round_ = RoundFactory(network=shared_network, organisation=organisation)
    for _ in range(3):
        answer(RespondentFactory(round=round_), results=4)

    assert selectors.criteria_profile(network=shared_network) == []


def test_changing_the_lesson_or_contact_withdraws_every_consent(shared_network, executive, partner_executive, coordinator):
    _share(shared_network, executive, partner_executive)

    example = services.example_save(
        user=coordinator, network=shared_network, lesson="Een les die niemand heeft gezien.", contact="Iemand anders"
    )

    assert example.consents_cleared == 2
    assert selectors.shared_examples() == []
    assert not ExampleConsent.objects.exists()
    assert selectors.consent_status(user=executive, network=shared_network).missing == ["Gemeente Elders", "Woonstichting Test"]


def test_saving_the_same_texts_keeps_the_consents(shared_network, executive, partner_executive, coordinator):
    _share(shared_network, executive, partner_executive)
    example = shared_network.good_example

    saved = services.example_save(user=coordinator, network=shared_network, lesson=f" {example.lesson} ", contact=example.contact)

    assert saved.consents_cleared == 0
    assert [e.network for e in selectors.shared_examples()] == [shared_network]


def test_a_consent_given_on_an_older_purpose_no_longer_counts(shared_network, executive, partner_executive):
    _share(shared_network, executive, partner_executive)

    shared_network.purpose = "Een nieuw doel waar niemand mee instemde."
    shared_network.save()

    assert selectors.shared_examples() == []
    assert selectors.library() == []
    status = selectors.consent_status(user=executive, network=shared_network)
    assert status.outdated == ["Gemeente Elders", "Woonstichting Test"] and not status.shared and not status.ours

    _share(shared_network, executive, partner_executive)

    assert [c.network for c in selectors.library()] == [shared_network]


def test_an_organisation_that_left_no_longer_holds_back_an_example(shared_network, executive, partner_executive, other_organisation):
    _share(shared_network, executive, partner_executive)
    shared_network.participants.filter(organisation=other_organisation).delete()  # it left the network
    shared_network.purpose = "Een aangescherpt doel."
    shared_network.save()

    services.example_consent(user=executive, network=shared_network)

    assert selectors.consent_status(user=executive, network=shared_network).shared
    assert [e.network for e in selectors.shared_examples()] == [shared_network]
