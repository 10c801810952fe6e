from django.contrib import admin

from verbond.outcomes.models import ExampleConsent, GoodExample, Indicator, Measurement


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["date", "value", "source", "version", "superseded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "kind", "owner"]
    list_filter = ["kind"]
    search_fields = ["name", "network__name"]
    inlines = [MeasurementInline]


@admin.register(GoodExample)
class GoodExampleAdmin(admin.ModelAdmin):
    list_display = ["network", "contact", "updated_at"]


@admin.register(ExampleConsent)
class ExampleConsentAdmin(admin.ModelAdmin):
    list_display = ["network", "organisation", "given_at"]
