"""Demo step: pledges with mixed statuses, mandates across organisations, and an exit with a plan."""

import datetime
from decimal import Decimal

from verbond.accounts.models import Role
from verbond.commitments import services
from verbond.commitments.models import (
    DEFAULT_UNITS,
    Handover,
    Pledge,
    PledgeComment,
    PledgeKind,
    PledgeStatus,
    PledgeStatusChange,
)
from verbond.core.demo import DemoRegion
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Level, Network, Participant
from verbond.organisations.models import Organisation

K = PledgeKind
S = PledgeStatus

# (kind, what, quantity, unit or "" for the kind's default)
PROMISES = [
    (K.HOURS, "Wijkconsulent beschikbaar voor casusregie", 16, ""),
    (K.HOURS, "Schuldhulpverlener op afroep", 12, ""),
    (K.HOURS, "Jongerenwerker in de wijk", 8, ""),
    (K.BUDGET, "Bijdrage aan het gezamenlijke werkbudget", 25000, ""),
    (K.BUDGET, "Maatwerkbudget voor doorbraken", 10000, ""),
    (K.HOMES, "Woningen voor urgente doorstroom", 6, ""),
    (K.HOMES, "Tijdelijke woningen voor spoedzoekers", 4, ""),
    (K.DATA, "Maandelijkse signalen van huur- en betalingsachterstanden", 12, "leveringen"),
    (K.MANDATE, "Doorzettingsmacht voor de regisseur bij vastgelopen casussen", 1, "mandaat"),
    (K.OTHER, "Vergaderruimte en secretariaat", 10, "bijeenkomsten"),
]

# How a pledge fared: (status history as (status, share delivered, note)); the first step is always 'pledged'.
STORIES = [
    [(S.DELIVERED, 1, "Volledig geleverd en besproken in het kernteam.")],
    [(S.PARTLY_DELIVERED, Decimal("0.5"), "De helft geleverd; de rest volgt na de zomer.")],
    [],  # still pledged, not due yet
    [],  # still pledged and overdue (due date in the past)
    [
        (S.PARTLY_DELIVERED, Decimal("0.25"), "Eerste deel geleverd."),
        (S.NOT_DELIVERED, 0, "Geen capaciteit meer; niet geleverd."),
    ],
    [(S.WITHDRAWN, 0, "Ingetrokken na herprioritering; partners zijn geïnformeerd.")],
    [(S.PARTLY_DELIVERED, Decimal("0.5"), "Eerste helft geleverd."), (S.DELIVERED, 1, "Alles geleverd.")],
]

MANDATE_TEAMS = [
    (
        "Wijkconsulenten team Noord",
        12,
        "Inzet bij huishoudens met een dreigende huisuitzetting, zonder eigen goedkeuring vooraf.",
    ),
    ("Schuldhulpverleners", 8, "Direct een schuldhulptraject starten op verzoek van de regisseur."),
    ("Woonconsulenten urgentie", 6, "Een passende woning voordragen buiten de reguliere toewijzing om."),
    ("Jeugdprofessionals", 10, "Inzet in gezinnen uit het casusoverleg, binnen de afgesproken uren."),
]


def seed(region: DemoRegion) -> None:
    """Pledges in several networks, mandates both ways, and an exit with its plan (capacity is set already)."""
    rng = region.rng
    housing, municipality = region.housing, region.municipality
    current = {
        (d.network_id, d.organisation_id): d
        for d in Decision.objects.current().filter(organisation__in=[housing, municipality])
    }
    shared = [n for n in region.networks_of(housing) if n in region.networks_of(municipality)]
    committed_or_conditional = [
        n
        for n in shared
        if current.get((n.pk, housing.pk))
        and current[(n.pk, housing.pk)].kind in (DecisionKind.COMMITTED_YES, DecisionKind.CONDITIONAL_YES)
    ]
    # Every alliance we committed to carries pledges (that is what a committed yes asks); a few conditional ones too.
    committed = [n for n in committed_or_conditional if current[(n.pk, housing.pk)].kind == DecisionKind.COMMITTED_YES]
    conditional = [n for n in committed_or_conditional if n not in committed]
    pledge_networks = committed + conditional[:3]
    participants = _participants(pledge_networks)
    story = 0
    for network in pledge_networks:
        members = participants[network.pk]
        # Most partners pledge something; one or two take part without pledging (the reciprocity gap).
        others = [o for o in members if o not in (housing, municipality)]
        silent = set(rng.sample(others, min(2, len(others) - 2))) if len(others) > 2 else set()
        for organisation in members:
            if organisation in silent:
                continue
            for _ in range(2 if organisation in (housing, municipality) else rng.randint(1, 2)):
                _seed_pledge(
                    region, network, organisation, rng.choice(PROMISES), STORIES[story % len(STORIES)]
                )
                story += 1
        _seed_comment(region, network)

    _seed_mandates(region, shared, current)
    _seed_exit(region, current)


