from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from verbond.accounts.permissions import can_decide, can_edit_register, can_manage_challenges
from verbond.core import audit, panels
from verbond.core.errors import ConflictError
from verbond.core.forms import apply_validation_error, run_service
from verbond.decisions.selectors import decision_current, decision_history
from verbond.networks import selectors, services
from verbond.networks.forms import (
    ChallengeForm,
    NetworkForm,
    ParticipantFormSet,
    ParticipationForm,
    PortfolioFilterForm,
)
from verbond.networks.models import Challenge

PARTICIPANTS_CHANGED = gettext_lazy(
    "Someone changed the participants since you opened this page. Nothing was saved. Below are your changes and "
    "the list as it is now; save again to keep yours."
)


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    if not request.user.organisation_id:
        return render(request, "networks/no_organisation.html")
    form = PortfolioFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sort = filters.get("sort") or "name"
    result = selectors.portfolio(
        organisation=request.user.organisation,
        challenge=filters.get("challenge"),
        decision=filters.get("decision") or None,
        level=filters.get("level") or None,
        sort=sort,
    )
    context = {
        "form": form,
        "portfolio": result,
        "sort": sort,
        "query": request.GET.copy(),
        "can_edit": can_edit_register(request.user),
    }
    context["panels"] = panels.render("portfolio", request, portfolio=result, organisation=request.user.organisation)
    return render(request, "networks/portfolio.html", context)


@login_required
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_get(user=request.user, network_id=pk)
    context = {
        "network": network,
        "challenges": list(network.challenges.all()),
        "participants": selectors.network_participants(network=network),
        "participation": selectors.participation_get(network=network, organisation_id=request.user.organisation_id),
        "decision": decision_current(user=request.user, network=network),
        "decisions": decision_history(user=request.user, network=network),
        "can_edit_network": services.can_edit_network(user=request.user, network=network),
        "can_edit_participation": can_edit_register(request.user),
        "can_decide": can_decide(request.user),
        "panels": panels.render("network", request, network=network),
    }
    return render(request, "networks/network_detail.html", context)


def _network_form_fields(form: NetworkForm) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name not in ("challenges", "version")}


@login_required
def network_create(request: HttpRequest) -> HttpResponse:
    if not can_edit_register(request.user):
        raise PermissionDenied
    form = NetworkForm(request.POST or None, initial={"lead": request.user.organisation})
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(
                user=request.user, challenges=form.cleaned_data["challenges"], **_network_form_fields(form)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Network registered. Now add the partners and your own participation."))
            return redirect("networks:participants", pk=network.pk)
    return render(request, "networks/network_form.html", {"form": form, "network": None})


@login_required
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_get(user=request.user, network_id=pk)
    if not services.can_edit_network(user=request.user, network=network):
        raise PermissionDenied
    form = NetworkForm(request.POST or None, instance=network, initial={"challenges": network.challenges.all()})
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form,
            lambda: services.network_update(
                user=request.user,
                network=network,
                version=form.cleaned_data["version"],
                challenges=form.cleaned_data["challenges"],
                **_network_form_fields(form),
            ),
        )
        if saved:
            messages.success(request, _("Network saved."))
            return redirect("networks:detail", pk=pk)
    return render(request, "networks/network_form.html", {"form": form, "network": network, "conflict": conflict})


@login_required
def network_participants(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_get(user=request.user, network_id=pk)
    if not services.can_edit_network(user=request.user, network=network):
        raise PermissionDenied
    initial = [{"organisation": p.organisation, "role": p.role} for p in selectors.network_participants(network=network)]
    formset = ParticipantFormSet(request.POST or None, initial=initial, prefix="p")
    # The version this editor loaded travels with the form until it is saved, also through invalid posts.
    version = _posted_version(request) if request.method == "POST" else network.version
    current = None
    if request.method == "POST" and formset.is_valid():
        try:
            services.participants_set(user=request.user, network=network, roles=formset.roles(), version=version)
        except ValidationError as error:
            formset.add_service_error(error)
        except ConflictError as conflict:
            # Keep what this editor sent; show the list as it is now; saving again overwrites on purpose.
            formset.add_service_error(ValidationError(PARTICIPANTS_CHANGED))
            version, current = conflict.current.version, selectors.network_participants(network=conflict.current)
        else:
            messages.success(request, _("Participants saved."))
            return redirect("networks:detail", pk=pk)
    context = {"formset": formset, "network": network, "version": version, "current": current}
    return render(request, "networks/participants_form.html", context)


def _posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
def participation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_get(user=request.user, network_id=pk)
    if not can_edit_register(request.user):
        raise PermissionDenied
    participation = selectors.participation_get(network=network, organisation_id=request.user.organisation_id)
    form = ParticipationForm(request.POST or None, instance=participation)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form,
            lambda: services.participation_save(
                user=request.user,
                network=network,
                version=form.cleaned_data.get("version"),
                hours_per_month=form.cleaned_data["hours_per_month"],
                costs_per_year=form.cleaned_data["costs_per_year"],
                representatives=form.cleaned_data["representatives"],
                notes=form.cleaned_data["notes"],
            ),
        )
        if saved:
            messages.success(request, _("Your participation is saved."))
            return redirect("networks:detail", pk=pk)
    return render(
        request, "networks/participation_form.html", {"form": form, "network": network, "conflict": conflict}
    )


@login_required
@require_POST
def network_archive(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_get(user=request.user, network_id=pk)
    services.network_archive(user=request.user, network=network)
    messages.success(request, _("Network archived. Its history is kept."))
    return redirect("networks:portfolio")


@login_required
def challenges(request: HttpRequest) -> HttpResponse:
    form = ChallengeForm(request.POST or None)
    can_edit = can_manage_challenges(request.user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.challenge_save(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Challenge added."))
                return redirect("networks:challenges")
    return render(
        request,
        "networks/challenges.html",
        {"challenges": selectors.challenges_all(), "form": form, "can_edit": can_edit},
    )


@login_required
def challenge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_challenges(request.user):
        raise PermissionDenied
    challenge = get_object_or_404(Challenge, pk=pk)
    form = ChallengeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_save(user=request.user, challenge=challenge, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Challenge saved."))
            return redirect("networks:challenges")
    return render(request, "networks/challenge_form.html", {"form": form, "challenge": challenge})


@login_required
def network_history(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_get(user=request.user, network_id=pk)
    events = audit.network_history(network_id=network.pk, organisation_id=request.user.organisation_id)
    return render(request, "networks/network_history.html", {"network": network, "events": events})
