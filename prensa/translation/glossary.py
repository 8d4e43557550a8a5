"""The glossary: required renderings of terms, and do-not-translate entries.

A term (`Middle East` → `Oriente Médio`) must come out as its rendering; a
do-not-translate entry (`Nour Al-Din Al-Zenki`, `Reuters`) must come out as
written. Both are matched case-sensitively on word boundaries, longest first,
and handed to the engine as kept pieces.

The pipeline takes any `Glossary`; build one from entries, from a TOML file
(`Glossary.from_toml`) or from the database
(`GlossaryEntry.objects.for_pair(source, target).glossary()` in models.py, which
uses this module, never the reverse).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from prensa.translation.errors import InvalidSource


@dataclass(frozen=True)
class Term:
    """One glossary entry. `source`/`target` of `None` apply to every language."""

    term: str
    rendering: str = ""
    source: str | None = None
    target: str | None = None
    do_not_translate: bool = False

    def applies_to(self, source: str, target: str) -> bool:
        return self.source in (None, source) and self.target in (None, target)

    def rendering_for(self) -> str:
        return self.term if self.do_not_translate or not self.rendering else self.rendering


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: Term

    @property
    def rendering(self) -> str:
        return self.term.rendering_for()


class Glossary:
    """A set of terms, matched in text for one language pair."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        self.terms = tuple(t for t in terms if t.term.strip())
        self._patterns: dict[tuple[str, str], tuple[re.Pattern[str] | None, dict[str, Term]]] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def for_pair(self, source: str, target: str) -> list[Term]:
        return [t for t in self.terms if t.applies_to(source, target)]

    def find(self, text: str, source: str, target: str) -> list[TermMatch]:
        """Non-overlapping glossary matches in `text`, left to right (longest term wins)."""
        pattern, by_text = self._pattern(source, target)
        if pattern is None:
            return []
        return [TermMatch(m.start(), m.end(), by_text[m[0]]) for m in pattern.finditer(text)]

    def _pattern(self, source: str, target: str) -> tuple[re.Pattern[str] | None, dict[str, Term]]:
        key = (source, target)
        if key not in self._patterns:
            by_text: dict[str, Term] = {}
            # A pair-specific entry beats a general one for the same term.
            for term in sorted(self.for_pair(source, target), key=_specificity):
                by_text[term.term] = term
            if by_text:
                words = sorted(by_text, key=len, reverse=True)
                alternation = "|".join(re.escape(w) for w in words)
                pattern = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
            else:
                pattern = None
            self._patterns[key] = (pattern, by_text)
        return self._patterns[key]

    @classmethod
    def from_toml(cls, path: str | Path) -> Glossary:
        """Read a glossary file::

        keep = ["Nour Al-Din Al-Zenki", "Reuters"]   # do-not-translate, every pair

        [terms.en-pt]
        "Middle East" = "Oriente Médio"

        [terms."*-es"]                               # any source, Spanish target
        "Middle East" = "Oriente Medio"
        """
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InvalidSource(f"Cannot read the glossary {path}: {exc}") from None
        terms = [Term(name, do_not_translate=True) for name in data.get("keep", [])]
        for pair, table in data.get("terms", {}).items():
            source, sep, target = pair.partition("-")
            if not sep or not isinstance(table, dict):
                raise InvalidSource(f"Glossary {path}: [terms.{pair}] should be like [terms.en-pt]")
            for term, rendering in table.items():
                terms.append(
                    Term(
                        term,
                        str(rendering),
                        None if source == "*" else source,
                        None if target == "*" else target,
                    )
                )
        return cls(terms)


def _specificity(term: Term) -> int:
    return (term.source is not None) + (term.target is not None)
