"""What asks for a bake: every change to what a story's reader pages show.

Receivers only queue work for the worker (after the transaction commits); nothing is
rendered on the editor's request. The one thing done at once is cheap: when an edition
leaves the live states (unpublish, kill), its baked file is removed as the transaction
commits, so nginx stops serving it before the worker even starts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from prensa.newsroom.models import Correction, Edition, Section, Story, StoryCredit, Tag

from . import store
from .bake import enabled
from .tasks import enqueue_bake

logger = logging.getLogger("prensa.baking")


def edition_transitioned(edition: Edition, **kwargs: object) -> None:
    if not enabled():
        return
    if not edition.is_live:
        path = edition.get_absolute_url()

        def remove_now() -> None:
            try:
                store.remove(path)
            except OSError as exc:  # the queued bake retries until it is gone
                logger.error("Could not remove the baked page %s: %s", path, exc)

        transaction.on_commit(remove_now, robust=True)
    enqueue_bake(edition.story_id)


def edition_saved(instance: Edition, **kwargs: object) -> None:
    """An edit of a live edition outside the workflow (admin, desk), or its deletion."""
    if enabled() and instance.is_live:
        enqueue_bake(instance.story_id)


def edition_deleted(instance: Edition, **kwargs: object) -> None:
    if enabled():
        enqueue_bake(instance.story_id)


def story_changed(instance: Story, **kwargs: object) -> None:
    """Its section or anything else its pages show."""
    if enabled():
        _bake_live([instance.pk])


def story_deleted(instance: Story, **kwargs: object) -> None:
    if enabled():
        enqueue_bake(instance.pk)


def tags_changed(instance: object, action: str, pk_set: set | None, **kwargs: object) -> None:
    if not enabled() or not action.startswith("post_"):
        return
    if isinstance(instance, Story):
        _bake_live([instance.pk])
    else:  # a tag's stories changed from the tag's side
        _bake_live(pk_set or ())


def part_of_story_changed(instance: Correction | StoryCredit, **kwargs: object) -> None:
    """A correction note or a credit of a story."""
    if not enabled():
        return
    if isinstance(instance, Correction):
        _bake_live(Edition.objects.filter(pk=instance.edition_id).values("story_id"))
    else:
        _bake_live([instance.story_id])


def named_changed(instance: Section | Tag, **kwargs: object) -> None:
    """A section or tag renamed: every story in it shows the new name (or slug)."""
    if not enabled():
        return
    _bake_live(instance.stories.values("pk"))


def credit_changed(instance: object, **kwargs: object) -> None:
    if not enabled():
        return
    _bake_live(StoryCredit.objects.filter(credit=instance).values("story_id"))


def lead_image_changed(instance: object, **kwargs: object) -> None:
    if enabled():
        _bake_live([instance.story_id])  # type: ignore[attr-defined]


def image_changed(instance: object, **kwargs: object) -> None:
    """A picture's renditions, caption or credit changed: the stories it leads."""
    if not enabled():
        return
    _bake_live(instance.lead_of.values("story_id"))  # type: ignore[attr-defined]


def _bake_live(story_ids: Iterable[int] | QuerySet) -> None:
    """Queue a bake of each of these stories readers can see. A story with nothing live is
    on no reader page: a draft's tags, credits or corrections bake nothing."""
    live = Story.objects.filter(
        pk__in=story_ids, editions__status__in=Edition.LIVE_STATUSES
    ).distinct()
    for story_id in live.values_list("pk", flat=True):
        enqueue_bake(story_id)
