from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from verbond.core.concurrency import VersionMixin
from verbond.decisions.models import DecisionKind
from verbond.networks.models import Challenge, Level, Network, ParticipantRole, Participation
from verbond.networks.selectors import NO_DECISION, PORTFOLIO_SORTS
from verbond.organisations.models import Organisation

NON_NEGATIVE = _("Enter zero or more.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PortfolioFilterForm(forms.Form):
    challenge = forms.ModelChoiceField(
        label=_("Challenge"), queryset=Challenge.objects.all(), required=False, empty_label=_("all challenges")
    )
    decision = forms.ChoiceField(label=_("Decision"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("all levels")), *Level.choices])
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in PORTFOLIO_SORTS for key in (name, f"-{name}")],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            ("", _("all decisions")),
            *DecisionKind.choices,
            (NO_DECISION, _("no decision yet")),
        ]


class NetworkForm(VersionMixin, forms.ModelForm):
    challenges = forms.ModelMultipleChoiceField(
        label=_("Challenges"),
        queryset=Challenge.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Network
        fields = [
            "name",
            "purpose",
            "level",
            "lead",
            "challenges",
            "cadence",
            "start_date",
            "end_date",
            "legal_obligation",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "level": forms.RadioSelect,
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Organisation.objects.order_by("name")
        self.fields["cadence"].required = False

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot lie before the start date."))
        return cleaned


class ParticipantForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT)


class BaseParticipantFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            organisation = form.cleaned_data.get("organisation")
            if organisation is None or form.cleaned_data.get("DELETE"):
                continue
            if organisation in seen:
                raise forms.ValidationError(_("%(name)s is listed twice.") % {"name": organisation})
            seen.add(organisation)

    def add_service_error(self, error: forms.ValidationError) -> None:
        """Show a service's refusal above the table (the formset is already cleaned)."""
        self._non_form_errors.extend(error.messages)

    def roles(self) -> dict[Organisation, str]:
        return {
            form.cleaned_data["organisation"]: form.cleaned_data["role"]
            for form in self.forms
            if form.cleaned_data.get("organisation") and not form.cleaned_data.get("DELETE")
        }


ParticipantFormSet = forms.formset_factory(ParticipantForm, formset=BaseParticipantFormSet, extra=3, can_delete=True)


class ParticipationForm(VersionMixin, forms.ModelForm):
    loaded_for_new_records = True  # saved by upsert: a participation recorded meanwhile is a conflict

    class Meta:
        model = Participation
        fields = ["representatives", "hours_per_month", "costs_per_year", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name in ("hours_per_month", "costs_per_year"):
            self.fields[name].widget.attrs["min"] = 0
            self.fields[name].validators.append(MinValueValidator(0, message=NON_NEGATIVE))


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["name", "name_en"]
