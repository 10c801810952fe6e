"""Graphs for Gephi and friends: the affiliation graph and the organisation projection as networkx graphs.

Writing them (``networkx.write_graphml`` / ``write_gexf``) is the caller's business.
"""

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from verbond.analysis.affiliations import Affiliations
from verbond.analysis.overlap import Pairs

if TYPE_CHECKING:
    from verbond.analysis.report import Report


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def affiliation_graph(
    affiliations: Affiliations,
    *,
    organisation_attributes: Mapping[str, np.ndarray | list] | None = None,
    names: Mapping[str, Mapping] | None = None,
) -> nx.Graph:
    """The bipartite organisation–network graph.

    Nodes are ``"o:<label>"`` and ``"n:<label>"`` with attributes ``label`` (a display name from
    ``names["organisation"|"network"]`` when given), ``kind`` (``organisation``/``network``) and
    ``bipartite`` (0/1); `organisation_attributes` adds per-organisation columns (e.g. betweenness).
    Edges carry the membership ``weight``. ``O(n + N + m)``.
    """
    names = names or {}
    graph = nx.Graph()
    organisation_names = names.get("organisation", {})
    network_names = names.get("network", {})
    extra = organisation_attributes or {}
    for i, label in enumerate(affiliations.organisations):
        label = _plain(label)
        attributes = {key: _plain(values[i]) for key, values in extra.items()}
        graph.add_node(
            f"o:{label}",
            label=str(organisation_names.get(label, label)),
            kind="organisation",
            bipartite=0,
            **attributes,
        )
    for label in affiliations.networks:
        label = _plain(label)
        graph.add_node(f"n:{label}", label=str(network_names.get(label, label)), kind="network", bipartite=1)
    weights = affiliations.weights.tocoo()
    for row, col, weight in zip(weights.row, weights.col, weights.data, strict=True):
        graph.add_edge(
            f"o:{_plain(affiliations.organisations[row])}",
            f"n:{_plain(affiliations.networks[col])}",
            weight=float(weight),
        )
    return graph


def projection_graph(
    affiliations: Affiliations,
    co_membership: Pairs,
    *,
    organisation_attributes: Mapping[str, np.ndarray | list] | None = None,
    names: Mapping | None = None,
) -> nx.Graph:
    """The organisation projection: an edge per co-membership pair, with ``shared`` networks as ``weight``."""
    names = names or {}
    extra = organisation_attributes or {}
    graph = nx.Graph()
    for i, label in enumerate(affiliations.organisations):
        label = _plain(label)
        attributes = {key: _plain(values[i]) for key, values in extra.items()}
        graph.add_node(f"o:{label}", label=str(names.get(label, label)), **attributes)
    for row, col, shared in zip(co_membership.a, co_membership.b, co_membership.shared, strict=True):
        graph.add_edge(
            f"o:{_plain(affiliations.organisations[row])}",
            f"o:{_plain(affiliations.organisations[col])}",
            shared=int(shared),
            weight=int(shared),
        )
    return graph


def _write_csv(path: Path, rows: list[dict], columns: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_report_files(report: "Report", directory: Path) -> list[Path]:
    """Write a report as CSV tables plus GraphML and GEXF graphs (affiliation graph and projection).

    Files: ``organisations.csv``, ``network_overlap.csv``, ``co_membership.csv``, ``brokers.csv``,
    ``affiliations.graphml``, ``affiliations.gexf``, ``projection.graphml``, ``projection.gexf``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    data = report.to_dict()
    table = data["organisations_table"]
    written = [
        _write_csv(directory / "organisations.csv", table, list(table[0]) if table else ["organisation"]),
        _write_csv(
            directory / "network_overlap.csv", data["network_overlap"], ["a", "b", "shared", "jaccard"]
        ),
        _write_csv(directory / "co_membership.csv", data["co_membership"], ["a", "b", "shared"]),
        _write_csv(
            directory / "brokers.csv", data["brokers"], ["organisation", "articulation_point", "betweenness"]
        ),
    ]
    attributes = {
        "networks": report.degree,
        "partners": report.partners,
        "betweenness": np.nan_to_num(report.centrality.betweenness),
        "closeness": np.nan_to_num(report.centrality.closeness),
    }
    graphs = {
        "affiliations": affiliation_graph(report.affiliations, organisation_attributes=attributes),
        "projection": projection_graph(
            report.affiliations, report.co_membership, organisation_attributes=attributes
        ),
    }
    for name, graph in graphs.items():
        nx.write_graphml(graph, directory / f"{name}.graphml")
        nx.write_gexf(graph, directory / f"{name}.gexf")
        written += [directory / f"{name}.graphml", directory / f"{name}.gexf"]
    return written
