"""The desk's front page for one person: what waits for them, in a fixed number of queries.

"For me" means: the drafts of stories they created, translations waiting for review
in the languages they work in (prensa.staff.access), translations that fell out of
date with their source, what is scheduled and what was published lately. Each list
shows its first few editions and how many there are in all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from prensa.newsroom.models import LANGUAGE_CODES, Edition
from prensa.staff.access import User, languages_for
from prensa.translation.staleness import State

from .models import Segment, SegmentState

# How many editions each list shows; the count says how many there are in all, up to
# COUNT_LIMIT ("1000+" beyond: exact counts of a large archive cost seconds).
SHOWN = 8
COUNT_LIMIT = 1000

Status = Edition.Status
OPEN_STATUSES = (Status.DRAFT, Status.IN_REVIEW, Status.READY)


@dataclass
class Shelf:
    """One list on the front page: a title, the editions shown, and how many there are."""

    key: str
    title: str | Promise
    empty: str | Promise
    editions: list[Edition] = field(default_factory=list)
    total: int = 0

    @property
    def total_label(self) -> str:
        return counted(self.total)


def counted(n: int) -> str:
    """A count as shown: exact below COUNT_LIMIT, "1000+" from there."""
    return f"{COUNT_LIMIT}+" if n >= COUNT_LIMIT else str(n)


@dataclass
class Inbox:
    shelves: list[Shelf]
    # (language, status) -> editions in that state, for the stories × languages table.
    counts: dict[tuple[str, str], int]
    languages: list[str]
    # The languages this person translates into; None means all of them.
    own_languages: frozenset[str] | None

    @property
    def table(self) -> list[tuple[str, str, list[tuple[str, int, str]]]]:
        """(state, label, [(language, count, as shown)…]) for each state with an edition."""
        present = {status for _language, status in self.counts}
        return [
            (
                value,
                label,
                [
                    (code, n := self.counts.get((code, value), 0), counted(n))
                    for code in self.languages
                ],
            )
            for value, label in Status.choices
            if value in present
        ]


def for_me(user: User) -> Inbox:
    """The front page's lists for `user`: a fixed number of queries, each bounded."""
    languages = languages_for(user)
    editions = Edition.objects.select_related("story__section").exclude(status=Status.KILLED)
    translations = editions.filter(translated_from__isnull=False)
    if languages is not None:
        translations = translations.filter(language__in=languages)
    # Driven from the paragraphs (indexed by state), not from every edition of the archive.
    out_of_date = Segment.objects.filter(state__in=[State.STALE.value, State.MISSING.value]).values(
        "edition_id"
    )
    unconfirmed = Segment.objects.filter(
        state__in=[SegmentState.MACHINE, SegmentState.MEMORY, SegmentState.EDITED]
    ).values("edition_id")
    shelves = [
        _shelf(
            "mine",
            _("My drafts"),
            _("You have no stories in progress."),
            _mine(editions, user).order_by("-modified_at", "-pk"),
        ),
        _shelf(
            "review",
            _("Waiting for review in my languages"),
            _("No translation waits for review."),
            translations.filter(pk__in=unconfirmed)
            .filter(~Q(status=Status.UNPUBLISHED))
            .exclude(pk__in=out_of_date)
            .order_by("-modified_at", "-pk"),
        ),
        _shelf(
            "stale",
            _("Stale translations"),
            _("No translation is out of date."),
            translations.filter(pk__in=out_of_date).order_by("-modified_at", "-pk"),
        ),
        _shelf(
            "scheduled",
            Status.SCHEDULED.label,
            _("Nothing is scheduled."),
            # Found through the listing index (language, status); sorted here, they are few.
            editions.filter(language__in=LANGUAGE_CODES, status=Status.SCHEDULED).order_by(),
            sort=lambda edition: (edition.published_at, edition.pk),
        ),
        _shelf(
            "published",
            _("Recently published"),
            _("Nothing has been published yet."),
            editions.filter(status__in=Edition.LIVE_STATUSES).order_by("-published_at", "-pk"),
        ),
    ]
    # Editions still in the workflow, counted exactly (few, found through the listing
    # index); live ones up to COUNT_LIMIT per language.
    working = [value for value in Status.values if value not in Edition.LIVE_STATUSES]
    counts = {
        (row["language"], row["status"]): row["n"]
        for row in Edition.objects.filter(language__in=LANGUAGE_CODES, status__in=working)
        .values("language", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    for code in LANGUAGE_CODES:
        for status in Edition.LIVE_STATUSES:
            live = Edition.objects.filter(language=code, status=status).order_by()
            if n := live[:COUNT_LIMIT].count():
                counts[(code, status)] = n
    return Inbox(shelves, counts, list(LANGUAGE_CODES), languages)


def _shelf(
    key: str,
    title: Promise,
    empty: Promise,
    editions: QuerySet[Edition],
    sort: Callable[[Edition], object] | None = None,
) -> Shelf:
    """The first SHOWN editions and how many in all, counted up to COUNT_LIMIT at most.

    A window count over "recently published" counted every edition of the archive
    (seconds at 100,000 stories); a count of a LIMITed list costs what it shows.
    `sort` orders a short list here instead of in the database (see "scheduled").
    """
    if sort is not None:
        rows = sorted(editions[:COUNT_LIMIT], key=sort)
        return Shelf(key, title, empty, rows[:SHOWN], len(rows))
    rows = list(editions[:SHOWN])
    total = len(rows) if len(rows) < SHOWN else editions[:COUNT_LIMIT].count()
    return Shelf(key, title, empty, rows, total)


def _mine(editions: QuerySet[Edition], user: User) -> QuerySet[Edition]:
    """Source editions, not yet published, of the stories `user` created."""
    if user is None or not user.is_authenticated:
        return editions.none()  # the system and anonymous have no drafts of their own
    return editions.filter(
        story__created_by=user, translated_from__isnull=True, status__in=OPEN_STATUSES
    )
