"""Drafting runs in the background worker; the desk shows queued, running, done and failed."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from prensa.desk import states
from prensa.desk.actions import ActionError
from prensa.desk.models import DraftJob
from prensa.desk.tasks import enqueue_draft
from prensa.newsroom.models import Edition

from .conftest import run_worker

pytestmark = pytest.mark.django_db


def test_a_queued_draft_is_made_by_the_worker(english_story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_draft(english_story, "pt")
    assert states.cell_for(english_story, "pt").state == "queued"
    run_worker()
    job.refresh_from_db()
    assert job.status == DraftJob.Status.DONE and job.attempts == 1
    assert states.cell_for(english_story, "pt").state == "machine"
    assert Edition.objects.get(story=english_story, language="pt").body


def test_asking_twice_reuses_the_queued_job(english_story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue_draft(english_story, "pt")
        second = enqueue_draft(english_story, "pt")
    assert first.pk == second.pk


def test_an_unsupported_pair_is_refused_before_queueing(english_story):
    with (
        override_settings(PRENSA_MT_ENGINES={"en-pt": []}),
        pytest.raises(ActionError, match="from English to Portuguese"),
    ):
        enqueue_draft(english_story, "pt")
    assert not DraftJob.objects.exists()


def test_a_story_without_a_source_edition_is_refused(english_story):
    Edition.objects.filter(story=english_story).delete()
    with pytest.raises(ActionError, match="no edition in its source language"):
        enqueue_draft(english_story, "pt")


@override_settings(
    PRENSA_MT_ENGINES={"*": ["libretranslate"]},
    LIBRETRANSLATE_URL="http://127.0.0.1:9",
    PRENSA_DRAFT_MAX_ATTEMPTS=3,
    PRENSA_DRAFT_RETRY_SECONDS=60,
)
def test_an_engine_that_is_down_is_retried_with_backoff_then_fails_with_its_reason(
    client, editor, english_story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_draft(english_story, "es")
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (DraftJob.Status.QUEUED, 1)
    first_wait = job.retry_at - timezone.now()
    assert timedelta(seconds=50) < first_wait <= timedelta(seconds=60)

    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        run_worker()  # attempt 2, waits twice as long
    job.refresh_from_db()
    assert job.attempts == 2 and job.status == DraftJob.Status.QUEUED
    review = reverse("desk:review", args=[english_story.pk, "es"])
    client.force_login(editor)
    page = client.get(review, HTTP_ACCEPT_LANGUAGE="pt").content.decode()
    assert "O motor de tradução não respondeu; nova tentativa às" in page
    assert "(tentativa 3 de 3)" in page
    with time_machine.travel(timezone.now() + timedelta(seconds=61 + 121), tick=False):
        run_worker()  # attempt 3: give up
    job.refresh_from_db()
    assert job.status == DraftJob.Status.FAILED and job.attempts == 3
    assert "libretranslate" in job.error.lower()
    assert not Edition.objects.filter(story=english_story, language="es").exists()
    assert states.cell_for(english_story, "es").state == "failed"
    page = client.get(review, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "La traducción falló tras 3 intentos." in page
