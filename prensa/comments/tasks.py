"""Housekeeping the task worker does by itself, every day: personal data past its time goes.

Commenters' address hashes older than PRENSA_COMMENTS_IP_RETENTION_DAYS, and the records
django-axes keeps of failed staff logins (raw address and User-Agent) older than
PRENSA_LOGIN_RECORD_RETENTION_DAYS. `migrate` queues the first run (so every deployment
that migrates has one); each run queues the next a day later.
`prensa expire_comment_addresses` and `prensa expire_login_records` do the same by hand
or from cron.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .actions import ExpireNetworkHashes

logger = logging.getLogger(__name__)

EVERY = timedelta(days=1)
_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@task()
def expire_addresses() -> list[int]:
    """Drop address hashes and login records past their retention, then come back tomorrow."""
    comments, reports = ExpireNetworkHashes().execute()
    logins = expire_login_records()
    schedule_expiry(after=EVERY)
    return [comments, reports, logins]


def login_record_retention() -> timedelta:
    """How long a failed staff login is remembered: the retention, never less than the cool-off.

    Within the cool-off the record is what keeps the lockout in force.
    """
    days = getattr(settings, "PRENSA_LOGIN_RECORD_RETENTION_DAYS", 30)
    if days < 0:
        raise ValueError("PRENSA_LOGIN_RECORD_RETENTION_DAYS must not be negative.")
    return max(timedelta(days=days), get_cool_off() or timedelta(0))


def expire_login_records(now: datetime | None = None) -> int:
    """Delete django-axes' records of staff logins older than the retention; how many."""
    cutoff = (now or timezone.now()) - login_record_retention()
    with transaction.atomic():
        removed = sum(
            model.objects.filter(attempt_time__lt=cutoff).delete()[0]
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        )
    logger.info("Expired %s records of staff logins older than %s", removed, cutoff)
    return removed


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
