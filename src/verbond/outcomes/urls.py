from django.urls import path

from verbond.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/<int:pk>/", views.example_detail, name="example"),
    path("networks/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("networks/<int:pk>/import/", views.measurements_import, name="import"),
    path("networks/<int:pk>/example/", views.example_edit, name="example_edit"),
    path("networks/<int:pk>/example/consent/", views.example_consent, name="example_consent"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("measurements/<int:pk>/correct/", views.measurement_correct, name="measurement_correct"),
]
