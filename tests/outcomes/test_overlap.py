from django.utils import timezone

from tests.factories import ChallengeFactory, NetworkFactory, OrganisationFactory
from verbond.outcomes import selectors
from verbond.outcomes.overlap import jaccard, rank_overlap


def test_jaccard_is_shared_over_all_members():
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5
    assert jaccard(set(), set()) == 0.0


def test_overlap_ranks_networks_sharing_a_challenge_by_jaccard():
    # Worked example. Network 1 has members {A, B, C, D} = {10, 11, 12, 13} and challenge "wonen" (100).
    #   network 2: {10, 11, 12, 13}  challenge 100   → J = 4/4 = 1.0
    #   network 3: {10, 11, 12, 14}  challenge 100   → J = 3/5 = 0.6
    #   network 4: {10, 11, 15, 16}  challenges 100 → J = 2/6 ≈ 0.33
    #   network 5: {10, 11, 12, 13}  challenge 200   → same members, but no shared challenge: left out
    #   network 6: {10, 17, 18, 19}  challenge 100   → J = 1/7 ≈ 0.14, below the 0.3 threshold
    members = {
        1: {10, 11, 12, 13},
        2: {10, 11, 12, 13},
        3: {10, 11, 12, 14},
        4: {10, 11, 15, 16},
        5: {10, 11, 12, 13},
        6: {10, 17, 18, 19},
    }
    challenges = {1: {100}, 2: {100, 300}, 3: {100}, 4: {100}, 5: {200}, 6: {100}}

    ranked = rank_overlap(network_id=1, members=members, challenges=challenges, min_jaccard=0.3, limit=5)

    assert [o.network_id for o in ranked] == [2, 3, 4]
    assert [round(o.jaccard, 2) for o in ranked] == [1.0, 0.6, 0.33]
    assert ranked[1].shared_members == {10, 11, 12}
    assert ranked[0].shared_challenges == {100}


def test_overlap_keeps_only_the_best_candidates():
    members = {1: {1, 2}, 2: {1, 2}, 3: {1, 2}, 4: {1, 2}}
    challenges = {n: {7} for n in members}

    ranked = rank_overlap(network_id=1, members=members, challenges=challenges, min_jaccard=0.3, limit=2)

    assert [o.network_id for o in ranked] == [2, 3]


def test_overlap_candidates_come_from_our_portfolio_with_shared_partner_names(settings, organisation, executive):
    settings.VERBOND_OVERLAP_MIN_JACCARD = 0.3
    settings.VERBOND_OVERLAP_MAX_CANDIDATES = 3
    housing, care = ChallengeFactory(), ChallengeFactory()
    anna, bert, cees, dirk = (OrganisationFactory(name=name) for name in ("Anna", "Bert", "Cees", "Dirk"))

    def network(name, members, challenges, lead=organisation):
        created = NetworkFactory(name=name, lead=lead, participants=members)
        created.challenges.set(challenges)
        return created

    ours = network("Ons netwerk", [anna, bert, cees], [housing])
    twin = network("Tweeling", [anna, bert, cees], [housing, care])  # J = 4/4
    close = network("Buur", [anna, bert, dirk], [housing])  # J = 3/5
    network("Andere opgave", [anna, bert, cees], [care])  # same partners, no shared challenge
    network("Zonder ons", [bert, cees, dirk], [housing], lead=anna)  # not in our portfolio
    archived = network("Gearchiveerd", [anna, bert, cees], [housing])
    archived.archived_at = timezone.now()
    archived.save()

    candidates = selectors.overlap_candidates(user=executive, network=ours)

    assert [(c.network, c.percentage) for c in candidates] == [(twin, 100), (close, 60)]
    assert candidates[0].shared_partners == ["Anna", "Bert", "Cees"]
    assert candidates[1].shared_partners == ["Anna", "Bert"]
    assert candidates[0].shared_challenges == [housing]
