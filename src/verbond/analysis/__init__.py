"""Network analytics on the organisation × network affiliation graph, without Django.

Plain data in (labels, index arrays, a scipy sparse incidence matrix), plain data out (dataclasses of NumPy
arrays). Everything heavy is sparse linear algebra; nothing loops over pairs in Python.
"""

from verbond.analysis.affiliations import Affiliations, affiliations_from_incidence, affiliations_from_pairs
from verbond.analysis.centrality import (
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
    co_membership_top,
    co_membership_top_with_projection,
    network_overlap,
    network_top_k,
    organisation_degrees,
)
from verbond.analysis.report import Report, analyse

__all__ = [
    "Affiliations",
    "Brokers",
    "Centrality",
    "Pairs",
    "Report",
    "affiliations_from_incidence",
    "affiliations_from_pairs",
    "analyse",
    "brokers",
    "centrality",
    "co_membership",
    "co_membership_matrix",
    "co_membership_top",
    "co_membership_top_with_projection",
    "components",
    "density",
    "network_overlap",
    "network_top_k",
    "organisation_degrees",
    "projection",
]
