"""Terminology that holds across a story.

- `term_spans`: per segment, the glossary terms of its source and their renderings
  found in its translation, for the review page to mark on both sides;
- `inconsistencies`: a glossary term rendered one way in some paragraphs of a
  translation and another way (or not at all) in others;
- `ReapplyTerm`: after a glossary entry is added or changed, open drafts take it.
  Paragraphs no person has touched are drafted again through the pipeline with the
  new glossary; a paragraph a person edited or confirmed keeps its words and gets a
  fidelity-style flag ("glossary term X now renders as Y") instead. It runs as a
  background task (`enqueue_reapply`); `affected()` lists what it would change, for
  the confirmation page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_tasks import task

from prensa.newsroom.models import Edition
from prensa.staff.access import refusal
from prensa.translation.glossary import Glossary, Term
from prensa.translation.models import GlossaryEntry
from prensa.translation.staleness import State

from . import drafting, segments
from .actions import ActionError, User
from .models import Segment

logger = logging.getLogger(__name__)

TERMINOLOGY = "terminology"  # the check name of the flag on a paragraph a person touched

# States in which no person has had a say on the paragraph yet.
UNTOUCHED_STATES = (State.MACHINE.value, State.MEMORY.value)


def _contains(text: str, phrase: str) -> bool:
    """`phrase` as whole words in `text`, case-sensitively (like the glossary's matching)."""
    return bool(phrase) and re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) is not None


def is_touched(row: Segment) -> bool:
    """A person edited, confirmed or reviewed this paragraph: the desk never rewrites it."""
    return (
        row.human_text is not None
        or row.reviewed_at is not None
        or row.state not in (*UNTOUCHED_STATES, State.STALE.value, State.MISSING.value)
    )


def _require(user: User, permission: str, language: str | None = None) -> None:
    """`None` is the system itself (the worker); people need the permission (and, for work
    in a `language`, that language assigned to them; "" is every language)."""
    message = refusal(user, permission, language)
    if message is not None:
        raise ActionError(message, status=403)


# -- marking terms on the review page ------------------------------------------------------


def term_spans(
    rows: Iterable[Segment], source: str, target: str, glossary: Glossary | None = None
) -> dict[int, dict[str, list[str]]]:
    """Per segment (by pk): the glossary terms in its source and their renderings in its text.

    The same shape as the risk flags' spans: `{"source": [...], "target": [...]}`, lists
    of strings to mark on each side. A rendering the translation lacks is not listed
    (the glossary check flags it).
    """
    glossary = glossary if glossary is not None else drafting.glossary_for(source, target)
    spans: dict[int, dict[str, list[str]]] = {}
    for row in rows:
        found = glossary.find(row.source_text, source, target)
        if not found:
            continue
        source_spans = list(dict.fromkeys(row.source_text[m.start : m.end] for m in found))
        target_spans = [
            rendering
            for rendering in dict.fromkeys(m.rendering for m in found)
            if _contains(row.text, rendering)
        ]
        spans[row.pk] = {"source": source_spans, "target": target_spans}
    return spans


# -- story-wide consistency ----------------------------------------------------------------


@dataclass(frozen=True)
class Inconsistency:
    """A glossary term of the source rendered differently across one translation."""

    term: str
    rendering: str
    with_rendering: tuple[int, ...]  # positions whose text has the glossary rendering
    without: tuple[int, ...]  # positions whose text does not
    others: tuple[str, ...] = ()  # what those probably say instead

    @property
    def paragraphs(self) -> tuple[int, ...]:
        return tuple(sorted(self.with_rendering + self.without))


