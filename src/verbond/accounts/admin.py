from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "role", "is_active")
    list_filter = ("role", "is_active", "is_analyst", "organisation")
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("verbond"), {"fields": ("organisation", "role", "is_analyst")}))
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, (_("verbond"), {"fields": ("organisation", "role")}))
