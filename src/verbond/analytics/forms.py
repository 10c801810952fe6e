from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.analytics.selectors import JACCARD_CHOICES


class ThresholdForm(forms.Form):
    min_jaccard = forms.TypedChoiceField(
        label=_("Minimum overlap of participants"),
        choices=[(str(value), f"{round(value * 100)}%") for value in JACCARD_CHOICES],
        coerce=float,
        help_text=_("Share of all participants of two networks that take part in both (Jaccard)."),
    )
