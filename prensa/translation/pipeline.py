"""The translation pipeline, per source edition.

    blocks → lines → sentences (sentencex)
      → translation memory (exact match reused; fuzzy matches offered)
      → protect (markup, URLs, glossary, dates, numbers for the target locale, names)
      → engine, in batches, with the configured fallback order
      → restore kept pieces (engine-specific) → tidy spacing
      → fidelity checks

Entry points: `translate_document()` (or `Pipeline.translate()`) for a story
edition, `Pipeline.translate_blocks()` for a list of paragraphs (benches).
Nothing here needs the database unless you pass a database-backed memory or
glossary. Every failure raises a `TranslationError`; there are no partial
results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from prensa.translation import preedit, rules
from prensa.translation.cleanup import kept_piece_issues, tidy
from prensa.translation.engines import LANGUAGES, Engine, engines_for, unknown_words
from prensa.translation.errors import (
    EngineError,
    EnginesFailed,
    InvalidSource,
    UnsupportedPair,
    language_name,
)
from prensa.translation.fidelity import FidelityReport, check_fidelity
from prensa.translation.glossary import Glossary
from prensa.translation.memory import InMemoryMemory, Memory, MemoryMatch
from prensa.translation.postedit import Context, postedit
from prensa.translation.protect import Protected, ProtectionPolicy, Protector
from prensa.translation.segmenting import segment_hash, split_blocks, split_lines, split_sentences

MEMORY = "memory"


@dataclass(frozen=True)
class Block:
    """A unit of a document that is translated and checked as one paragraph."""

    kind: str  # "headline", "standfirst" or "body"
    text: str


@dataclass(frozen=True)
class Document:
    """What gets translated: an edition's headline, optional standfirst and Markdown body."""

    headline: str
    body: str
    standfirst: str = ""

    @classmethod
    def from_text(cls, text: str) -> Document:
        """A plain-text or Markdown file: first line the headline, then blank-line separated paragraphs."""
        text = text.replace("\r\n", "\n").lstrip("\ufeff").strip()
        headline, _, body = text.partition("\n")
        return cls(headline=headline.lstrip("# ").strip(), body=body.strip())

    def blocks(self) -> list[Block]:
        blocks = [Block("headline", self.headline.strip())] if self.headline.strip() else []
        if self.standfirst.strip():
            blocks.append(Block("standfirst", " ".join(self.standfirst.split())))
        blocks += [Block("body", text) for text in split_blocks(self.body)]
        return blocks


@dataclass(frozen=True)
class TranslatedSegment:
    """One sentence: its source, its translation and where the translation came from."""

    source: str
    text: str
    origin: str  # "memory" or the engine's name
    suggestions: tuple[MemoryMatch, ...] = ()  # fuzzy memory matches for the reviewer
    unknown: tuple[str, ...] = ()  # words the engine marked as not translated

    @property
    def source_hash(self) -> str:
        return segment_hash(self.source)


@dataclass(frozen=True)
class TranslatedBlock:
    """One paragraph (or headline) of a translation, with its sentences."""

    kind: str
    source: str
    text: str
    segments: tuple[TranslatedSegment, ...]
    names: tuple[str, ...] = ()  # protected names expected verbatim
    terms: tuple[str, ...] = ()  # glossary renderings expected

    @property
    def unknown(self) -> tuple[str, ...]:
        """Words the engine marked as not translated, in this paragraph."""
        return tuple(dict.fromkeys(w for s in self.segments for w in s.unknown))

    @property
    def source_hash(self) -> str:
        return segment_hash(self.source)


