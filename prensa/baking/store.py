"""The baked files on disk: written whole or not at all, removed with their compressed twins.

A page at `/pt/mundo/slug/` is the file `pt/mundo/slug/index.html` under PRENSA_BAKE_DIR
(`index.rss`, `index.atom` or `index.xml` for feeds and sitemaps, by content type); a path
that names a file (`/sitemap.xml`) is that file. Beside each sit `.gz` and `.br` twins for
nginx's gzip_static and brotli_static.

Every version of a page is first written to temporary files in its own directory, all three
of them; only when all three are complete are they renamed into place (variants first, the
plain file last), and a rename is atomic. A full or read-only disk therefore leaves the old
page served, never a half-written one. Bookkeeping (which story baked which pages, the
lock) lives in `.prensa/`, which the nginx configuration never serves.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import brotli
from django.conf import settings

EXTENSIONS = {
    "text/html": ".html",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "application/xml": ".xml",
    "text/xml": ".xml",
}
INDEX_NAMES = [f"index{ext}" for ext in dict.fromkeys(EXTENSIONS.values())]
VARIANTS = (".gz", ".br")
STATE = ".prensa"


def root() -> Path:
    return Path(settings.PRENSA_BAKE_DIR)


def extension_for(content_type: str) -> str | None:
    """The file extension a page of this Content-Type is baked under; None: not bakeable."""
    return EXTENSIONS.get(content_type.split(";")[0].strip().lower())


def files_for(path: str) -> list[Path]:
    """Every file that may hold the page at URL `path` (without variants)."""
    base = _inside(path)
    if path.endswith("/"):
        return [base / name for name in INDEX_NAMES]
    return [base]


def file_for(path: str, content_type: str) -> Path:
    base = _inside(path)
    if path.endswith("/"):
        return base / f"index{extension_for(content_type)}"
    return base


def _inside(path: str) -> Path:
    """The place of URL `path` under the bake directory; refuses anything that leaves it."""
    relative = path.lstrip("/")
    parts = relative.split("/")
    if not path.startswith("/") or any(p in ("..", ".") or p.startswith(".") for p in parts if p):
        raise ValueError(f"not a bakeable path: {path!r}")
    return root() / relative


def write(target: Path, content: bytes) -> bool:
    """Put `content` at `target` with its .gz and .br twins; False if it was already there.

    Raises OSError (disk full, read-only) with the old files untouched and no temporary
    file left behind.
    """
    try:
        if target.read_bytes() == content and all(
            target.with_name(target.name + v).exists() for v in VARIANTS
        ):
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    bodies = {
        ".gz": gzip.compress(content, compresslevel=9, mtime=0),
        # Quality 10, not 11: 3 % larger, twice as fast (a publish waits for it).
        ".br": brotli.compress(content, quality=10),
        "": content,
    }
    temporary: dict[str, str] = {}
    try:
        for suffix, body in bodies.items():
            temporary[suffix] = _write_temporary(target.parent, body)
        for suffix in (*VARIANTS, ""):  # the plain file last: nginx looks for it first
            os.replace(temporary.pop(suffix), target.with_name(target.name + suffix))
    finally:
        for leftover in temporary.values():
            with contextlib.suppress(OSError):
                os.unlink(leftover)
    return True


def _write_temporary(directory: Path, body: bytes) -> str:
    handle, name = tempfile.mkstemp(dir=directory, prefix=".bake-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.chmod(name, 0o644)  # mkstemp makes 0600; nginx runs as another user
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return name


def remove(path: str) -> bool:
    """Remove the page baked for URL `path` (plain file first, then its twins); True if any."""
    removed = False
    for plain in files_for(path):
        for suffix in ("", *VARIANTS):
            try:
                plain.with_name(plain.name + suffix).unlink()
                removed = True
            except FileNotFoundError:
                pass
    return removed


def baked_paths() -> Iterator[str]:
    """URL paths of every page baked now."""
    base = root()
    if not base.exists():
        return
    for directory, folders, names in os.walk(base):
        folders[:] = [f for f in folders if not f.startswith(".")]
        relative = Path(directory).relative_to(base)
        for name in names:
            if name.startswith(".") or name.endswith(VARIANTS):
                continue
            prefix = "/" if str(relative) == "." else f"/{relative.as_posix()}/"
            yield prefix if name in INDEX_NAMES else f"{prefix}{name}"


# -- bookkeeping ---------------------------------------------------------------------------


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """One bake at a time on this bake directory, whatever the process: a bake reads the
    database after it holds the lock, so an older bake can never write over a newer one."""
    state = root() / STATE
    try:
        state.mkdir(parents=True, exist_ok=True)
        handle = open(state / "lock", "a+b")  # noqa: SIM115
    except OSError:  # a read-only disk: lock all the same, writing the pages will fail
        handle = open(state / "lock", "rb")  # noqa: SIM115
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _manifest_file(story_id: int) -> Path:
    return root() / STATE / "stories" / f"{story_id}.json"


def read_manifest(story_id: int) -> dict:
    """What the last bake of a story did: {"started": time, "articles": [...], "pages": [...]}."""
    try:
        return json.loads(_manifest_file(story_id).read_text())
    except (OSError, ValueError):
        return {"started": 0.0, "articles": [], "pages": []}


def write_manifest(story_id: int, manifest: dict) -> None:
    target = _manifest_file(story_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    name = _write_temporary(target.parent, json.dumps(manifest).encode())
    os.replace(name, target)


def forget_manifest(story_id: int) -> None:
    with contextlib.suppress(FileNotFoundError):
        _manifest_file(story_id).unlink()
