"""The worker publishes scheduled editions when their time comes.

Two ways lead there, so that a publication is never late by more than a minute:

- scheduling queues `publish_due_task` to run at the scheduled time itself (once the
  transaction that scheduled it commits);
- a sweep, `sweep_task`, runs every PRENSA_SCHEDULE_SWEEP_SECONDS (default 30) and
  queues its next run each time; `migrate` queues the first one. It catches what the
  first way could miss: a task lost with its database row, an edition scheduled by a
  data migration, a worker that was down at the time.

Each run publishes every due edition through the workflow's Publish transition as the
system (user None), so the log, the gates and the page cache see it as any publication.
A due edition the gates refuse (e.g. its translation went stale since it was scheduled)
goes back to "ready" with the reason as the log's note: a person must look at it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from prensa.newsroom.models import Edition

from .models import TransitionLog
from .queries import due
from .transitions import Publish, TransitionError, Unschedule

logger = logging.getLogger(__name__)

_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def sweep_every() -> timedelta:
    return timedelta(seconds=settings.PRENSA_SCHEDULE_SWEEP_SECONDS)


def publish_due(now: datetime | None = None) -> list[TransitionLog]:
    """Publish every scheduled edition whose time has come; the log entries written."""
    written = []
    for edition in due(now).order_by("published_at", "pk"):
        schedule = (
            TransitionLog.objects.filter(edition=edition, action="schedule").order_by("-at").first()
        )
        allow_machine = bool(schedule and schedule.detail.get("allow_machine"))
        try:
            written.append(
                Publish(
                    edition,
                    None,
                    _("Published at its scheduled time."),
                    allow_machine=allow_machine,
                ).execute()
            )
        except TransitionError as exc:
            if not Edition.objects.filter(pk=edition.pk, status=Edition.Status.SCHEDULED).exists():
                continue  # another worker published (or someone unscheduled) it meanwhile
            logger.warning("Scheduled edition %s not published: %s", edition.pk, exc.message)
            written.append(
                Unschedule(
                    edition,
                    None,
                    _("Not published at its scheduled time: %(reason)s") % {"reason": exc.message},
                ).execute()
            )
    if written:
        logger.info("Published %d scheduled edition(s)", len(written))
    return written


@task()
def publish_due_task() -> int:
    """Publish what is due now (queued for the time an edition was scheduled for)."""
    return len(publish_due())


@task()
def sweep_task() -> int:
    """Publish what is due, then come back in PRENSA_SCHEDULE_SWEEP_SECONDS."""
    published = len(publish_due())
    queue_sweep(after=sweep_every())
    _forget_old_sweeps()
    return published


def publish_at(moment: datetime) -> None:
    """Have the worker publish what is due at `moment` (after the current transaction)."""
    transaction.on_commit(lambda: publish_due_task.using(run_after=moment).enqueue())


def _uses_database_backend() -> bool:
    return settings.TASKS.get("default", {}).get("BACKEND") == _DATABASE_BACKEND


def queue_sweep(after: timedelta = timedelta(0)) -> bool:
    """Queue the next sweep unless one is already waiting; whether one was queued.

    Only with the database task backend, which can tell what is waiting.
    """
    if not _uses_database_backend():
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=sweep_task.module_path, status="READY")
    if waiting.exists():
        return False
    sweep_task.using(run_after=timezone.now() + after).enqueue()
    return True


def _forget_old_sweeps() -> None:
    """A sweep every half minute would leave ~3,000 rows a day: keep an hour of them."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        task_path__in=[sweep_task.module_path, publish_due_task.module_path],
        status="SUCCESSFUL",
        finished_at__lt=timezone.now() - timedelta(hours=1),
    ).delete()


def schedule_after_migrate(**kwargs: object) -> None:
    """post_migrate receiver: make sure a sweep is queued."""
    queue_sweep()


def when_scheduled(edition: Edition, entry: TransitionLog, **kwargs: object) -> None:
    """edition_transitioned receiver: a scheduled edition gets a task at its time."""
    if entry.action == "schedule" and edition.published_at is not None:
        publish_at(edition.published_at)
