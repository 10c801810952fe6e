from django.urls import path

from verbond.frontline import views

app_name = "frontline"
urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard/", views.organisation_dashboard, name="organisation"),
    path("networks/<int:pk>/", views.network_dashboard, name="network"),
    path("networks/<int:pk>/new/", views.raise_request, name="raise"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
]
