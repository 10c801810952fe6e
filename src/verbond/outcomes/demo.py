"""Demo step: results for residents on several networks, and one good example both demo organisations share."""

import datetime
from decimal import Decimal

from verbond.core.demo import DemoRegion
from verbond.networks.models import Network
from verbond.organisations.models import Organisation
from verbond.outcomes import services

# network name → (kind, name, unit, direction, baseline, target, trend); trend is "up" (towards the target),
# "worse" (the last measurement moves away) or "flat" (no change).
INDICATORS = {
    "Aanpak Huurachterstanden Vaartstad": [
        ("better_off", "Huishoudens met huurachterstand binnen 4 weken bereikt", "%", "higher", 35, 80, "up"),
        ("better_off", "Uitzettingen wegens huurschuld", "per jaar", "lower", 24, 8, "up"),
        ("how_much", "Huisbezoeken bij huurachterstand", "per kwartaal", "higher", 40, 120, "up"),
    ],
    "Doorbraakaanpak Multiprobleemhuishoudens": [
        ("better_off", "Huishoudens in een stabiele situatie na 12 maanden", "%", "higher", 30, 70, "up"),
        ("how_well", "Gezinsplan binnen 6 weken vastgesteld", "%", "higher", 50, 90, "up"),
    ],
    "Vroegsignalering Schulden Vaartland": [
        ("better_off", "Huishoudens binnen 3 maanden na signaal in schuldhulp", "%", "higher", 20, 60, "worse"),
        ("how_much", "Signalen van betalingsachterstand gedeeld", "per kwartaal", "higher", 150, 400, "up"),
    ],
    "Energiearmoede Aanpak Vaartland": [
        ("better_off", "Huishoudens met een lagere energierekening", "%", "higher", 0, 50, "up"),
    ],
    "Wijkteam Vaartstad-Noord": [
        ("how_much", "Hulpvragen opgepakt", "per maand", "higher", 80, 120, "up"),
        ("better_off", "Bewoners die zich geholpen voelen", "%", "higher", 62, 80, "worse"),
    ],
    "Thuiszittertafel Vaartland": [
        ("better_off", "Thuiszitters langer dan drie maanden", "kinderen", "lower", 18, 5, "flat"),
    ],
    "Uitstroom Beschermd Wonen": [
        ("better_off", "Cliënten doorgestroomd naar een eigen woning", "per jaar", "higher", 10, 30, "up"),
    ],
    "Regionaal Woonzorgoverleg Vaartland": [
        ("how_much", "Overleggen gehouden", "per jaar", "higher", 6, 6, "flat"),
    ],
}

# A "better off" indicator for alliances we committed to, by their first challenge: (name, unit, direction, baseline, target).
BETTER_OFF_BY_CHALLENGE = {
    "wonen": ("Woningzoekenden binnen 6 maanden passend gehuisvest", "%", "higher", 40, 70),
    "klimaat-en-energie": ("Huurwoningen met energielabel B of beter", "%", "higher", 45, 80),
    "bestaanszekerheid": ("Huishoudens met een stabiele geldsituatie na een jaar", "%", "higher", 35, 65),
    "zorg-en-welzijn": ("Bewoners die zich gesteund voelen", "%", "higher", 60, 80),
    "onderwijs": ("Jongeren met een startkwalificatie", "%", "higher", 78, 90),
    "veiligheid": ("Meldingen van ernstige woonoverlast", "per kwartaal", "lower", 40, 20),
    "leefbaarheid": ("Bewoners tevreden over hun buurt", "%", "higher", 58, 72),
}
TRENDS = ["up", "up", "flat", "worse"]


def _indicators_for_committed_alliances(region: DemoRegion) -> dict[str, list[tuple]]:
    """Most alliances we said a committed yes to measure whether residents are better off; some do not yet, so
    the "no result for residents defined" signal stays visible."""
    from verbond.decisions.models import Decision, DecisionKind

    committed = set(
        Decision.objects.current()
        .filter(organisation=region.housing, kind=DecisionKind.COMMITTED_YES)
        .values_list("network_id", flat=True)
    )
    extra: dict[str, list[tuple]] = {}
    for position, network in enumerate(n for n in region.networks if n.pk in committed and n.name not in INDICATORS):
        if position % 3 == 2:
            continue
        challenge = network.challenges.order_by("position").first()
        if challenge is None or challenge.slug not in BETTER_OFF_BY_CHALLENGE:
            continue
        name, unit, direction, baseline, target = BETTER_OFF_BY_CHALLENGE[challenge.slug]
        extra[network.name] = [("better_off", name, unit, direction, baseline, target, TRENDS[position % len(TRENDS)])]
    return extra


