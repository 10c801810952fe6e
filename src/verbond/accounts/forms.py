from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import Role, User


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Login name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, strip=False)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This login name is taken."))
        return username


class UserUpdateForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False)
