from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbond.accounts.permissions import can_decide, can_manage_pledges, can_set_capacity
from verbond.commitments import selectors, services
from verbond.commitments.charts import reciprocity_chart
from verbond.commitments.forms import (
    CapacityForm,
    CommentForm,
    ConsiderForm,
    ExitPlanForm,
    MandateEndForm,
    MandateForm,
    PledgeForm,
    PledgeStatusForm,
)
from verbond.core.forms import apply_validation_error, run_service
from verbond.networks.selectors import network_get


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Our pledges, mandates, capacity, decisions due and exits: the commitments overview."""
    if not request.user.organisation_id:
        return render(request, "networks/no_organisation.html")
    past, soon = selectors.conditional_yes_due(organisation_id=request.user.organisation_id)
    context = {
        "pledges": selectors.our_pledges(user=request.user),
        "register": selectors.mandate_register(user=request.user),
        "capacity": selectors.capacity_overview(organisation=request.user.organisation),
        "past_deadline": past,
        "due_soon": soon,
        "exits": selectors.exits_in_progress(user=request.user),
        "can_set_capacity": can_set_capacity(request.user),
    }
    return render(request, "commitments/index.html", context)


@login_required
def reciprocity(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    result = selectors.reciprocity(network=network)
    context = {
        "network": network,
        "result": result,
        "chart": reciprocity_chart(result),
        "mandates": selectors.network_mandates(network=network),
        "today": timezone.localdate(),
        "can_pledge": can_manage_pledges(request.user),
        "can_grant": can_decide(request.user),
    }
    return render(request, "commitments/reciprocity.html", context)


@login_required
def pledge_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    if not can_manage_pledges(request.user):
        raise PermissionDenied
    form = PledgeForm(request.POST or None, initial={"period_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            pledge = services.pledge_create(user=request.user, network=network, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Pledge recorded. All partners in the network can see it."))
            return redirect("commitments:pledge_detail", pk=pledge.pk)
    return render(request, "commitments/pledge_form.html", {"form": form, "network": network, "pledge": None})


@login_required
def pledge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = selectors.pledge_get(user=request.user, pledge_id=pk)
    if not can_manage_pledges(request.user) or pledge.organisation_id != request.user.organisation_id:
        raise PermissionDenied
    if pledge.terms_frozen:
        messages.error(request, services.TERMS_FROZEN)
        return redirect("commitments:pledge_detail", pk=pledge.pk)
    form = PledgeForm(request.POST or None, instance=pledge, editing=True)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form, lambda: services.pledge_update(user=request.user, pledge=pledge, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("Pledge saved."))
            return redirect("commitments:pledge_detail", pk=pledge.pk)
    return render(
        request,
        "commitments/pledge_form.html",
        {"form": form, "network": pledge.network, "pledge": pledge, "conflict": conflict},
    )


@login_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A pledge with its history and comments; POST changes its status (action=status) or comments on it."""
    pledge = selectors.pledge_get(user=request.user, pledge_id=pk)
    own = can_manage_pledges(request.user) and pledge.organisation_id == request.user.organisation_id
    action = request.POST.get("action") if request.method == "POST" else None
    status_form = PledgeStatusForm(
        request.POST if action == "status" else None,
        initial={"changed_on": timezone.localdate()},
        prefix="status",
    )
    comment_form = CommentForm(request.POST if action == "comment" else None, prefix="comment")
    if action == "status":
        if not own:
            raise PermissionDenied
        if status_form.is_valid():
            try:
                services.pledge_status_change(user=request.user, pledge=pledge, **status_form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(status_form, error)
            else:
                messages.success(request, _("Status recorded in the pledge's history."))
                return redirect("commitments:pledge_detail", pk=pk)
    elif action == "comment" and comment_form.is_valid():
        try:
            services.pledge_comment(user=request.user, pledge=pledge, **comment_form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(comment_form, error)
        else:
            messages.success(request, _("Comment added."))
            return redirect("commitments:pledge_detail", pk=pk)
    context = {
        "pledge": pledge,
        "overdue": selectors.is_overdue(pledge, timezone.localdate()),
        "history": selectors.pledge_history(pledge=pledge),
        "comments": selectors.pledge_comments(pledge=pledge),
        "own": own,
        "status_form": status_form,
        "comment_form": comment_form,
    }
    return render(request, "commitments/pledge_detail.html", context)


@login_required
def mandates(request: HttpRequest) -> HttpResponse:
    """Who may decide over our people, and over whose people do we decide."""
    if not request.user.organisation_id:
        return render(request, "networks/no_organisation.html")
    context = {
        "register": selectors.mandate_register(user=request.user),
        "can_end": can_decide(request.user),
        "end_form": MandateEndForm(initial={"valid_until": timezone.localdate()}),
    }
    return render(request, "commitments/mandates.html", context)


@login_required
def mandate_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    if not can_decide(request.user):
        raise PermissionDenied
    form = MandateForm(
        request.POST or None,
        network=network,
        organisation_id=request.user.organisation_id,
        initial={"valid_from": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_grant(user=request.user, network=network, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Mandate granted and registered."))
            return redirect("commitments:reciprocity", pk=network.pk)
    return render(request, "commitments/mandate_form.html", {"form": form, "network": network})


@login_required
@require_POST
def mandate_end(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = selectors.mandate_get(user=request.user, mandate_id=pk)
    form = MandateEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date on which the mandate ends."))
        return redirect("commitments:mandates")
    try:
        services.mandate_end(user=request.user, mandate=mandate, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The mandate ends on the date given; it stays in the register as history.")
        )
    return redirect("commitments:mandates")


@login_required
def capacity(request: HttpRequest) -> HttpResponse:
    if not can_set_capacity(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    form = CapacityForm(
        request.POST or None, initial={"capacity_hours_per_month": organisation.capacity_hours_per_month}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.capacity_set(
                user=request.user, hours_per_month=form.cleaned_data["capacity_hours_per_month"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Capacity saved."))
            return redirect("commitments:index")
    overview = selectors.capacity_overview(organisation=organisation)
    return render(request, "commitments/capacity_form.html", {"form": form, "capacity": overview})


@login_required
def consider(request: HttpRequest) -> HttpResponse:
    """Consider a committed yes needing some hours: which networks to say no to, if it does not fit."""
    if not request.user.organisation_id:
        raise Http404
    networks = selectors.networks_to_consider(user=request.user)
    form = ConsiderForm(request.GET or None, networks=networks)
    proposal = None
    if form.is_valid():
        proposal = selectors.say_no_proposal(
            user=request.user, network=form.cleaned_data["network"], hours_needed=form.cleaned_data["hours"]
        )
    context = {
        "form": form,
        "proposal": proposal,
        "capacity": selectors.capacity_overview(organisation=request.user.organisation),
        "can_decide": can_decide(request.user),
    }
    return render(request, "commitments/consider.html", context)


@login_required
def exit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    decision = selectors.exit_decision_get(user=request.user, network=network)
    if decision is None:
        raise Http404
    plan = selectors.exit_plan_for(decision=decision)
    editable = can_decide(request.user)
    initial = {"end_date": decision.exit_date, "wind_down_date": decision.exit_date}
    form = ExitPlanForm(
        request.POST or None,
        instance=plan,
        initial=initial if plan is None else None,
        network=network,
        organisation_id=request.user.organisation_id,
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.exit_plan_save(user=request.user, decision=decision, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Exit plan saved."))
                return redirect("commitments:exit_plan", pk=pk)
    open_pledges, open_mandates = selectors.exit_open_items(plan=plan, decision=decision)
    context = {
        "network": network,
        "decision": decision,
        "plan": plan,
        "form": form,
        "editable": editable,
        "open_pledges": open_pledges,
        "open_mandates": open_mandates,
    }
    return render(request, "commitments/exit_plan.html", context)


@login_required
@require_POST
def exit_plan_apply(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    decision = selectors.exit_decision_get(user=request.user, network=network)
    plan = selectors.exit_plan_for(decision=decision) if decision else None
    if plan is None:
        raise Http404
    pledges, mandates = services.exit_plan_apply(user=request.user, plan=plan)
    messages.success(
        request,
        _("Resolved as planned: %(pledges)s pledges withdrawn, %(mandates)s mandates ended.")
        % {"pledges": pledges, "mandates": mandates},
    )
    return redirect("commitments:exit_plan", pk=pk)
