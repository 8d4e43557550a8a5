"""Questions about states that the desk's front page, the admin and the CLI ask."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from prensa.newsroom.models import Edition, Story

from .models import TransitionLog


def in_state(status: str, languages: Iterable[str] | None = None) -> QuerySet[Edition]:
    """Editions in `status` (in `languages`, when given; None means every language)."""
    editions = Edition.objects.filter(status=status)
    if languages is not None:
        editions = editions.filter(language__in=list(languages))
    return editions


def counts(languages: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
    """(language, status) → how many editions are in that state, in one query."""
    editions = Edition.objects.all()
    if languages is not None:
        editions = editions.filter(language__in=list(languages))
    return {
        (row["language"], row["status"]): row["n"]
        for row in editions.values("language", "status").annotate(n=Count("pk"))
    }


def due(now: datetime | None = None) -> QuerySet[Edition]:
    """Scheduled editions whose time has come."""
    return in_state(Edition.Status.SCHEDULED).filter(published_at__lte=now or timezone.now())


def timeline(story: Story | int, limit: int = 50) -> list[TransitionLog]:
    """The story's transitions, all editions, newest first."""
    story_id = story if isinstance(story, int) else story.pk
    return list(TransitionLog.objects.of_story(story_id)[:limit])
