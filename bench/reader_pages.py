"""Reader pages: requests per second through Django, in-process, on the demo newsroom.

Requests home, section, tag and article pages many times with Django's test
client (full middleware stack, templates, queries; no network) and prints
requests per second for each, rendered (page cache off) and stored (the page
cache serving what it keeps), plus the ratio to a minimal Django view on the
same stack, so the figures say what Prensa's pages cost on top of Django
itself. A throw-away SQLite database holds the demo content.

    .venv/bin/python bench/reader_pages.py [--requests 300]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from functools import partial
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _count(log: list[str], execute, sql, params, many, context):  # type: ignore[no-untyped-def]
    log.append(sql)
    return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    args = parser.parse_args()

    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prensa.settings.test")
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path

    from prensa.newsroom.models import Edition, Section, Tag

    call_command("migrate", verbosity=0)
    call_command("demo", "--no-migrate", stdout=StringIO())

    def minimal(request):  # type: ignore[no-untyped-def]
        return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")

    import prensa.urls

    urlpatterns = [path("bench-minimal/", minimal), *prensa.urls.urlpatterns]
    module = type(sys)("bench_urls")
    module.urlpatterns = urlpatterns  # type: ignore[attr-defined]
    sys.modules["bench_urls"] = module

    client = Client()
    article = Edition.objects.published().filter(language="pt").order_by("-published_at").first()
    pages = {
        "minimal Django view": "/bench-minimal/",
        "home (pt)": "/pt/",
        "section (es)": Section.objects.first().get_absolute_url("es"),
        "tag (en)": Tag.objects.get(slug_en="water").get_absolute_url("en"),
        "article (pt)": article.get_absolute_url(),
    }

    def measure(url: str) -> tuple[float, int]:
        assert client.get(url).status_code == 200, url
        queries: list[str] = []
        with connection.execute_wrapper(partial(_count, queries)):
            client.get(url)
        started = time.perf_counter()
        for _ in range(args.requests):
            client.get(url)
        return args.requests / (time.perf_counter() - started), len(queries)

    results = {}
    for name, url in pages.items():
        with override_settings(ROOT_URLCONF="bench_urls", PRENSA_PAGE_CACHE=False):
            rendered = measure(url)
        with override_settings(ROOT_URLCONF="bench_urls", PRENSA_PAGE_CACHE=True):
            stored = measure(url)
        results[name] = (*rendered, *stored)

    baseline = results["minimal Django view"][0]
    print("Rendered: page cache off. Stored: the page cache serving what it keeps.")
    print(
        f"{'page':<22} {'rendered':>9} {'queries':>8} {'vs minimal':>11}"
        f" {'stored':>8} {'queries':>8} {'vs minimal':>11}"
    )
    for name, (rate, queries, stored_rate, stored_queries) in results.items():
        print(
            f"{name:<22} {rate:>9.0f} {queries:>8} {rate / baseline:>11.2f}"
            f" {stored_rate:>8.0f} {stored_queries:>8} {stored_rate / baseline:>11.2f}"
        )


if __name__ == "__main__":
    main()
