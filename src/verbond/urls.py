from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("verbond.networks.urls")),
    path("", include("verbond.decisions.urls")),
    path("accounts/", include("verbond.accounts.urls")),
    path("organisations/", include("verbond.organisations.urls")),
    path("assessments/", include("verbond.assessments.urls")),
    path("commitments/", include("verbond.commitments.urls")),
    path("results/", include("verbond.outcomes.urls")),
    path("analytics/", include("verbond.analytics.urls")),
    path("interchange/", include("verbond.interchange.urls")),
    path("reports/", include("verbond.reports.urls")),
    path("requests/", include("verbond.frontline.urls")),
    path("api/v1/", include("verbond.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
