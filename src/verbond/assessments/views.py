from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from verbond.accounts.permissions import can_edit_register
from verbond.assessments import selectors, services, throttle
from verbond.assessments.charts import profile_svg
from verbond.assessments.forms import (
    AnswerSheetForm,
    BaseContactFormSet,
    ContactFormSet,
    CriterionForm,
    RoundForm,
)
from verbond.assessments.models import Respondent
from verbond.core.forms import apply_validation_error
from verbond.networks.selectors import network_get


def _require_editor(request: HttpRequest) -> None:
    if not can_edit_register(request.user):
        raise PermissionDenied


def _contact_formset(data: QueryDict | None, *, network_id: int, organisation_id: int) -> BaseContactFormSet:
    """Partner contacts to invite: people of the network's other participating organisations."""
    partners = selectors.partner_organisations(network_id=network_id, organisation_id=organisation_id)
    return ContactFormSet(data, partners=partners, prefix="contact")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    rows = selectors.rounds_overview(user=request.user)
    return render(request, "assessments/index.html", {"rows": rows, "can_edit": can_edit_register(request.user)})


@login_required
def criteria(request: HttpRequest) -> HttpResponse:
    if not request.user.organisation_id:
        raise Http404
    services.criteria_ensure_defaults(organisation=request.user.organisation)
    context = {
        "criteria": selectors.criteria_of(organisation=request.user.organisation),
        "can_edit": can_edit_register(request.user),
    }
    return render(request, "assessments/criteria.html", context)


@login_required
def criterion_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_editor(request)
    criterion = selectors.criterion_get(user=request.user, criterion_id=pk) if pk else None
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_save(user=request.user, criterion=criterion, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Criterion saved. It applies to rounds opened from now on."))
            return redirect("assessments:criteria")
    return render(request, "assessments/criterion_form.html", {"form": form, "criterion": criterion})


@login_required
def round_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=network_pk)
    _require_editor(request)
    colleagues = selectors.colleagues_of(user=request.user)
    form = RoundForm(request.POST or None, colleagues=colleagues)
    formset = _contact_formset(
        request.POST or None, network_id=network.pk, organisation_id=request.user.organisation_id
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            round_ = services.round_open(
                user=request.user,
                network=network,
                closes_on=form.cleaned_data["closes_on"],
                title=form.cleaned_data["title"],
                partner_ratings=form.cleaned_data["partner_ratings"],
                colleagues=form.cleaned_data["colleagues"],
                contacts=formset.contacts(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The round is open and the invitations have been sent."))
            return redirect("assessments:round", pk=round_.pk)
    return render(request, "assessments/round_form.html", {"form": form, "formset": formset, "network": network})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(user=request.user, round_id=pk)
    can_manage = can_edit_register(request.user)
    formset = (
        _contact_formset(None, network_id=round_.network_id, organisation_id=round_.organisation_id)
        if can_manage and round_.is_open
        else None
    )
    context = {
        "round": round_,
        "respondents": selectors.round_respondents(round=round_),
        "own_sheet": selectors.colleague_respondent(user=request.user, round=round_),
        "can_manage": can_manage,
        "formset": formset,
    }
    return render(request, "assessments/round_detail.html", context)


@login_required
@require_POST
def round_add_respondents(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(user=request.user, round_id=pk)
    _require_editor(request)
    formset = _contact_formset(request.POST, network_id=round_.network_id, organisation_id=round_.organisation_id)
    if formset.is_valid():
        try:
            added = services.respondents_add(user=request.user, round=round_, contacts=formset.contacts())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(count)s invitation(s) sent.") % {"count": len(added)})
    else:
        messages.error(request, _("A partner contact needs a name, an e-mail address and an organisation."))
    return redirect("assessments:round", pk=pk)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(user=request.user, round_id=pk)
    services.round_close(user=request.user, round=round_)
    messages.success(request, _("The round is closed. The personal links no longer work."))
    return redirect("assessments:results", pk=pk)


@login_required
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(user=request.user, round_id=pk)
    results, trend = selectors.round_report(round=round_)
    context = {"round": round_, "results": results, "trend": trend, "profile": profile_svg(results)}
    return render(request, "assessments/results.html", context)


def _answer_sheet(request: HttpRequest, respondent: Respondent, action: str) -> HttpResponse:
    round_ = respondent.round
    criteria = list(round_.criteria.all())
    rated = selectors.rateable_organisations(respondent=respondent) if round_.partner_ratings else []
    answers, ratings = selectors.answer_sheet_of(respondent=respondent)
    form = AnswerSheetForm(request.POST or None, criteria=criteria, answers=answers, rated=rated, ratings=ratings)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.answer_sheet_save(
                respondent=respondent, answers=form.answers(), ratings=form.ratings(), submit=submit
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if submit:
                return render(request, "assessments/answer_done.html", {"respondent": respondent})
            messages.success(request, _("Your answers are saved. You can come back with the same link until the closing date."))
            return redirect(action)
    return render(
        request, "assessments/answer.html", {"respondent": respondent, "round": round_, "form": form, "action": action}
    )


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """A respondent's personal page, opened with the link from the e-mail; no account needed."""
    if throttle.is_blocked(request):
        return _link_problem(request, "blocked", status=429)
    respondent = services.respondent_for_token(token)
    if respondent is None:
        throttle.record_failure(request)
        return _link_problem(request, "unknown", status=404)
    if not respondent.round.is_open:
        return _link_problem(request, "closed", status=410)
    response = _answer_sheet(request, respondent, reverse("assessments:answer", args=[token]))
    # The link is the key: keep it out of other sites' logs and of search engines. Not "no-referrer": with it
    # browsers send `Origin: null` on the form's own POST, which CSRF protection rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
def answer_own(request: HttpRequest, pk: int) -> HttpResponse:
    """A colleague answers a round of their own organisation while logged in."""
    round_ = selectors.round_get(user=request.user, round_id=pk)
    respondent = selectors.colleague_respondent(user=request.user, round=round_)
    if respondent is None:
        raise Http404
    if not round_.is_open:
        return _link_problem(request, "closed", status=410)
    return _answer_sheet(request, respondent, reverse("assessments:answer_own", args=[pk]))


def _link_problem(request: HttpRequest, problem: str, *, status: int) -> HttpResponse:
    # The same neutral page for every problem: it names no network, organisation or respondent.
    return render(request, "assessments/link_problem.html", {"problem": problem}, status=status)
