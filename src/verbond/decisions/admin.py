from django.contrib import admin

from verbond.decisions.models import Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read-only: decisions are history, superseded by new ones and never edited or deleted."""

    list_display = ("network", "organisation", "kind", "decided_on", "superseded_at")
    list_filter = ("kind", "organisation")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
