"""The upload page: upload a spreadsheet, check the preview, confirm. Import code only (exports live elsewhere)."""

import re
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbond.accounts.permissions import can_edit_register
from verbond.interchange import services
from verbond.interchange.import_forms import ImportConfirmForm, ImportMappingForm, ImportUploadForm
from verbond.interchange.importing.table import TableError, read_table
from verbond.interchange.services import NOT_AN_IMPORTER

SESSION_KEY = "interchange_import"
TOKEN = re.compile(r"^[0-9a-f]{32}\.(xlsx|csv)$")


def _require_importer(request: HttpRequest) -> None:
    if not can_edit_register(request.user):
        raise PermissionDenied(NOT_AN_IMPORTER)


def _upload_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def _stored(request: HttpRequest) -> tuple[Path, dict] | None:
    """The file uploaded in this session, if it is still there."""
    state = request.session.get(SESSION_KEY)
    if not state or not TOKEN.match(state.get("file", "")):
        return None
    path = _upload_dir() / state["file"]
    return (path, state) if path.is_file() else None


def _plan(request: HttpRequest, path: Path, state: dict):
    return services.import_preview(
        path=path,
        organisation_slug=request.user.organisation.slug,
        sheet=state.get("sheet") or None,
        overrides=state.get("overrides") or None,
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = f"{secrets.token_hex(16)}.{upload.name.rsplit('.', 1)[-1].lower()}"
        _upload_dir().mkdir(parents=True, exist_ok=True)
        _discard(request)
        with open(_upload_dir() / name, "wb") as destination:
            for chunk in upload.chunks():
                destination.write(chunk)
        try:
            read_table(_upload_dir() / name, sheet=form.cleaned_data["sheet"] or None)
        except TableError as error:
            (_upload_dir() / name).unlink(missing_ok=True)
            form.add_error(None, str(error.args[0]))
        else:
            state = {"file": name, "filename": upload.name, "sheet": form.cleaned_data["sheet"]}
            request.session[SESSION_KEY] = state
            return redirect("interchange:import_preview")
    status = 400 if form.errors else 200
    return render(request, "interchange/import_upload.html", {"form": form}, status=status)


@login_required
def import_preview(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    stored = _stored(request)
    if stored is None:
        messages.info(request, _("Upload a file first."))
        return redirect("interchange:import")
    path, state = stored
    try:
        plan = _plan(request, path, state)
    except TableError as error:
        _discard(request)
        messages.error(request, str(error.args[0]))
        return redirect("interchange:import")
    mapping_form = ImportMappingForm(request.POST or None, columns=plan.columns)
    if request.method == "POST" and mapping_form.is_valid():
        request.session[SESSION_KEY] = {**state, "overrides": mapping_form.overrides()}
        return redirect("interchange:import_preview")
    context = {
        "plan": plan,
        "filename": state["filename"],
        "mapping_form": mapping_form,
        "confirm_form": ImportConfirmForm(),
        "matched": plan.organisations_matched,
        "fuzzy": [m for m in plan.matches if m.method == "fuzzy"],
    }
    return render(request, "interchange/import_preview.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    stored = _stored(request)
    if stored is None:
        messages.info(request, _("Upload a file first."))
        return redirect("interchange:import")
    path, state = stored
    form = ImportConfirmForm(request.POST)
    form.is_valid()
    plan = _plan(request, path, state)
    try:
        result = services.import_apply(
            plan=plan, user=request.user, skip_invalid=form.cleaned_data.get("skip_invalid", False)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("interchange:import_preview")
    _discard(request)
    messages.success(
        request,
        _("Imported: %(created)s networks created, %(updated)s updated, %(unchanged)s unchanged.")
        % {
            "created": len(result.networks_created),
            "updated": len(result.networks_updated),
            "unchanged": len(result.networks_unchanged),
        },
    )
    return redirect("networks:portfolio")


@login_required
@require_POST
def import_cancel(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    _discard(request)
    return redirect("interchange:import")


def _discard(request: HttpRequest) -> None:
    stored = _stored(request)
    if stored:
        stored[0].unlink(missing_ok=True)
    request.session.pop(SESSION_KEY, None)
