from django.urls import path

from verbond.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("networks/new/", views.network_create, name="create"),
    path("networks/<int:pk>/", views.network_detail, name="detail"),
    path("networks/<int:pk>/edit/", views.network_edit, name="edit"),
    path("networks/<int:pk>/participants/", views.network_participants, name="participants"),
    path("networks/<int:pk>/participation/", views.participation_edit, name="participation"),
    path("networks/<int:pk>/archive/", views.network_archive, name="archive"),
    path("networks/<int:pk>/history/", views.network_history, name="history"),
    path("challenges/", views.challenges, name="challenges"),
    path("challenges/<int:pk>/", views.challenge_edit, name="challenge_edit"),
]