def inconsistencies(
    rows: Sequence[Segment], source: str, target: str, glossary: Glossary | None = None
) -> list[Inconsistency]:
    """Glossary terms of the source whose rendering holds in some paragraphs and not others.

    A term missing its rendering everywhere is also listed when it appears in two
    paragraphs or more: the whole story then disagrees with the glossary. `others`
    names the wording those paragraphs most likely use instead (the stretch of the
    translation that looks most like the term, `listo-socorro` for `pronto-socorro`).
    """
    glossary = glossary if glossary is not None else drafting.glossary_for(source, target)
    by_term: dict[str, tuple[str, list[int], list[int]]] = {}
    for row in rows:
        if not row.text.strip():
            continue
        for match in glossary.find(row.source_text, source, target):
            term = match.term.term
            rendering, having, lacking = by_term.setdefault(term, (match.rendering, [], []))
            into = having if _contains(row.text, rendering) else lacking
            if row.position not in into:
                into.append(row.position)
    found = []
    texts = {row.position: row.text for row in rows}
    for term, (rendering, having, lacking) in by_term.items():
        if not lacking or (not having and len(lacking) < 2):
            continue
        others = _likely_wordings(term, [texts[p] for p in lacking])
        found.append(Inconsistency(term, rendering, tuple(having), tuple(lacking), others))
    return found


def _likely_wordings(term: str, texts: list[str]) -> tuple[str, ...]:
    """The stretch of words in each text most like `term` (cognates, half-translated terms)."""
    size = len(term.split())
    found: list[str] = []
    for text in texts:
        words = re.findall(r"[\w][\w'’-]*", text)
        best, score = "", 0.0
        for n in range(max(1, size - 1), size + 3):
            for i in range(len(words) - n + 1):
                candidate = " ".join(words[i : i + n])
                ratio = SequenceMatcher(None, term.lower(), candidate.lower()).ratio()
                if ratio > score:
                    best, score = candidate, ratio
        if score >= 0.6 and best not in found:
            found.append(best)
    return tuple(found)


# -- re-applying a changed term to open drafts ---------------------------------------------


@dataclass
class Affected:
    """One open translation a glossary term reaches, and what re-applying does to it."""

    edition: Edition
    redraft: list[Segment] = field(default_factory=list)  # untouched: drafted again
    flag: list[Segment] = field(default_factory=list)  # touched by a person: flagged

    @property
    def story(self):  # type: ignore[no-untyped-def]
        return self.edition.story


def open_editions() -> Q:
    """Translations still open: unpublished, or published with unconfirmed paragraphs."""
    unconfirmed = Segment.objects.exclude(state=State.REVIEWED.value).values("edition")
    return Q(translated_from__isnull=False) & (
        ~Q(status__in=Edition.LIVE_STATUSES) | Q(pk__in=unconfirmed)
    )


def affected(term: Term) -> list[Affected]:
    """Open translations whose source uses `term` in a paragraph that lacks its rendering."""
    rendering = term.rendering_for()
    editions = Edition.objects.filter(open_editions())
    if term.target:
        editions = editions.filter(language=term.target)
    if term.source:
        editions = editions.filter(translated_from__language=term.source)
    rows = (
        Segment.objects.filter(edition__in=editions, source_text__contains=term.term)
        .select_related("edition__translated_from", "edition__story")
        .order_by("edition_id", "position")
    )
    found: dict[int, Affected] = {}
    glossary = Glossary([term])
    for row in rows:
        edition = row.edition
        source = edition.translated_from.language
        if row.state == State.MISSING.value or not glossary.find(
            row.source_text, source, edition.language
        ):
            continue
        if _contains(row.text, rendering):
            continue  # already says it
        if not is_touched(row) and row.state not in UNTOUCHED_STATES:
            continue  # stale or undrafted machine text: its next draft takes the new term
        entry = found.setdefault(edition.pk, Affected(edition))
        (entry.flag if is_touched(row) else entry.redraft).append(row)
    return [a for a in found.values() if a.redraft or a.flag]


def flag_for(term: Term) -> dict:
    """The fidelity-style issue a touched paragraph gets when its term changed."""
    rendering = term.rendering_for()
    return {
        "check": TERMINOLOGY,
        "message": f"Glossary term “{term.term}” now renders as “{rendering}”.",
        "missing": [f"“{term.term}” → “{rendering}”"],
        "source_spans": [term.term],
        "target_spans": [],
    }


