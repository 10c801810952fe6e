from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.assessments.models import Answer, Criterion, PartnerRating, RoundCriterion
from verbond.assessments.services import COMMENT_WITHOUT_SCORE, CRITERION_FIELDS, Contact
from verbond.organisations.models import Organisation

DONT_KNOW = "dk"
SCORE_CHOICES = [
    ("1", _("1 – strongly disagree")),
    ("2", _("2 – disagree")),
    ("3", _("3 – neither agree nor disagree")),
    ("4", _("4 – agree")),
    ("5", _("5 – strongly agree")),
    (DONT_KNOW, _("don't know")),
]
RATING_CHOICES = [("", _("– not rated –")), *[(str(n), str(n)) for n in range(1, 6)]]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = list(CRITERION_FIELDS)
        help_texts = {
            "key": _("A short code in lower case, e.g. \"learning\". It links rounds over time."),
            "weight": _("How heavily this criterion counts in the overall score (1 is normal, 0 leaves it out)."),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The key ties rounds together for the trend; its wording may change, the key may not.
            del self.fields["key"]


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    closes_on = forms.DateField(label=_("Closing date"), widget=forms.DateInput(attrs={"type": "date"}))
    partner_ratings = forms.BooleanField(
        label=_("Also ask respondents to rate each participating organisation on reliability and contribution"),
        required=False,
    )
    colleagues = forms.ModelMultipleChoiceField(
        label=_("Colleagues"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, colleagues: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleagues"].queryset = colleagues
        self.fields["colleagues"].label_from_instance = lambda user: user.get_full_name() or user.username


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args: object, partners: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["organisation"].queryset = partners

    def clean(self) -> dict:
        data = super().clean()
        filled = [data.get("name"), data.get("email"), data.get("organisation")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("A partner contact needs a name, an e-mail address and an organisation."))
        return data

    def contact(self) -> Contact | None:
        data = self.cleaned_data
        if not data.get("email"):
            return None
        return Contact(name=data["name"], email=data["email"], organisation=data["organisation"])


class BaseContactFormSet(forms.BaseFormSet):
    def __init__(self, *args: object, partners: object = None, **kwargs: object) -> None:
        self.partners = partners
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict:
        return {"partners": self.partners}

    def contacts(self) -> list[Contact]:
        return [c for c in (form.contact() for form in self.forms if form.cleaned_data) if c is not None]


ContactFormSet = forms.formset_factory(ContactForm, formset=BaseContactFormSet, extra=4, max_num=50)


def _score(value: str) -> int | None:
    return None if value == DONT_KNOW else int(value)


class AnswerSheetForm(forms.Form):
    """One field pair per criterion of the round, and (optionally) two ratings per partner organisation."""

    def __init__(
        self,
        *args: object,
        criteria: list[RoundCriterion],
        answers: list[Answer],
        rated: list[Organisation],
        ratings: list[PartnerRating],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.rated = rated
        given = {a.criterion_id: a for a in answers}
        for criterion in criteria:
            answer = given.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.statement,
                choices=SCORE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial=(DONT_KNOW if answer.score is None else str(answer.score)) if answer else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.comment if answer else "",
            )
        rated_before = {r.organisation_id: r for r in ratings}
        for organisation in rated:
            before = rated_before.get(organisation.pk)
            for aspect, label in (("reliability", _("Reliability")), ("contribution", _("Contribution"))):
                value = getattr(before, aspect) if before else None
                self.fields[f"{aspect}_{organisation.pk}"] = forms.ChoiceField(
                    label=label, choices=RATING_CHOICES, required=False, initial=str(value) if value else ""
                )

    def clean(self) -> dict:
        data = super().clean()
        for criterion in self.criteria:
            if data.get(f"comment_{criterion.pk}", "").strip() and not data.get(f"score_{criterion.pk}"):
                self.add_error(f"score_{criterion.pk}", COMMENT_WITHOUT_SCORE)
        return data

    def sections(self) -> list[tuple[RoundCriterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def rating_rows(self) -> list[tuple[Organisation, forms.BoundField, forms.BoundField]]:
        return [(o, self[f"reliability_{o.pk}"], self[f"contribution_{o.pk}"]) for o in self.rated]

    def answers(self) -> dict[int, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            c.pk: (_score(data[f"score_{c.pk}"]), data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
            if data.get(f"score_{c.pk}")
        }

    def ratings(self) -> dict[int, tuple[int | None, int | None]]:
        data = self.cleaned_data
        result = {}
        for organisation in self.rated:
            reliability = data.get(f"reliability_{organisation.pk}") or None
            contribution = data.get(f"contribution_{organisation.pk}") or None
            result[organisation.pk] = (
                int(reliability) if reliability else None,
                int(contribution) if contribution else None,
            )
        return result
