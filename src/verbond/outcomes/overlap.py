"""Overlap between networks (wildgroei), as plain data: no database, no Django."""

from collections.abc import Mapping, Set
from dataclasses import dataclass


@dataclass(frozen=True)
class Overlap:
    network_id: int
    jaccard: float
    shared_members: frozenset[int]
    shared_challenges: frozenset[int]


def jaccard(a: Set[int], b: Set[int]) -> float:
    """|A ∩ B| / |A ∪ B|; 0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def rank_overlap(
    *,
    network_id: int,
    members: Mapping[int, Set[int]],
    challenges: Mapping[int, Set[int]],
    min_jaccard: float,
    limit: int,
) -> list[Overlap]:
    """The other networks that share a challenge with `network_id`, most similar participant set first.

    Jaccard similarity of the participant sets; ties are broken by more shared members, then by id, so the
    ranking is stable. O(n · m) for n networks of at most m members.
    """
    own_members = members.get(network_id, set())
    own_challenges = challenges.get(network_id, set())
    found = []
    for other_id, other_members in members.items():
        if other_id == network_id:
            continue
        shared_challenges = own_challenges & challenges.get(other_id, set())
        if not shared_challenges:
            continue
        similarity = jaccard(own_members, other_members)
        if similarity < min_jaccard or similarity == 0:
            continue
        found.append(
            Overlap(
                network_id=other_id,
                jaccard=similarity,
                shared_members=frozenset(own_members & other_members),
                shared_challenges=frozenset(shared_challenges),
            )
        )
    found.sort(key=lambda o: (-o.jaccard, -len(o.shared_members), o.network_id))
    return found[:limit]
