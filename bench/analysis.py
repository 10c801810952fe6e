"""Benchmark of verbond.analysis on a synthetic country (not part of the test suite).

    uv run python bench/analysis.py                 # 50,000 organisations, 20,000 networks, 500,000 memberships
    uv run python bench/analysis.py --scale 0.1     # a smaller country

Degrees are heavy-tailed on both sides (Pareto, tail exponent 2.5): a few umbrella bodies take part in
thousands of networks and a few networks have thousands of members. Memberships are drawn by pairing
organisation "stubs" with network "stubs" (a bipartite configuration model), seeded, duplicates dropped.

Prints per stage the wall time and the peak memory (tracemalloc, which sees NumPy/SciPy array allocations),
the process's peak RSS, and two ratios measured in the same run:
1. the networkx baseline (bipartite projection + pairwise Jaccard) against the engine on a size networkx
   finishes in under a minute;
2. the whole overlap stage against the bare scipy sparse product ``Bᵀ B`` (the irreducible work).
Then ``analyse()`` end to end — what ``verbond analyse --top N`` and the region view run — and its ``to_dict()``.
"""

import argparse
import os
import resource
import time
import tracemalloc
from collections.abc import Callable

import networkx as nx
import numpy as np

from verbond.analysis import (
    affiliations_from_pairs,
    analyse,
    brokers,
    centrality,
    co_membership_matrix,
    co_membership_top,
    network_overlap,
    organisation_degrees,
    projection,
)

ORGANISATIONS, NETWORKS, MEMBERSHIPS = 50_000, 20_000, 500_000


def heavy_tailed_degrees(rng: np.random.Generator, count: int, total: int, cap: int) -> np.ndarray:
    """`count` Pareto(1.5) degrees, at least 1, at most `cap`, rescaled to sum to about `total`."""
    raw = rng.pareto(1.5, count) + 1.0
    degrees = np.clip(np.round(raw * total / raw.sum()), 1, cap).astype(np.int64)
    return degrees


