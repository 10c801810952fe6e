"""Small registers for analytics: organisations sharing networks in known patterns."""

from tests.factories import ChallengeFactory, NetworkFactory, OrganisationFactory


def overlapping_networks(organisation, *, partners: int = 3, challenge_name: str = "Armoede"):
    """Two networks of `organisation` with the same `partners` plus one extra each, sharing a challenge."""
    shared = [OrganisationFactory(name=f"Partner {i}", slug=f"partner-{i}") for i in range(partners)]
    challenge = ChallengeFactory(name=challenge_name, slug=challenge_name.lower())
    first = NetworkFactory(
        lead=organisation, name="Schuldhulp Noord", participants=[*shared, OrganisationFactory()]
    )
    second = NetworkFactory(
        lead=organisation, name="Armoedetafel Noord", participants=[*shared, OrganisationFactory()]
    )
    first.challenges.add(challenge)
    second.challenges.add(challenge)
    return first, second, shared