def _participants(networks: list[Network]) -> dict[int, list[Organisation]]:
    result: dict[int, list[Organisation]] = {n.pk: [] for n in networks}
    for participant in Participant.objects.filter(network__in=networks).select_related("organisation"):
        result[participant.network_id].append(participant.organisation)
    for members in result.values():
        members.sort(key=lambda o: o.name)
    return result


def _user_of(region: DemoRegion, organisation: Organisation):  # noqa: ANN202 - a User or None
    return next(
        (
            u
            for u in region.users.values()
            if u.organisation_id == organisation.pk and u.role == Role.COORDINATOR
        ),
        None,
    )


def _seed_pledge(
    region: DemoRegion, network: Network, organisation: Organisation, promise: tuple, steps: list
) -> Pledge:
    """A pledge with a dated history in the past (the service dates changes today, so the demo writes history)."""
    rng = region.rng
    today = region.today
    kind, description, quantity, unit = promise
    made = today - datetime.timedelta(days=rng.randint(90, 240))
    overdue = not steps and rng.random() < 0.5
    due = (
        today - datetime.timedelta(days=rng.randint(5, 40))
        if overdue
        else today + datetime.timedelta(days=rng.randint(20, 150))
    )
    if steps:
        due = made + datetime.timedelta(days=rng.randint(40, 80))
    quantity = Decimal(quantity)
    pledge = Pledge(
        network=network,
        organisation=organisation,
        kind=kind,
        description=description,
        quantity=quantity,
        unit=unit or str(DEFAULT_UNITS.get(kind, "")),
        period_start=made,
        period_end=made + datetime.timedelta(days=365),
        accountable_person=rng.choice(
            ["Manager wonen", "Teamleider wijkteam", "Beleidsadviseur", "Directeur", "Bestuurder"]
        ),
        due_date=due,
        created_by=_user_of(region, organisation),
    )
    pledge.full_clean()
    pledge.save()
    by = _user_of(region, organisation)
    PledgeStatusChange.objects.create(
        pledge=pledge, status=S.PLEDGED, changed_on=made, note=description, changed_by=by
    )
    day = made
    for status, share, note in steps:
        day = min(today, day + datetime.timedelta(days=rng.randint(20, 60)))
        delivered = (
            pledge.delivered_quantity
            if status == S.WITHDRAWN
            else (quantity * Decimal(share)).quantize(Decimal("0.01"))
        )
        PledgeStatusChange.objects.create(
            pledge=pledge,
            status=status,
            delivered_quantity=delivered,
            changed_on=day,
            note=note,
            changed_by=by,
        )
        pledge.status = status
        pledge.delivered_quantity = delivered
    pledge.save(update_fields=["status", "delivered_quantity"])
    return pledge


def _seed_comment(region: DemoRegion, network: Network) -> None:
    """A partner holds another to account, in the open."""
    overdue = (
        Pledge.objects.filter(network=network, due_date__lt=region.today, status=S.PLEDGED)
        .exclude(organisation=region.municipality)
        .first()
    )
    if overdue is not None:
        services.pledge_comment(
            user=region.coordinator_of(region.municipality),
            pledge=overdue,
            text="Deze toezegging is over de datum. Wanneer kunnen we de inzet verwachten?",
        )
    elif (own := Pledge.objects.filter(network=network, organisation=region.housing).first()) is not None:
        PledgeComment.objects.create(
            pledge=own,
            organisation=region.municipality,
            author=region.coordinator_of(region.municipality),
            text="Dank voor de snelle levering; dit maakt het verschil voor de huishoudens.",
        )


