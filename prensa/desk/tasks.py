"""Background work: drafting runs in a worker (`prensa db_worker`), never in a request."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from prensa.translation.errors import TranslationError

from .actions import ActionError, DraftEdition
from .models import DraftJob

logger = logging.getLogger(__name__)


def _backoff(attempt: int) -> timedelta:
    base = getattr(settings, "PRENSA_DRAFT_RETRY_SECONDS", 30)
    return timedelta(seconds=base * 2 ** (attempt - 1))


@task()
def draft_edition_task(job_id: int) -> str:
    """Run one DraftJob; an engine that is down is retried with exponential backoff."""
    job = DraftJob.objects.select_related("story").filter(pk=job_id).first()
    if job is None or job.status in (DraftJob.Status.DONE, DraftJob.Status.FAILED):
        return "skipped"
    job.status = DraftJob.Status.RUNNING
    job.attempts += 1
    job.started_at = timezone.now()
    job.save(update_fields=["status", "attempts", "started_at"])
    try:
        DraftEdition(job.story, job.language).execute()
    except TranslationError as exc:
        if exc.retryable and job.attempts < job.max_attempts:
            job.status = DraftJob.Status.QUEUED
            job.retry_at = timezone.now() + _backoff(job.attempts)
            job.error = str(exc)
            job.save(update_fields=["status", "retry_at", "error"])
            draft_edition_task.using(run_after=job.retry_at).enqueue(job.pk)
            logger.warning("Draft job %s: engine down, retry at %s", job.pk, job.retry_at)
            return "retrying"
        return _fail(job, exc.message)
    except ActionError as exc:
        return _fail(job, exc.message)
    except Exception as exc:  # the desk must show a reason, never a job stuck as running
        logger.exception("Draft job %s crashed", job.pk)
        return _fail(job, f"Unexpected error: {exc.__class__.__name__}: {exc}")
    job.status = DraftJob.Status.DONE
    job.error = ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    return "done"


def _fail(job: DraftJob, reason: str) -> str:
    job.status = DraftJob.Status.FAILED
    job.error = reason
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    return "failed"
