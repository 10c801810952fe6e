from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontlineConfig(AppConfig):
    name = "verbond.frontline"
    verbose_name = _("Front line")
