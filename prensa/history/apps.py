from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """A revision of an edition for every save, whoever or whatever saved it."""

    name = "prensa.history"
    verbose_name = _("History")
    default_auto_field = "django.db.models.BigAutoField"
