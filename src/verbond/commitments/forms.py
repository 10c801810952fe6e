from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.commitments.models import ExitPlan, Handover, Mandate, Pledge, PledgeStatus
from verbond.core.concurrency import EditStampMixin
from verbond.networks.forms import DateInput
from verbond.networks.models import Network
from verbond.organisations.models import Organisation


class PledgeForm(EditStampMixin, forms.ModelForm):
    class Meta:
        model = Pledge
        fields = [
            "kind",
            "description",
            "quantity",
            "unit",
            "period_start",
            "period_end",
            "accountable_person",
            "due_date",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput(), "due_date": DateInput()}
        help_texts = {
            "unit": _("Leave empty for hours per month, euro or homes: the unit follows from the kind."),
            "due_date": _("When it must be delivered. After this date an open pledge is overdue."),
        }

    def __init__(self, *args: object, editing: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].required = False
        if editing:
            del self.fields["kind"]
            self.fields["note"] = forms.CharField(
                label=_("Why the terms change"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Written in the pledge's history, with the old and new terms."),
            )


class PledgeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PledgeStatus.choices, widget=forms.RadioSelect)
    delivered_quantity = forms.DecimalField(
        label=_("Delivered quantity"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=_("Only for a partly delivered pledge."),
    )
    changed_on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class MandateForm(forms.ModelForm):
    class Meta:
        model = Mandate
        fields = [
            "holder_organisation",
            "team_or_role",
            "hours_per_week",
            "scope",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, network: Network, organisation_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder_organisation"].queryset = (
            Organisation.objects.filter(participants__network=network)
            .exclude(pk=organisation_id)
            .order_by("name")
        )
        self.fields["holder_organisation"].initial = (
            network.lead_id if network.lead_id != organisation_id else None
        )


class MandateEndForm(forms.Form):
    valid_until = forms.DateField(label=_("Ends on"), widget=DateInput())


class CapacityForm(forms.Form):
    capacity_hours_per_month = forms.DecimalField(
        label=_("Capacity for network work (hours per month)"),
        required=False,
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=1,
        help_text=_(
            "All hours your people can spend on networks together. Leave empty if you do not set one."
        ),
    )


class ConsiderForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    hours = forms.DecimalField(
        label=_("Hours per month the committed yes needs"),
        min_value=Decimal("0.1"),
        max_digits=7,
        decimal_places=1,
    )

    def __init__(self, *args: object, networks: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks


class ExitPlanForm(forms.ModelForm):
    pledges_outcome = forms.ChoiceField(
        label=_("What happens to our pledges"), choices=Handover.choices, widget=forms.RadioSelect
    )
    mandates_outcome = forms.ChoiceField(
        label=_("What happens to our mandates"), choices=Handover.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = ExitPlan
        fields = [
            "pledges_outcome",
            "pledges_handed_to",
            "mandates_outcome",
            "mandates_handed_to",
            "end_date",
            "partners_told_by",
            "wind_down_date",
            "notes",
        ]
        widgets = {
            "end_date": DateInput(),
            "wind_down_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, network: Network, organisation_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        partners = (
            Organisation.objects.filter(participants__network=network)
            .exclude(pk=organisation_id)
            .order_by("name")
        )
        self.fields["pledges_handed_to"].queryset = partners
        self.fields["mandates_handed_to"].queryset = partners
