from django import forms
from django.utils.translation import gettext_lazy as _

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
        help_text=_("An urgent request is answered within 2 working days, a normal one within 10."),
    )

    class Meta:
        model = Request
        fields = ["title", "category", "urgency", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

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
