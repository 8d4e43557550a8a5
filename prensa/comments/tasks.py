"""Housekeeping the task worker does by itself: dropping old address hashes every day.

`migrate` queues the first run (so every deployment that migrates has one); each run
queues the next a day later. `prensa expire_comment_addresses` still does the same by
hand or from cron.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .actions import ExpireNetworkHashes

logger = logging.getLogger(__name__)

EVERY = timedelta(days=1)
_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@task()
def expire_addresses() -> list[int]:
    """Drop address hashes past their retention, then come back tomorrow."""
    comments, reports = ExpireNetworkHashes().execute()
    schedule_expiry(after=EVERY)
    return [comments, reports]


def schedule_expiry(after: timedelta = timedelta(0)) -> bool:
    """Queue the next run unless one is already waiting; whether one was queued.

    Only with the database task backend, which can tell what is waiting.
    """
    if settings.TASKS.get("default", {}).get("BACKEND") != _DATABASE_BACKEND:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=expire_addresses.module_path, status="READY")
    if waiting.exists():
        return False
    expire_addresses.using(run_after=timezone.now() + after).enqueue()
    logger.info("Expiry of comment address hashes queued in %s", after)
    return True


def schedule_after_migrate(**kwargs: object) -> None:
    """post_migrate receiver: make sure a daily run is queued."""
    schedule_expiry()
