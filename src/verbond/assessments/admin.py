from django.contrib import admin

from verbond.assessments.models import Criterion, Respondent, Round, RoundCriterion


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "key", "organisation", "weight", "active"]
    list_filter = ["organisation"]


class RoundCriterionInline(admin.TabularInline):
    model = RoundCriterion
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "network", "organisation", "closes_on", "closed_at"]
    inlines = [RoundCriterionInline]


@admin.register(Respondent)
class RespondentAdmin(admin.ModelAdmin):
    # Individual answers are deliberately not shown here: the results page applies the anonymity rule.
    list_display = ["name", "organisation", "round", "invited_at", "submitted_at"]
    exclude = ["token_hash"]
