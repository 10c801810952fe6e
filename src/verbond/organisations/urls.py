from django.urls import path

from verbond.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
]
