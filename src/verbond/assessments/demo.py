"""Demo step: assessment rounds of the housing association (and a few of the municipality), with colleagues and
partner contacts.

Builds, deterministically: one network assessed twice (trend, partner ratings, shared urgency), closed rounds
with enough partners, one closed round where only two partners answered (the anonymity rule hides them), and
one round that is still open with people who have not answered yet.
"""

import datetime

from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from verbond.assessments.models import Respondent, Round
from verbond.assessments.services import DEFAULT_CRITERIA, Contact, answer_sheet_save, round_open
from verbond.networks.models import Participant

FIRST_NAMES = ["Eva", "Mohamed", "Lisa", "Bram", "Yara", "Thijs", "Noor", "Kees", "Iris", "Daan", "Samira", "Joost"]
LAST_NAMES = ["Jansen", "de Vries", "Yilmaz", "Smit", "Mulder", "Bos", "Peters", "Kok", "Dijkstra", "Hoekstra"]
COMMENTS = {
    "urgency": [
        "Iedereen ziet dat dit nu moet.",
        "De urgentie is vooral bij ons gevoeld, minder bij de rest.",
        "Sinds de cijfers over huisuitzettingen op tafel lagen, is het gevoel van urgentie gedeeld.",
    ],
    "residents": [
        "Bewoners zitten zelden aan tafel; we praten vooral over elkaars regels.",
        "Het doel staat in termen van bewoners: niemand de straat op.",
    ],
    "courage": [
        "Veel vergaderen, weinig mensen die echt iets oppakken.",
        "De gemeente heeft budget vrijgemaakt, mooi.",
        "Wij leveren twee wijkconsulenten, anderen alleen een agendapunt.",
    ],
    "professionals": ["De uitvoerders mogen eindelijk zelf beslissen over maatwerk tot 2.500 euro."],
    "mandate": [
        "Wijkconsulenten mogen nog steeds niet zonder toestemming over de grens werken.",
        "De regisseur kan sinds dit jaar hulp van andere organisaties inzetten.",
    ],
    "results": [
        "We zien minder huisuitzettingen dan vorig jaar.",
        "Resultaten voor bewoners zijn nog niet zichtbaar.",
        "Er is een dashboard, maar niemand kijkt ernaar.",
    ],
    "reciprocity": [
        "Afspraken worden niet altijd nagekomen, en niemand spreekt elkaar erop aan.",
        "Toezeggingen worden in het overleg nagelopen; dat werkt.",
    ],
}
KEYS = [key for key, *_rest in DEFAULT_CRITERIA]

# (profile of base scores per criterion in KEYS order, partners answering, colleagues answering, state,
#  days ago opened, partner ratings)
PLANS = [
    ([3, 4, 3, 3, 3, 3, 2, 3], 4, 3, "closed", 400, False),  # earlier round of the first network: the trend
    ([5, 4, 4, 4, 4, 4, 3, 4], 5, 3, "closed", 60, True),  # same network, now with shared urgency
    ([2, 3, 2, 3, 2, 2, 1, 2], 4, 2, "closed", 90, False),  # a talking shop: low scores everywhere
    ([4, 4, 3, 2, 3, 3, 2, 3], 2, 3, "closed", 45, False),  # only two partners: hidden for anonymity
    ([4, 5, 3, 4, 3, 4, 3, 3], 3, 2, "open", 10, True),  # still open, some have not answered
    ([3, 3, 4, 4, 3, 4, 3, 4], 3, 2, "closed", 120, False),
]
# The municipality assesses too: one network twice (a trend) and one round still open.
MUNICIPALITY_PLANS = [
    ([3, 3, 3, 4, 3, 3, 2, 3], 3, 2, "closed", 380, False),
    ([4, 4, 3, 4, 3, 4, 3, 4], 4, 2, "closed", 40, True),
    ([3, 4, 3, 3, 4, 3, 3, 3], 3, 1, "open", 6, False),
]


