"""Reader pages at archive scale: latency and queries at 10 stories and at 100,000.

Builds two throw-away archives with `prensa generate-archive` (10 stories, then
--stories, default 100,000: three editions each, long-tail tags, comments) and
requests home, section (first page and deep in the archive), a common and a rare
tag, search, an article and the sitemap index uncached (PRENSA_PAGE_CACHE=0),
through the whole middleware stack with Django's test client. Prints p50/p99 in
ms and the queries per page at both sizes, so constant query counts show.

    .venv/bin/python bench/archive_scale.py [--stories 100000] [--requests 30]
    DATABASE_URL=postgres://… .venv/bin/python bench/archive_scale.py   # an empty PostgreSQL

Building 100,000 stories takes ~7 minutes on SQLite (2 cores).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def build(url: str, stories: int) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "prensa.settings.dev"}
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run(  # noqa: S603 (our own manage.py)
        [*manage, "generate-archive", "--stories", str(stories), "--batch", "5000"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def measure(url: str, requests: int) -> dict[str, tuple[float, float, int]]:
    """Run in a child process so each archive gets a fresh Django."""
    code = f"""
import os, sys, json, statistics, time
sys.path.insert(0, {str(ROOT)!r})
os.environ.update(DATABASE_URL={url!r}, DJANGO_SETTINGS_MODULE="prensa.settings.dev",
                  DEBUG="0", PRENSA_PAGE_CACHE="0", ALLOWED_HOSTS="127.0.0.1")
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from prensa.newsroom.models import Edition, Section, Tag
from prensa.public.listing import cursor
client = Client()
from django.db.models import Count
section = (
    Section.objects.filter(slug_en__startswith="archive-")
    .annotate(n=Count("editions")).order_by("-n").first()
)
section_url = section.get_absolute_url("pt")
editions = Edition.objects.published().filter(language="pt", section=section)
deep = editions.order_by("-published_at", "-pk")[min(editions.count() // 2, 40000) :].first()
tags = list(Tag.objects.filter(slug_en__startswith="archive-tag-").order_by("pk"))
pages = {{
    "home": "/pt/",
    "section": section_url,
    "section, deep": f"{{section_url}}?before={{cursor(deep)}}",
    "tag, common": tags[0].get_absolute_url("pt"),
    "tag, rare": tags[-1].get_absolute_url("pt"),
    "search": "/pt/busca/?q=moradores",
    "article": Edition.objects.published().filter(language="pt").order_by("-pk").first().get_absolute_url(),
    "sitemap index": "/sitemap.xml",
}}
out = {{}}
for name, path in pages.items():
    client.get(path, HTTP_HOST="127.0.0.1")
    times = []
    for _ in range({requests}):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    out[name] = (statistics.median(times), times[int(len(times) * 0.99) - 1], len(queries))
print(json.dumps(out))
"""
    result = subprocess.run(  # noqa: S603 (the measuring code above)
        [PYTHON, "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    given = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as tmp:
        if given.startswith("postgres"):
            sizes = {args.stories: given}
            print("PostgreSQL: measuring one archive (the database must start empty).")
        else:
            sizes = {
                10: f"sqlite:///{tmp}/small.sqlite3",
                args.stories: f"sqlite:///{tmp}/large.sqlite3",
            }
        figures = {}
        for stories, url in sizes.items():
            started = time.monotonic()
            build(url, stories)
            print(f"built {stories:,} stories in {time.monotonic() - started:.0f} s")
            figures[stories] = measure(url, args.requests)
    columns = list(figures)
    print()
    header = " | ".join(f"{n:,} stories: p50 / p99 ms, queries" for n in columns)
    print(f"| page | {header} |")
    print("| --- |" + " ---: |" * len(columns))
    for page in figures[columns[-1]]:
        cells = " | ".join(
            f"{figures[n][page][0]:.1f} / {figures[n][page][1]:.1f}, {figures[n][page][2]}"
            for n in columns
        )
        print(f"| {page} | {cells} |")


if __name__ == "__main__":
    main()
