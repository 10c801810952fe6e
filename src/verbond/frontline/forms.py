from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from verbond.commitments.models import Mandate
from verbond.frontline.models import Category, Request, Urgency
from verbond.networks.forms import DateInput


class RequestForm(forms.ModelForm):
    category = forms.ChoiceField(
        label=_("What do you need?"), choices=Category.choices, widget=forms.RadioSelect
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    mandate = forms.ModelChoiceField(
        label=_("Who should decide?"),
        queryset=Mandate.objects.none(),
        required=False,
        empty_label=_("Let verbond choose: the mandate that best matches your request"),
        help_text=_("The organisations that hold a mandate in this network, with what the mandate covers."),
    )

    class Meta:
        model = Request
        fields = ["title", "category", "urgency", "mandate", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: object, mandates: list[Mandate], working_days: dict[str, int], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["urgency"].help_text = _(
            "An urgent request is answered within %(urgent)s working days, a normal one within %(normal)s."
        ) % {"urgent": working_days[Urgency.URGENT], "normal": working_days[Urgency.NORMAL]}
        if not mandates:
            del self.fields["mandate"]  # it goes to the lead; nothing to choose
            return
        field = self.fields["mandate"]
        field.queryset = Mandate.objects.filter(pk__in=[m.pk for m in mandates])
        labels = {
            m.pk: f"{m.holder_organisation.name} — {m.team_or_role}: {Truncator(m.scope).chars(90)}" for m in mandates
        }
        field.label_from_instance = lambda mandate: labels[mandate.pk]

    def _post_clean(self) -> None:
        # The service validates the request (and guards it for personal data) as a whole.
        pass


class AnswerForm(forms.Form):
    """Grant, decline or escalate; which fields are needed depends on the answer (the service decides)."""

    GRANT, DECLINE, ESCALATE = "grant", "decline", "escalate"
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[(GRANT, _("Grant")), (DECLINE, _("Decline")), (ESCALATE, _("Escalate to the executives"))],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("What is done, or why not"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For a grant: what is done. For a decline: why. For an escalation: what the executives must decide."
        ),
    )
    done_by = forms.CharField(label=_("By whom (for a grant)"), max_length=200, required=False)
    done_by_date = forms.DateField(label=_("By when (for a grant)"), required=False, widget=DateInput())


class FollowUpForm(forms.Form):
    """Close or reopen; reopening needs a reason."""

    text = forms.CharField(
        label=_("Reason or note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Reopening needs a reason; closing does not."),
    )


class RequestFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), ("open", _("open")), ("answered", _("answered")), ("closed", _("closed"))],
    )