def _score(rng, base: int) -> int | None:
    if rng.random() < 0.06:
        return None  # don't know
    return min(5, max(1, base + rng.choice([-1, 0, 0, 0, 1])))


def _name(rng) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def seed(region) -> None:
    """Assessment rounds on several networks of the housing association, and a few of the municipality."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _seed(region, region.housing, PLANS)
        _seed(region, region.municipality, MUNICIPALITY_PLANS)


def _seed(region, housing, plans: list[tuple]) -> None:
    """Rounds opened by one organisation (named `housing` for the first of them): one network twice, then others."""
    rng = region.rng
    coordinator = region.coordinator_of(housing)
    colleagues = [u for u in region.users.values() if u.organisation_id == housing.pk]
    partner_ids = {}
    for network in region.networks_of(housing):
        partner_ids[network.pk] = list(
            Participant.objects.filter(network=network)
            .exclude(organisation=housing)
            .select_related("organisation")
            .order_by("organisation__name")
        )
    candidates = [n for n in region.networks_of(housing) if len(partner_ids[n.pk]) >= 3]
    networks = [candidates[0], candidates[0], *candidates[1 : len(plans) - 1]]
    today = region.today
    now = timezone.now()
    for plan_index, (network, plan) in enumerate(zip(networks, plans, strict=True)):
        profile, partners_answering, colleagues_answering, state, days_ago, ratings = plan
        partners = [p.organisation for p in partner_ids[network.pk]]
        contacts = []
        for index in range(partners_answering + 2):
            organisation = partners[index % len(partners)]
            name = _name(rng)
            email = f"{slugify(name)}.{housing.pk}{plan_index}{index}@{organisation.slug[:30]}.example.org"
            contacts.append(Contact(name=name, email=email, organisation=organisation))
        round_ = round_open(
            user=coordinator,
            network=network,
            closes_on=today + datetime.timedelta(days=14),
            title="Jaarlijkse toets" if state == "closed" else "Tussentijdse toets",
            partner_ratings=ratings,
            colleagues=colleagues[: colleagues_answering + 1],
            contacts=contacts,
        )
        criteria = list(round_.criteria.all())
        respondents = list(round_.respondents.select_related("round").order_by("pk"))
        ours = [r for r in respondents if r.organisation_id == housing.pk][:colleagues_answering]
        theirs = [r for r in respondents if r.organisation_id != housing.pk][:partners_answering]
        rateable = [p.organisation for p in partner_ids[network.pk]] + [housing]
        unused = {key: list(texts) for key, texts in COMMENTS.items()}  # each comment at most once per round
        for respondent in ours + theirs:
            answers = {}
            for criterion, base in zip(criteria, profile, strict=True):
                comment = ""
                if unused.get(criterion.key) and rng.random() < 0.3:
                    comment = unused[criterion.key].pop(rng.randrange(len(unused[criterion.key])))
                answers[criterion.pk] = (_score(rng, base), comment)
            rated = {}
            if ratings:
                for organisation in rateable:
                    if organisation.pk != respondent.organisation_id:
                        rated[organisation.pk] = (rng.randint(2, 5), rng.randint(1, 5))
            answer_sheet_save(respondent=respondent, answers=answers, ratings=rated, submit=True)
        opened_at = now - datetime.timedelta(days=days_ago)
        if state == "closed":
            closes_on = (opened_at + datetime.timedelta(days=21)).date()
            Round.objects.filter(pk=round_.pk).update(
                opened_at=opened_at, closes_on=closes_on, closed_at=opened_at + datetime.timedelta(days=21)
            )
        else:
            Round.objects.filter(pk=round_.pk).update(opened_at=opened_at)
        Respondent.objects.filter(round=round_).update(invited_at=opened_at)
        Respondent.objects.filter(round=round_, submitted_at__isnull=False).update(
            submitted_at=opened_at + datetime.timedelta(days=3), saved_at=opened_at + datetime.timedelta(days=3)
        )
