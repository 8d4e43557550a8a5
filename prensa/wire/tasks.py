"""The wire drop: a folder the worker looks into every PRENSA_WIRE_DROP_SECONDS.

Set PRENSA_WIRE_DROP_DIR to a folder and a wire service (or a person) can drop files
into it: each run imports every file there as the system (no user), then moves it into
`done/` or, when anything in it was refused, into `refused/` next to a `.txt` file giving
the reasons; a file is never imported twice. Hidden files and names ending in `.part` or
`.tmp` (still being written) are left alone. `migrate` queues the first run; each run
queues the next. PRENSA_WIRE_DROP_TRANSLATE=true queues drafts in the other languages.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .importing import Report, import_file

logger = logging.getLogger(__name__)

_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
DONE, REFUSED = "done", "refused"


def drop_dir() -> Path | None:
    folder = getattr(settings, "PRENSA_WIRE_DROP_DIR", "")
    return Path(folder) if folder else None


def every() -> timedelta:
    return timedelta(seconds=getattr(settings, "PRENSA_WIRE_DROP_SECONDS", 60))


def waiting_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith((".part", ".tmp"))
    )


def process_drop(folder: Path | None = None) -> Report:
    """Import every file waiting in the drop folder and move each out of the way."""
    folder = folder or drop_dir()
    report = Report()
    if folder is None or not folder.is_dir():
        return report
    translate = bool(getattr(settings, "PRENSA_WIRE_DROP_TRANSLATE", False))
    for path in waiting_files(folder):
        result = import_file(path, None, translate)
        report.extend(result)
        target = folder / (DONE if result.ok else REFUSED)
        target.mkdir(exist_ok=True)
        moved = _free_name(target / path.name)
        path.rename(moved)
        if not result.ok:
            moved.with_name(moved.name + ".txt").write_text(
                "\n".join(o.line() for o in result.outcomes) + "\n", encoding="utf-8"
            )
        logger.info("Wire drop: %s → %s", path.name, moved)
    return report


def _free_name(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists() or candidate.with_name(candidate.name + ".txt").exists():
        candidate, n = path.with_name(f"{path.stem}-{n}{path.suffix}"), n + 1
    return candidate


@task()
def watch_drop() -> dict[str, int]:
    """Import what is in the drop folder, then come back in PRENSA_WIRE_DROP_SECONDS."""
    try:
        counts = process_drop().counts()
    finally:
        queue_watch(after=every())
    return counts


def queue_watch(after: timedelta = timedelta(0)) -> bool:
    """Queue the next look unless one is waiting (database backend, a drop folder set)."""
    if drop_dir() is None:
        return False
    if settings.TASKS.get("default", {}).get("BACKEND") != _DATABASE_BACKEND:
        return False
    from django_tasks_db.models import DBTaskResult

    results = DBTaskResult.objects.filter(task_path=watch_drop.module_path)
    if results.filter(status="READY").exists():
        return False
    # Keep an hour of finished runs: one a minute would leave 1,440 rows a day.
    results.filter(
        status="SUCCESSFUL", finished_at__lt=timezone.now() - timedelta(hours=1)
    ).delete()
    watch_drop.using(run_after=timezone.now() + after).enqueue()
    return True


def schedule_after_migrate(**kwargs: object) -> None:
    """post_migrate receiver: with a drop folder set, make sure a look is queued."""
    queue_watch()
