from django.urls import path

from verbond.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.overlap, name="overlap"),
    path("partners/", views.partner_map, name="partner_map"),
    path("region/", views.region, name="region"),
    path("export/<str:scope>/<str:graph>.<str:fmt>", views.export, name="export"),
]
