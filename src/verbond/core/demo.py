"""A fictional region, Vaartland, built the same way every time (dates are relative to today).

Each app adds its part through a step in DEMO_STEPS: a function `seed(region: DemoRegion) -> None`.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from verbond.accounts.models import Role, User
from verbond.accounts.services import user_create
from verbond.decisions.models import DecisionKind
from verbond.decisions.services import decision_record
from verbond.networks.defaults import seed_challenges
from verbond.networks.models import (
    Cadence,
    Challenge,
    Level,
    Network,
    Participant,
    ParticipantRole,
    Participation,
)
from verbond.organisations.models import Organisation, OrganisationKind

DEMO_PASSWORD = "vaartland-demo-2026"  # noqa: S105  # nosec B105 - fictional demo accounts, printed on purpose
SEED = 20261128

DEMO_STEPS = [
    "verbond.core.demo.seed_register",
    "verbond.assessments.demo.seed",
    "verbond.commitments.demo.seed",
    "verbond.outcomes.demo.seed",
    "verbond.frontline.demo.seed",  # after commitments: requests are routed to the mandate holders
]

K = OrganisationKind
ORGANISATIONS = [
    ("Woonstichting De Vaart", K.HOUSING_ASSOCIATION, "Vaartstad"),
    ("Molenwaard Wonen", K.HOUSING_ASSOCIATION, "Molenwaard"),
    ("Dijkhoven Woondiensten", K.HOUSING_ASSOCIATION, "Dijkhoven"),
    ("Stichting Thuis in Bremerveld", K.HOUSING_ASSOCIATION, "Bremerveld"),
    ("Gemeente Vaartstad", K.MUNICIPALITY, "Vaartstad"),
    ("Gemeente Molenwaard", K.MUNICIPALITY, "Molenwaard"),
    ("Gemeente Dijkhoven", K.MUNICIPALITY, "Dijkhoven"),
    ("Gemeente Bremerveld", K.MUNICIPALITY, "Bremerveld"),
    ("Zorggroep Vaartland", K.CARE_PROVIDER, "Vaartstad"),
    ("GGZ Rivierstreek", K.CARE_PROVIDER, "Dijkhoven"),
    ("Thuiszorg Het Anker", K.CARE_PROVIDER, "Molenwaard"),
    ("Jeugdhulp Vaartstad", K.CARE_PROVIDER, "Vaartstad"),
    ("GGD Vaartland-Rivierstreek", K.CARE_PROVIDER, "Vaartstad"),
    ("Stichting Beschermd Wonen Vaartland", K.CARE_PROVIDER, "Bremerveld"),
    ("Welzijn Vaartstad", K.WELFARE, "Vaartstad"),
    ("Stichting Buurtkracht Molenwaard", K.WELFARE, "Molenwaard"),
    ("Schuldhulp Vaartland", K.WELFARE, "Vaartstad"),
    ("Voedselbank Vaartstad", K.WELFARE, "Vaartstad"),
    ("Vluchtelingenwerk Rivierstreek", K.WELFARE, "Dijkhoven"),
    ("Stichting Openbaar Onderwijs Vaartstad", K.EDUCATION, "Vaartstad"),
    ("Vaartland College (mbo)", K.EDUCATION, "Vaartstad"),
    ("Samenwerkingsverband Passend Onderwijs Vaartland", K.EDUCATION, "Molenwaard"),
    ("Politie basisteam Vaartstad", K.POLICE_JUSTICE, "Vaartstad"),
    ("Reclassering Rivierstreek", K.POLICE_JUSTICE, "Dijkhoven"),
    ("Zorg- en Veiligheidshuis Vaartland", K.POLICE_JUSTICE, "Vaartstad"),
    ("Huurdersvereniging De Vaart", K.TENANTS_ORGANISATION, "Vaartstad"),
    ("Bewonersraad Molenwaard", K.TENANTS_ORGANISATION, "Molenwaard"),
    ("Energiecoöperatie Vaartstroom", K.UTILITY_ENERGY, "Vaartstad"),
    ("Netbeheer Rivierstreek", K.UTILITY_ENERGY, "Dijkhoven"),
    ("Waterschap Vaartland", K.OTHER, "Bremerveld"),
    ("Werkplein Vaartland", K.OTHER, "Vaartstad"),
    ("Zorgverzekeraar Rivierzorg", K.OTHER, "Dijkhoven"),
    ("Provincie Rivierland", K.OTHER, "Bremerveld"),
]

# (name, level, challenge slugs, purpose)
NETWORKS = [
    ("Prestatieafspraken Vaartstad 2025-2028", Level.STRATEGIC, ["wonen"], "Afspraken tussen gemeente, corporaties en huurders over betaalbare woningen en nieuwbouw."),
    ("Regionale Woonagenda Rivierstreek", Level.STRATEGIC, ["wonen"], "Regionale afstemming over woningbouw en woningtoewijzing."),
    ("Regionaal Woonzorgoverleg Vaartland", Level.TACTICAL, ["wonen", "zorg-en-welzijn"], "Wonen met zorg: passende woningen voor ouderen en kwetsbare inwoners."),
    ("Aanpak Huurachterstanden Vaartstad", Level.EXECUTION, ["bestaanszekerheid", "wonen"], "Huishoudens met een huurachterstand binnen vier weken bereiken en uitzetting voorkomen."),
    ("Vroegsignalering Schulden Vaartland", Level.EXECUTION, ["bestaanszekerheid"], "Signalen van betalingsachterstanden delen en huishoudens vroeg hulp bieden."),
    ("Doorbraakaanpak Multiprobleemhuishoudens", Level.EXECUTION, ["bestaanszekerheid", "zorg-en-welzijn"], "Eén plan, één regisseur en doorzettingsmacht voor huishoudens die vastlopen."),
    ("Wijkteam Vaartstad-Noord", Level.EXECUTION, ["zorg-en-welzijn", "leefbaarheid"], "Generalistisch wijkteam voor hulp dichtbij huis."),
    ("Wijkteam Vaartstad-Zuid", Level.EXECUTION, ["zorg-en-welzijn", "leefbaarheid"], "Generalistisch wijkteam voor hulp dichtbij huis."),
    ("Buurtaanpak Kanaalwijk", Level.EXECUTION, ["leefbaarheid", "veiligheid"], "Samen met bewoners de Kanaalwijk veiliger en prettiger maken."),
    ("Convenant Woonoverlast Vaartstad", Level.TACTICAL, ["veiligheid", "leefbaarheid"], "Afspraken over aanpak van ernstige woonoverlast."),
    ("Casusoverleg Zorg en Veiligheid", Level.EXECUTION, ["veiligheid", "zorg-en-welzijn"], "Complexe casuïstiek op het snijvlak van zorg en veiligheid."),
    ("Huisvesting Statushouders Vaartland", Level.TACTICAL, ["wonen"], "Taakstelling huisvesting vergunninghouders halen met goede begeleiding."),
    ("Uitstroom Beschermd Wonen", Level.EXECUTION, ["wonen", "zorg-en-welzijn"], "Cliënten uit beschermd wonen laten doorstromen naar een eigen woning met begeleiding."),
    ("Platform Wonen en Zorg Molenwaard", Level.TACTICAL, ["wonen", "zorg-en-welzijn"], "Lokaal platform over wonen, zorg en welzijn."),
    ("Energietransitie Woningvoorraad Vaartstad", Level.STRATEGIC, ["klimaat-en-energie", "wonen"], "Woningen aardgasvrij en betaalbaar verduurzamen."),
    ("Warmtenet Dijkhoven", Level.TACTICAL, ["klimaat-en-energie"], "Aanleg en aansluiting van het warmtenet in Dijkhoven-Oost."),
    ("Energiearmoede Aanpak Vaartland", Level.EXECUTION, ["klimaat-en-energie", "bestaanszekerheid"], "Huishoudens met hoge energielasten helpen met energiecoaches en kleine maatregelen."),
    ("Klimaatadaptatie Stedelijk Water", Level.TACTICAL, ["klimaat-en-energie", "leefbaarheid"], "Wateroverlast en hittestress in wijken aanpakken."),
    ("Regionaal Energieplatform Rivierland", Level.STRATEGIC, ["klimaat-en-energie"], "Regionale energiestrategie en netcongestie."),
    ("Lokale Educatieve Agenda Vaartstad", Level.STRATEGIC, ["onderwijs"], "Gezamenlijke agenda van gemeente en schoolbesturen."),
    ("Thuiszittertafel Vaartland", Level.EXECUTION, ["onderwijs", "zorg-en-welzijn"], "Geen kind langer dan drie maanden thuis zonder onderwijs."),
    ("Onderwijs-Zorgarrangementen", Level.TACTICAL, ["onderwijs", "zorg-en-welzijn"], "Zorg in de klas zonder indicatiegedoe."),
    ("Jongeren in Beeld Vaartstad", Level.EXECUTION, ["onderwijs", "bestaanszekerheid"], "Jongeren zonder startkwalificatie naar werk of school begeleiden."),
    ("Brede School Kanaalwijk", Level.EXECUTION, ["onderwijs", "leefbaarheid"], "School, welzijn en sport samen in de wijk."),
    ("Regionaal Zorgakkoord Vaartland", Level.STRATEGIC, ["zorg-en-welzijn"], "Regionale afspraken over zorg dichtbij, in het kader van het akkoord."),
    ("Netwerk Dementievriendelijk Molenwaard", Level.TACTICAL, ["zorg-en-welzijn"], "Mensen met dementie en hun mantelzorgers ondersteunen."),
    ("Laagdrempelige Inloop GGZ Vaartstad", Level.EXECUTION, ["zorg-en-welzijn"], "Inloop voor mensen met psychische kwetsbaarheid."),
    ("Mensen met Verward Gedrag – Ketenoverleg", Level.TACTICAL, ["veiligheid", "zorg-en-welzijn"], "Passende opvolging van meldingen over verward gedrag."),
    ("Eenzaamheid Samen Aanpakken", Level.TACTICAL, ["zorg-en-welzijn", "leefbaarheid"], "Coalitie tegen eenzaamheid onder ouderen."),
    ("Mantelzorgplatform Vaartland", Level.TACTICAL, ["zorg-en-welzijn"], "Ondersteuning van mantelzorgers afstemmen."),
    ("Armoedeplatform Vaartstad", Level.TACTICAL, ["bestaanszekerheid"], "Afstemming van armoederegelingen en voorzieningen."),
    ("Schuldenlab Rivierstreek", Level.EXECUTION, ["bestaanszekerheid"], "Saneringskrediet en schuldenrust voor jongeren."),
    ("Werk en Inkomen Coalitie", Level.TACTICAL, ["bestaanszekerheid"], "Bijstandsgerechtigden naar werk begeleiden."),
    ("Voedselhulp Netwerk Vaartstad", Level.EXECUTION, ["bestaanszekerheid"], "Voedselhulp en doorverwijzing naar hulp."),
    ("Veiligheidsoverleg Bremerveld", Level.TACTICAL, ["veiligheid"], "Integrale veiligheid in de gemeente Bremerveld."),
    ("Ondermijning Regionaal Platform", Level.STRATEGIC, ["veiligheid"], "Regionale aanpak van ondermijnende criminaliteit."),
    ("Nazorg Ex-gedetineerden", Level.EXECUTION, ["veiligheid", "wonen"], "Huisvesting, inkomen en zorg na detentie regelen."),
    ("Huiselijk Geweld Ketenoverleg", Level.EXECUTION, ["veiligheid", "zorg-en-welzijn"], "Snelle en veilige opvolging bij huiselijk geweld."),
    ("Wijkschouw Molenwaard", Level.EXECUTION, ["leefbaarheid"], "Samen met bewoners de buurt schouwen."),
    ("Leefbaarheidsfonds Vaartstad", Level.TACTICAL, ["leefbaarheid"], "Bewonersinitiatieven financieren."),
    ("Bewonersplatform Kanaalwijk", Level.TACTICAL, ["leefbaarheid", "wonen"], "Bewoners spreken mee over de wijkvernieuwing."),
    ("Herstructurering Stationsbuurt", Level.STRATEGIC, ["wonen", "leefbaarheid"], "Sloop-nieuwbouw en renovatie in de Stationsbuurt."),
    ("Woningtoewijzing Urgentiecommissie", Level.EXECUTION, ["wonen"], "Urgentieaanvragen beoordelen en woningen toewijzen."),
    ("Flexwonen Vaartland", Level.TACTICAL, ["wonen"], "Tijdelijke woningen voor spoedzoekers."),
    ("Jeugdhulp Regio Rivierstreek", Level.STRATEGIC, ["zorg-en-welzijn", "onderwijs"], "Inkoop en transformatie van jeugdhulp."),
    ("Gezond Vaartland Coalitie", Level.STRATEGIC, ["zorg-en-welzijn"], "Gezonde leefstijl en preventie."),
    ("Preventieakkoord Dijkhoven", Level.TACTICAL, ["zorg-en-welzijn"], "Lokale preventieafspraken over roken, alcohol en overgewicht."),
    ("Taalhuis Vaartstad", Level.EXECUTION, ["onderwijs", "bestaanszekerheid"], "Laaggeletterdheid aanpakken."),
    ("Samen Sterk in Bremerveld", Level.TACTICAL, ["leefbaarheid", "zorg-en-welzijn"], "Dorpsgerichte samenwerking tussen zorg, welzijn en wonen."),
    ("Levensloopbestendig Wonen Dijkhoven", Level.TACTICAL, ["wonen", "zorg-en-welzijn"], "Woningen aanpassen zodat ouderen thuis kunnen blijven wonen."),
    ("Netcongestie Werkgroep", Level.TACTICAL, ["klimaat-en-energie"], "Wachtlijsten voor netaansluitingen bij nieuwbouw oplossen."),
    ("Huurdersoverleg Duurzaamheid", Level.TACTICAL, ["klimaat-en-energie", "wonen"], "Huurders betrekken bij verduurzaming."),
    ("Innovatietafel Sociaal Domein", Level.STRATEGIC, ["zorg-en-welzijn", "bestaanszekerheid"], "Vernieuwing in het sociaal domein verkennen."),
    ("Regiegroep Sociaal Domein Vaartland", Level.STRATEGIC, ["zorg-en-welzijn", "bestaanszekerheid", "wonen"], "Bestuurlijke regie op de regionale opgaven."),
    ("Zomerschool Vaartstad", Level.EXECUTION, ["onderwijs"], "Zomerprogramma tegen leerachterstanden."),
    ("Buurtsportcoaches Netwerk", Level.EXECUTION, ["zorg-en-welzijn", "leefbaarheid"], "Sport en bewegen in de wijk."),
]

HOUSING = "Woonstichting De Vaart"
MUNICIPALITY = "Gemeente Vaartstad"

# (username, organisation, role, first name, last name)
ACCOUNTS = [
    ("vaart.bestuurder", HOUSING, Role.EXECUTIVE, "Anouk", "de Wit"),
    ("vaart.coordinator", HOUSING, Role.COORDINATOR, "Jeroen", "Bakker"),
    ("vaart.beheer", HOUSING, Role.ADMIN, "Fatima", "El Amrani"),
    ("vaart.medewerker", HOUSING, Role.MEMBER, "Sanne", "Visser"),
    ("gemeente.bestuurder", MUNICIPALITY, Role.EXECUTIVE, "Pieter", "van Dam"),
    ("gemeente.coordinator", MUNICIPALITY, Role.COORDINATOR, "Lotte", "Hendriks"),
]
ANALYST = ("regio.analist", "Regionaal", "Analist")


@dataclass
class DemoRegion:
    """What the demo has built so far; later steps add to it."""

    rng: random.Random
    today: datetime.date
    organisations: dict[str, Organisation] = field(default_factory=dict)
    networks: list[Network] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def housing(self) -> Organisation:
        return self.organisations[HOUSING]

    @property
    def municipality(self) -> Organisation:
        return self.organisations[MUNICIPALITY]

    def executive_of(self, organisation: Organisation) -> User:
        return next(u for u in self.users.values() if u.organisation_id == organisation.pk and u.role == Role.EXECUTIVE)

    def coordinator_of(self, organisation: Organisation) -> User:
        return next(u for u in self.users.values() if u.organisation_id == organisation.pk and u.role == Role.COORDINATOR)

    def networks_of(self, organisation: Organisation) -> list[Network]:
        ids = set(Participant.objects.filter(organisation=organisation).values_list("network_id", flat=True))
        return [n for n in self.networks if n.pk in ids]


def build() -> DemoRegion:
    """Build the whole demo region in one transaction."""
    region = DemoRegion(rng=random.Random(SEED), today=timezone.localdate())
    with transaction.atomic():
        for step in DEMO_STEPS:
            module_name, function_name = step.rsplit(".", 1)
            getattr(import_module(module_name), function_name)(region)
    return region


def seed_register(region: DemoRegion) -> None:
    """Organisations, accounts, networks, participants, participations and decisions."""
    rng = region.rng
    for name, kind, city in ORGANISATIONS:
        region.organisations[name] = Organisation.objects.create(name=name, slug=slugify(name)[:80], kind=kind, city=city)

    for username, organisation_name, role, first, last in ACCOUNTS:
        organisation = region.organisations[organisation_name]
        region.users[username] = user_create(
            actor=None,
            organisation=organisation,
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
        )
        region.logins.append((username, DEMO_PASSWORD, organisation.name, str(Role(role).label)))
    analyst = User(username=ANALYST[0], first_name=ANALYST[1], last_name=ANALYST[2], is_analyst=True)
    analyst.set_password(DEMO_PASSWORD)
    analyst.save()
    region.users[analyst.username] = analyst
    region.logins.append((analyst.username, DEMO_PASSWORD, "—", str(gettext("regional analyst"))))

    seed_challenges(Challenge)
    challenges = {c.slug: c for c in Challenge.objects.all()}
    organisations = list(region.organisations.values())
    cadences = [c.value for c in Cadence]
    for index, (name, level, challenge_slugs, purpose) in enumerate(NETWORKS):
        # The housing association and the municipality take part in most networks, so both portfolios are full.
        lead = region.municipality if index % 3 == 0 else rng.choice(organisations)
        network = Network.objects.create(
            name=name,
            purpose=purpose,
            level=level,
            lead=lead,
            registered_by=lead,
            cadence=rng.choice(cadences),
            start_date=region.today - datetime.timedelta(days=rng.randint(120, 2400)),
            legal_obligation=index in (0, 11),
        )
        network.challenges.set([challenges[s] for s in challenge_slugs])
        members = {lead}
        if index % 7 != 3:
            members.add(region.housing)
        if index % 5 != 2:
            members.add(region.municipality)
        members.update(rng.sample(organisations, rng.randint(2, 8)))
        for organisation in sorted(members, key=lambda o: o.name):
            role = ParticipantRole.LEAD if organisation == lead else rng.choice(
                [ParticipantRole.PARTICIPANT] * 6 + [ParticipantRole.FUNDER, ParticipantRole.ADVISER]
            )
            Participant.objects.create(network=network, organisation=organisation, role=role)
            Participation.objects.create(
                network=network,
                organisation=organisation,
                representatives=rng.choice(["Bestuurder", "Manager wonen", "Beleidsadviseur", "Wijkconsulent", "Teamleider"]),
                hours_per_month=Decimal(rng.choice([2, 3, 4, 6, 8, 12, 16, 24])),
                costs_per_year=Decimal(rng.choice([0, 0, 500, 1250, 2500, 5000, 12000, 25000])),
            )
        region.networks.append(network)

    for organisation in (region.housing, region.municipality):
        _seed_decisions(region, organisation)
        _set_capacity_just_above_the_load(organisation)


def _set_capacity_just_above_the_load(organisation: Organisation) -> None:
    """A capacity that the current committed and pending networks almost fill: a new committed yes must free hours."""
    from verbond.networks.selectors import portfolio

    rows = portfolio(organisation=organisation).rows
    load = sum(r.hours_per_month for r in rows if r.decision_kind in (None, DecisionKind.COMMITTED_YES, DecisionKind.CONDITIONAL_YES))
    organisation.capacity_hours_per_month = Decimal(int(load // 10) * 10 + 10)
    organisation.save(update_fields=["capacity_hours_per_month"])


def _seed_decisions(region: DemoRegion, organisation: Organisation) -> None:
    """Decisions of every kind, some with history; a few conditional yeses are past their deadline."""
    rng = region.rng
    executive = region.executive_of(organisation)
    today = region.today
    for position, network in enumerate(region.networks_of(organisation)):
        choice = position % 6
        decided_on = today - datetime.timedelta(days=rng.randint(100, 500))
        if choice == 5:
            continue  # no decision yet
        if position % 4 == 0:
            # An earlier conditional yes that was later decided: history.
            decision_record(
                user=executive,
                network=network,
                kind=DecisionKind.CONDITIONAL_YES,
                decided_on=decided_on - datetime.timedelta(days=120),
                conditions="Eerst een gezamenlijk doel voor bewoners formuleren.",
                deadline=decided_on - datetime.timedelta(days=40),
            )
        if choice in (0, 1):
            decision_record(
                user=executive,
                network=network,
                kind=DecisionKind.COMMITTED_YES,
                decided_on=decided_on,
                gate_urgency=True,
                gate_courage=True,
                gate_reciprocity=True,
                put_in_hours_per_month=Decimal(rng.choice([8, 12, 16, 24])),
                put_in_budget=Decimal(rng.choice([0, 10000, 25000])),
                put_in_mandate=rng.choice(["", "Wijkconsulenten mogen op verzoek van de regisseur worden ingezet."]),
            )
        elif choice == 2:
            # Past its deadline: the talking-shop risk the portfolio warns about.
            past = today - datetime.timedelta(days=rng.randint(5, 40))
            decision_record(
                user=executive,
                network=network,
                kind=DecisionKind.CONDITIONAL_YES,
                decided_on=past - datetime.timedelta(days=60),
                conditions="Partners leggen hun inzet (uren, budget) schriftelijk vast.",
                deadline=past,
            )
        elif choice == 3:
            decision_record(
                user=executive,
                network=network,
                kind=DecisionKind.CONDITIONAL_YES,
                decided_on=today - datetime.timedelta(days=30),
                conditions="Er komt een resultaatafspraak voor bewoners en een trekker met mandaat.",
                deadline=today + datetime.timedelta(days=rng.randint(7, 60)),
            )
        elif choice == 4:
            kind = DecisionKind.NO if (position // 6) % 2 == 0 else DecisionKind.EXIT
            decision_record(
                user=executive,
                network=network,
                kind=kind,
                decided_on=decided_on,
                reason="Overlapt met een ander netwerk; geen gedeelde urgentie.",
                exit_date=decided_on + datetime.timedelta(days=60) if kind == DecisionKind.EXIT else None,
            )