def _seed_mandates(region: DemoRegion, shared: list[Network], current: dict) -> None:
    """The housing association lends professionals to leads; the municipality lends to the housing association."""
    today = region.today
    housing, municipality = region.housing, region.municipality
    execution = [
        n
        for n in shared
        if n.level == Level.EXECUTION
        and current.get((n.pk, housing.pk)) is not None
        and current[(n.pk, housing.pk)].kind != DecisionKind.EXIT
    ]
    housing_exec, municipality_exec = region.executive_of(housing), region.executive_of(municipality)
    for index, network in enumerate(execution[:5]):
        team, hours, scope = MANDATE_TEAMS[index % len(MANDATE_TEAMS)]
        if network.lead_id not in (housing.pk,):
            services.mandate_grant(
                user=housing_exec,
                network=network,
                holder_organisation=network.lead,
                team_or_role=team,
                hours_per_week=Decimal(hours),
                scope=scope,
                valid_from=today - datetime.timedelta(days=60 + 30 * index),
                valid_until=today + datetime.timedelta(days=300) if index % 2 else None,
            )
        if network.lead_id != municipality.pk:
            # Sometimes the housing association acts on the lead's behalf and holds the municipality's mandate.
            holder = housing if index % 2 == 0 and network.lead_id != housing.pk else network.lead
            services.mandate_grant(
                user=municipality_exec,
                network=network,
                holder_organisation=holder,
                team_or_role="Schuldhulpverleners" if index % 2 else "Consulenten Werk en Inkomen",
                hours_per_week=Decimal(6 + 2 * index),
                scope="Op verzoek van de trekker inzetten voor huishoudens in de aanpak.",
                valid_from=today - datetime.timedelta(days=90),
            )
    if execution:
        # History: a mandate that ran out last month.
        network = execution[0]
        holder = network.lead if network.lead_id != housing.pk else municipality
        services.mandate_grant(
            user=housing_exec,
            network=network,
            holder_organisation=holder,
            team_or_role="Huismeesters",
            hours_per_week=Decimal(4),
            scope="Pilot: huisbezoeken op verzoek van de regisseur.",
            valid_from=today - datetime.timedelta(days=240),
            valid_until=today - datetime.timedelta(days=30),
        )


def _seed_exit(region: DemoRegion, current: dict) -> None:
    """The housing association leaves a network: a plan, with its open pledges and mandates still listed."""
    housing = region.housing
    executive = region.executive_of(housing)
    exits = [
        d
        for (network_id, organisation_id), d in sorted(current.items())
        if organisation_id == housing.pk and d.kind == DecisionKind.EXIT
    ]
    for position, decision in enumerate(exits[:2]):
        network = decision.network
        partners = list(
            Organisation.objects.filter(participants__network=network).exclude(pk=housing.pk).order_by("name")
        )
        if not partners:
            continue
        _seed_pledge(region, network, housing, PROMISES[0], [])
        _seed_pledge(region, network, housing, PROMISES[5], STORIES[1])
        holder = network.lead if network.lead_id != housing.pk else partners[0]
        services.mandate_grant(
            user=executive,
            network=network,
            holder_organisation=holder,
            team_or_role="Wijkconsulenten team Zuid",
            hours_per_week=Decimal(6),
            scope="Inzet bij huishoudens uit dit netwerk.",
            valid_from=decision.decided_on - datetime.timedelta(days=200),
        )
        handed_to = region.municipality if region.municipality in partners else partners[0]
        wind_down = max(decision.exit_date or region.today, region.today) + datetime.timedelta(
            days=30 * (position + 1)
        )
        plan = services.exit_plan_save(
            user=executive,
            decision=decision,
            pledges_outcome=Handover.HANDED_OVER,
            pledges_handed_to=handed_to,
            mandates_outcome=Handover.ENDED,
            mandates_handed_to=None,
            end_date=wind_down - datetime.timedelta(days=14),
            partners_told_by="Anouk de Wit (bestuurder), in het eerstvolgende overleg",
            wind_down_date=wind_down,
            notes="Lopende casussen worden warm overgedragen.",
        )
        if position == 1:
            services.exit_plan_apply(user=executive, plan=plan)  # one exit already resolved, one still open
