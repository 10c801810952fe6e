from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "verbond.commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        from verbond.commitments.panels import decide_panel, network_panel, portfolio_panel
        from verbond.core import panels

        panels.register("network", order=30)(network_panel)
        panels.register("portfolio", order=30)(portfolio_panel)
        panels.register("decide", order=20)(decide_panel)

        from verbond.commitments.models import Mandate, Pledge
        from verbond.core import audit

        audit.track(Pledge)
        audit.track(Mandate)
