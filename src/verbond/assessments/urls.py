from django.urls import path

from verbond.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("criteria/", views.criteria, name="criteria"),
    path("criteria/new/", views.criterion_edit, name="criterion_create"),
    path("criteria/<int:pk>/", views.criterion_edit, name="criterion_edit"),
    path("networks/<int:network_pk>/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/respondents/", views.round_add_respondents, name="add_respondents"),
    path("rounds/<int:pk>/close/", views.round_close, name="close"),
    path("rounds/<int:pk>/results/", views.round_results, name="results"),
    path("rounds/<int:pk>/answer/", views.answer_own, name="answer_own"),
    path("a/<str:token>/", views.answer, name="answer"),
]
