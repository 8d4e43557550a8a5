from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    """Wire copy in: ninjs, NewsML-G2, RSS/Atom, text and web pages become draft stories."""

    name = "prensa.wire"
    verbose_name = _("Wire import")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .tasks import schedule_after_migrate

        post_migrate.connect(schedule_after_migrate, sender=self, dispatch_uid="wire-drop")
