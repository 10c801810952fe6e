from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.api.models import TokenAccess


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("Where you use it, for example 'Power BI dashboard'.")
    )
    access = forms.ChoiceField(
        label=_("Access"), choices=TokenAccess.choices, initial=TokenAccess.READ, widget=forms.RadioSelect
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        help_text=_("Optional. After this day the token stops working."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
