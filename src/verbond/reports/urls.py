from django.urls import path

from verbond.reports import views

app_name = "reports"
urlpatterns = [
    path("board/", views.board_html, name="board_html"),
    path("board.pdf", views.board_pdf, name="board_pdf"),
    path("networks/<int:pk>/decision-pack/", views.decision_pack_html, name="decision_pack_html"),
    path("networks/<int:pk>/decision-pack.pdf", views.decision_pack_pdf, name="decision_pack_pdf"),
]
