from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Pictures: the library, their renditions, and the lead image of each story."""

    name = "prensa.media"
    verbose_name = _("Pictures")
    default_auto_field = "django.db.models.BigAutoField"
