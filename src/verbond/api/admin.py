from django.contrib import admin

from verbond.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "access", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["access"]
    readonly_fields = ["prefix", "last_used_at", "created_at"]
    search_fields = ["name", "user__username", "prefix"]
