"""Lists of teasers, newest first, paged by keyset: as fast on page 2,000 as on page 1.

A page number means counting the whole list (the paginator's COUNT(*)) and skipping
every row before the page (OFFSET): at 100,000 stories both took most of a section
page's time. Here each page is the rows just older (or newer) than a cursor, the
(published_at, id) of the last row shown, read straight off the listing index:

    /pt/cidade/                            the newest stories
    /pt/cidade/?before=1733140800000000.42  the ones published before that story
    /pt/cidade/?after=…                     the ones after it (back towards the newest)

A malformed cursor is a 404, never a 500; an old `?page=N` address goes to the list's
first page (views.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from prensa.newsroom.models import Edition

BEFORE, AFTER = "before", "after"
_CURSOR = re.compile(r"^(\d{1,20})\.(\d{1,19})$")


@dataclass
class Listing:
    """One page: its editions, and the query strings of the pages around it."""

    object_list: list[Edition]
    newer_query: str | None = None  # None: this is the first page
    older_query: str | None = None  # None: nothing older
    is_first: bool = True
    cursor_query: str = field(default="")  # this page's own query string ("" on the first)

    def __iter__(self) -> Iterator[Edition]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self.object_list[index]

    @property
    def has_previous(self) -> bool:
        return not self.is_first

    @property
    def has_next(self) -> bool:
        return self.older_query is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def cursor(edition: Edition) -> str:
    moment = edition.published_at
    micros = int(moment.timestamp()) * 1_000_000 + moment.microsecond
    return f"{micros}.{edition.pk}"


def is_cursor(value: str) -> bool:
    """Shaped like a cursor (the page cache stores only such pages)."""
    return _CURSOR.match(value) is not None


def _parse(value: str) -> tuple[datetime, int]:
    match = _CURSOR.match(value)
    if match is None:
        raise Http404("Not a page of this list")
    micros, pk = int(match[1]), int(match[2])
    try:
        moment = datetime.fromtimestamp(micros // 1_000_000, tz=UTC).replace(
            microsecond=micros % 1_000_000
        )
    except (OverflowError, OSError, ValueError):
        raise Http404("Not a page of this list") from None
    return moment, pk


def page(request: HttpRequest, editions: QuerySet[Edition], size: int) -> Listing:
    """The page of `editions` the request's cursor asks for (the newest without one)."""
    before, after = request.GET.get(BEFORE), request.GET.get(AFTER)
    if before is not None and after is not None:
        raise Http404("Not a page of this list")
    if after is not None:
        moment, pk = _parse(after)
        rows = list(
            editions.filter(published_at__gte=moment)
            .exclude(published_at=moment, pk__lte=pk)
            .order_by("published_at", "pk")[: size + 1]
        )
        if len(rows) <= size:
            # Back at the newest stories: the first page (its own address) shows them.
            return _first(editions, size)
        rows = rows[:size][::-1]
        return Listing(
            rows,
            newer_query=f"?{AFTER}={cursor(rows[0])}",
            older_query=f"?{BEFORE}={cursor(rows[-1])}",
            is_first=False,
            cursor_query=f"?{AFTER}={after}",
        )
    if before is not None:
        moment, pk = _parse(before)
        rows = list(
            editions.filter(published_at__lte=moment)
            .exclude(published_at=moment, pk__gte=pk)
            .order_by("-published_at", "-pk")[: size + 1]
        )
        if not rows:
            raise Http404("No stories before this one")
        shown = rows[:size]
        return Listing(
            shown,
            newer_query=f"?{AFTER}={cursor(shown[0])}",
            older_query=f"?{BEFORE}={cursor(shown[-1])}" if len(rows) > size else None,
            is_first=False,
            cursor_query=f"?{BEFORE}={before}",
        )
    return _first(editions, size)


def _first(editions: QuerySet[Edition], size: int) -> Listing:
    rows = list(editions.order_by("-published_at", "-pk")[: size + 1])
    shown = rows[:size]
    older = f"?{BEFORE}={cursor(shown[-1])}" if len(rows) > size else None
    return Listing(shown, older_query=older)
