"""Baking: the reader pages a change touches, rendered to files and purged from the CDN.

`bake_story(story_id)` re-renders the pages one story appears on: each edition readers may
see (so every sibling's language switcher follows), home, its section, tags and authors,
the corrections page, their feeds, the sitemaps. An edition readers may no longer see
(unpublished, killed, deleted, moved to another address) loses its file. Which article
files a story had is remembered per story (`.prensa/stories/<id>.json`), so a file at an
old address never outlives a change of slug, section or state.

`bake_all()` renders every page of the site and removes every file no page owns.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from prensa.newsroom.models import Edition, Story
from prensa.public.seo import absolute

from . import pages, store
from .purge import purger
from .render import render

logger = logging.getLogger("prensa.baking")


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: bool = False
    # A live edition whose publication time is still ahead: bake again then.
    due_at: datetime | None = None

    @property
    def changed(self) -> list[str]:
        return [*self.written, *self.removed]


class BakeFailed(Exception):
    """Some pages could not be written (disk full, read-only...): the old ones stay."""


def enabled() -> bool:
    return settings.PRENSA_BAKE


def bake_story(story_id: int, requested_at: float = 0.0) -> Outcome:
    """Bring every baked page of one story up to date; purge what changed from the CDN.

    A bake that started after `requested_at` already saw the change that asked for this
    one: then nothing is done.
    """
    with store.locked():
        manifest = store.read_manifest(story_id)
        if requested_at and manifest.get("started", 0.0) > requested_at:
            return Outcome(skipped=True)
        started = time.time()
        story = (
            Story.objects.select_related("section").prefetch_related("editions").filter(pk=story_id)
        ).first()
        articles = pages.article_paths(story)
        shown_on = pages.listing_paths(story)
        listings = [*dict.fromkeys([*shown_on, *manifest.get("pages", [])])]
        outcome = Outcome()
        # Gone first, from disk and from the CDN: an unpublished edition must never stay
        # served, even if rendering a page fails below. (Its file may be gone already: the
        # unpublish removed it at once; the CDN is told all the same.)
        gone = [path for path in manifest.get("articles", []) if path not in articles]
        for path in gone:
            store.remove(path)
        if gone:
            purger().purge([absolute(path) for path in gone])
        for path in [*articles, *listings]:
            _bake_path(path, outcome)
        if story is None:
            store.forget_manifest(story_id)
        else:
            store.write_manifest(
                story_id,
                {
                    "started": started,
                    "articles": list(articles),
                    "pages": shown_on,
                },
            )
            outcome.due_at = _due_at(story)
    _purge(outcome)
    if outcome.failed:
        raise BakeFailed(f"could not bake {', '.join(outcome.failed)}")
    return outcome


def bake_all() -> Outcome:
    """Render every page of the site and remove every baked file that no page owns."""
    with store.locked():
        started = time.time()  # bakes asked for before this moment are covered by this one
        outcome = Outcome()
        keep: set[str] = set()
        live = Edition.objects.published().select_related("story__section").order_by("pk")
        by_story: dict[int, list[str]] = {}
        for edition in live.iterator():
            path = edition.get_absolute_url()
            by_story.setdefault(edition.story_id, []).append(path)
        for path in [*pages.site_paths(), *(p for ps in by_story.values() for p in ps)]:
            if path in keep:
                continue
            keep.add(path)
            _bake_path(path, outcome)
        for path in list(store.baked_paths()):
            if path not in keep and store.remove(path):
                outcome.removed.append(path)
        for story in Story.objects.prefetch_related("editions", "tags").select_related("section"):
            store.write_manifest(
                story.pk,
                {
                    "started": started,
                    "articles": by_story.get(story.pk, []),
                    "pages": pages.listing_paths(story),
                },
            )
    _purge(outcome)
    return outcome


def _bake_path(path: str, outcome: Outcome) -> None:
    try:
        page = render(path)
        if not page.bakeable:
            if store.remove(path):
                outcome.removed.append(path)
            return
        target = store.file_for(path, page.content_type)
        for other in store.files_for(path):  # a page that changed type (html <-> feed)
            if other != target and other.exists():
                store.remove(path)
                break
        if store.write(target, page.content):
            outcome.written.append(path)
        else:
            outcome.unchanged.append(path)
    except OSError as exc:
        logger.error("Could not bake %s: %s (the page baked before stays served)", path, exc)
        outcome.failed.append(path)
    except Exception:
        logger.exception("Rendering %s crashed (the page baked before stays served)", path)
        outcome.failed.append(path)


def _due_at(story: Story) -> datetime | None:
    """When a live edition of `story` whose publication time is still ahead appears."""
    return (
        Edition.objects.filter(
            story=story, status__in=Edition.LIVE_STATUSES, published_at__gt=timezone.now()
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def _purge(outcome: Outcome) -> None:
    if outcome.changed:
        purger().purge([absolute(path) for path in outcome.changed])
