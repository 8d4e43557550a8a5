from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Roles (groups with permissions) and the languages assigned to each translator."""

    name = "prensa.staff"
    verbose_name = _("Staff")
    default_auto_field = "django.db.models.BigAutoField"