@dataclass(frozen=True)
class Translation:
    """A complete translation of a document and its fidelity report."""

    source_language: str
    target_language: str
    blocks: tuple[TranslatedBlock, ...]
    report: FidelityReport
    engine: str | None = None  # None when every segment came from memory

    def _kind(self, kind: str) -> list[TranslatedBlock]:
        return [b for b in self.blocks if b.kind == kind]

    @property
    def headline(self) -> str:
        return next((b.text for b in self._kind("headline")), "")

    @property
    def standfirst(self) -> str:
        return next((b.text for b in self._kind("standfirst")), "")

    @property
    def body(self) -> str:
        """The body as Markdown, blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self._kind("body"))

    def to_text(self) -> str:
        """Same layout as `Document.from_text` reads: headline, blank line, paragraphs."""
        parts = [self.headline, self.standfirst, self.body]
        return "\n\n".join(p for p in parts if p) + "\n"

    def to_dict(self) -> dict:
        return {
            "source_language": self.source_language,
            "target_language": self.target_language,
            "engine": self.engine,
            "headline": self.headline,
            "standfirst": self.standfirst,
            "body": self.body,
            "fidelity": self.report.to_dict(),
        }


@dataclass
class _Unit:
    block: int
    line: int
    prefix: str
    source: str
    after: str
    text: str = ""
    origin: str = ""
    suggestions: tuple[MemoryMatch, ...] = ()
    protected: Protected | None = None
    unknown: tuple[str, ...] = ()


@dataclass
class Pipeline:
    """The configured pipeline. Everything is optional:

    - `engines`: engines in fallback order (default: from settings per pair);
    - `memory`: a `Memory` (default: an empty in-memory one);
    - `glossary`: a `Glossary` (default: empty);
    - `policy`: what to protect (default: what the bench chose);
    - `check`: run the fidelity checks (benches turn them off);
    - `rules`: the pre- and post-editing rules to run (default: `rules.DEFAULT`).
    """

    engines: Sequence[Engine] | None = None
    memory: Memory = field(default_factory=InMemoryMemory)
    glossary: Glossary = field(default_factory=Glossary)
    policy: ProtectionPolicy = field(default_factory=ProtectionPolicy)
    check: bool = True
    rules: frozenset[str] = rules.DEFAULT

    def engines_for(self, source: str, target: str) -> list[Engine]:
        """The engines to try for a pair, in order; raises `UnsupportedPair` if none."""
        _check_pair(source, target)
        if self.engines is None:
            return engines_for(source, target)
        engines = [e for e in self.engines if e.supports(source, target)]
        if not engines:
            names = ", ".join(e.name for e in self.engines) or "none"
            raise UnsupportedPair(source, target, f"Engines given: {names}.")
        return engines

    def translate(self, document: Document, source: str, target: str) -> Translation:
        """Translate a document; raises `TranslationError` subclasses, never returns half a result."""
        if not split_blocks(document.body):
            raise InvalidSource(
                f"The {language_name(source)} source has no body; there is nothing to translate."
            )
        engines = self.engines_for(source, target)
        blocks = document.blocks()
        translated, engine = self._translate(blocks, source, target, engines)
        return self._finish(translated, source, target, engine)

    def translate_blocks(
        self, blocks: Sequence[str | Block], source: str, target: str
    ) -> Translation:
        """Translate paragraphs that are not a story (benches, tests): same steps, no headline."""
        items = [b if isinstance(b, Block) else Block("body", b) for b in blocks]
        if not any(b.text.strip() for b in items):
            raise InvalidSource("There is nothing to translate.")
        engines = self.engines_for(source, target)
        translated, engine = self._translate(items, source, target, engines)
        return self._finish(translated, source, target, engine)

    def _finish(
        self,
        blocks: list[TranslatedBlock],
        source: str,
        target: str,
        engine: str | None,
    ) -> Translation:
        report = (
            check_fidelity(
                [b.source for b in blocks],
                [b.text for b in blocks],
                source,
                target,
                kinds=[b.kind for b in blocks],
                names=[b.names for b in blocks],
                terms=[b.terms for b in blocks],
                unknown=[b.unknown for b in blocks],
                identify_language=self.check,
            )
            if self.check
            else FidelityReport(source, target, ())
        )
        if self.check:
            report = _with_kept_piece_issues(report, blocks, target)
        return Translation(source, target, tuple(blocks), report, engine)

    def _translate(
        self, blocks: Sequence[Block], source: str, target: str, engines: Sequence[Engine]
    ) -> tuple[list[TranslatedBlock], str | None]:
        units = _units(blocks, source)
        live = [u for u in units if u.source]
        recalls = self.memory.lookup([u.source for u in live], source, target)
        pending: dict[str, list[_Unit]] = {}
        for unit, recall in zip(live, recalls, strict=True):
            if recall.exact is not None:
                unit.text, unit.origin = recall.exact.target_text, MEMORY
            else:
                unit.suggestions = recall.fuzzy
                pending.setdefault(unit.source, []).append(unit)
        engine_name = None
        if pending:
            engine_name = self._run_engines(pending, source, target, engines)
        return _assemble(blocks, units), engine_name

    def _run_engines(
        self,
        pending: dict[str, list[_Unit]],
        source: str,
        target: str,
        engines: Sequence[Engine],
    ) -> str:
        texts = list(pending)
        errors: list[EngineError] = []
        # Pre-editing does not depend on the engine: done once, not once per engine tried.
        edited = [preedit.rewrite(t, source, target, self.rules) for t in texts]
        for engine in engines:
            protector = Protector(
                source,
                target,
                glossary=self.glossary,
                policy=self.policy,
                engine=engine,
                rules=self.rules,
            )
            try:
                protected = protector.protect(edited)
                outputs = engine.translate([p.segment for p in protected], source, target)
            except EngineError as error:
                errors.append(error)
                continue
            for text, guarded, output in zip(texts, protected, outputs, strict=True):
                kept = [*guarded.names, *guarded.terms]
                tidied = tidy(output, text, kept=kept, language=target)
                unknown = unknown_words(output)
                context = Context(
                    text,
                    source,
                    target,
                    guarded.segment.kept,
                    unknown,
                    getattr(engine, "portuguese_variant", "pt_BR"),
                )
                tidied = postedit(tidied, context, self.rules)
                for unit in pending[text]:
                    unit.text = tidied
                    unit.origin = engine.name
                    unit.protected = guarded
                    unit.unknown = tuple(w for w in unknown if w in tidied)
            return engine.name
        if len(errors) == 1:
            raise errors[0]
        raise EnginesFailed(source, target, errors)


def translate_document(
    document: Document,
    source: str,
    target: str,
    *,
    engines: Sequence[Engine] | None = None,
    memory: Memory | None = None,
    glossary: Glossary | None = None,
    policy: ProtectionPolicy | None = None,
) -> Translation:
    """Translate `document` from `source` to `target` with the full pipeline.

    Raises `UnsupportedPair`, `InvalidSource`, an `EngineError` subclass or
    `EnginesFailed`; returns a complete `Translation` with its fidelity report.
    """
    pipeline = Pipeline(
        engines=engines,
        memory=memory if memory is not None else InMemoryMemory(),
        glossary=glossary or Glossary(),
        policy=policy or ProtectionPolicy(),
    )
    return pipeline.translate(document, source, target)


def _with_kept_piece_issues(
    report: FidelityReport, blocks: Sequence[TranslatedBlock], target: str
) -> FidelityReport:
    """Add the flags for kept pieces caught in the source's word order (cleanup.py)."""
    paragraphs = []
    for paragraph, block in zip(report.paragraphs, blocks, strict=False):
        found = kept_piece_issues(block.text, [*block.names, *block.terms], target)
        paragraphs.append(
            replace(paragraph, issues=(*paragraph.issues, *found)) if found else paragraph
        )
    return replace(report, paragraphs=tuple(paragraphs))


