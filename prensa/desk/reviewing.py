"""The review page's view of an edition: which paragraphs it shows, in which order, how far along.

A translator filters the paragraphs by state (or only the flagged ones), sorts them in
reading order or riskiest first (prensa.desk.risk), and after confirming one is taken to
the next paragraph that still needs a person, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prensa.lib.worddiff import word_diff

from . import risk
from .actions import source_version, text_version
from .issues import describe
from .models import Segment, SegmentState

# Filter name in the address → label; "confirmed" is stored as SegmentState.CONFIRMED.
FILTERS = {
    "machine": pgettext_lazy("paragraph filter", "machine"),
    "memory": pgettext_lazy("paragraph filter", "from memory"),
    "edited": pgettext_lazy("paragraph filter", "edited, not confirmed"),
    "confirmed": pgettext_lazy("paragraph filter", "confirmed"),
    "stale": pgettext_lazy("paragraph filter", "stale or not drafted"),
    "flagged": pgettext_lazy("paragraph filter", "flagged"),
}
SORTS = {
    "position": _("in reading order"),
    "risk": _("riskiest first"),
}


def matches(row: Segment, name: str) -> bool:
    if name == "flagged":
        return row.has_open_issues
    if name == "stale":
        return row.state in (SegmentState.STALE, SegmentState.MISSING)
    if name == "confirmed":
        return row.state == SegmentState.CONFIRMED
    return row.state == name


@dataclass(frozen=True)
class View:
    """What the translator asked to see: a filter (or none) and a sort order."""

    only: str = ""
    sort: str = "position"

    @classmethod
    def from_query(cls, query: dict) -> View:
        only = query.get("state", "")
        sort = query.get("sort", "position")
        return cls(only if only in FILTERS else "", sort if sort in SORTS else "position")

    @property
    def query(self) -> str:
        """The view as a query string ("" for the default), built only from known values."""
        params = {}
        if self.only:
            params["state"] = self.only
        if self.sort != "position":
            params["sort"] = self.sort
        return f"?{urlencode(params)}" if params else ""

    def ordered(self, rows: list[Segment]) -> list[Segment]:
        if self.sort == "risk":
            return sorted(rows, key=lambda row: (-risk.risk_score(row.issues), row.position))
        return sorted(rows, key=lambda row: row.position)

    def shown(self, rows: list[Segment]) -> list[Segment]:
        ordered = self.ordered(rows)
        return [row for row in ordered if matches(row, self.only)] if self.only else ordered

    def next_to_review(self, rows: list[Segment], after: Segment) -> Segment | None:
        """The next paragraph, in this view's order, that is not confirmed (wrapping round)."""
        ordered = self.ordered(rows)
        index = next((i for i, row in enumerate(ordered) if row.pk == after.pk), -1)
        for row in ordered[index + 1 :] + ordered[: index + 1]:
            if row.pk != after.pk and not row.is_confirmed:
                return row
        return None


@dataclass(frozen=True)
class Progress:
    confirmed: int
    total: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.confirmed == self.total


def progress(rows: list[Segment]) -> Progress:
    return Progress(sum(1 for row in rows if row.is_confirmed), len(rows))


def counts(rows: list[Segment]) -> dict[str, int]:
    return {name: sum(1 for row in rows if matches(row, name)) for name in FILTERS}


@dataclass(frozen=True)
class ReviewRow:
    """One paragraph as the review page shows it."""

    segment: Segment
    diff: SafeString | None
    kept: str | None
    terms: dict[str, list[str]] | None = None  # glossary terms per side (terminology.term_spans)

    @property
    def version(self) -> str:
        return text_version(self.segment)

    @property
    def source_version(self) -> str:
        return source_version(self.segment)

    @property
    def conflict(self) -> SafeString | None:
        """After a refused save: the person's words against the current ones, word by word."""
        if self.kept is None or self.kept.strip() == self.segment.text:
            return None
        return word_diff(self.segment.text, self.kept.strip()).html

    @property
    def risk(self) -> int:
        return risk.risk_score(self.segment.issues)

    @property
    def reasons(self) -> list[str]:
        return [describe(issue) for issue in self.segment.issues]

    def _terms(self, side: str) -> list[str]:
        return list((self.terms or {}).get(side, ()))

    @property
    def marked_source(self) -> SafeString:
        return risk.mark(
            self.segment.source_text,
            risk.spans(self.segment.issues, "source"),
            self._terms("source"),
        )

    @property
    def marked_target(self) -> SafeString | None:
        """The translation with its flagged words and glossary terms marked, or None when
        there is neither."""
        words, terms = risk.spans(self.segment.issues, "target"), self._terms("target")
        if not words and not terms:
            return None
        return risk.mark(self.segment.text, words, terms)
