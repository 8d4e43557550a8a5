"""Translation memory: approved segment translations, reused before any engine is asked.

An exact match (same source segment, whitespace aside) is reused as is; fuzzy
matches (similar segments) are offered to the reviewer, never used silently.

The pipeline takes any `Memory`: `InMemoryMemory` for files and benches,
`DatabaseMemory` for the newsroom (`TranslationMemoryEntry`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from prensa.translation.exchange import MemoryUnit
from prensa.translation.segmenting import normalise, segment_hash

FUZZY_THRESHOLD = 0.75
FUZZY_LIMIT = 3


@dataclass(frozen=True)
class MemoryMatch:
    """An approved translation of a segment equal (score 1.0) or similar to the one asked."""

    source_text: str
    target_text: str
    score: float
    approved_at: datetime | None = None


@dataclass(frozen=True)
class Recall:
    """What the memory knows about one segment."""

    exact: MemoryMatch | None = None
    fuzzy: tuple[MemoryMatch, ...] = field(default_factory=tuple)


class Memory(Protocol):
    """Anything the pipeline can ask for approved translations."""

    def lookup(self, segments: Sequence[str], source: str, target: str) -> list[Recall]:
        """One `Recall` per segment, in order."""
        ...


def fuzzy_matches(
    text: str, candidates: Iterable[tuple[str, str, datetime | None]]
) -> tuple[MemoryMatch, ...]:
    """The best `FUZZY_LIMIT` candidates at least `FUZZY_THRESHOLD` similar to `text`."""
    wanted = normalise(text)
    scored = []
    for source_text, target_text, approved_at in candidates:
        matcher = difflib.SequenceMatcher(None, wanted, normalise(source_text), autojunk=False)
        if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
            continue
        score = matcher.ratio()
        if FUZZY_THRESHOLD <= score < 1.0:
            scored.append(MemoryMatch(source_text, target_text, round(score, 3), approved_at))
    scored.sort(key=lambda m: m.score, reverse=True)
    return tuple(scored[:FUZZY_LIMIT])


class InMemoryMemory:
    """A translation memory held in a dict (tests, `translate-file`, benches)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str, str], tuple[str, str, datetime | None]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(
        self,
        source_text: str,
        target_text: str,
        source: str,
        target: str,
        approved_at: datetime | None = None,
    ) -> None:
        """Remember an approved translation (replacing an older one of the same segment)."""
        key = (source, target, segment_hash(source_text))
        self._entries[key] = (source_text, target_text, approved_at)

    def lookup(self, segments: Sequence[str], source: str, target: str) -> list[Recall]:
        pair_entries = [v for (s, t, _), v in self._entries.items() if (s, t) == (source, target)]
        recalls = []
        for text in segments:
            hit = self._entries.get((source, target, segment_hash(text)))
            if hit:
                recalls.append(Recall(exact=MemoryMatch(hit[0], hit[1], 1.0, hit[2])))
            else:
                recalls.append(Recall(fuzzy=fuzzy_matches(text, pair_entries)))
        return recalls


class DatabaseMemory:
    """The newsroom's translation memory, `TranslationMemoryEntry` rows.

    Exact matches come from one indexed query on the source hashes; fuzzy
    candidates are the pair's entries of similar length (at most
    `candidate_limit`, newest first), compared in Python.
    """

    def __init__(self, candidate_limit: int = 2000, fuzzy: bool = True) -> None:
        self.candidate_limit = candidate_limit
        self.fuzzy = fuzzy

    def lookup(self, segments: Sequence[str], source: str, target: str) -> list[Recall]:
        from django.db.models.functions import Length

        from prensa.translation.models import TranslationMemoryEntry

        entries = TranslationMemoryEntry.objects.filter(
            source_language=source, target_language=target
        )
        hashes = {segment_hash(text): text for text in segments}
        exact = {e.source_hash: e for e in entries.filter(source_hash__in=list(hashes))}
        recalls = []
        for text in segments:
            hit = exact.get(segment_hash(text))
            if hit:
                match = MemoryMatch(hit.source_text, hit.target_text, 1.0, hit.approved_at)
                recalls.append(Recall(exact=match))
                continue
            if not self.fuzzy:
                recalls.append(Recall())
                continue
            size = len(text)
            candidates = (
                entries.annotate(size=Length("source_text"))
                .filter(
                    size__gte=int(size * FUZZY_THRESHOLD), size__lte=int(size / FUZZY_THRESHOLD) + 1
                )
                .order_by("-approved_at")
                .values_list("source_text", "target_text", "approved_at")[: self.candidate_limit]
            )
            recalls.append(Recall(fuzzy=fuzzy_matches(text, candidates)))
        return recalls

    def add(
        self,
        source_text: str,
        target_text: str,
        source: str,
        target: str,
        approved_at: datetime | None = None,
    ) -> None:
        """Store (or replace) an approved translation; the desk calls this when a person confirms a paragraph."""
        from django.utils import timezone

        from prensa.translation.models import TranslationMemoryEntry

        TranslationMemoryEntry.objects.update_or_create(
            source_language=source,
            target_language=target,
            source_hash=segment_hash(source_text),
            defaults={
                "source_text": source_text,
                "target_text": target_text,
                "approved_at": approved_at or timezone.now(),
            },
        )

    def units(self, source: str = "", target: str = "") -> list[MemoryUnit]:
        """The entries of a pair (blank: every pair) as exchange units, oldest first."""
        from prensa.translation.models import TranslationMemoryEntry

        entries = (
            TranslationMemoryEntry.objects.for_pair(source, target)
            .order_by("source_language", "target_language", "approved_at", "pk")
            .values_list(
                "source_language", "target_language", "source_text", "target_text", "approved_at"
            )
        )
        return [MemoryUnit(*row) for row in entries.iterator()]

    def merge(self, units: Iterable[MemoryUnit]) -> tuple[int, int]:
        """Store `units` in one transaction: new sentences added, known ones replaced.

        Returns (added, replaced). Within `units`, a later unit of the same sentence
        and pair wins. Hashes are computed here: bulk writes skip the model's save().
        """
        from django.db import transaction
        from django.utils import timezone

        from prensa.translation.models import TranslationMemoryEntry

        latest: dict[tuple[str, str, str], MemoryUnit] = {}
        for unit in units:
            latest[(unit.source_language, unit.target_language, segment_hash(unit.source_text))] = (
                unit
            )
        now = timezone.now()
        with transaction.atomic():
            existing = {}
            for pair in {(s, t) for s, t, _ in latest}:
                hashes = [h for s, t, h in latest if (s, t) == pair]
                for start in range(0, len(hashes), 500):
                    for entry in TranslationMemoryEntry.objects.for_pair(*pair).filter(
                        source_hash__in=hashes[start : start + 500]
                    ):
                        existing[(*pair, entry.source_hash)] = entry
            new, changed = [], []
            for key, unit in latest.items():
                entry = existing.get(key) or TranslationMemoryEntry(
                    source_language=unit.source_language, target_language=unit.target_language
                )
                entry.source_text, entry.target_text = unit.source_text, unit.target_text
                entry.approved_at = unit.changed_at or now
                entry.rehash()
                (changed if entry.pk else new).append(entry)
            TranslationMemoryEntry.objects.bulk_create(new, batch_size=500)
            TranslationMemoryEntry.objects.bulk_update(
                changed, ["source_text", "target_text", "approved_at"], batch_size=500
            )
        return len(new), len(changed)
