from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.forms import DateInput


class DecisionForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Decision"), choices=DecisionKind.choices, widget=forms.RadioSelect)
    supersedes = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Decision
        fields = [
            "kind",
            "decided_on",
            "gate_urgency",
            "gate_courage",
            "gate_reciprocity",
            "put_in_hours_per_month",
            "put_in_budget",
            "put_in_mandate",
            "conditions",
            "deadline",
            "reason",
            "exit_date",
        ]
        widgets = {
            "decided_on": DateInput(),
            "deadline": DateInput(),
            "exit_date": DateInput(),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].required = False
        for name in ("put_in_hours_per_month", "put_in_budget"):
            self.fields[name].widget.attrs["min"] = 0

    def _post_clean(self) -> None:
        # The service validates the decision as a whole; the model's own checks would only repeat them.
        pass

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["supersedes_id"] = data.pop("supersedes") or 0
        for text in ("put_in_mandate", "conditions", "reason"):
            data[text] = data.get(text) or ""
        return data
