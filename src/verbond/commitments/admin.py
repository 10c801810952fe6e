from django.contrib import admin

from verbond.commitments.models import ExitPlan, Mandate, Pledge, PledgeComment, PledgeStatusChange


class PledgeStatusChangeInline(admin.TabularInline):
    model = PledgeStatusChange
    extra = 0
    can_delete = False
    readonly_fields = [
        "status",
        "delivered_quantity",
        "changed_on",
        "note",
        "terms_changed",
        "changed_by",
        "created_at",
    ]

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001 - history is appended by the service
        return False


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = [
        "description",
        "organisation",
        "network",
        "kind",
        "quantity",
        "unit",
        "due_date",
        "status",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["description", "organisation__name", "network__name"]
    readonly_fields = ["status", "delivered_quantity"]
    inlines = [PledgeStatusChangeInline]

    def get_readonly_fields(self, request, obj=None) -> list[str]:  # noqa: ANN001
        # A delivered or withdrawn pledge keeps its terms (as in services.pledge_update).
        if obj is not None and obj.terms_frozen:
            return [field.name for field in obj._meta.fields]
        return list(self.readonly_fields)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False  # withdrawing is a status, never a deletion


@admin.register(PledgeComment)
class PledgeCommentAdmin(admin.ModelAdmin):
    list_display = ["pledge", "organisation", "author", "created_at"]


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = [
        "network",
        "granting_organisation",
        "holder_organisation",
        "team_or_role",
        "hours_per_week",
        "valid_from",
        "valid_until",
    ]
    search_fields = ["team_or_role", "network__name"]

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False  # a mandate ends at a date and stays in the register as history


@admin.register(ExitPlan)
class ExitPlanAdmin(admin.ModelAdmin):
    list_display = ["decision", "wind_down_date", "partners_told_by"]
