from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbond.accounts.permissions import can_decide
from verbond.core.forms import apply_validation_error, run_service
from verbond.networks.selectors import network_get
from verbond.outcomes import selectors, services
from verbond.outcomes.charts import trend_chart
from verbond.outcomes.forms import (
    CorrectionForm,
    GoodExampleForm,
    ImportForm,
    IndicatorForm,
    LibrarySearchForm,
    MeasurementForm,
)


@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    if not services.can_add_indicator(user=request.user, network=network):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None, initial={"kind": "better_off", "baseline_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(user=request.user, network=network, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Indicator added."))
            return redirect("outcomes:indicator", pk=indicator.pk)
    return render(request, "outcomes/indicator_form.html", {"form": form, "network": network, "indicator": None})


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(user=request.user, indicator_id=pk)
    if not services.can_edit_indicator(user=request.user, indicator=indicator):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None, instance=indicator)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form, lambda: services.indicator_update(user=request.user, indicator=indicator, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("Indicator saved."))
            return redirect("outcomes:indicator", pk=indicator.pk)
    context = {"form": form, "network": indicator.network, "indicator": indicator, "conflict": conflict}
    return render(request, "outcomes/indicator_form.html", context)


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(user=request.user, indicator_id=pk)
    can_edit = services.can_edit_indicator(user=request.user, indicator=indicator)
    form = MeasurementForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.measurement_add(user=request.user, indicator=indicator, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Measurement added."))
                return redirect("outcomes:indicator", pk=pk)
    summary = selectors.indicator_summary(indicator=indicator)
    context = {
        "indicator": indicator,
        "network": indicator.network,
        "summary": summary,
        "chart": trend_chart(summary),
        "history": selectors.measurement_history(indicator=indicator),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "outcomes/indicator_detail.html", context)


@login_required
def measurement_correct(request: HttpRequest, pk: int) -> HttpResponse:
    measurement = selectors.measurement_get(user=request.user, measurement_id=pk)
    indicator = measurement.indicator
    if not services.can_edit_indicator(user=request.user, indicator=indicator):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None, initial={"value": measurement.value, "source": measurement.source})
    if request.method == "POST" and form.is_valid():
        try:
            services.measurement_correct(user=request.user, measurement=measurement, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Correction saved; the earlier value stays in the history."))
            return redirect("outcomes:indicator", pk=indicator.pk)
    context = {"form": form, "measurement": measurement, "indicator": indicator, "network": indicator.network}
    return render(request, "outcomes/measurement_correct.html", context)


@login_required
def measurements_import(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    if not services.can_add_indicator(user=request.user, network=network):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.measurements_import(
                user=request.user, network=network, file_name=upload.name, content=upload.read()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if result.ok:
                messages.success(
                    request,
                    _("Import done: %(added)s added, %(corrected)s corrected, %(unchanged)s unchanged.")
                    % {"added": result.added, "corrected": result.corrected, "unchanged": result.unchanged},
                )
                return redirect("networks:detail", pk=network.pk)
    context = {"form": form, "network": network, "result": result, "indicators": selectors.indicators_of(network=network)}
    return render(request, "outcomes/import.html", context)


@login_required
def example_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    status = selectors.consent_status(user=request.user, network=network)
    form = GoodExampleForm(request.POST or None, instance=status.example)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.example_save(user=request.user, network=network, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if example.consents_cleared:
                messages.warning(
                    request,
                    _("Example saved. The text changed, so the consents given so far are withdrawn: every participant "
                      "with accounts must consent again before it is shared."),
                )
            else:
                messages.success(request, _("Example saved. It is shared once every participant with accounts consents."))
            return redirect("outcomes:example_edit", pk=network.pk)
    context = {"form": form, "network": network, "status": status, "can_decide": can_decide(request.user)}
    return render(request, "outcomes/example_form.html", context)


@login_required
@require_POST
def example_consent(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    try:
        if request.POST.get("action") == "withdraw":
            services.example_withdraw(user=request.user, network=network)
            messages.success(request, _("Consent withdrawn. The example is no longer in the library."))
        else:
            services.example_consent(user=request.user, network=network)
            messages.success(request, _("Consent given on behalf of our organisation."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("outcomes:example_edit", pk=network.pk)


@login_required
def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cards = selectors.library(challenge=filters.get("challenge"), query=filters.get("q") or "")
    return render(request, "outcomes/library.html", {"form": form, "cards": cards})


@login_required
def example_detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = selectors.example_get(network_id=pk)
    context = {"card": card, "profile": selectors.criteria_profile(network=card.network)}
    return render(request, "outcomes/example_detail.html", context)
