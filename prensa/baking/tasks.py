"""The worker's side of baking: one task per story change, retried when it fails."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("prensa.baking")


def enqueue_bake(story_id: int, run_after: datetime | None = None, *, attempt: int = 1) -> None:
    """Queue a bake of `story_id` for the worker, once the current transaction commits.

    One bake per story and transaction: publishing a story saves its editions, credits and
    tags, and each save asks for a bake; a bake already waiting for this commit covers them
    all (it reads the database after the commit). Looking in the connection's own list of
    commit callbacks keeps this right when a savepoint or the transaction is rolled back.
    """
    if run_after is None and any(
        getattr(func, "bake_of", None) == story_id
        for _, func, _ in transaction.get_connection().run_on_commit
    ):
        return

    def send() -> None:
        send.bake_of = None  # type: ignore[attr-defined]  # sent: no longer waiting
        runner = bake_story_task
        if run_after is not None and runner.get_backend().supports_defer:
            runner = runner.using(run_after=run_after)
        elif run_after is not None and run_after > timezone.now():
            return  # a backend that cannot wait (tests): the next change bakes it
        runner.enqueue(story_id, time.time(), attempt)

    if run_after is None:
        send.bake_of = story_id  # type: ignore[attr-defined]
    transaction.on_commit(send, robust=True)


def backoff(attempt: int) -> timedelta:
    return timedelta(seconds=getattr(settings, "PRENSA_BAKE_RETRY_SECONDS", 2) * 2 ** (attempt - 1))


# Ahead of translation drafts and picture renditions: readers wait for a publication.
@task(priority=50)
def bake_story_task(story_id: int, requested_at: float = 0.0, attempt: int = 1) -> str:
    """Bake one story's pages; on any failure, try again later (with backoff), up to
    PRENSA_BAKE_MAX_ATTEMPTS times, then leave it to `prensa bake --all`."""
    from .bake import bake_story

    try:
        outcome = bake_story(story_id, requested_at)
    except Exception:
        limit = settings.PRENSA_BAKE_MAX_ATTEMPTS
        if attempt >= limit:
            logger.exception("Baking story %s failed %s times; giving up", story_id, attempt)
            return "failed"
        logger.exception("Baking story %s failed (attempt %s of %s)", story_id, attempt, limit)
        runner = bake_story_task
        if runner.get_backend().supports_defer:
            runner = runner.using(run_after=timezone.now() + backoff(attempt))
        runner.enqueue(story_id, 0.0, attempt + 1)
        return "retrying"
    if outcome.skipped:
        return "skipped"
    if outcome.due_at is not None:
        enqueue_bake(story_id, run_after=outcome.due_at)
    return f"baked {len(outcome.written)}, removed {len(outcome.removed)}"
