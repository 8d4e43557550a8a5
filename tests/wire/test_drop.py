"""The wire drop: the real worker imports what lands in PRENSA_WIRE_DROP_DIR, once."""

import pytest
from django_tasks_db.models import DBTaskResult

from prensa.newsroom.models import Story
from prensa.wire.tasks import queue_watch, watch_drop
from tests.desk.conftest import run_worker
from tests.wire.conftest import sample


@pytest.fixture
def drop(tmp_path, settings):
    settings.PRENSA_WIRE_DROP_DIR = str(tmp_path)
    return tmp_path


def test_the_worker_imports_dropped_files_and_moves_them_aside(drop, section):
    (drop / "atom.xml").write_bytes(sample("atom.xml"))
    (drop / "story.txt").write_bytes(sample("story.txt"))
    (drop / "broken.json").write_text('{"uri": "urn:x", ')
    (drop / "half.xml.part").write_bytes(sample("rss.xml")[:100])  # still being written
    assert queue_watch()
    run_worker()
    assert Story.objects.count() == 2
    assert all(
        s.created_by is None and s.editions.get().status == "draft" for s in Story.objects.all()
    )
    assert sorted(p.name for p in (drop / "done").iterdir()) == ["atom.xml", "story.txt"]
    assert sorted(p.name for p in (drop / "refused").iterdir()) == [
        "broken.json",
        "broken.json.txt",
    ]
    assert "Invalid JSON" in (drop / "refused" / "broken.json.txt").read_text()
    assert (drop / "half.xml.part").exists()
    # The run queued the next one, a minute later (one at a time).
    waiting = DBTaskResult.objects.filter(task_path=watch_drop.module_path, status="READY")
    assert waiting.count() == 1
    assert not queue_watch()


def test_a_file_dropped_twice_is_skipped_the_second_time(drop, section):
    (drop / "atom.xml").write_bytes(sample("atom.xml"))
    queue_watch()
    run_worker()
    (drop / "atom.xml").write_bytes(sample("atom.xml"))
    DBTaskResult.objects.filter(task_path=watch_drop.module_path).delete()
    queue_watch()
    run_worker()
    assert Story.objects.count() == 1
    assert sorted(p.name for p in (drop / "done").iterdir()) == ["atom-2.xml", "atom.xml"]


def test_without_a_drop_folder_nothing_is_queued(db, settings):
    settings.PRENSA_WIRE_DROP_DIR = ""
    assert not queue_watch()
