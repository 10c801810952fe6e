"""Reads for network analytics: build the engine's input from the register, scoped to what the user may see.

Only the shared part of the register is used (who takes part in which network, and the networks' challenges);
hours, costs, decisions and answers never enter the analysis.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from verbond.accounts.models import User
from verbond.accounts.permissions import can_view_region
from verbond.analysis import Affiliations, affiliations_from_pairs, analyse, network_overlap
from verbond.analysis.export import affiliation_graph, projection_graph
from verbond.analysis.report import Report
from verbond.assessments.results import PartnerTie
from verbond.assessments.selectors import partner_ratings_for
from verbond.interchange.exports import Sheet
from verbond.networks.models import Network, Participant
from verbond.organisations.models import Organisation

REGION = "region"
OWN = "own"
SCOPES = (OWN, REGION)
JACCARD_CHOICES = (0.3, 0.5, 0.7, 0.9)
DEFAULT_JACCARD = 0.5
MAP_LIMIT = 100
BROKERS_SHOWN = 25
# The region page and its CSV tables keep each organisation's strongest partners (one cached analysis).
REGION_TOP_PARTNERS = 10
# Web requests compute centrality exactly only up to this many organisations, and sample WEB_PIVOTS sources
# (reporting the standard error) above it: exact centrality is O(n·m), ~40 s on a dense graph of 5,000.
WEB_EXACT_LIMIT = 1_000
WEB_PIVOTS = 256
ANALYSIS_CACHE_SECONDS = 24 * 60 * 60
ANALYSIS_CACHE_VERSION = 1  # raise when the engine's results change


@dataclass(frozen=True)
class OrganisationInfo:
    pk: int
    name: str
    slug: str
    kind: str
    kind_label: str


@dataclass(frozen=True)
class NetworkInfo:
    pk: int
    name: str
    challenges: tuple[str, ...]


@dataclass
class AffiliationData:
    """The affiliation graph the user may see, with the names the engine does not need."""

    affiliations: Affiliations  # labels are primary keys
    organisations: dict[int, OrganisationInfo]
    networks: dict[int, NetworkInfo]
    members: dict[int, set[int]] = field(default_factory=dict)  # network pk → organisation pks

    @property
    def is_empty(self) -> bool:
        return self.affiliations.n_memberships == 0


def _check_scope(*, user: User, scope: str) -> None:
    if scope not in SCOPES:
        raise PermissionDenied
    if scope == REGION and not can_view_region(user):
        raise PermissionDenied


def affiliation_data(*, user: User, scope: str = OWN) -> AffiliationData:
    """The engine's input: every participant of every active network the user may see (4 queries).

    ``own``: the networks the user's organisation takes part in, with all their participants.
    ``region``: all active networks of the installation (analysts and superusers only).
    """
    _check_scope(user=user, scope=scope)
    networks = Network.objects.active()
    if scope == OWN:
        networks = networks.for_organisation(user.organisation_id)
    network_rows = list(networks.order_by().values_list("pk", "name").distinct())
    network_ids = [pk for pk, _name in network_rows]
    pairs = list(
        Participant.objects.filter(network_id__in=network_ids)
        .order_by()
        .values_list("organisation_id", "network_id")
    )
    challenges: dict[int, list[str]] = defaultdict(list)
    through = Network.challenges.through.objects.filter(network_id__in=network_ids).select_related(
        "challenge"
    )
    for row in through.order_by("challenge__position", "challenge__name"):
        challenges[row.network_id].append(str(row.challenge))
    organisation_ids = {org for org, _net in pairs}
    organisations = {
        org.pk: OrganisationInfo(
            pk=org.pk, name=org.name, slug=org.slug, kind=org.kind, kind_label=str(org.get_kind_display())
        )
        for org in Organisation.objects.filter(pk__in=organisation_ids)
    }
    members: dict[int, set[int]] = defaultdict(set)
    for org, net in pairs:
        members[net].add(org)
    return AffiliationData(
        affiliations=affiliations_from_pairs(
            np.array([org for org, _net in pairs], dtype=np.int64),
            np.array([net for _org, net in pairs], dtype=np.int64),
        ),
        organisations=organisations,
        networks={
            pk: NetworkInfo(pk=pk, name=name, challenges=tuple(challenges[pk])) for pk, name in network_rows
        },
        members=dict(members),
    )


@dataclass(frozen=True)
class MergeCandidate:
    first: NetworkInfo
    second: NetworkInfo
    jaccard: float
    shared_partners: list[OrganisationInfo]
    only_first: int
    only_second: int
    shared_challenges: list[str]

    @property
    def percentage(self) -> int:
        return round(self.jaccard * 100)


def merge_candidates(
    *, user: User, min_jaccard: float = DEFAULT_JACCARD, scope: str = OWN
) -> list[MergeCandidate]:
    """Pairs of the user's networks whose participants overlap by at least `min_jaccard` (Jaccard)."""
    data = affiliation_data(user=user, scope=scope)
    if data.is_empty:
        return []
    pairs = network_overlap(data.affiliations, min_jaccard=min_jaccard)
    labels = data.affiliations.networks
    candidates = []
    for a, b, jaccard in zip(pairs.a, pairs.b, pairs.jaccard, strict=True):
        first, second = data.networks[int(labels[a])], data.networks[int(labels[b])]
        members_first, members_second = data.members[first.pk], data.members[second.pk]
        shared = sorted(
            (data.organisations[pk] for pk in members_first & members_second), key=lambda o: o.name
        )
        candidates.append(
            MergeCandidate(
                first=first,
                second=second,
                jaccard=float(jaccard),
                shared_partners=shared,
                only_first=len(members_first - members_second),
                only_second=len(members_second - members_first),
                shared_challenges=[c for c in first.challenges if c in second.challenges],
            )
        )
    return candidates


