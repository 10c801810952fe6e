from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "verbond.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from verbond.core import panels
        from verbond.reports.panels import network_panel, portfolio_panel

        panels.register("portfolio", order=90)(portfolio_panel)
        panels.register("network", order=90)(network_panel)
        panels.register("decide", order=90)(network_panel)
