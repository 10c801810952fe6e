"""Writes to the network register. Each checks who may do it, validates and runs in one transaction."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import User
from verbond.accounts.permissions import can_edit_register, can_manage_challenges
from verbond.core.errors import ConflictError
from verbond.networks.models import Challenge, Network, Participant, ParticipantRole, Participation
from verbond.organisations.models import Organisation

NOT_AN_EDITOR = _("Only coordinators, executives and admins may change the register.")
NOT_NETWORK_EDITOR = _("Only the lead organisation or the organisation that registered this network may change it.")
OWN_PARTICIPATION_REQUIRED = _("Your organisation cannot be removed from a network it registered here.")
REMOVAL_HAS_DECISIONS = _(
    "%(name)s cannot be removed: it has recorded decisions about this network, and removing it would hide that "
    "history from it. History is never deleted; if %(name)s leaves, it records an exit instead."
)
REMOVAL_HAS_PARTICIPATION = _(
    "%(name)s cannot be removed: it has recorded its own participation (hours, costs, notes) in this network, and "
    "removing it would hide that from it. If %(name)s leaves, it records an exit instead."
)
NOT_A_CHALLENGE_EDITOR = _("Only an admin of an organisation may add or rename challenges: they are shared by everyone.")

NETWORK_FIELDS = (
    "name",
    "purpose",
    "level",
    "lead",
    "cadence",
    "start_date",
    "end_date",
    "legal_obligation",
)


def _require_editor(user: User) -> None:
    if not can_edit_register(user):
        raise PermissionDenied(NOT_AN_EDITOR)


def can_edit_network(*, user: User, network: Network) -> bool:
    """The shared description is kept by the lead or by the organisation that registered it."""
    return can_edit_register(user) and user.organisation_id in (network.lead_id, network.registered_by_id)


def _ensure_participant(network: Network, organisation: Organisation, role: str) -> None:
    participant, created = Participant.objects.get_or_create(
        network=network, organisation=organisation, defaults={"role": role}
    )
    if not created and role == ParticipantRole.LEAD and participant.role != role:
        participant.role = role
        participant.save(update_fields=["role"])


@transaction.atomic
def network_create(*, user: User, challenges: Iterable[Challenge] = (), **fields: object) -> Network:
    """Register a network; the user's organisation and the lead become participants."""
    _require_editor(user)
    network = Network(registered_by_id=user.organisation_id, **{k: v for k, v in fields.items() if k in NETWORK_FIELDS})
    network.full_clean()
    network.save()
    network.challenges.set(challenges)
    _ensure_participant(network, network.lead, ParticipantRole.LEAD)
    if user.organisation_id != network.lead_id:
        _ensure_participant(network, user.organisation, ParticipantRole.PARTICIPANT)
    return network


def _lock_at_version(network: Network, version: int | None) -> Network:
    """Lock the network's row and return it, or raise ConflictError if it is no longer at the `version` loaded."""
    current = Network.objects.select_for_update().get(pk=network.pk)
    if version is None or current.version != version:
        raise ConflictError(current)
    return current


@transaction.atomic
def network_update(
    *, user: User, network: Network, version: int, challenges: Iterable[Challenge] | None = None, **fields: object
) -> Network:
    """Change a network's shared description; refuses if someone else saved it since `version`."""
    if not can_edit_network(user=user, network=network):
        raise PermissionDenied(NOT_NETWORK_EDITOR)
    current = _lock_at_version(network, version)
    for name, value in fields.items():
        if name in NETWORK_FIELDS:
            setattr(current, name, value)
    current.full_clean()
    current.version += 1  # the row is locked (select_for_update), so a plain increment is safe
    current.save()
    if challenges is not None:
        current.challenges.set(challenges)
    _ensure_participant(current, current.lead, ParticipantRole.LEAD)
    return current


@transaction.atomic
def network_archive(*, user: User, network: Network) -> Network:
    """Archive, never delete: history and partners' records stay."""
    if not can_edit_network(user=user, network=network):
        raise PermissionDenied(NOT_NETWORK_EDITOR)
    network.archived_at = timezone.now()
    network.save(update_fields=["archived_at", "updated_at"])
    return network


