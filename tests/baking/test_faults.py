"""Faults while baking: a full or read-only disk keeps the old page, a crash is retried,
and the editor's request never renders anything."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from prensa.baking import render as render_module
from prensa.newsroom.models import Edition
from prensa.workflow.transitions import Publish

from .helpers import baked, ready_story

pytestmark = pytest.mark.django_db

MOUNT = shutil.which("mount") or "/usr/bin/mount"
UMOUNT = shutil.which("umount") or "/usr/bin/umount"


@pytest.fixture
def small_disk(bake_dir: Path) -> Iterator[Path]:
    """The bake directory on a filesystem of its own (tmpfs, 2 MB), to fill or make read-only."""
    bake_dir.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(  # noqa: S603 (fixed argv)
        [MOUNT, "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(bake_dir)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield bake_dir
    finally:
        subprocess.run([UMOUNT, "-l", str(bake_dir)], check=False)  # noqa: S603


def remount(directory: Path, mode: str) -> None:
    subprocess.run([MOUNT, "-o", f"remount,{mode}", str(directory)], check=True)  # noqa: S603


def publish(story, commit) -> Edition:  # type: ignore[no-untyped-def]
    edition = story.edition_for("en")
    with commit():
        Publish(edition, None).execute()
    return edition


def edit(edition: Edition, commit, words: str) -> None:  # type: ignore[no-untyped-def]
    with commit():
        edition.refresh_from_db()
        edition.body += f"\n\n{words}"
        edition.save()


def leftovers(directory: Path) -> list[str]:
    return [name for _, _, names in os.walk(directory) for name in names if ".bake-" in name]


def test_a_read_only_disk_keeps_the_old_page_served_and_logs_the_error(small_disk, commit, caplog):
    edition = publish(ready_story(), commit)
    page = baked(small_disk, edition.get_absolute_url())
    before = page.read_bytes()
    remount(small_disk, "ro")
    caplog.set_level(logging.ERROR, logger="prensa.baking")
    try:
        edit(edition, commit, "A paragraph written while the disk was read-only.")
        assert page.read_bytes() == before
        assert "Read-only file system" in caplog.text
        assert "the page baked before stays served" in caplog.text
    finally:
        remount(small_disk, "rw")
    assert leftovers(small_disk) == []
    edit(edition, commit, "Another paragraph, once the disk is writable again.")
    assert "once the disk is writable again" in page.read_text()


def test_a_full_disk_keeps_the_old_page_whole_and_leaves_no_half_written_file(
    small_disk, commit, caplog
):
    edition = publish(ready_story(), commit)
    page = baked(small_disk, edition.get_absolute_url())
    before = page.read_bytes()
    filler = small_disk / ".filler"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    caplog.set_level(logging.ERROR, logger="prensa.baking")
    edit(edition, commit, "A paragraph written while the disk was full. " * 200)
    assert page.read_bytes() == before
    assert "No space left on device" in caplog.text
    assert leftovers(small_disk) == []
    filler.unlink()


def test_a_crashing_bake_is_retried_until_the_page_is_baked(bake_dir, commit, monkeypatch, caplog):
    real_render = render_module.render
    crashes = []

    def render_crashing_once(path: str):  # type: ignore[no-untyped-def]
        if not crashes:
            crashes.append(path)
            raise RuntimeError("the renderer fell over")
        return real_render(path)

    monkeypatch.setattr("prensa.baking.bake.render", render_crashing_once)
    edition = publish(ready_story(), commit)
    assert crashes, "the first render should have crashed"
    assert "Baking story" in caplog.text and "attempt 1" in caplog.text
    assert baked(bake_dir, edition.get_absolute_url()) is not None


@pytest.mark.django_db(transaction=True)  # the worker closes its connection between tasks
def test_publishing_renders_nothing_on_the_editors_request_only_in_the_worker(
    bake_dir, commit, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    story = ready_story()
    with commit():
        edition = publish(story, commit)
    url = edition.get_absolute_url()
    assert baked(bake_dir, url) is None
    assert DBTaskResult.objects.filter(task_path="prensa.baking.tasks.bake_story_task").exists()
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert baked(bake_dir, url) is not None


def test_an_unpublished_page_is_gone_from_disk_and_purged_even_while_every_bake_crashes(
    bake_dir, commit, monkeypatch, caplog
):
    from prensa.workflow.transitions import Unpublish

    edition = publish(ready_story(), commit)
    url = edition.get_absolute_url()

    def crash(path: str):  # type: ignore[no-untyped-def]
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr("prensa.baking.bake.render", crash)
    caplog.set_level(logging.INFO, logger="prensa.baking.purge")
    with commit():
        Unpublish(edition, None).execute()
    assert baked(bake_dir, url) is None
    assert f"https://news.example.org{url}" in caplog.text
    assert "giving up" in caplog.text  # every attempt crashed, and the page is gone all the same