@dataclass(frozen=True)
class MapNode:
    organisation: OrganisationInfo
    x: float
    y: float
    radius: float
    shared: int
    is_own: bool
    colour: str
    labelled: bool
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "middle"
    reliability: float | None = None
    contribution: float | None = None
    tie_width: float = 1.0  # the line to us: thicker when partners rate the tie higher


def _partner_ratings(organisation_id: int) -> dict[int, PartnerTie]:
    """Partner ratings from our assessment rounds (≥ 3 raters each), as weighted ties; empty without them."""
    ties = partner_ratings_for(organisation=Organisation(pk=organisation_id))
    return {tie.organisation_id: tie for tie in ties}


@dataclass(frozen=True)
class PartnerMap:
    nodes: list[MapNode]
    edges: list[tuple[MapNode, MapNode]]
    legend: list[tuple[str, str]]
    width: int
    height: int
    hidden: int


KIND_COLOURS = {
    "housing_association": "#01689b",
    "municipality": "#e17000",
    "care_provider": "#39870c",
    "welfare": "#a90061",
    "education": "#42145f",
    "police_justice": "#5f6b7a",
    "tenants_organisation": "#ffb612",
    "utility_energy": "#8fcae7",
    "other": "#d52b1e",
}


def partner_map(*, user: User, size: int = 760, limit: int = MAP_LIMIT) -> PartnerMap:
    """The organisation's partners around it: closer and bigger means more networks shared with us.

    A radial layout: our organisation in the centre, each partner at a distance that shrinks with the
    networks it shares with us, grouped by kind around the circle (so position repeats what colour says).
    The `limit` partners sharing most networks are drawn, the rest counted in ``hidden``; the 24 sharing
    most are labelled, every node has a title and a link.
    """
    data = affiliation_data(user=user, scope=OWN)
    own = user.organisation_id
    if data.is_empty or own not in data.organisations:
        return PartnerMap(nodes=[], edges=[], legend=[], width=size, height=size, hidden=0)
    shared: dict[int, int] = defaultdict(int)
    for members in data.members.values():
        if own in members:
            for pk in members - {own}:
                shared[pk] += 1
    ranked = sorted(shared, key=lambda pk: (-shared[pk], data.organisations[pk].name))
    drawn = ranked[:limit]
    labelled = set(drawn[:24])
    most = max(shared.values(), default=1)
    centre = size / 2
    width = size + 360  # room for labels left and right
    shift = (width - size) / 2
    inner, outer = size * 0.12, size / 2 - 50
    around = sorted(
        drawn, key=lambda pk: (data.organisations[pk].kind, -shared[pk], data.organisations[pk].name)
    )
    ratings = _partner_ratings(own)
    nodes: dict[int, MapNode] = {}
    for position, pk in enumerate(around):
        info = data.organisations[pk]
        count = shared[pk]
        angle = 2 * np.pi * position / max(len(around), 1) - np.pi / 2
        distance = inner + (outer - inner) * (1 - (count - 1) / max(most - 1, 1))
        # Alternate neighbours slightly in and out so labels and circles of equal rings do not collide.
        distance += 14 * (position % 2) if len(around) > 24 else 0
        x = round(shift + centre + distance * float(np.cos(angle)), 1)
        y = round(centre + distance * float(np.sin(angle)), 1)
        radius = round(4.0 + 10.0 * (count / most) ** 0.5, 1)
        right = x >= shift + centre
        nodes[pk] = MapNode(
            organisation=info,
            x=x,
            y=y,
            radius=radius,
            shared=count,
            is_own=False,
            colour=KIND_COLOURS.get(info.kind, KIND_COLOURS["other"]),
            labelled=pk in labelled,
            label_x=round(x + (radius + 4) * (1 if right else -1), 1),
            label_y=round(y + 4, 1),
            label_anchor="start" if right else "end",
            **_rating_fields(ratings.get(pk)),
        )
    me = data.organisations[own]
    nodes[own] = MapNode(
        organisation=me,
        x=shift + centre,
        y=centre,
        radius=16.0,
        shared=0,
        is_own=True,
        colour=KIND_COLOURS.get(me.kind, KIND_COLOURS["other"]),
        labelled=True,
        label_x=shift + centre,
        label_y=centre + 30,
    )
    edges = [(nodes[own], nodes[pk]) for pk in drawn]
    kinds = {node.organisation.kind: node.organisation.kind_label for node in nodes.values()}
    legend = [(KIND_COLOURS.get(kind, KIND_COLOURS["other"]), label) for kind, label in sorted(kinds.items())]
    ordered = [nodes[pk] for pk in reversed(drawn)] + [nodes[own]]  # biggest last, so on top
    return PartnerMap(
        nodes=ordered,
        edges=edges,
        legend=legend,
        width=int(width),
        height=size,
        hidden=len(ranked) - len(drawn),
    )


