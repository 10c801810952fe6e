from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontlineConfig(AppConfig):
    name = "verbond.frontline"
    verbose_name = _("Front line")

    def ready(self) -> None:
        from verbond.core import panels
        from verbond.frontline.panels import network_requests_panel

        panels.register("network", order=40)(network_requests_panel)
