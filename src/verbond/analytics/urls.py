from django.urls import path
from django.views.generic import RedirectView

from verbond.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="analytics:overlap", permanent=False)),
    path("overlap/", views.overlap, name="overlap"),
    path("partners/", views.partner_map, name="partner_map"),
    path("region/", views.region, name="region"),
    path("region/<str:table>.csv", views.region_table, name="region_table"),
    path("export/<str:scope>/<str:graph>.<str:fmt>", views.export, name="export"),
]
