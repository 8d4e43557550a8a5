"""A draft whose worker dies is not "running" forever: real workers, killed by their PID.

The worker is `manage.py db_worker` in its own process, drafting through a slow engine
(the local LibreTranslate stand-in, answering each batch after a pause). The test kills
it with SIGKILL in the middle of a draft, as the kernel's OOM killer or `kill -9` would:
no exception handler, no `finally`, no last word in the database.

The processes must share one database. PostgreSQL's test database is shared as it is;
SQLite's is in this process's memory, so for these tests it is copied to a file that
this process and the workers then open (`shared_database`).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from prensa.desk import states
from prensa.desk.models import DraftJob
from prensa.desk.tasks import (
    JobLost,
    _heartbeat,
    draft_edition_task,
    enqueue_draft,
    recover_abandoned,
)
from prensa.newsroom.models import Edition
from tests.factories import make_story
from tests.translation.fakeserver import FakeTranslationServer

PROJECT = Path(__file__).resolve().parents[2]
BATCH = 4  # paragraphs per engine call in the workers: a draft of 22 blocks takes 6 calls
PAUSE = 0.6  # seconds the engine takes per call

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A DATABASE_URL for worker processes that reaches the database this test uses."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        yield (
            f"postgres://{quote(settings['USER'] or '', safe='')}:"
            f"{quote(settings['PASSWORD'] or '', safe='')}@{quote(settings['HOST'] or '', safe='')}"
            f":{settings['PORT'] or 5432}/{settings['NAME']}"
        )
        return
    assert connection.vendor == "sqlite"
    if not connection.is_in_memory_db():
        yield f"sqlite:///{settings['NAME']}"
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)  # schema and all, as migrated for the tests
    copy.close()
    in_memory, name = connection.connection, settings["NAME"]
    connection.connection = None
    settings["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        settings["NAME"] = name
        connection.connection = in_memory


@pytest.fixture
def engine():
    with FakeTranslationServer(delay=PAUSE) as server:
        yield server


@pytest.fixture
def long_story(db):
    story = make_story(languages=("en",), source_language="en")
    source = story.edition_for("en")
    source.headline = "The river rose again in Tell Ruman"
    source.standfirst = "Families moved their goats to the hills for the night."
    source.body = "\n\n".join(
        f"On day {n} the water reached the {n}th house on the lower road, a farmer said."
        for n in range(1, 21)
    )
    source.save()
    return story


def start_worker(database_url: str, engine_url: str, *extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prensa.settings.test",
        "DATABASE_URL": database_url,
        "PRENSA_MT_ENGINES": "*=libretranslate",
        "LIBRETRANSLATE_URL": engine_url,
        "PRENSA_DRAFT_BATCH_PARAGRAPHS": str(BATCH),
    }
    return subprocess.Popen(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", *extra],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, timeout: float = 60, what: str = "") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def kill_mid_draft(database_url: str, engine: FakeTranslationServer, job: DraftJob) -> None:
    """Start a worker, let it draft one batch, and SIGKILL it while the engine works."""
    worker = start_worker(database_url, engine.url, "--interval", "0.2")
    try:

        def beating() -> bool:
            job.refresh_from_db()
            assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
            return job.heartbeat_at is not None and job.heartbeat_at > job.started_at

        wait_for(beating, what="the first heartbeat")
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    job.refresh_from_db()
    assert job.status == DraftJob.Status.RUNNING  # nobody is left to say otherwise
    assert not Edition.objects.filter(story=job.story, language=job.language).exists()


def finish_with_a_new_worker(database_url: str, engine: FakeTranslationServer) -> None:
    engine.delay = 0
    worker = start_worker(database_url, engine.url, "--batch", "--interval", "0")
    _out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err


def test_a_killed_workers_draft_is_queued_again_and_a_new_worker_finishes_it(
    shared_database, engine, long_story, client, editor
):
    job = enqueue_draft(long_story, "pt")
    kill_mid_draft(shared_database, engine, job)
    client.force_login(editor)
    status = reverse("desk:status", args=[long_story.pk, "pt"])

    # Within the lease the desk cannot tell a dead worker from a slow one.
    assert client.get(status).json() == {"state": "running", "active": True}

    with override_settings(PRENSA_DRAFT_LEASE_SECONDS=1):
        time.sleep(1.2)
        assert client.get(status).json() == {"state": "queued", "active": True}
    job.refresh_from_db()
    assert (job.status, job.attempts) == (DraftJob.Status.QUEUED, 1)
    page = client.get(reverse("desk:review", args=[long_story.pk, "pt"])).content.decode()
    assert (
        "The worker making this draft stopped; the draft is queued again (attempt 2 of 4)" in page
    )
    assert "stopped during attempt 1" in page

    finish_with_a_new_worker(shared_database, engine)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (DraftJob.Status.DONE, 2)
    edition = Edition.objects.get(story=long_story, language="pt")
    assert edition.headline == "[PT] THE RIVER ROSE AGAIN IN TELL RUMAN"
    assert len(edition.body.split("\n\n")) == 20
    assert client.get(status).json() == {"state": "machine", "active": False}


@override_settings(PRENSA_DRAFT_MAX_ATTEMPTS=1)
def test_after_its_last_attempt_a_killed_draft_fails_with_its_reason_and_can_be_asked_again(
    shared_database, engine, long_story, client, editor
):
    job = enqueue_draft(long_story, "pt")
    kill_mid_draft(shared_database, engine, job)
    client.force_login(editor)
    review = reverse("desk:review", args=[long_story.pk, "pt"])

    with override_settings(PRENSA_DRAFT_LEASE_SECONDS=1):
        time.sleep(1.2)
        page = client.get(review).content.decode()
    job.refresh_from_db()
    assert job.status == DraftJob.Status.FAILED
    assert "The draft failed after 1 attempt." in page
    assert "The worker drafting this stopped during attempt 1" in page
    assert states.cell_for(long_story, "pt").state == "failed"

    # Asking again queues a fresh job, and a worker makes the draft.
    response = client.post(reverse("desk:draft_one", args=[long_story.pk, "pt"]))
    assert response.status_code == 302
    again = DraftJob.objects.exclude(pk=job.pk).get(story=long_story, language="pt")
    assert again.status == DraftJob.Status.QUEUED
    finish_with_a_new_worker(shared_database, engine)
    again.refresh_from_db()
    assert again.status == DraftJob.Status.DONE
    assert Edition.objects.filter(story=long_story, language="pt").exists()


def test_asking_again_for_a_draft_whose_worker_died_queues_work_at_once(long_story):
    """No worker needed: a job left running by a dead worker, and nobody on the desk."""
    job = DraftJob.objects.create(
        story=long_story, language="es", status=DraftJob.Status.RUNNING, attempts=1
    )
    DraftJob.objects.filter(pk=job.pk).update(
        started_at=job.created_at, heartbeat_at=job.created_at
    )
    with override_settings(PRENSA_DRAFT_LEASE_SECONDS=0):
        again = enqueue_draft(long_story, "es")
    assert again.pk == job.pk and again.status == DraftJob.Status.QUEUED
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status="READY", task_path=draft_edition_task.module_path)
    assert [task.args_kwargs["args"] for task in waiting] == [[job.pk]]


def test_a_worker_whose_job_was_taken_back_stops_without_writing(long_story):
    job = DraftJob.objects.create(
        story=long_story, language="es", status=DraftJob.Status.RUNNING, attempts=1
    )
    with override_settings(PRENSA_DRAFT_LEASE_SECONDS=0):
        (recovered,) = recover_abandoned()
    assert recovered.pk == job.pk
    with pytest.raises(JobLost):
        _heartbeat(job)  # the slow worker wakes up: its next heartbeat tells it to stop
