from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Pictures: the library, their renditions, and the lead image of each story."""

    name = "prensa.media"
    verbose_name = _("Pictures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prensa.newsroom.models import ATTACHED_BLOCKS

        from .texts import picture_blocks

        if picture_blocks not in ATTACHED_BLOCKS:
            # The lead picture's alt text and caption follow the notes as desk blocks.
            ATTACHED_BLOCKS.append(picture_blocks)
