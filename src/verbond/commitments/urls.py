from django.urls import path

from verbond.commitments import views

app_name = "commitments"
urlpatterns = [
    path("", views.index, name="index"),
    path("networks/<int:pk>/", views.reciprocity, name="reciprocity"),
    path("networks/<int:pk>/pledges/new/", views.pledge_create, name="pledge_create"),
    path("networks/<int:pk>/mandates/new/", views.mandate_create, name="mandate_create"),
    path("networks/<int:pk>/exit-plan/", views.exit_plan, name="exit_plan"),
    path("networks/<int:pk>/exit-plan/apply/", views.exit_plan_apply, name="exit_plan_apply"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge_detail"),
    path("pledges/<int:pk>/edit/", views.pledge_edit, name="pledge_edit"),
    path("mandates/", views.mandates, name="mandates"),
    path("mandates/<int:pk>/end/", views.mandate_end, name="mandate_end"),
    path("capacity/", views.capacity, name="capacity"),
    path("capacity/consider/", views.consider, name="consider"),
]
