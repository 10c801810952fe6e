from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "verbond.outcomes"
    verbose_name = _("Results")

    def ready(self) -> None:
        from verbond.core import panels
        from verbond.outcomes import panels as outcome_panels

        panels.register("network", order=20)(outcome_panels.results_panel)
        panels.register("network", order=60)(outcome_panels.signals_panel)
        panels.register("network", order=80)(outcome_panels.example_panel)
        panels.register("portfolio", order=30)(outcome_panels.portfolio_panel)

        from verbond.core import audit
        from verbond.outcomes.models import Indicator, Measurement

        audit.track(Indicator)
        audit.track(Measurement, network_field="indicator__network_id")
