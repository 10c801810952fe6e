from django.contrib import admin

from verbond.networks.models import Challenge, Network, Participant, Participation


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    # Removing a participant hides its own decisions and participation from it; the register's service refuses it.
    can_delete = False
    autocomplete_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "lead", "archived_at")
    list_filter = ("level", "challenges")
    search_fields = ("name",)
    inlines = [ParticipantInline]
    autocomplete_fields = ["lead", "registered_by"]

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        # Deleting a network would delete every organisation's decisions with it: archive it (archived at) instead.
        return False


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "position")


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ("network", "organisation", "hours_per_month", "costs_per_year")
    list_filter = ("organisation",)

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        # An organisation's own record of its effort is its history.
        return False