def _rating_fields(tie: PartnerTie | None) -> dict:
    if tie is None or tie.weight is None:
        return {}
    # A rating of 1–5 becomes a line of 1–5 px; unrated ties stay at 1 px.
    return {
        "reliability": tie.reliability,
        "contribution": tie.contribution,
        "tie_width": round(float(tie.weight), 1),
    }


def _fingerprint(affiliations: Affiliations) -> str:
    """A digest of exactly what the engine reads: labels and the incidence pattern (``O(m)``, milliseconds)."""
    digest = hashlib.blake2b(digest_size=20)
    for array in (
        affiliations.organisations,
        affiliations.networks,
        affiliations.incidence.indptr,
        affiliations.incidence.indices,
    ):
        digest.update(str(array.dtype).encode())
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()


def cached_analysis(affiliations: Affiliations, *, min_jaccard: float, top: int | None) -> Report:
    """`analyse()` for web requests: exact centrality up to `WEB_EXACT_LIMIT` organisations, sampled above,
    and cached by a fingerprint of the input, so a page or export only pays for it when the data changed.
    """
    key = (
        f"verbond:analytics:report:{ANALYSIS_CACHE_VERSION}:{_fingerprint(affiliations)}:"
        f"{min_jaccard!r}:{top}:{WEB_EXACT_LIMIT}:{WEB_PIVOTS}"
    )
    report = cache.get(key)
    if report is None:
        report = analyse(
            affiliations, min_jaccard=min_jaccard, top=top, exact_limit=WEB_EXACT_LIMIT, pivots=WEB_PIVOTS
        )
        cache.set(key, report, ANALYSIS_CACHE_SECONDS)
    return report


@dataclass(frozen=True)
class RegionView:
    report: Report | None
    data: AffiliationData
    top_organisations: list[dict]
    overlap: list[dict]
    brokers: list[dict]
    brokers_hidden: int = 0


def _brokers(
    report: Report, organisations: dict[int, OrganisationInfo], limit: int
) -> tuple[list[dict], int]:
    """The `limit` brokers with the highest betweenness (cut points first among equals), and how many more."""
    found = report.brokers.indices
    betweenness = np.nan_to_num(report.centrality.betweenness[found])
    cut = report.brokers.articulation[found]
    order = np.lexsort((found, ~cut, -betweenness))[:limit]
    labels = report.affiliations.organisations
    rows = [
        {
            "organisation": int(labels[i]),
            "info": organisations[int(labels[i])],
            "articulation_point": bool(report.brokers.articulation[i]),
            "betweenness": float(np.nan_to_num(report.centrality.betweenness[i])),
        }
        for i in found[order]
    ]
    return rows, len(found) - len(rows)


