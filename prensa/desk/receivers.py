"""The desk follows edits made anywhere (admin, import, API), not only its own."""

from django.dispatch import receiver

from prensa.newsroom.models import Edition
from prensa.newsroom.signals import edition_content_changed

from .segments import realign_translations, take_outside_edits


@receiver(edition_content_changed, sender=Edition)
def on_edition_changed(
    sender: type[Edition], edition: Edition, previous: Edition, **kwargs: object
) -> None:
    # As a source: exactly the changed blocks of each translation go stale.
    realign_translations(edition)
    # As a translation edited outside the desk: keep those words as a person's post-edit.
    take_outside_edits(edition, previous)
