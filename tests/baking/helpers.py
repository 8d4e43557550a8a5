from __future__ import annotations

from pathlib import Path

from prensa.newsroom.models import Edition, Story
from tests.factories import make_story, make_tag


def baked(bake_dir: Path, path: str) -> Path | None:
    """The file nginx would serve for URL `path`, if any (see deploy/nginx)."""
    base = bake_dir / path.lstrip("/")
    if not path.endswith("/"):
        return base if base.is_file() else None
    for name in ("index.html", "index.rss", "index.atom", "index.xml"):
        if (base / name).is_file():
            return base / name
    return None


def ready_story(**kwargs) -> Story:  # type: ignore[no-untyped-def]
    """A story in three languages, ready to publish, tagged."""
    kwargs.setdefault("tags", (make_tag(),))
    return make_story(status=Edition.Status.READY, **kwargs)
