"""A real `prensa db_worker` process publishes a scheduled edition within a minute of its time.

The worker runs in its own process on the database this test uses (see the desk's
test_worker_lease for how SQLite's in-memory test database is shared with it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from prensa.workflow.transitions import Schedule
from tests.desk.test_worker_lease import PROJECT, shared_database  # noqa: F401 (fixture)
from tests.factories import make_story

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_running_worker_publishes_a_scheduled_edition_at_its_time(shared_database):  # noqa: F811
    story = make_story(languages=("en",), status=Edition.Status.READY)
    edition = story.edition_for("en")
    at = timezone.now() + timedelta(seconds=3)
    Schedule(edition, None, at=at).execute()

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prensa.settings.test",
            "DATABASE_URL": shared_database,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while Edition.objects.get(pk=edition.pk).status != Edition.Status.PUBLISHED:
            assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
            assert time.monotonic() < deadline, "the worker did not publish the edition"
            time.sleep(0.2)
        published = timezone.now()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert published - at < timedelta(seconds=60)
    assert Edition.objects.get(pk=edition.pk).is_published
    entry = TransitionLog.objects.get(edition=edition, action="publish")
    assert entry.from_state == "scheduled" and entry.user is None
