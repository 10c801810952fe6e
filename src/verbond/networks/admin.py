from django.contrib import admin

from verbond.networks.models import Challenge, Network, Participant, Participation


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "lead", "archived_at")
    list_filter = ("level", "challenges")
    search_fields = ("name",)
    inlines = [ParticipantInline]
    autocomplete_fields = ["lead", "registered_by"]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "position")


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ("network", "organisation", "hours_per_month", "costs_per_year")
    list_filter = ("organisation",)
