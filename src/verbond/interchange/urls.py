from django.urls import path  # noqa: F401

app_name = "interchange"
urlpatterns: list = []

# Import (upload, preview, confirm).
from verbond.interchange import import_views  # noqa: E402

urlpatterns += [
    path("import/", import_views.import_upload, name="import"),
    path("import/<uuid:pk>/", import_views.import_preview, name="import_preview"),
    path("import/<uuid:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/<uuid:pk>/cancel/", import_views.import_cancel, name="import_cancel"),
]

# Exports (XLSX workbook, CSV per sheet).
from verbond.interchange import export_views  # noqa: E402

urlpatterns += [
    path("export.xlsx", export_views.export_xlsx, name="export_xlsx"),
    path("export.csv", export_views.export_csv, name="export_csv"),
    path("export-graph/", export_views.export_graph, name="export_graph"),
]
