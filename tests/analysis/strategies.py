"""Random small bipartite graphs, as both engine input and a networkx graph to check it against."""

from dataclasses import dataclass

import networkx as nx
from hypothesis import strategies as st

from verbond.analysis import Affiliations, affiliations_from_pairs


@dataclass
class Case:
    affiliations: Affiliations
    graph: nx.Graph  # bipartite: organisations are ints 0..n-1 (engine index), networks ("n", j)
    projection: nx.Graph  # organisations only, nodes added in index order

    @property
    def organisations(self) -> list[int]:
        return list(range(self.affiliations.n_organisations))

    def network_node(self, index: int) -> tuple[str, int]:
        return ("n", int(self.affiliations.networks[index]))


@st.composite
def bipartite_cases(draw, max_organisations: int = 9, max_networks: int = 7) -> Case:
    n_orgs = draw(st.integers(1, max_organisations))
    n_nets = draw(st.integers(1, max_networks))
    edges = draw(
        st.sets(
            st.tuples(st.integers(0, n_orgs - 1), st.integers(0, n_nets - 1)),
            min_size=1,
            max_size=n_orgs * n_nets,
        )
    )
    weights = draw(st.lists(st.integers(1, 20), min_size=len(edges), max_size=len(edges)))
    edges = sorted(edges)
    affiliations = affiliations_from_pairs(
        [o for o, _ in edges], [n for _, n in edges], [float(w) for w in weights]
    )
    index = {int(label): i for i, label in enumerate(affiliations.organisations)}
    graph = nx.Graph()
    graph.add_nodes_from(range(len(index)), bipartite=0)
    for (org, net), weight in zip(edges, weights, strict=True):
        graph.add_edge(index[org], ("n", net), weight=float(weight))
    projected = nx.bipartite.projected_graph(graph, list(range(len(index))))
    projection = nx.Graph()
    projection.add_nodes_from(range(len(index)))
    projection.add_edges_from(projected.edges())
    return Case(affiliations=affiliations, graph=graph, projection=projection)
