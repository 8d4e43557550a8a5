from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Roles (groups with permissions) and the languages assigned to each translator."""

    name = "prensa.staff"
    verbose_name = _("Staff")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .roles import restore_after_flush

        # Once per migrate/flush, at this app's turn; it creates every app's permissions
        # itself, so it need not wait for the apps after it.
        post_migrate.connect(restore_after_flush, sender=self, dispatch_uid="prensa.staff.roles")
