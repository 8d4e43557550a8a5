"""When a source edition changes, mark exactly the affected segments of its translations stale."""

from django.dispatch import receiver

from prensa.newsroom.models import Edition
from prensa.newsroom.signals import edition_content_changed

from .segments import realign_translations


@receiver(edition_content_changed, sender=Edition)
def on_source_changed(sender: type[Edition], edition: Edition, **kwargs: object) -> None:
    realign_translations(edition)
