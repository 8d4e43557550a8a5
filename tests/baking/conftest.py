import contextlib
from pathlib import Path

import pytest
from django.db import connection


@pytest.fixture
def bake_dir(settings, tmp_path: Path) -> Path:
    """Baking on, into a directory of the test's own, run by an immediate task backend."""
    settings.PRENSA_BAKE = True
    settings.PRENSA_BAKE_DIR = str(tmp_path / "baked")
    settings.PRENSA_CDN_PURGE = "log"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return tmp_path / "baked"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Run what the code under test queues for after its transaction commits.

    What the test's setup queued is dropped first: it would run only if the test's
    transaction committed, which it never does, and left waiting it would stand in for the
    bake the block asks for (one bake per story and commit, see enqueue_bake).
    """

    @contextlib.contextmanager
    def block():  # type: ignore[no-untyped-def]
        connection.run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return block