LESSONS = {
    "Doorbraakaanpak Multiprobleemhuishoudens": (
        "Eén gezin, één plan, één regisseur. Het verschil maakte de doorzettingsmacht: de regisseur mag "
        "wijkconsulenten van de corporatie en consulenten van de gemeente direct inzetten en een betalingsregeling "
        "treffen, zonder terugkoppeling naar hun eigen organisatie. Dat deed pijn, en het werkt."
    ),
    "Vroegsignalering Schulden Vaartland": (
        "Signalen delen vanaf de tweede maand achterstand werkt alleen als er binnen een week iemand aanbelt; "
        "de afspraak over wie dat doet hebben we pas na een jaar bindend gemaakt."
    ),
}
EXAMPLE_LESSON = (
    "Eén signaal, één huisbezoek binnen vier weken: de corporatie deelt achterstanden vanaf de tweede maand, "
    "de gemeente stuurt een schuldhulpmaatje mee. Wat het verschil maakte: wijkconsulenten mogen op verzoek van "
    "de regisseur direct een betalingsregeling treffen, zonder terugkoppeling naar hun eigen organisatie."
)
PENDING_LESSON = (
    "Een regisseur met doorzettingsmacht over de grenzen van organisaties heen doorbreekt vastgelopen situaties; "
    "het vraagt wel dat iedere partner vooraf mandaat geeft."
)


def _values(rng, baseline: float, target: float, trend: str, count: int) -> list[Decimal]:
    """`count` values from just after the baseline towards the target (or not), with a little noise."""
    values = []
    for step in range(1, count + 1):
        share = 0.7 * step / count
        if trend == "flat":
            share = 0
        elif trend == "worse" and step == count:
            share = 0.7 * (step - 2) / count
        noise = (rng.random() - 0.5) * abs(target - baseline) * 0.04
        values.append(Decimal(str(round(baseline + (target - baseline) * share + noise, 1))))
    return values


def _owner_for(region: DemoRegion, network: Network) -> Organisation | None:
    participants = set(network.participants.values_list("organisation_id", flat=True))
    for organisation in (region.housing, region.municipality):
        if organisation.pk in participants:
            return organisation
    return None


def seed(region: DemoRegion) -> None:
    """Indicators with quarterly measurements; a good example shared by both demo organisations."""
    today = region.today
    by_name = {n.name: n for n in region.networks}
    for network_name, indicators in (INDICATORS | _indicators_for_committed_alliances(region)).items():
        network = by_name.get(network_name)
        owner = _owner_for(region, network) if network else None
        if owner is None:
            continue
        coordinator = region.coordinator_of(owner)
        for kind, name, unit, direction, baseline, target, trend in indicators:
            indicator = services.indicator_create(
                user=coordinator,
                network=network,
                kind=kind,
                name=name,
                unit=unit,
                direction=direction,
                baseline_value=Decimal(baseline),
                baseline_date=today - datetime.timedelta(days=560),
                target_value=Decimal(target),
                target_date=today + datetime.timedelta(days=400),
            )
            values = _values(region.rng, baseline, target, trend, 6)
            for position, value in enumerate(values):
                services.measurement_add(
                    user=coordinator,
                    indicator=indicator,
                    date=today - datetime.timedelta(days=91 * (len(values) - position) - 60),
                    value=value,
                    source="Kwartaalrapportage",
                )
            if trend == "up":
                # One correction, so the history of versions is visible.
                first = indicator.measurements.order_by("date").first()
                services.measurement_correct(
                    user=coordinator,
                    measurement=first,
                    value=first.value + Decimal(1),
                    source="Kwartaalrapportage (hertelling)",
                )
    _seed_examples(region, by_name)


def _both_take_part(region: DemoRegion, network: Network) -> bool:
    participants = set(network.participants.values_list("organisation_id", flat=True))
    return {region.housing.pk, region.municipality.pk} <= participants


def _seed_examples(region: DemoRegion, by_name: dict[str, Network]) -> None:
    candidates = [by_name[name] for name in INDICATORS if name in by_name and _both_take_part(region, by_name[name])]
    if not candidates:
        return
    shared = candidates[0]
    services.example_save(
        user=region.coordinator_of(region.housing),
        network=shared,
        lesson=LESSONS.get(shared.name, EXAMPLE_LESSON),
        contact="Jeroen Bakker, netwerkcoördinator Woonstichting De Vaart",
    )
    for organisation in (region.housing, region.municipality):
        services.example_consent(user=region.executive_of(organisation), network=shared)
    if len(candidates) > 1:
        # Written and consented by us, still waiting for the municipality: not in the library yet.
        pending = candidates[1]
        services.example_save(
            user=region.coordinator_of(region.municipality),
            network=pending,
            lesson=LESSONS.get(pending.name, PENDING_LESSON),
            contact="Lotte Hendriks, Gemeente Vaartstad",
        )
        services.example_consent(user=region.executive_of(region.housing), network=pending)
