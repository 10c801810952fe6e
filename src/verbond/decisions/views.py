from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from verbond.accounts.permissions import can_decide
from verbond.core import panels
from verbond.core.errors import ConflictError
from verbond.core.forms import apply_validation_error
from verbond.decisions import services
from verbond.decisions.forms import DecisionForm
from verbond.decisions.selectors import decision_current
from verbond.networks.selectors import network_get, participation_get


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_get(user=request.user, network_id=pk)
    if not can_decide(request.user):
        raise PermissionDenied
    current = decision_current(user=request.user, network=network)
    form = DecisionForm(
        request.POST or None,
        initial={"decided_on": timezone.localdate(), "supersedes": current.pk if current else 0},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(user=request.user, network=network, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        except ConflictError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("networks:detail", pk=pk)
    context = {
        "form": form,
        "network": network,
        "current": current,
        "participation": participation_get(network=network, organisation_id=request.user.organisation_id),
        "panels": panels.render("decide", request, network=network),
    }
    return render(request, "decisions/decide.html", context)
