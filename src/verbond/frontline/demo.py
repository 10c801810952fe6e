"""Demo step: professionals' requests in a few execution alliances, with every status and one overdue."""

import datetime

from django.test.utils import override_settings
from django.utils import timezone

from verbond.accounts.models import Role, User
from verbond.core.demo import DemoRegion
from verbond.frontline import services
from verbond.frontline.models import Category, Urgency
from verbond.frontline.selectors import request_route, routing_mandates
from verbond.networks.models import Level, Network
from verbond.organisations.models import Organisation

# (title, category, urgency, description): situations, never residents.
REQUESTS = [
    (
        "Tijdelijk huurcontract bij uitstroom beschermd wonen",
        Category.RULE,
        Urgency.NORMAL,
        "Een cliënt is klaar om zelfstandig te wonen, maar de toewijzingsregels staan geen huurcontract onder "
        "voorwaarden toe. Daardoor blijft een plek in beschermd wonen bezet.",
    ),
    (
        "Ontruiming pauzeren zolang schuldhulp loopt",
        Category.RULE,
        Urgency.URGENT,
        "Een gezin met huurachterstand zit sinds kort in een schuldhulptraject. De incassoprocedure loopt door "
        "en een ontruiming dreigt binnen twee weken.",
    ),
    (
        "Budget voor een traplift ontbreekt",
        Category.BUDGET,
        Urgency.NORMAL,
        "Een oudere bewoner kan met een traplift thuis blijven wonen. De Wmo-aanvraag duurt maanden; er is geen "
        "potje om het voor te schieten.",
    ),
    (
        "Schuldhulpverlener mee op huisbezoek",
        Category.PROFESSIONAL,
        Urgency.NORMAL,
        "Bij huisbezoeken over huurachterstand blijken vaak meer schulden te spelen. We willen dat een "
        "schuldhulpverlener van de partner direct kan aansluiten.",
    ),
    (
        "Woning nodig voor gezin na brand",
        Category.HOUSE,
        Urgency.URGENT,
        "Na een brand zit een gezin met drie kinderen in een hotel. Er is een tijdelijke woning nodig in de "
        "buurt van de school.",
    ),
    (
        "Besluit over maatwerk bij de energietoeslag",
        Category.DECISION,
        Urgency.NORMAL,
        "Huishoudens net boven de inkomensgrens hebben hoge energielasten. Wie besluit of we hier maatwerk "
        "mogen leveren?",
    ),
    (
        "Wachtlijst GGZ blokkeert begeleiding",
        Category.PROFESSIONAL,
        Urgency.URGENT,
        "Een jongere wacht op behandeling en de begeleiding thuis stopt zolang de indicatie ontbreekt. Kan een "
        "ambulant begeleider van een partner tijdelijk inspringen?",
    ),
    (
        "Inrichtingskosten voor een eerste woning",
        Category.BUDGET,
        Urgency.NORMAL,
        "Jongeren die uit de opvang komen krijgen een woning zonder vloer en gordijnen. Een klein budget voor "
        "de inrichting voorkomt dat ze meteen schulden maken.",
    ),
]

# What happens to a request: (days ago raised, steps as (kind, days after raising, text)).
SCENARIOS = [
    ("open", 0, []),
    ("granted", 40, [("grant", 2, "Regel tijdelijk buiten werking gesteld voor deze situatie.")]),
    ("overdue", 18, []),
    (
        "declined",
        30,
        [("decline", 6, "Past niet binnen de huidige regeling; we nemen het mee in de evaluatie.")],
    ),
    (
        "closed",
        60,
        [("grant", 4, "Budget uit het gezamenlijke potje."), ("close", 20, "Geregeld, traplift staat.")],
    ),
    (
        "reopened",
        15,
        [
            ("decline", 3, "Geen capaciteit op dit moment."),
            ("reopen", 10, "De wachtlijst is opnieuw opgelopen."),
        ],
    ),
    ("escalated", 5, [("escalate", 2, "Dit vraagt een besluit van de bestuurders van beide organisaties.")]),
    ("granted", 15, [("grant", 1, "Woning uit de voorraad voor spoedzoekers toegewezen.")]),
]

DONE_BY = ["Team verhuur", "Wijkteam Noord", "Afdeling schuldhulp", "Teamleider Wmo"]


