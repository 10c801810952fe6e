from django.contrib import admin

from verbond.frontline.models import Request, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "at", "by", "organisation", "text", "done_by", "done_by_date")

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    """Read-only: requests are answered in the app and kept as history, never edited or deleted here."""

    list_display = ("title", "network", "category", "urgency", "status", "routed_to", "raised_at", "due_at")
    list_filter = ("status", "category", "urgency")
    inlines = [StepInline]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
