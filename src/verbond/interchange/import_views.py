"""The upload page: upload a spreadsheet, check the preview, confirm. Import code only (exports live elsewhere).

The upload is kept in the database between the requests (PendingImport), never on the app server's disk, so the
preview and the confirm may be answered by any app server behind a load balancer.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbond.accounts.permissions import can_edit_register
from verbond.interchange import selectors, services
from verbond.interchange.import_forms import ImportConfirmForm, ImportMappingForm, ImportUploadForm
from verbond.interchange.importing.table import TableError
from verbond.interchange.models import PendingImport
from verbond.interchange.services import NOT_AN_IMPORTER


def _require_importer(request: HttpRequest) -> None:
    if not can_edit_register(request.user):
        raise PermissionDenied(NOT_AN_IMPORTER)


def _pending(request: HttpRequest, pk: UUID) -> PendingImport:
    """The user's own upload; anyone else's (or an expired one) is a 404."""
    return get_object_or_404(selectors.pending_imports_of(user=request.user), pk=pk)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pending = services.pending_import_create(
                user=request.user,
                filename=upload.name,
                content=b"".join(upload.chunks()),
                sheet=form.cleaned_data["sheet"],
            )
        except TableError as error:
            form.add_error(None, str(error.args[0]))
        else:
            return redirect("interchange:import_preview", pk=pending.pk)
    status = 400 if form.errors else 200
    return render(request, "interchange/import_upload.html", {"form": form}, status=status)


@login_required
def import_preview(request: HttpRequest, pk: UUID) -> HttpResponse:
    _require_importer(request)
    pending = _pending(request, pk)
    try:
        plan = services.pending_import_preview(pending=pending)
    except TableError as error:
        services.pending_import_discard(pending=pending)
        messages.error(request, str(error.args[0]))
        return redirect("interchange:import")
    mapping_form = ImportMappingForm(request.POST or None, columns=plan.columns)
    if request.method == "POST" and mapping_form.is_valid():
        services.pending_import_set_mapping(pending=pending, overrides=mapping_form.overrides())
        return redirect("interchange:import_preview", pk=pending.pk)
    context = {
        "pending": pending,
        "plan": plan,
        "filename": pending.filename,
        "mapping_form": mapping_form,
        "confirm_form": ImportConfirmForm(),
        "matched": plan.organisations_matched,
        "fuzzy": [m for m in plan.matches if m.method == "fuzzy"],
    }
    return render(request, "interchange/import_preview.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: UUID) -> HttpResponse:
    _require_importer(request)
    pending = _pending(request, pk)
    form = ImportConfirmForm(request.POST)
    form.is_valid()
    try:
        result = services.pending_import_apply(
            pending=pending, user=request.user, skip_invalid=form.cleaned_data.get("skip_invalid", False)
        )
    except TableError as error:
        services.pending_import_discard(pending=pending)
        messages.error(request, str(error.args[0]))
        return redirect("interchange:import")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        if not PendingImport.objects.filter(pk=pending.pk).exists():
            return redirect("networks:portfolio")  # imported by a first click meanwhile
        return redirect("interchange:import_preview", pk=pending.pk)
    messages.success(
        request,
        _("Imported: %(created)s networks created, %(updated)s updated, %(unchanged)s unchanged.")
        % {
            "created": len(result.networks_created),
            "updated": len(result.networks_updated),
            "unchanged": len(result.networks_unchanged),
        },
    )
    for issue in result.kept:
        messages.warning(
            request,
            _("Row %(row)s, %(column)s: the file says “%(value)s”, but it was %(message)s.")
            % {"row": issue.row, "column": issue.column, "value": issue.value, "message": issue.message},
        )
    return redirect("networks:portfolio")


@login_required
@require_POST
def import_cancel(request: HttpRequest, pk: UUID) -> HttpResponse:
    _require_importer(request)
    services.pending_import_discard(pending=_pending(request, pk))
    return redirect("interchange:import")
