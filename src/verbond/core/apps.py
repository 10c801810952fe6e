from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "verbond.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_create_cache_table, sender=self)


def _create_cache_table(using: str = "default", **kwargs: object) -> None:
    """The cache lives in the database, so rate limits hold across app servers; `migrate` creates its table."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
