from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "verbond.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from verbond.core import audit
        from verbond.decisions.models import Decision
        from verbond.networks.models import Network, Participant, Participation

        audit.track(Network, network_field="id")
        audit.track(Participant)
        audit.track(Participation, owner_field="organisation_id")
        audit.track(Decision, owner_field="organisation_id")
