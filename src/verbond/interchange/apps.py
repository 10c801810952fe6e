from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "verbond.interchange"
    verbose_name = _("Interchange")

    def ready(self) -> None:
        from verbond.core import panels
        from verbond.interchange.export_panels import portfolio_exports

        panels.register("portfolio", order=90)(portfolio_exports)
