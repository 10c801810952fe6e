"""Writing an import: organisations, networks, participants and our participation, in one transaction."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import User
from verbond.accounts.permissions import can_edit_register
from verbond.interchange import selectors
from verbond.interchange.importing.matching import KnownOrganisation, Match
from verbond.interchange.importing.plan import ImportPlan, Issue, NetworkDraft, build_plan, network_key
from verbond.interchange.importing.table import Table, read_table, read_table_bytes
from verbond.interchange.importing.values import organisation_key
from verbond.interchange.models import PENDING_IMPORT_MAX_AGE, PendingImport
from verbond.networks.models import Network, Participant, ParticipantRole, Participation
from verbond.organisations.models import Organisation, OrganisationKind

NOT_AN_IMPORTER = _(
    "Only coordinators, executives and admins may import into their own organisation's register."
)
ALREADY_IMPORTED = _("This upload has already been imported.")
HAS_ERRORS = _("The file has errors; nothing was imported. Fix them, or import only the valid rows.")
UNKNOWN_ORGANISATION = _("There is no organisation with that short name.")

# A new organisation's kind guessed from words in its name; "other" when nothing fits.
KIND_WORDS = [
    (("gemeente", "provincie", "waterschap"), OrganisationKind.MUNICIPALITY),
    (("politie", "openbaar ministerie", "reclassering", "veiligheidshuis"), OrganisationKind.POLICE_JUSTICE),
    (("huurders", "bewonersraad"), OrganisationKind.TENANTS_ORGANISATION),
    (("woonstichting", "woningstichting", "woonbron", "wooncorporatie", "woningcorporatie"), OrganisationKind.HOUSING_ASSOCIATION),
    (("ggz", "ggd", "zorg", "jeugdhulp", "thuiszorg"), OrganisationKind.CARE_PROVIDER),
    (("welzijn", "schuldhulp", "voedselbank", "buurthuis", "diaconaal"), OrganisationKind.WELFARE),
    (("roc", "school", "college", "onderwijs", "bibliotheek", "hogeschool", "universiteit"), OrganisationKind.EDUCATION),
    (("netbeheer", "energie", "warmte", "water"), OrganisationKind.UTILITY_ENERGY),
]  # fmt: skip


@dataclass
class ImportResult:
    """What a real import did."""

    networks_created: list[Network] = field(default_factory=list)
    networks_updated: list[Network] = field(default_factory=list)
    networks_unchanged: list[Network] = field(default_factory=list)
    organisations_created: list[Organisation] = field(default_factory=list)
    # Values of ours changed in verbond since the last import, kept rather than overwritten by the file.
    kept: list[Issue] = field(default_factory=list)


def import_preview(
    *, path: Path, organisation_slug: str, sheet: str | None = None, overrides: dict[str, str] | None = None
) -> ImportPlan:
    """Read a file into a plan without writing anything; the organisation need not exist yet."""
    return _plan(read_table(path, sheet=sheet), organisation_slug=organisation_slug, overrides=overrides)


def _plan(table: Table, *, organisation_slug: str, overrides: dict[str, str] | None) -> ImportPlan:
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    own = (
        KnownOrganisation(organisation.pk, organisation.name, organisation.slug)
        if organisation
        else KnownOrganisation(None, organisation_slug, organisation_slug)
    )
    return build_plan(
        table,
        organisation=own,
        organisations=selectors.known_organisations(),
        challenges=selectors.known_challenges(),
        overrides=overrides,
    )


def pending_import_create(*, user: User, filename: str, content: bytes, sheet: str = "") -> PendingImport:
    """Keep an upload until it is confirmed: in the database, so the next request may reach any app server.

    Raises TableError when the file cannot be read; uploads older than PENDING_IMPORT_MAX_AGE are removed.
    """
    if not can_edit_register(user):
        raise PermissionDenied(NOT_AN_IMPORTER)
    read_table_bytes(content, filename=filename, sheet=sheet or None)
    pending_imports_discard_old()
    return PendingImport.objects.create(
        user=user, organisation=user.organisation, filename=filename[:255], content=content, sheet=sheet
    )


def pending_import_preview(*, pending: PendingImport) -> ImportPlan:
    """The plan of an uploaded file, with the column mapping chosen in the preview."""
    table = read_table_bytes(bytes(pending.content), filename=pending.filename, sheet=pending.sheet or None)
    return _plan(table, organisation_slug=pending.organisation.slug, overrides=pending.overrides or None)


def pending_import_set_mapping(*, pending: PendingImport, overrides: dict[str, str]) -> PendingImport:
    """Remember the column mapping the user chose for this upload."""
    pending.overrides = overrides
    pending.save(update_fields=["overrides"])
    return pending


@transaction.atomic
def pending_import_apply(*, pending: PendingImport, user: User, skip_invalid: bool = False) -> ImportResult:
    """Import an uploaded file for its uploader; the upload is removed once it is imported."""
    if pending.user_id != user.pk or pending.organisation_id != user.organisation_id:
        raise PermissionDenied(NOT_AN_IMPORTER)
    # Locked, so that a double click imports once: the second confirm waits, then finds the upload gone.
    if not PendingImport.objects.select_for_update().filter(pk=pending.pk).exists():
        raise ValidationError(ALREADY_IMPORTED)
    result = import_apply(plan=pending_import_preview(pending=pending), user=user, skip_invalid=skip_invalid)
    pending.delete()
    return result


def pending_import_discard(*, pending: PendingImport) -> None:
    """Forget an upload the user cancelled."""
    pending.delete()


def pending_imports_discard_old(*, now: datetime | None = None) -> int:
    """Remove uploads nobody confirmed within PENDING_IMPORT_MAX_AGE; returns how many."""
    cutoff = (now or timezone.now()) - PENDING_IMPORT_MAX_AGE
    deleted, _by_model = PendingImport.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def guess_kind(name: str) -> str:
    key = organisation_key(name)
    for words, kind in KIND_WORDS:
        if any(word in key for word in words):
            return kind
    return OrganisationKind.OTHER


@transaction.atomic
def import_apply(*, plan: ImportPlan, user: User | None = None, skip_invalid: bool = False) -> ImportResult:
    """Write a plan for its organisation; all or nothing. Re-applying the same plan changes nothing."""
    organisation = (
        Organisation.objects.filter(pk=plan.organisation.id).first() if plan.organisation.id else None
    )
    if organisation is None:
        raise ValidationError(UNKNOWN_ORGANISATION)
    if user is not None and (not can_edit_register(user) or user.organisation_id != organisation.pk):
        raise PermissionDenied(NOT_AN_IMPORTER)
    if plan.errors and not skip_invalid:
        raise ValidationError(HAS_ERRORS)
    result = ImportResult()
    resolved: dict[str, Organisation] = {organisation_key(organisation.name): organisation}
    for draft in plan.networks:
        _apply_draft(draft, organisation, user, resolved, result)
    return result


def _organisation_for(match: Match, resolved: dict[str, Organisation], result: ImportResult) -> Organisation:
    key = organisation_key(match.canonical)
    if key in resolved:
        return resolved[key]
    if match.organisation_id is not None:
        found = Organisation.objects.get(pk=match.organisation_id)
    else:
        found = Organisation.objects.filter(name__iexact=match.canonical).first()
        if found is None:
            found = Organisation(
                name=match.canonical[:200], slug=_free_slug(match.canonical), kind=guess_kind(match.canonical)
            )
            found.full_clean()
            found.save()
            result.organisations_created.append(found)
    resolved[key] = found
    return found


def _free_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisatie"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _existing_network(draft: NetworkDraft, lead: Organisation, organisation: Organisation) -> Network | None:
    """The same network: by name and lead, else by name among the networks we already take part in."""
    key = network_key(draft.name)
    for queryset in (Network.objects.filter(lead=lead), Network.objects.for_organisation(organisation.pk)):
        for network in queryset.filter(name__iexact=draft.name.strip()):
            return network
        for network in queryset.only("id", "name"):
            if network_key(network.name) == key:
                return Network.objects.get(pk=network.pk)
    return None


def _apply_draft(
    draft: NetworkDraft, organisation: Organisation, user: User | None, resolved: dict, result: ImportResult
) -> None:
    lead = _organisation_for(draft.lead, resolved, result) if draft.lead else organisation
    partners = [_organisation_for(match, resolved, result) for match in draft.partners]
    network = _existing_network(draft, lead, organisation)
    changed = False
    if network is None:
        network = Network(
            name=draft.name[:200],
            purpose=draft.purpose,
            lead=lead,
            cadence=draft.cadence or "",
            start_date=draft.start_date,
            end_date=draft.end_date,
            registered_by=organisation,
        )
        network.full_clean()
        network.save()
        network.challenges.set([c.id for c in draft.challenges])
        result.networks_created.append(network)
    elif organisation.pk in (network.lead_id, network.registered_by_id):
        # Only the keepers of a network's shared description may fill it in; what is there stays.
        for name in ("purpose", "cadence", "start_date", "end_date"):
            if getattr(network, name) in (None, "") and getattr(draft, name) not in (None, ""):
                setattr(network, name, getattr(draft, name))
                changed = True
        if changed:
            network.full_clean()
            network.save()
        missing = {c.id for c in draft.challenges} - set(network.challenges.values_list("id", flat=True))
        if missing:
            network.challenges.add(*missing)
            changed = True
    roles = {network.lead_id: ParticipantRole.LEAD}
    if organisation.pk in (network.lead_id, network.registered_by_id):
        for partner in partners:
            roles.setdefault(partner.pk, ParticipantRole.PARTICIPANT)
    roles.setdefault(organisation.pk, ParticipantRole.PARTICIPANT)
    existing = set(network.participants.values_list("organisation_id", flat=True))
    for organisation_id, role in roles.items():
        if organisation_id not in existing:
            Participant.objects.create(network=network, organisation_id=organisation_id, role=role)
            changed = True
    changed |= _save_participation(network, organisation, draft, user, result)
    if network in result.networks_created:
        return
    (result.networks_updated if changed else result.networks_unchanged).append(network)


def _plain(value: object) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


IMPORTED = "import"  # the change reason on participation history written by an import
KEPT_EDITED = _("changed in verbond since the last import (now “%(current)s”); kept, not overwritten")


def _save_participation(
    network: Network, organisation: Organisation, draft: NetworkDraft, user: User | None, result: ImportResult
) -> bool:
    """Our participation as the file has it; a value edited in verbond since the previous import wins over the file."""
    wanted = {
        "representatives": draft.representatives,
        "hours_per_month": draft.hours_per_month or Decimal(0),
        "costs_per_year": draft.costs_per_year or Decimal(0),
        "notes": draft.notes_text,
    }
    participation = Participation.objects.filter(network=network, organisation=organisation).first()
    if participation is None:
        participation = Participation(network=network, organisation=organisation, updated_by=user, **wanted)
    else:
        last_import = (
            participation.history.filter(history_change_reason=IMPORTED).order_by("-history_date", "-history_id").first()
        )
        changes = {}
        for name, value in wanted.items():
            current = getattr(participation, name)
            if current == value:
                continue
            # The first import of a list is the user's word; after it, an edit in verbond is newer than the file.
            if last_import is not None and getattr(last_import, name) != current:
                result.kept.append(
                    Issue(
                        draft.row,
                        str(Participation._meta.get_field(name).verbose_name),
                        _plain(value),
                        KEPT_EDITED % {"current": _plain(current)},
                    )
                )
                continue
            changes[name] = value
        if not changes:
            return False
        for name, value in changes.items():
            setattr(participation, name, value)
        participation.version += 1
        participation.updated_by = user
    participation.full_clean()
    participation._change_reason = IMPORTED  # simple-history records it, so the next import can tell edits apart
    participation.save()
    return True