@transaction.atomic
def participants_set(*, user: User, network: Network, roles: dict[Organisation, str], version: int | None) -> Network:
    """Make the network's participants exactly `roles`; the lead and the registering organisation stay.

    `version` is the network's version the editor loaded: a change since (of the list or the description) is a
    conflict, so two people editing the list at once never overwrite each other.
    """
    if not can_edit_network(user=user, network=network):
        raise PermissionDenied(NOT_NETWORK_EDITOR)
    network = _lock_at_version(network, version)
    keep = {network.lead_id, network.registered_by_id}
    wanted = {organisation.pk: role for organisation, role in roles.items()}
    for organisation_id in keep:
        wanted.setdefault(organisation_id, ParticipantRole.PARTICIPANT)
    wanted[network.lead_id] = ParticipantRole.LEAD
    leaving = network.participants.exclude(organisation_id__in=wanted).select_related("organisation")
    _refuse_removing_history(network, [p.organisation for p in leaving])
    leaving.delete()
    existing = {p.organisation_id: p for p in network.participants.all()}
    for organisation_id, role in wanted.items():
        participant = existing.get(organisation_id)
        if participant is None:
            Participant.objects.create(network=network, organisation_id=organisation_id, role=role)
        elif participant.role != role:
            participant.role = role
            participant.save(update_fields=["role"])
    network.version += 1  # locked above
    network.save(update_fields=["version", "updated_at"])
    return network


def _refuse_removing_history(network: Network, organisations: list[Organisation]) -> None:
    """An organisation with its own records in the network stays: removed, it would lose sight of them (404)."""
    if not organisations:
        return
    ids = [organisation.pk for organisation in organisations]
    with_decisions = set(network.decisions.filter(organisation_id__in=ids).values_list("organisation_id", flat=True))
    with_participation = set(
        network.participations.filter(organisation_id__in=ids).values_list("organisation_id", flat=True)
    )
    messages = []
    for organisation in sorted(organisations, key=lambda o: o.name):
        if organisation.pk in with_decisions:
            messages.append(REMOVAL_HAS_DECISIONS % {"name": organisation.name})
        elif organisation.pk in with_participation:
            messages.append(REMOVAL_HAS_PARTICIPATION % {"name": organisation.name})
    if messages:
        raise ValidationError({"participants": messages})


@transaction.atomic
def participation_save(
    *,
    user: User,
    network: Network,
    version: int | None,
    hours_per_month: Decimal,
    costs_per_year: Decimal,
    representatives: str = "",
    notes: str = "",
) -> Participation:
    """Record the user's own organisation's effort in a network (private to that organisation)."""
    _require_editor(user)
    if not network.participants.filter(organisation_id=user.organisation_id).exists():
        raise PermissionDenied(NOT_AN_EDITOR)
    participation = (
        Participation.objects.select_for_update().filter(network=network, organisation_id=user.organisation_id).first()
    )
    if participation is None:
        participation = Participation(network=network, organisation_id=user.organisation_id)
    elif version is None or participation.version != version:
        # No version means the editor saw no participation yet: someone recorded one meanwhile.
        raise ConflictError(participation)
    participation.hours_per_month = hours_per_month
    participation.costs_per_year = costs_per_year
    participation.representatives = representatives
    participation.notes = notes
    participation.updated_by = user
    participation.full_clean()
    if participation.pk:
        participation.version += 1  # locked above
    participation.save()
    return participation


@transaction.atomic
def challenge_save(*, user: User, challenge: Challenge | None = None, name: str, name_en: str = "") -> Challenge:
    """Add or rename a challenge (opgave)."""
    if not can_manage_challenges(user):
        raise PermissionDenied(NOT_A_CHALLENGE_EDITOR)
    challenge = challenge or Challenge(position=Challenge.objects.count() + 1)
    challenge.name = name.strip()
    challenge.name_en = name_en.strip()
    if not challenge.slug:
        challenge.slug = slugify(challenge.name)[:100] or f"challenge-{Challenge.objects.count() + 1}"
    challenge.full_clean()
    challenge.save()
    return challenge
