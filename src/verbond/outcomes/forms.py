from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.core.concurrency import EditStampMixin
from verbond.networks.forms import DateInput
from verbond.networks.models import Challenge
from verbond.outcomes.models import GoodExample, Indicator, Measurement
from verbond.outcomes.services import INDICATOR_FIELDS


class IndicatorForm(EditStampMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        widgets = {"kind": forms.RadioSelect, "baseline_date": DateInput(), "target_date": DateInput()}


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "source"]
        widgets = {"date": DateInput()}


class CorrectionForm(forms.Form):
    value = forms.DecimalField(label=_("corrected value"), max_digits=14, decimal_places=4)
    source = forms.CharField(label=_("source or reason for the correction"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_(
            "CSV or Excel (.xlsx) with the columns indicator, date and value (and optionally source). "
            "Nothing is saved unless every row is correct."
        ),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class GoodExampleForm(forms.ModelForm):
    class Meta:
        model = GoodExample
        fields = ["lesson", "contact"]
        widgets = {"lesson": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"lesson": _("What worked, what did not, and what others can copy. Shown to all users.")}


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=200)
    challenge = forms.ModelChoiceField(
        label=_("challenge"), queryset=Challenge.objects.all(), required=False, empty_label=_("all challenges")
    )
