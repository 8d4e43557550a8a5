"""Background work: drafting runs in a worker (`prensa db_worker`), never in a request.

A draft is a `DraftJob`. `enqueue_draft` queues one; the worker claims it, writes a
heartbeat after each batch of paragraphs and finishes it. A worker can die without a
word (killed, out of memory, machine gone): a running job whose heartbeat is older than
the lease (`PRENSA_DRAFT_LEASE_SECONDS`) is then queued again or, after its last
attempt, failed with the reason shown on the desk (`recover_abandoned`). The desk runs
that recovery whenever it shows or queues a draft, and every draft task runs it first.

This module calls the desk's actions; the actions never call it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django_tasks import task

from prensa.newsroom.models import Story
from prensa.translation.errors import TranslationError

from .actions import ActionError, DraftEdition, User
from .models import DraftJob, lease

logger = logging.getLogger(__name__)


class JobLost(Exception):
    """This worker no longer holds the job: its lease ran out and it was taken back."""


def enqueue_draft(story: Story, language: str, user: User = None) -> DraftJob:
    """Queue a draft for the background worker; an active job for the same edition is reused.

    A job whose worker died is recovered first, so it never blocks a new request.
    """
    DraftEdition(story, language, user).check()
    recover_abandoned(DraftJob.objects.filter(story=story, language=language))
    active = DraftJob.objects.active().filter(story=story, language=language).first()
    if active is not None:
        return active
    person = user if user is not None and user.is_authenticated else None
    job = DraftJob.objects.create(story=story, language=language, requested_by=person)
    _send(job)
    return job


def recover_abandoned(jobs: QuerySet[DraftJob] | None = None) -> list[DraftJob]:
    """Queue again (or fail, after the last attempt) running jobs that outlived their lease.

    Each job is taken back with one conditional update, so two processes recovering at
    once, or a slow worker that wakes up, never both act on it.
    """
    recovered = []
    now = timezone.now()
    for job in (jobs if jobs is not None else DraftJob.objects.all()).abandoned():
        seen = job.heartbeat_at or job.started_at
        silence = f"{(now - seen).total_seconds():.0f} s" if seen else "ever"
        reason = (
            f"The worker drafting this stopped during attempt {job.attempts} "
            f"(no sign of life for {silence}; the lease is {lease().total_seconds():.0f} s)."
        )
        again = job.attempts < job.max_attempts
        fields = (
            {"status": DraftJob.Status.QUEUED, "retry_at": None}
            if again
            else {"status": DraftJob.Status.FAILED, "finished_at": now}
        )
        taken = DraftJob.objects.filter(
            pk=job.pk,
            status=DraftJob.Status.RUNNING,
            attempts=job.attempts,
            heartbeat_at=job.heartbeat_at,
        ).update(error=reason, **fields)
        if not taken:
            continue
        logger.warning("Draft job %s: %s %s", job.pk, reason, "Queued again." if again else "")
        if again:
            _send(job)
        recovered.append(job)
    return recovered


def _backoff(attempt: int) -> timedelta:
    base = getattr(settings, "PRENSA_DRAFT_RETRY_SECONDS", 30)
    return timedelta(seconds=base * 2 ** (attempt - 1))


def _send(job: DraftJob, run_after: datetime | None = None, *, on_commit: bool = True) -> None:
    """Hand the job to the worker, once the transaction that queued it commits."""
    runner = draft_edition_task.using(run_after=run_after) if run_after else draft_edition_task
    if on_commit:
        transaction.on_commit(lambda: runner.enqueue(job.pk))
    else:
        runner.enqueue(job.pk)


@task()
def draft_edition_task(job_id: int) -> str:
    """Run one DraftJob; an engine that is down is retried with exponential backoff."""
    recover_abandoned()  # a worker started after another died takes its jobs back
    job = _claim(job_id)
    if job is None:
        return "skipped"
    try:
        DraftEdition(job.story, job.language, progress=lambda: _heartbeat(job)).execute()
    except JobLost:
        logger.warning("Draft job %s was taken back from this worker; nothing written", job.pk)
        return "lost"
    except TranslationError as exc:
        if exc.retryable and job.attempts < job.max_attempts:
            retry_at = timezone.now() + _backoff(job.attempts)
            queued = _release(job, status=DraftJob.Status.QUEUED, retry_at=retry_at, error=str(exc))
            if queued:
                _send(job, run_after=retry_at, on_commit=False)
                logger.warning("Draft job %s: engine down, retry at %s", job.pk, retry_at)
            return "retrying"
        return _fail(job, exc.message)
    except ActionError as exc:
        return _fail(job, exc.message)
    except Exception as exc:  # the desk must show a reason, never a job stuck as running
        logger.exception("Draft job %s crashed", job.pk)
        return _fail(job, f"Unexpected error: {exc.__class__.__name__}: {exc}")
    _release(job, status=DraftJob.Status.DONE, error="", finished_at=timezone.now())
    return "done"


def _claim(job_id: int) -> DraftJob | None:
    """Take a queued job for this worker (None if it is not queued: done, failed, taken)."""
    now = timezone.now()
    claimed = DraftJob.objects.filter(pk=job_id, status=DraftJob.Status.QUEUED).update(
        status=DraftJob.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
    )
    if not claimed:
        return None
    return DraftJob.objects.select_related("story").get(pk=job_id)


def _mine(job: DraftJob) -> QuerySet[DraftJob]:
    """The job, as long as this worker still holds it (same attempt, still running)."""
    return DraftJob.objects.filter(pk=job.pk, status=DraftJob.Status.RUNNING, attempts=job.attempts)


def _heartbeat(job: DraftJob) -> None:
    if not _mine(job).update(heartbeat_at=timezone.now()):
        raise JobLost(job.pk)


def _release(job: DraftJob, **fields: object) -> bool:
    """Finish this worker's hold on the job with `fields`; False if it was taken back."""
    return bool(_mine(job).update(**fields))


def _fail(job: DraftJob, reason: str) -> str:
    _release(job, status=DraftJob.Status.FAILED, error=reason, finished_at=timezone.now())
    return "failed"