@dataclass
class ReapplyTerm:
    """Apply a glossary entry to the open drafts it reaches; a person's words are never rewritten."""

    entry: GlossaryEntry
    user: User = None
    redrafted: int = field(default=0, init=False)
    flagged: int = field(default=0, init=False)

    def check(self) -> list[Affected]:
        # The term reaches drafts in its target language (every language when blank).
        language = self.entry.target_language
        _require(self.user, "translation.change_glossaryentry", language)
        _require(self.user, "desk.change_segment", language)
        return affected(self.entry.as_term())

    def execute(self) -> tuple[int, int]:
        """Returns (paragraphs drafted again, paragraphs flagged)."""
        term = self.entry.as_term()
        for item in self.check():
            self._apply(item, term)
        logger.info(
            "Glossary entry %s re-applied: %d paragraphs drafted again, %d flagged",
            self.entry.pk,
            self.redrafted,
            self.flagged,
        )
        return self.redrafted, self.flagged

    def _apply(self, item: Affected, term: Term) -> None:
        edition = item.edition
        source = edition.translated_from.language
        # The engine runs before anything is written, outside the transaction.
        draft = drafting.machine_draft(
            [row.source_text for row in item.redraft],
            source,
            edition.language,
            positions=[row.position for row in item.redraft],
        )
        with transaction.atomic():
            locked = {
                row.pk: row
                for row in Segment.objects.select_for_update().filter(
                    pk__in=[r.pk for r in item.redraft + item.flag]
                )
            }
            changed = False
            for before, text, origin, issues, similar in zip(
                item.redraft,
                draft.texts,
                draft.origins,
                draft.issues,
                draft.suggestions,
                strict=True,
            ):
                row = locked.get(before.pk)
                if row is None:
                    continue  # the paragraph left the source meanwhile
                if is_touched(row) or row.machine_text != before.machine_text:
                    self._flag(row, term)  # someone got there while the engine ran
                    continue
                row.machine_text, row.state = text, origin.value
                row.issues, row.issues_acknowledged, row.suggestions = issues, False, similar
                if not _contains(text, term.rendering_for()):
                    row.issues = [*row.issues, flag_for(term)]  # e.g. a memory match won
                row.save(
                    update_fields=[
                        "machine_text",
                        "state",
                        "issues",
                        "issues_acknowledged",
                        "suggestions",
                    ]
                )
                self.redrafted += 1
                changed = True
            for before in item.flag:
                row = locked.get(before.pk)
                if row is not None:
                    self._flag(row, term)
            if changed and not edition.is_live:
                fresh = Edition.objects.get(pk=edition.pk)
                segments.compose(fresh, [row.text for row in segments.load(fresh)])
                fresh.save()

    def _flag(self, row: Segment, term: Term) -> None:
        issue = flag_for(term)
        if any(
            i.get("check") == TERMINOLOGY and i.get("missing") == issue["missing"]
            for i in row.issues
        ):
            return
        row.issues = [*row.issues, issue]
        row.issues_acknowledged = False
        row.save(update_fields=["issues", "issues_acknowledged"])
        self.flagged += 1


@task()
def reapply_term_task(entry_id: int) -> str:
    """The background half of `ReapplyTerm` (the person was checked when it was queued)."""
    entry = GlossaryEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        return "gone"
    redrafted, flagged = ReapplyTerm(entry).execute()
    return f"{redrafted} drafted again, {flagged} flagged"


def enqueue_reapply(entry: GlossaryEntry, user: User) -> list[Affected]:
    """Check the person may do it, then queue the work for the worker once this commits."""
    items = ReapplyTerm(entry, user).check()
    if not items:
        raise ActionError(_("No open translation needs this term applied."), status=409)
    transaction.on_commit(lambda: reapply_term_task.enqueue(entry.pk))
    return items
