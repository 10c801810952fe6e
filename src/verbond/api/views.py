from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from verbond.api import selectors, services
from verbond.api.forms import TokenForm
from verbond.core.forms import apply_validation_error


@never_cache
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's personal API tokens; a new token is shown once, on the page that created it."""
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_token = services.token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "tokens": selectors.tokens_of(user=request.user),
        "new_token": new_token,
        "docs_url": reverse("api:v1:openapi-view"),
        "api_url": request.build_absolute_uri(reverse("api:v1:api-root")),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = services.token_revoke(user=request.user, token_id=pk)
    messages.success(request, _("Token “%(name)s” revoked. It no longer works.") % {"name": token.name})
    return redirect("api:tokens")
