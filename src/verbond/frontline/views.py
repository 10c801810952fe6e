from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbond.core.forms import apply_validation_error, run_service
from verbond.frontline import selectors, services
from verbond.frontline.forms import AnswerForm, FollowUpForm, RequestFilterForm, RequestForm
from verbond.frontline.models import ANSWERED_STATUSES, Request, Status
from verbond.networks.models import Level
from verbond.networks.selectors import network_get


@login_required
def index(request: HttpRequest) -> HttpResponse:
    form = RequestFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    context = {
        "form": form,
        "requests": selectors.request_list(user=request.user, state=state),
        "alliances": list(selectors.execution_alliances_for(user=request.user)),
        "now": timezone.now(),
    }
    return render(request, "frontline/index.html", context)


@login_required
def organisation_dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.organisation_id:
        raise Http404
    context = {
        "figures": selectors.organisation_figures(user=request.user),
        "organisation": request.user.organisation,
    }
    return render(request, "frontline/organisation.html", context)


@login_required
def network_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    context = {
        "network": network,
        "figures": selectors.network_figures(network=network),
        "room": selectors.room_for_professionals(network=network, organisation_id=request.user.organisation_id),
        "requests": selectors.request_list(user=request.user, network=network),
        "can_raise": network.level == Level.EXECUTION,
        "now": timezone.now(),
    }
    return render(request, "frontline/network.html", context)


@login_required
def raise_request(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    if network.level != Level.EXECUTION:
        raise Http404
    mandates = selectors.routing_mandates(network=network)
    working_days = {urgency: services.working_days_for(urgency) for urgency in ("urgent", "normal")}
    form = RequestForm(request.POST or None, mandates=mandates, working_days=working_days)
    if request.method == "POST" and form.is_valid():
        created, _conflict = run_service(
            form, lambda: services.request_raise(user=request.user, network=network, **form.cleaned_data)
        )
        if created is not None:
            messages.success(
                request,
                _("Your request has been sent to %(organisation)s.")
                % {"organisation": created.routed_to.name},
            )
            return redirect("frontline:detail", pk=created.pk)
    context = {
        "form": form,
        "network": network,
        "has_mandates": bool(mandates),
        "working_days": working_days,
    }
    return render(request, "frontline/raise.html", context)


def _detail_context(request: HttpRequest, item: object, **forms: object) -> dict:
    may_answer = selectors.may_answer(user=request.user, request=item)
    may_follow_up = selectors.may_follow_up(user=request.user, request=item)
    return {
        "item": item,
        "steps": selectors.request_steps(request=item),
        "may_answer": may_answer and item.is_open,
        "may_close": selectors.may_close(user=request.user, request=item),
        "may_reopen": may_follow_up and item.status in (*ANSWERED_STATUSES, Status.CLOSED),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(),
        "overdue": item.is_open and item.due_at < timezone.now(),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.request_get(user=request.user, request_id=pk)
    return render(request, "frontline/detail.html", _detail_context(request, item))


ANSWERS = {
    AnswerForm.GRANT: (services.request_grant, ("text", "done_by", "done_by_date")),
    AnswerForm.DECLINE: (services.request_decline, ("text",)),
    AnswerForm.ESCALATE: (services.request_escalate, ("text",)),
}


def _act_on(
    request: HttpRequest,
    pk: int,
    form: forms.Form,
    form_name: str,
    act: Callable[[Request, dict], object],
    done: str,
) -> HttpResponse:
    """Answer, close or reopen a request with a posted form; on refusal show the detail page with the form."""
    item = selectors.request_get(user=request.user, request_id=pk)
    if form.is_valid():
        try:
            act(item, form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("frontline:detail", pk=pk)
    return render(request, "frontline/detail.html", _detail_context(request, item, **{form_name: form}), status=400)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    def act(item: Request, data: dict) -> None:
        service, fields = ANSWERS[data["answer"]]
        service(user=request.user, request=item, **{name: data[name] for name in fields})

    form = AnswerForm(request.POST)
    return _act_on(request, pk, form, "answer_form", act, _("Your answer has been recorded."))


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    def act(item: Request, data: dict) -> None:
        services.request_close(user=request.user, request=item, text=data["text"])

    form = FollowUpForm(request.POST)
    return _act_on(request, pk, form, "follow_up_form", act, _("The request is closed; it stays in the history."))


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def act(item: Request, data: dict) -> None:
        services.request_reopen(user=request.user, request=item, text=data["text"])

    form = FollowUpForm(request.POST)
    return _act_on(request, pk, form, "follow_up_form", act, _("The request is reopened."))
