"""The reports app has no models; it reads the foundation's. Helpers to build a small portfolio."""

import io

import pypdf

from tests.factories import ChallengeFactory, DecisionFactory, NetworkFactory, ParticipationFactory


def pdf_text(data: bytes) -> str:
    """All text of a PDF (typst compresses its streams, so read it with pypdf)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def portfolio_of(organisation, *, partner):
    """Three networks of `organisation` on one challenge: committed, conditional yes past its deadline, undecided."""
    challenge = ChallengeFactory(name="Wonen", name_en="Housing", slug="wonen")
    committed = NetworkFactory(lead=organisation, name="Wijkteam Noord", participants=[partner])
    expired = NetworkFactory(lead=partner, name="Woonplatform Zuid", participants=[organisation])
    undecided = NetworkFactory(lead=organisation, name="Praatoverleg West", participants=[partner])
    for network, hours, costs in ((committed, 10, 4000), (expired, 7, 1500), (undecided, 5, 250)):
        network.challenges.add(challenge)
        ParticipationFactory(
            network=network, organisation=organisation, hours_per_month=hours, costs_per_year=costs
        )
    DecisionFactory(network=committed, organisation=organisation, committed=True)
    DecisionFactory(network=expired, organisation=organisation, conditional_expired=True)
    return committed, expired, undecided
