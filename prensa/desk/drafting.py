"""The desk's bridge to the translation pipeline (prensa.translation)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from prensa.newsroom.models import Edition, Section, Tag
from prensa.translation.fidelity import Issue, check_fidelity
from prensa.translation.glossary import Glossary, Term
from prensa.translation.memory import DatabaseMemory
from prensa.translation.models import GlossaryEntry
from prensa.translation.pipeline import MEMORY, Block, Pipeline
from prensa.translation.segmenting import split_sentences
from prensa.translation.staleness import State

from .models import HEADLINE, STANDFIRST

# What the edition's headline column holds (PostgreSQL refuses more; SQLite would not say).
MAX_HEADLINE_CHARS = Edition._meta.get_field("headline").max_length


@dataclass(frozen=True)
class Draft:
    """Machine drafts of some blocks: text, where it came from, fidelity issues, and similar
    approved sentences from the translation memory (fuzzy matches), per block."""

    texts: list[str]
    origins: list[State]
    issues: list[list[dict[str, str]]]
    suggestions: list[list[dict[str, object]]]


def _kind(position: int) -> str:
    return {HEADLINE: "headline", STANDFIRST: "standfirst"}.get(position, "body")


def glossary_for(source: str, target: str) -> Glossary:
    """The newsroom's glossary plus multi-word section and tag names, which must match the site.

    Single-word names ("Water", "Energy") are ordinary words in running text; forcing them
    as fixed renderings would break the sentence's grammar, so only names such as
    "Middle East" are added.
    """
    glossary = GlossaryEntry.objects.for_pair(source, target).glossary()
    taxonomy = [
        Term(named.name_in(source), named.name_in(target), source, target)
        for model in (Section, Tag)
        for named in model.objects.all()
        if " " in named.name_in(source).strip() and named.name_in(source) != named.name_in(target)
    ]
    return Glossary([*glossary.terms, *taxonomy])


def check_pair(source: str, target: str) -> None:
    """Raise `UnsupportedPair` (a TranslationError) when no engine serves the pair."""
    Pipeline().engines_for(source, target)


def batch_size() -> int:
    """Paragraphs sent to the engine at a time (`PRENSA_DRAFT_BATCH_PARAGRAPHS`)."""
    return max(1, settings.PRENSA_DRAFT_BATCH_PARAGRAPHS)


def machine_draft(
    blocks: list[str],
    source: str,
    target: str,
    positions: list[int] | None = None,
    progress: Callable[[], None] | None = None,
) -> Draft:
    """Translate `blocks` with memory, glossary and engines; raises TranslationError, never half.

    The blocks go to the engine in batches; `progress` is called after each one. A headline
    (position 0) longer than the edition can hold is cut and flagged (`_fit_headline`).
    """
    if not blocks:
        return Draft([], [], [], [])
    positions = positions if positions is not None else [2] * len(blocks)
    pipeline = Pipeline(memory=DatabaseMemory(), glossary=glossary_for(source, target))
    items = [Block(_kind(p), text) for p, text in zip(positions, blocks, strict=True)]
    non_empty = [item for item in items if item.text.strip()]
    translated, checked = [], []
    size = batch_size()
    for start in range(0, len(non_empty), size):
        translation = pipeline.translate_blocks(non_empty[start : start + size], source, target)
        translated.extend(translation.blocks)
        checked.extend(translation.report.paragraphs)
        if progress is not None:
            progress()
    done, checks = iter(translated), iter(checked)
    texts, origins, issues, suggestions = [], [], [], []
    for item in items:
        if not item.text.strip():
            texts.append("")
            origins.append(State.MACHINE)
            issues.append([])
            suggestions.append([])
            continue
        block, check = next(done), next(checks)
        from_memory = bool(block.segments) and all(s.origin == MEMORY for s in block.segments)
        texts.append(block.text)
        origins.append(State.MEMORY if from_memory else State.MACHINE)
        issues.append([issue_dict(i) for i in check.issues])
        suggestions.append(
            [
                {"source": m.source_text, "target": m.target_text, "score": round(m.score, 2)}
                for segment in block.segments
                for m in segment.suggestions[:2]
            ]
        )
    draft = Draft(texts, origins, issues, suggestions)
    _fit_headline(draft, positions)
    return draft


def _fit_headline(report: Draft, positions: list[int]) -> None:
    """A machine headline longer than an edition's headline may be is cut at a word, and
    flagged: a runaway engine must not make the draft fail (or, on SQLite, pass unseen)."""
    if HEADLINE not in positions:
        return
    i = positions.index(HEADLINE)
    text = report.texts[i]
    if len(text) <= MAX_HEADLINE_CHARS:
        return
    cut = text[: MAX_HEADLINE_CHARS - 1].rsplit(" ", 1)[0].rstrip() + "…"
    report.texts[i] = cut
    report.issues[i] = [
        *report.issues[i],
        {
            "check": "length",
            "message": f"the engine's headline had {len(text)} characters and was cut to "
            f"{len(cut)}",
            "missing": [],
        },
    ]


def issue_dict(issue: Issue) -> dict:
    """A fidelity issue as stored: the check, its English message, what is missing (from
    which the desk words the message in the translator's language), and the words to mark
    in the source and in the translation."""
    return {
        "check": issue.check,
        "message": issue.message,
        "missing": list(issue.missing),
        "source_spans": list(issue.source_spans),
        "target_spans": list(issue.target_spans),
    }


def block_issues(source_text: str, target_text: str, source: str, target: str) -> list[dict]:
    """Fidelity issues of one block after a person edited it."""
    if not source or not source_text.strip():
        return []
    report = check_fidelity([source_text], [target_text], source, target)
    return [issue_dict(i) for p in report.paragraphs for i in p.issues]


def edition_issues(source: Edition, target: Edition) -> list[dict]:
    """Fidelity issues between two editions as readers see them, with block positions."""
    source_blocks, target_blocks = source.blocks(), target.blocks()
    report = check_fidelity(
        source_blocks,
        target_blocks,
        source.language,
        target.language,
        kinds=[_kind(i) for i in range(len(source_blocks))],
    )
    issues: list[dict] = [issue_dict(i) for i in report.issues]
    for paragraph in report.paragraphs:
        for issue in paragraph.issues:
            issues.append({"position": paragraph.index, **issue_dict(issue)})
    return issues


def remember(source_text: str, target_text: str, source: str, target: str) -> None:
    """Put an approved block into the translation memory, sentence by sentence when they align."""
    if not source_text.strip() or not target_text.strip():
        return
    memory = DatabaseMemory()
    source_sentences = [s.text for s in split_sentences(source_text, source)]
    target_sentences = [s.text for s in split_sentences(target_text, target)]
    if len(source_sentences) == len(target_sentences) > 1:
        for s, t in zip(source_sentences, target_sentences, strict=True):
            memory.add(s, t, source, target)
    else:
        memory.add(source_text, target_text, source, target)
