from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "verbond.assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from verbond.assessments import panels as assessment_panels
        from verbond.core import panels

        panels.register("network", order=30)(assessment_panels.network_panel)
        panels.register("decide", order=30)(assessment_panels.decide_panel)
        panels.register("portfolio", order=30)(assessment_panels.portfolio_panel)
