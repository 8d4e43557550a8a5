"""The desk follows edits made anywhere (admin, import, API), not only its own."""

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prensa.media.models import Image, LeadImage
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


def _realign_story(story_id: int) -> None:
    source = Edition.objects.filter(story_id=story_id, language=F("story__source_language")).first()
    if source is not None:
        realign_translations(source)


@receiver(post_save, sender=Image)
def on_picture_changed(
    sender: type[Image], instance: Image, update_fields: frozenset[str] | None = None, **kwargs
) -> None:
    # The lead picture's words in a story's source language are blocks of its translations:
    # a changed alt text or caption goes stale in each, like a paragraph.
    for lead in LeadImage.objects.filter(image=instance).select_related("story"):
        language = lead.story.source_language
        words = {f"alt_{language}", f"caption_{language}"}
        if update_fields is None or words & set(update_fields):
            _realign_story(lead.story_id)


@receiver(post_save, sender=LeadImage)
@receiver(post_delete, sender=LeadImage)
def on_lead_picture_changed(sender: type[LeadImage], instance: LeadImage, **kwargs) -> None:
    # Another picture (or none): its words are new blocks to draft, the old ones go.
    _realign_story(instance.story_id)