def synthetic_country(
    *, organisations: int, networks: int, memberships: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    # Draw a few more stubs than needed: pairing creates duplicates, which are dropped.
    org_degrees = heavy_tailed_degrees(rng, organisations, int(memberships * 1.1), cap=networks // 4)
    net_degrees = heavy_tailed_degrees(rng, networks, int(memberships * 1.1), cap=organisations // 10)
    org_stubs = np.repeat(np.arange(organisations), org_degrees)
    net_stubs = np.repeat(np.arange(networks), net_degrees)
    size = min(len(org_stubs), len(net_stubs))
    org_stubs = rng.permutation(org_stubs)[:size]
    net_stubs = rng.permutation(net_stubs)[:size]
    keys = np.unique(org_stubs * networks + net_stubs)
    keys = rng.permutation(keys)[:memberships]
    orgs, nets = keys // networks, keys % networks
    # Proliferation (wildgroei): 2% of the networks are near-copies of another one, 80% of its members kept.
    copies = rng.choice(networks, size=networks // 50, replace=False)
    originals = rng.choice(networks, size=len(copies), replace=False)
    source = np.isin(nets, originals)
    mapping = dict(zip(originals.tolist(), copies.tolist(), strict=True))
    kept = source & (rng.random(len(nets)) < 0.8)
    copy_orgs = orgs[kept]
    copy_nets = np.array([mapping[n] for n in nets[kept].tolist()], dtype=np.int64)
    replaced = ~np.isin(nets, copies)
    orgs = np.concatenate([orgs[replaced], copy_orgs])
    nets = np.concatenate([nets[replaced], copy_nets])
    return orgs, nets


def measure(name: str, function: Callable, rows: list) -> object:
    tracemalloc.reset_peak()
    start_current, _ = tracemalloc.get_traced_memory()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = function()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    _, peak = tracemalloc.get_traced_memory()
    rows.append((name, elapsed, (peak - start_current) / 2**20, cpu))
    print(f"  {name:<52} {elapsed:8.2f} s {cpu:8.2f} s {(peak - start_current) / 2**20:9.0f} MiB", flush=True)
    return result


def networkx_baseline(orgs: np.ndarray, nets: np.ndarray) -> tuple[float, float]:
    """Wall and CPU seconds of networkx: weighted organisation projection + network pairs with Jaccard ≥ 0.5."""
    graph = nx.Graph()
    graph.add_nodes_from((f"o{o}" for o in np.unique(orgs)), bipartite=0)
    graph.add_nodes_from((f"n{n}" for n in np.unique(nets)), bipartite=1)
    graph.add_edges_from(zip((f"o{o}" for o in orgs), (f"n{n}" for n in nets), strict=True))
    start, start_cpu = time.perf_counter(), time.process_time()
    org_nodes = [node for node, side in graph.nodes(data="bipartite") if side == 0]
    net_nodes = [node for node, side in graph.nodes(data="bipartite") if side == 1]
    nx.bipartite.weighted_projected_graph(graph, org_nodes)
    overlap = nx.bipartite.overlap_weighted_projected_graph(graph, net_nodes, jaccard=True)
    [(u, v) for u, v, j in overlap.edges(data="weight") if j >= 0.5]
    return time.perf_counter() - start, time.process_time() - start_cpu


def engine_same_work(orgs: np.ndarray, nets: np.ndarray) -> tuple[float, float]:
    """The engine doing what the baseline does: the weighted projection and the overlap pairs."""
    start, start_cpu = time.perf_counter(), time.process_time()
    affiliations = affiliations_from_pairs(orgs, nets)
    co_membership_matrix(affiliations)
    network_overlap(affiliations, min_jaccard=0.5)
    return time.perf_counter() - start, time.process_time() - start_cpu


def engine_target_stages(orgs: np.ndarray, nets: np.ndarray, top: int) -> tuple[float, float]:
    """The engine's target stages: overlap, co-membership top-k with partner counts, degrees."""
    start, start_cpu = time.perf_counter(), time.process_time()
    affiliations = affiliations_from_pairs(orgs, nets)
    _pairs, partners = co_membership_top(affiliations, top=top)
    network_overlap(affiliations, min_jaccard=0.5)
    organisation_degrees(affiliations, partners=partners)
    return time.perf_counter() - start, time.process_time() - start_cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--pivots", type=int, default=16, help="sampled BFS sources for centrality")
    parser.add_argument("--baseline-scale", type=float, default=0.1, help="size of the networkx comparison")
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--skip-centrality", action="store_true")
    parser.add_argument(
        "--skip-analyse", action="store_true", help="skip analyse() end to end (what `verbond analyse` runs)"
    )
    args = parser.parse_args()

    size = {
        "organisations": int(ORGANISATIONS * args.scale),
        "networks": int(NETWORKS * args.scale),
        "memberships": int(MEMBERSHIPS * args.scale),
    }
    orgs, nets = synthetic_country(**size, seed=args.seed)
    org_degree = np.bincount(orgs)
    net_size = np.bincount(nets)
    print(
        f"synthetic country (seed {args.seed}): {len(np.unique(orgs)):,} organisations, "
        f"{len(np.unique(nets)):,} networks, {len(orgs):,} memberships; largest organisation in "
        f"{org_degree.max():,} networks, largest network {net_size.max():,} members"
    )
    print(
        f"  work: Σ degree² = {int((org_degree**2).sum()):,} (Bᵀ B), Σ size² = {int((net_size**2).sum()):,} (B Bᵀ)"
    )

    tracemalloc.start()
    rows: list = []
    print(f"\n  {'stage':<52} {'wall':>10} {'cpu':>10} {'peak':>9}")
    affiliations = measure("incidence matrix", lambda: affiliations_from_pairs(orgs, nets), rows)
    incidence = affiliations.incidence
    bare = measure("bare scipy product Bᵀ B (irreducible)", lambda: incidence.T.tocsr() @ incidence, rows)
    del bare
    overlap = measure(
        "network overlap (Jaccard ≥ 0.5)", lambda: network_overlap(affiliations, min_jaccard=0.5), rows
    )
    pairs, partners = measure(
        f"co-membership top-{args.top} + partners (streamed B Bᵀ)",
        lambda: co_membership_top(affiliations, top=args.top),
        rows,
    )
    measure("degrees, weighted degrees", lambda: organisation_degrees(affiliations, partners=partners), rows)
    target = sum(row[1] for row in rows[2:])
    target_cpu = sum(row[3] for row in rows[2:])
    target_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(
        f"  overlap pairs: {len(overlap):,}; co-member pairs: {int(partners.sum()) // 2:,}; "
        f"top-{args.top} pairs: {len(pairs):,}"
    )
    if not args.skip_centrality:
        matrix = measure(
            "whole projection B Bᵀ (for centrality)", lambda: co_membership_matrix(affiliations), rows
        )
        adjacency = measure("projection adjacency", lambda: projection(affiliations, matrix), rows)
        del matrix
        result = measure(
            f"betweenness + closeness ({args.pivots} pivots)",
            lambda: centrality(adjacency, pivots=args.pivots, seed=args.seed),
            rows,
        )
        print(f"  centrality exact={result.exact}, max standard error of betweenness {result.max_error:.2e}")
        measure("brokers (articulation points)", lambda: brokers(affiliations, result.betweenness), rows)
        del adjacency, result
    if not args.skip_analyse:
        # What `verbond analyse --top N` and the region view run: every stage in one call, the projection
        # streamed once. Traced peak is this call's own; it follows the stages above in the same process.
        report = measure(
            f"analyse() end to end, --top {args.top} ({args.pivots} pivots)",
            lambda: analyse(affiliations, min_jaccard=0.5, top=args.top, pivots=args.pivots, seed=args.seed),
            rows,
        )
        data = measure("  its to_dict() (the JSON the command prints)", report.to_dict, rows)
        print(
            f"  analyse(): {len(data['network_overlap']):,} overlap pairs, {len(data['co_membership']):,} "
            f"co-membership rows, {len(data['brokers']):,} brokers"
        )
        del report, data
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    bare_time = rows[1][3]
    overlap_time = rows[2][3]
    print(
        f"\noverlap + co-membership top-{args.top} + degrees: {target:.2f} s wall, {target_cpu:.2f} s cpu "
        f"(target ≤ 10 s); load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"peak resident memory after the target stages: {target_rss:.2f} GiB (target ≤ 4 GiB)")
    print(f"peak resident memory of the whole run (with centrality): {peak_rss:.2f} GiB")
    print(f"overlap stage / bare product Bᵀ B (cpu time): {overlap_time / bare_time:.2f}× (target ≤ 2×)")

    if not args.skip_networkx:
        small = {key: int(value * args.baseline_scale) for key, value in size.items()}
        small_orgs, small_nets = synthetic_country(**small, seed=args.seed)
        print(
            f"\nnetworkx baseline on {len(np.unique(small_orgs)):,} organisations, "
            f"{len(np.unique(small_nets)):,} networks, {len(small_orgs):,} memberships"
        )
        same = min(engine_same_work(small_orgs, small_nets) for _ in range(3))
        full = min(engine_target_stages(small_orgs, small_nets, args.top) for _ in range(3))
        wall, cpu = networkx_baseline(small_orgs, small_nets)
        print(f"  networkx projection + Jaccard: {wall:.2f} s wall, {cpu:.2f} s cpu")
        print(
            f"  engine, same work:             {same[0]:.4f} s wall, {same[1]:.4f} s cpu → {cpu / same[1]:,.0f}× (cpu)"
        )
        print(
            f"  engine, + top-{args.top} and partner counts: {full[0]:.4f} s wall, {full[1]:.4f} s cpu "
            f"→ {cpu / full[1]:,.0f}× (cpu)"
        )


if __name__ == "__main__":
    main()
