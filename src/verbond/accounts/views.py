from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from verbond.accounts import services
from verbond.accounts.forms import UserCreateForm, UserUpdateForm
from verbond.accounts.permissions import can_manage_users
from verbond.accounts.selectors import colleagues_of
from verbond.core.forms import apply_validation_error


@login_required
def users(request: HttpRequest) -> HttpResponse:
    if not can_manage_users(request.user):
        raise PermissionDenied
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_create(actor=request.user, organisation=request.user.organisation, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("User created."))
            return redirect("accounts:users")
    return render(request, "accounts/users.html", {"users": colleagues_of(user=request.user), "form": form})


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_users(request.user):
        raise PermissionDenied
    user = get_object_or_404(colleagues_of(user=request.user), pk=pk)
    form = UserUpdateForm(request.POST or None, initial={"role": user.role, "is_active": user.is_active})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("User saved."))
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "subject": user})
