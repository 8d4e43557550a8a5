from pathlib import Path

import pytest


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
    """Run what the code under test queues for after its transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