def _check_pair(source: str, target: str) -> None:
    for code in (source, target):
        if code not in LANGUAGES:
            raise UnsupportedPair(
                source, target, f"'{code}' is not a publishing language ({', '.join(LANGUAGES)})."
            )
    if source == target:
        raise InvalidSource(f"The source is already in {language_name(target)}.")


def _units(blocks: Sequence[Block], source: str) -> list[_Unit]:
    units = []
    for b, block in enumerate(blocks):
        for n, line in enumerate(split_lines(block.text)):
            for sentence in split_sentences(line.text, source):
                units.append(_Unit(b, n, line.prefix, sentence.text, sentence.after))
            if not line.text.strip():
                units.append(_Unit(b, n, line.prefix, "", ""))
    return units


def _assemble(blocks: Sequence[Block], units: list[_Unit]) -> list[TranslatedBlock]:
    result = []
    for b, block in enumerate(blocks):
        mine = [u for u in units if u.block == b]
        lines: dict[int, list[_Unit]] = {}
        for unit in mine:
            lines.setdefault(unit.line, []).append(unit)
        text_lines = []
        for line_units in lines.values():
            body = "".join(u.text + u.after for u in line_units).rstrip()
            text_lines.append(line_units[0].prefix + body)
        segments = tuple(
            TranslatedSegment(u.source, u.text, u.origin, u.suggestions, u.unknown)
            for u in mine
            if u.source
        )
        names = tuple(dict.fromkeys(n for u in mine if u.protected for n in u.protected.names))
        terms = tuple(dict.fromkeys(t for u in mine if u.protected for t in u.protected.terms))
        result.append(
            TranslatedBlock(block.kind, block.text, "\n".join(text_lines), segments, names, terms)
        )
    return result