def _colleague(organisation: Organisation, role: str, cache: dict) -> User:
    """A person at an organisation without a demo login, to raise or answer requests there."""
    key = (organisation.pk, role)
    if key not in cache:
        cache[key] = User.objects.filter(organisation=organisation, role=role).first() or _create_colleague(
            organisation, role
        )
    return cache[key]


def _create_colleague(organisation: Organisation, role: str) -> User:
    user = User(
        username=f"{organisation.slug[:60]}.{role}",
        first_name={Role.MEMBER: "Professional", Role.COORDINATOR: "Coördinator"}.get(role, "Bestuurder"),
        last_name=organisation.name,
        organisation=organisation,
        role=role,
        email=f"{role}@{organisation.slug[:40]}.example",
    )
    user.set_unusable_password()
    user.save()
    return user


def _alliances(region: DemoRegion) -> list[Network]:
    """Five execution alliances: four of the housing association's (first those where it holds a mandate, so that
    requests reach it as mandate holder, then those the municipality answers as lead) and one of the
    municipality's only."""
    execution = [n for n in region.networks if n.level == Level.EXECUTION]
    ours = [n for n in execution if n in region.networks_of(region.housing)]
    holders = {n.pk: {m.holder_organisation_id for m in routing_mandates(network=n)} for n in ours}
    ours.sort(
        key=lambda n: (
            region.housing.pk not in holders[n.pk],
            not (n.lead_id == region.municipality.pk and not holders[n.pk]),
        )
    )
    municipality_only = [
        n for n in execution if n in region.networks_of(region.municipality) and n not in ours
    ]
    return ours[:4] + municipality_only[:1]


def seed(region: DemoRegion) -> None:
    """Requests in a few execution alliances: granted, declined, closed, reopened, escalated, open and overdue."""
    rng = region.rng
    now = timezone.now().replace(second=0, microsecond=0)
    cache: dict = {}
    position = 0
    overdue_staged = False
    # The demo does not send e-mail for the escalations it stages.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for network_index, network in enumerate(_alliances(region)):
            participants = list(
                network.participants.select_related("organisation").order_by("organisation__name")
            )
            for number in range(3 if network_index < 4 else 2):
                title, category, urgency, description = REQUESTS[position % len(REQUESTS)]
                state, days_ago, steps = SCENARIOS[position % len(SCENARIOS)]
                position += 1
                # Routed as the service will route it: by the mandate that best matches the request.
                routed_to = request_route(network=network, text=f"{title} {description}").organisation
                answerer = _colleague(routed_to, Role.COORDINATOR, cache)
                raiser_org = rng.choice(
                    [p.organisation for p in participants if p.organisation != routed_to] or [routed_to]
                )
                if (
                    number == 0
                    and routed_to != region.housing
                    and network in region.networks_of(region.housing)
                ):
                    raiser_org = region.housing  # so the housing association's professional sees progress too
                if raiser_org == region.housing:
                    raiser = region.users["vaart.medewerker"]
                else:
                    raiser = _colleague(raiser_org, Role.MEMBER, cache)
                if state in ("overdue", "escalated", "reopened"):
                    urgency = Urgency.NORMAL  # so that only the one meant to be overdue is
                if state == "overdue" and overdue_staged:
                    days_ago = 1
                overdue_staged = overdue_staged or state == "overdue"
                raised_at = now - datetime.timedelta(days=days_ago, hours=rng.randint(1, 6))
                request = services.request_raise(
                    user=raiser,
                    network=network,
                    category=category,
                    urgency=urgency,
                    title=title,
                    description=description,
                    now=raised_at,
                )
                for kind, days_after, text in steps:
                    at = raised_at + datetime.timedelta(days=days_after, hours=rng.randint(1, 5))
                    if kind == "grant":
                        request = services.request_grant(
                            user=answerer,
                            request=request,
                            text=text,
                            done_by=rng.choice(DONE_BY),
                            done_by_date=region.today + datetime.timedelta(days=rng.randint(3, 30)),
                            now=at,
                        )
                    elif kind == "decline":
                        request = services.request_decline(user=answerer, request=request, text=text, now=at)
                    elif kind == "escalate":
                        request = services.request_escalate(user=answerer, request=request, text=text, now=at)
                    elif kind == "close":
                        request = services.request_close(user=raiser, request=request, text=text, now=at)
                    elif kind == "reopen":
                        request = services.request_reopen(user=raiser, request=request, text=text, now=at)
