"""The whole analysis in one call, and its plain-data (JSON-ready) form."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from verbond.analysis.affiliations import Affiliations
from verbond.analysis.centrality import (
    DEFAULT_PIVOTS,
    EXACT_LIMIT,
    Brokers,
    Centrality,
    brokers,
    centrality,
    components,
    density,
    projection,
)
from verbond.analysis.overlap import (
    Pairs,
    co_membership,
    co_membership_matrix,
    co_membership_top_with_projection,
    network_overlap,
    organisation_degrees,
)

STAGES = ("co_membership", "overlap", "degrees", "centrality", "brokers")

Progress = Callable[[str], object]


@dataclass(frozen=True)
class Report:
    affiliations: Affiliations
    min_jaccard: float
    top: int | None
    density: float
    components: int
    component_labels: np.ndarray
    network_overlap: Pairs
    co_membership: Pairs
    degree: np.ndarray
    partners: np.ndarray
    weighted_degree: np.ndarray
    centrality: Centrality
    brokers: Brokers

    def organisations_table(self) -> list[dict]:
        labels = self.affiliations.organisations
        cut = self.brokers.articulation
        return [
            {
                "organisation": _plain(labels[i]),
                "networks": int(self.degree[i]),
                "partners": int(self.partners[i]),
                "weighted_degree": float(self.weighted_degree[i]),
                "betweenness": _number(self.centrality.betweenness[i]),
                "closeness": _number(self.centrality.closeness[i]),
                "component": int(self.component_labels[i]),
                "articulation_point": bool(cut[i]),
            }
            for i in range(self.affiliations.n_organisations)
        ]

    def network_overlap_rows(self) -> list[dict]:
        labels = self.affiliations.networks
        pairs = self.network_overlap
        return [
            {"a": _plain(labels[a]), "b": _plain(labels[b]), "shared": int(s), "jaccard": float(j)}
            for a, b, s, j in zip(pairs.a, pairs.b, pairs.shared, pairs.jaccard, strict=True)
        ]

    def co_membership_rows(self) -> list[dict]:
        labels = self.affiliations.organisations
        pairs = self.co_membership
        return [
            {"a": _plain(labels[a]), "b": _plain(labels[b]), "shared": int(s)}
            for a, b, s in zip(pairs.a, pairs.b, pairs.shared, strict=True)
        ]

    def to_dict(self) -> dict:
        """Everything as JSON-ready plain data (NaN becomes None)."""
        labels = self.affiliations.organisations
        return {
            "organisations": self.affiliations.n_organisations,
            "networks": self.affiliations.n_networks,
            "memberships": self.affiliations.n_memberships,
            "density": self.density,
            "components": self.components,
            "min_jaccard": self.min_jaccard,
            "top": self.top,
            "centrality": {
                "exact": self.centrality.exact,
                "pivots": self.centrality.pivots,
                "seed": self.centrality.seed,
                "max_betweenness_error": self.centrality.max_error,
                "max_closeness_error": self.centrality.max_closeness_error,
            },
            "network_overlap": self.network_overlap_rows(),
            "co_membership": self.co_membership_rows(),
            "organisations_table": self.organisations_table(),
            "brokers": [
                {
                    "organisation": _plain(labels[i]),
                    "articulation_point": bool(self.brokers.articulation[i]),
                    "betweenness": _number(self.centrality.betweenness[i]),
                }
                for i in self.brokers.indices
            ],
        }


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


@contextmanager
def _stage(progress: Progress | None, name: str) -> Iterator[None]:
    yield
    if progress is not None:
        progress(name)


def analyse(
    affiliations: Affiliations,
    *,
    min_jaccard: float = 0.5,
    top: int | None = None,
    exact_limit: int = EXACT_LIMIT,
    pivots: int = DEFAULT_PIVOTS,
    seed: int = 0,
    brokers_top: int = 10,
    progress: Progress | None = None,
) -> Report:
    """Run every stage: co-membership, network overlap, degrees, centrality, components, brokers.

    `progress` is called with each stage name in `STAGES` once it is done.

    Notes
    -----
    Dominated by the two sparse products ``B Bᵀ`` and ``Bᵀ B`` and, above `exact_limit` organisations, by
    ``pivots`` sparse BFS runs on the projection; exact centrality costs ``O(n · m)``. With `top`, ``B Bᵀ``
    is streamed once (`co_membership_top_with_projection`): the counts of every pair are never held, only
    the top pairs and the 0/1 adjacency that centrality needs. Without `top` every pair is reported, so the
    whole projection with its counts is built.
    """
    with _stage(progress, "co_membership"):
        if top is None:
            matrix = co_membership_matrix(affiliations)
            pairs = co_membership(affiliations, matrix=matrix)
            adjacency = projection(affiliations, matrix)
            del matrix
        else:
            # Streamed: only each organisation's top pairs and the 0/1 pattern centrality needs are kept.
            pairs, _partners, adjacency = co_membership_top_with_projection(affiliations, top=top)
    with _stage(progress, "overlap"):
        overlap = network_overlap(affiliations, min_jaccard=min_jaccard)
    with _stage(progress, "degrees"):
        degree, partners, weighted = organisation_degrees(affiliations, adjacency)
    with _stage(progress, "centrality"):
        count, labels = components(adjacency)
        result = centrality(adjacency, exact_limit=exact_limit, pivots=pivots, seed=seed)
    with _stage(progress, "brokers"):
        found = brokers(affiliations, result.betweenness, top=brokers_top)
    return Report(
        affiliations=affiliations,
        min_jaccard=min_jaccard,
        top=top,
        density=density(adjacency),
        components=count,
        component_labels=labels,
        network_overlap=overlap,
        co_membership=pairs,
        degree=degree,
        partners=partners,
        weighted_degree=weighted,
        centrality=result,
        brokers=found,
    )
