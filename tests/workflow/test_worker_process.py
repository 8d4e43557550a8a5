"""A real `prensa db_worker` process publishes a scheduled edition within a minute of its time.

The worker runs in its own process on the database this test uses (see the desk's
test_worker_lease for how SQLite's in-memory test database is shared with it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from prensa.workflow.transitions import Schedule
from tests.desk.test_worker_lease import PROJECT, shared_database  # noqa: F401 (fixture)
from tests.factories import make_story
from tests.pages import reverse_in

pytestmark = pytest.mark.django_db(transaction=True)


def start_worker(database_url: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prensa.settings.test",
            "DATABASE_URL": database_url,
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_published(worker: subprocess.Popen, edition: Edition) -> None:
    deadline = time.monotonic() + 90
    while Edition.objects.get(pk=edition.pk).status != Edition.Status.PUBLISHED:
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        assert time.monotonic() < deadline, "the worker did not publish the edition"
        time.sleep(0.2)


def scheduled_edition(seconds: float) -> tuple[Edition, datetime]:
    story = make_story(languages=("en",), status=Edition.Status.READY)
    edition = story.edition_for("en")
    edition.headline = "Night ferry timetable agreed with the port"
    edition.save()
    at = timezone.now() + timedelta(seconds=seconds)
    Schedule(edition, None, at=at).execute()
    return edition, at


def test_a_running_worker_publishes_a_scheduled_edition_at_its_time(shared_database):  # noqa: F811
    edition, at = scheduled_edition(3)
    worker = start_worker(shared_database)
    try:
        wait_until_published(worker, edition)
        published = timezone.now()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert published - at < timedelta(seconds=60)
    assert Edition.objects.get(pk=edition.pk).is_published
    entry = TransitionLog.objects.get(edition=edition, action="publish")
    assert entry.from_state == "scheduled" and entry.user is None


def test_with_a_shared_cache_the_workers_publication_reaches_stored_pages_at_once(
    shared_database,  # noqa: F811
    redis_url,
    settings,
    client,
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    from django.core.cache import cache

    cache.clear()
    edition, _at = scheduled_edition(4)
    home = reverse_in("en", "public:home")
    assert "Night ferry timetable" not in client.get(home).text  # stored for a minute
    worker = start_worker(shared_database, REDIS_URL=redis_url)
    try:
        wait_until_published(worker, edition)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert "Night ferry timetable" in client.get(home).text
    cache.clear()