def region_view(
    *, user: User, min_jaccard: float = DEFAULT_JACCARD, rows: int = 25, brokers_shown: int = BROKERS_SHOWN
) -> RegionView:
    """The analytics over every active network of the installation, for analysts (shared data only).

    The analysis is cached (see `cached_analysis`); brokers are capped at `brokers_shown`, the rest counted.
    """
    data = affiliation_data(user=user, scope=REGION)
    if data.is_empty:
        return RegionView(report=None, data=data, top_organisations=[], overlap=[], brokers=[])
    report = cached_analysis(data.affiliations, min_jaccard=min_jaccard, top=REGION_TOP_PARTNERS)
    organisation_names = data.organisations
    table = sorted(
        report.organisations_table(), key=lambda row: (-(row["betweenness"] or 0), -row["partners"])
    )[:rows]
    for row in table:
        row["info"] = organisation_names[row["organisation"]]
    overlap = report.network_overlap_rows()[:rows]
    for row in overlap:
        row["first"], row["second"] = data.networks[row["a"]], data.networks[row["b"]]
        row["percentage"] = round(row["jaccard"] * 100)
    brokers, hidden = _brokers(report, organisation_names, brokers_shown)
    return RegionView(
        report=report,
        data=data,
        top_organisations=table,
        overlap=overlap,
        brokers=brokers,
        brokers_hidden=hidden,
    )


GRAPHS = ("affiliations", "projection")
FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}


def export_graph(*, user: User, scope: str, graph: str) -> nx.Graph:
    """The affiliation graph or the organisation projection the user may see, with names and kinds."""
    data = affiliation_data(user=user, scope=scope)
    organisation_names = {pk: info.name for pk, info in data.organisations.items()}
    kinds = [data.organisations[int(pk)].kind for pk in data.affiliations.organisations]
    if graph == "affiliations":
        names = {
            "organisation": organisation_names,
            "network": {pk: n.name for pk, n in data.networks.items()},
        }
        return affiliation_graph(
            data.affiliations, organisation_attributes={"organisation_kind": kinds}, names=names
        )
    report = cached_analysis(data.affiliations, min_jaccard=1.0, top=None)
    attributes = {
        "organisation_kind": kinds,
        "networks": report.degree,
        "betweenness": np.nan_to_num(report.centrality.betweenness),
    }
    return projection_graph(
        data.affiliations, report.co_membership, organisation_attributes=attributes, names=organisation_names
    )


# --- region tables as CSV ---------------------------------------------------------------------------------------

REGION_TABLES = ("organisations", "network_overlap", "co_membership", "brokers")


def region_table(*, user: User, table: str, min_jaccard: float = DEFAULT_JACCARD) -> Sheet:
    """One of the region view's tables in full (the page shows the first rows), with names, for analysts only.

    Co-membership is every organisation's `REGION_TOP_PARTNERS` strongest partners, as on the page.
    """
    data = affiliation_data(user=user, scope=REGION)
    title = {
        "organisations": _("Organisations"),
        "network_overlap": _("Network overlap"),
        "co_membership": _("Co-membership"),
        "brokers": _("Brokers"),
    }[table]
    if data.is_empty:
        return Sheet(key=table, title=title, headers=[], rows=[])
    report = cached_analysis(data.affiliations, min_jaccard=min_jaccard, top=REGION_TOP_PARTNERS)
    organisation = {pk: info.name for pk, info in data.organisations.items()}
    network = {pk: n.name for pk, n in data.networks.items()}
    if table == "organisations":
        headers = [_("Organisation"), _("Kind"), _("Networks"), _("Partners"), _("Betweenness"), _("Closeness")]
        rows = [
            [organisation[r["organisation"]], data.organisations[r["organisation"]].kind_label, r["networks"],
             r["partners"], r["betweenness"], r["closeness"]]
            for r in report.organisations_table()
        ]
    elif table == "network_overlap":
        headers = [_("Network"), _("Network"), _("Shared partners"), _("Jaccard similarity")]
        rows = [[network[r["a"]], network[r["b"]], r["shared"], r["jaccard"]] for r in report.network_overlap_rows()]
    elif table == "co_membership":
        headers = [_("Organisation"), _("Organisation"), _("Shared networks")]
        rows = [[organisation[r["a"]], organisation[r["b"]], r["shared"]] for r in report.co_membership_rows()]
    else:
        brokers, _hidden = _brokers(report, data.organisations, limit=len(report.brokers.indices))
        headers = [_("Organisation"), _("Splits the partner network"), _("Betweenness")]
        rows = [[b["info"].name, _("yes") if b["articulation_point"] else _("no"), b["betweenness"]] for b in brokers]
    return Sheet(key=table, title=title, headers=headers, rows=rows)
