from django.urls import path

from verbond.decisions import views

app_name = "decisions"
urlpatterns = [
    path("networks/<int:pk>/decide/", views.decide, name="decide"),
]
