"""Fidelity checks between a source and its translation, paragraph by paragraph.

`check_fidelity()` is a pure function: it takes the source and target
paragraphs (headline and standfirst count as paragraphs too) and returns a
`FidelityReport` with one `ParagraphCheck` per source paragraph. Checks:

- `paragraphs`: the translation has as many paragraphs as the source;
- `empty`: no paragraph (or sentence) of the translation is empty;
- `numbers`: every number, amount, percentage, year and ordinal of the source
  paragraph appears in the translation, read in each language's convention
  (`250,000` ↔ `250.000`, `1.2 billion` ↔ `1.200 millones`);
- `dates`: every month and weekday named in the source is named in the
  translation (`March` ↔ `marzo`, `Tuesday` ↔ `terça-feira`);
- `names`: protected names come out exactly as written;
- `glossary`: required glossary renderings are present;
- `quotes`: a paragraph with quotation marks keeps them (and so its attribution);
- `language`: no sentence is left in the source language;
- the risk flags of `flags.py`: words of the source or pivot language left in
  (`untranslated`, `pivot`), words no dictionary knows (`unknown`), words the
  engine itself could not translate (`engine`), names that did not come through
  (added to `names`), numbers glued to words (`glued`).

The desk shows failed checks next to the paragraph and blocks confirming it
until they are acknowledged (part B); nothing here touches the database.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import cache

from prensa.translation.flags import CALENDAR, NOT_PROSE, risk_flags
from prensa.translation.numbers import MONTHS, WEEKDAYS, calendar_words, quantities
from prensa.translation.segmenting import normalise, split_sentences

CHECKS = (
    "paragraphs",
    "empty",
    "numbers",
    "dates",
    "names",
    "glossary",
    "quotes",
    "attribution",
    "language",
    "untranslated",
    "pivot",
    "unknown",
    "engine",
    "glued",
)
_QUOTES = re.compile(r"[\"“”«»„]")

# A person or organisation named as a speaker: capitalised words, with the particles of
# transliterated and Iberian names ("Nour Al-Din Al-Zenki", "Maria da Silva").
_UPPER = "A-ZÁÉÍÓÚÂÊÔÃÕÇÑÜ"
# The lookbehind starts a name only where a word starts: without it, a long run of
# capitals was tried from every letter, each try reading to the run's end (quadratic).
_NAME = (
    rf"(?<![\w'’-])[{_UPPER}][\w'’-]+"
    rf"(?:\s+(?:(?:de|da|do|dos|das|del|la|bin|ibn|van|von)\s+)?[{_UPPER}][\w'’-]+){{0,4}}"
)
_SPEECH = {
    "en": "said|says|told|tells|added|adds|explained|asked|warned|wrote|stated",
    "pt": "disse|diz|afirmou|afirma|declarou|acrescentou|explicou|contou|perguntou|alertou|escreveu",
    "es": "dijo|dice|afirmó|afirma|declaró|añadió|agregó|explicó|contó|preguntó|advirtió|escribió",
}
_ACCORDING = {"en": "according to", "pt": "segundo|de acordo com", "es": "según|de acuerdo con"}
_LINKS = {"en": "", "pt": r"(?:(?:à|ao|a|o|aos|às)\s+)?", "es": r"(?:(?:a|al|el|la)\s+)?"}
# Words that start a capitalised run but are not names.
# An opening mark ends the search for its closing one, so an unclosed run of marks is
# read once, not once per mark.
_QUOTED = re.compile(r"“[^“”]*”|«[^«»]*»|\"[^\"]*\"|„[^„“”]*[“”]")
_NOT_NAMES = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "this",
    "ele",
    "ela",
    "eles",
    "elas",
    "o",
    "os",
    "as",
    "um",
    "uma",
    "seu",
    "sua",
    "él",
    "ella",
    "ellos",
    "ellas",
    "el",
    "la",
    "los",
    "las",
    "un",
    "una",
    "su",
}


def speakers(text: str, language: str) -> list[str]:
    """Names a quote is attributed to in `text` ("…,” Hamadani told Prensa Wire.").

    Only names next to a speech verb or "according to" count, or separated from the verb
    by an apposition between commas ("Ammar Al-Selmo, the head of the rescue service,
    told Reuters"); weekday and month names and short acronyms (UN → ONU) are left out
    because translations rightly change them.
    """
    if language not in _SPEECH:
        return []
    verbs, link = _SPEECH[language], _LINKS[language]
    patterns = [
        rf"(?P<name>{_NAME})\s+(?:{verbs})\b",
        rf"(?P<name>{_NAME}),\s(?:[^,.;:“”«»\"]{{3,120}}),\s+(?:{verbs})\b",
        rf"\b(?:{verbs}|{_ACCORDING[language]})\s+{link}(?P<name>{_NAME})",
    ]
    outside_quotes = _QUOTED.sub(" … ", text)  # "People told me…" inside a quote is no attribution
    found: list[str] = []
    for pattern in patterns:
        for match in re.finditer(pattern, outside_quotes):
            words = match["name"].split()
            while words and words[0].lower() in _NOT_NAMES:
                words.pop(0)
            name = " ".join(words).strip("'’-")
            if not name or name.lower() in CALENDAR:
                continue
            if name.isupper() and len(name) <= 5:
                continue
            found.append(name)
    return list(dict.fromkeys(found))


_WORD = re.compile(r"[^\W\d_]{2,}")
# A sentence needs this many words before language identification is trusted.
MIN_WORDS_FOR_LANGUAGE = 6
LANGUAGE_CONFIDENCE = 0.95
# Spanish and Portuguese share most of their spelling; ask for more certainty.
CLOSE_LANGUAGE_CONFIDENCE = 0.995


@dataclass(frozen=True)
class Issue:
    """One failed check: which, a message for the reviewer, and what is missing.

    `source_spans` and `target_spans` are the words to mark on each side.
    """

    check: str
    message: str
    missing: tuple[str, ...] = ()
    source_spans: tuple[str, ...] = ()
    target_spans: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParagraphCheck:
    """The checks of one paragraph; `index` counts from 0 over the whole document."""

    index: int
    kind: str
    source: str
    target: str
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.issues


@dataclass(frozen=True)
class FidelityReport:
    """Every paragraph's checks plus document-level issues (paragraph count)."""

    source_language: str
    target_language: str
    paragraphs: tuple[ParagraphCheck, ...]
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.issues and all(p.ok for p in self.paragraphs)

    @property
    def failed(self) -> list[ParagraphCheck]:
        return [p for p in self.paragraphs if not p.ok]

    def to_dict(self) -> dict:
        """A JSON-ready dict (used by `translate-file --json` and the desk)."""
        return {
            "source_language": self.source_language,
            "target_language": self.target_language,
            "ok": self.ok,
            "issues": [_issue_dict(i) for i in self.issues],
            "paragraphs": [
                {
                    "index": p.index,
                    "kind": p.kind,
                    "ok": p.ok,
                    "issues": [_issue_dict(i) for i in p.issues],
                }
                for p in self.paragraphs
            ],
        }

    def summary(self) -> str:
        """Human-readable lines: one per failed paragraph and issue."""
        lines = [
            f"{self.source_language} → {self.target_language}: "
            + (
                "all checks passed"
                if self.ok
                else f"{len(self.failed) + len(self.issues)} problem(s)"
            )
        ]
        lines += [f"  document: {issue.message}" for issue in self.issues]
        for p in self.failed:
            for issue in p.issues:
                lines.append(f"  {p.kind} {p.index + 1}: {issue.message}")
        return "\n".join(lines)


def _issue_dict(issue: Issue) -> dict:
    return {
        **asdict(issue),
        "missing": list(issue.missing),
        "source_spans": list(issue.source_spans),
        "target_spans": list(issue.target_spans),
    }


def check_fidelity(
    source_paragraphs: Sequence[str],
    target_paragraphs: Sequence[str],
    source_language: str,
    target_language: str,
    *,
    kinds: Sequence[str] | None = None,
    names: Sequence[Sequence[str]] | None = None,
    terms: Sequence[Sequence[str]] | None = None,
    unknown: Sequence[Sequence[str]] | None = None,
    identify_language: bool = True,
) -> FidelityReport:
    """Compare a source with its translation; returns a report, never raises for bad text.

    `kinds` labels each paragraph ("headline", "body"...); `names[i]` and
    `terms[i]` are the protected names and glossary renderings expected in
    paragraph i, `unknown[i]` the words the engine marked as not translated.
    Extra target paragraphs only count against the paragraph check.
    `identify_language=False` skips the costly checks (language identification,
    dictionaries), as the benches do.
    """
    doc_issues = []
    if len(source_paragraphs) != len(target_paragraphs):
        doc_issues.append(
            Issue(
                "paragraphs",
                f"the source has {len(source_paragraphs)} paragraphs, "
                f"the translation {len(target_paragraphs)}",
            )
        )
    checks = []
    for i, source in enumerate(source_paragraphs):
        target = target_paragraphs[i] if i < len(target_paragraphs) else ""
        issues = _paragraph_issues(
            source,
            target,
            source_language,
            target_language,
            names[i] if names and i < len(names) else (),
            terms[i] if terms and i < len(terms) else (),
            identify_language,
            unknown[i] if unknown and i < len(unknown) else (),
        )
        kind = kinds[i] if kinds and i < len(kinds) else "paragraph"
        checks.append(ParagraphCheck(i, kind, source, target, tuple(issues)))
    return FidelityReport(source_language, target_language, tuple(checks), tuple(doc_issues))


def _paragraph_issues(
    source: str,
    target: str,
    source_language: str,
    target_language: str,
    names: Sequence[str],
    terms: Sequence[str],
    identify_language: bool,
    unknown: Sequence[str] = (),
) -> list[Issue]:
    if not target.strip():
        return [Issue("empty", "the translation of this paragraph is empty")]
    issues = []
    empty = [s for s in re.split(r"\n\s*\n", target) if not s.strip()]
    if empty:
        issues.append(Issue("empty", "the translation has an empty segment"))

    source_numbers = quantities(source, source_language)
    target_numbers = quantities(target, target_language)
    # Sets, not a comparison of every pair: a paragraph of numbers is checked in linear time.
    values = {t.value for t in target_numbers}
    scaled = {t.scaled for t in target_numbers}
    missing = [q.text for q in source_numbers if q.value not in values and q.scaled not in scaled]
    missing += _missing_number_words(source, target, source_language, target_language, values)
    if missing:
        issues.append(Issue("numbers", f"numbers missing: {', '.join(missing)}", tuple(missing)))

    wanted = calendar_words(source, source_language)
    present = {(kind, index) for kind, _, index in calendar_words(target, target_language)}
    missing_dates = [
        f"{word} ({_calendar_name(kind, index, target_language)})"
        for kind, word, index in wanted
        if (kind, index) not in present
    ]
    if missing_dates:
        issues.append(
            Issue(
                "dates",
                f"months or weekdays missing: {', '.join(missing_dates)}",
                tuple(missing_dates),
            )
        )

    normalised_target = normalise(target)
    flags = (
        risk_flags(source, target, source_language, target_language, renderings=(*names, *terms))
        if identify_language
        else []
    )
    lost = [n for n in dict.fromkeys(names) if normalise(n) not in normalised_target]
    lost += [n for f in flags if f.kind == "name" for n in f.source_spans if n not in lost]
    if lost:
        issues.append(
            Issue(
                "names",
                f"names changed or missing: {', '.join(lost)}",
                tuple(lost),
                source_spans=tuple(lost),
            )
        )
    absent = [t for t in dict.fromkeys(terms) if normalise(t) not in normalised_target]
    if absent:
        issues.append(
            Issue("glossary", f"glossary renderings missing: {', '.join(absent)}", tuple(absent))
        )

    if _QUOTES.search(source) and len(_QUOTES.findall(target)) < len(_QUOTES.findall(source)):
        issues.append(Issue("quotes", "quotation marks were lost; check the quote's attribution"))
    if _QUOTES.search(source):
        # Word by word: a translation may reorder "told Prensa Wire Renata Bastos".
        target_words = set(re.findall(r"[\w'’-]+", normalised_target))
        unattributed = [
            name
            for name in speakers(source, source_language)
            if any(word not in target_words for word in name.split() if len(word) > 2)
        ]
        if unattributed:
            issues.append(
                Issue(
                    "attribution",
                    f"the quote's attribution changed: {', '.join(unattributed)} not found",
                    tuple(unattributed),
                )
            )

    issues += [
        Issue(f.kind, f.message, f.target_spans, f.source_spans, f.target_spans)
        for f in flags
        if f.kind != "name"
    ]
    flagged = {word for f in flags for word in f.target_spans}
    marked = [w for w in dict.fromkeys(unknown) if w not in flagged and w in target]
    if marked:
        issues.append(
            Issue(
                "engine",
                f"the engine could not translate: {', '.join(marked)}",
                tuple(marked),
                target_spans=tuple(marked),
            )
        )

    if identify_language and source_language != target_language:
        untranslated = _untranslated_sentences(
            source, target, source_language, target_language, names
        )
        if untranslated:
            issues.append(
                Issue(
                    "language",
                    f"{len(untranslated)} sentence(s) still in the source language",
                    tuple(untranslated),
                )
            )
    return issues


# Small numbers written as words ("six-year-old", "três filhos"): a draft that loses
# one loses a figure. "One" and its forms are left out: they are also articles.
_NUMBER_WORDS = {
    "en": "two three four five six seven eight nine ten eleven twelve",
    "pt": "dois|duas três quatro cinco seis sete oito nove dez onze doze",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce",
}
_NUMBER_VALUES = {
    language: {word: n for n, words in enumerate(row.split(), start=2) for word in words.split("|")}
    for language, row in _NUMBER_WORDS.items()
}


def _number_words(text: str, language: str) -> list[tuple[str, int]]:
    table = _NUMBER_VALUES.get(language, {})
    return [
        (word, table[word.lower()])
        for word in re.findall(r"(?<![\w-])[^\W\d_]+(?![\w])", text)
        if word.lower() in table
    ]


def _missing_number_words(
    source: str, target: str, source_language: str, target_language: str, figures: set[Decimal]
) -> list[str]:
    """Number words of the source found neither as words nor as figures in the target."""
    present = {n for _, n in _number_words(target, target_language)}
    present |= {int(v) for v in figures if v == v.to_integral_value()}
    return list(
        dict.fromkeys(
            word for word, n in _number_words(source, source_language) if n not in present
        )
    )


def _calendar_name(kind: str, index: int, language: str) -> str:
    return (MONTHS if kind == "month" else WEEKDAYS)[language][index]


def _untranslated_sentences(
    source: str,
    target: str,
    source_language: str,
    target_language: str,
    names: Sequence[str] = (),
) -> list[str]:
    source_sentences = {normalise(s.text) for s in split_sentences(source, source_language)}
    found = []
    for sentence in split_sentences(target, target_language):
        text = sentence.text
        prose = NOT_PROSE.sub(" ", text)
        for name in names:
            prose = prose.replace(name, " ")
        words = _WORD.findall(prose)
        if len(words) < 3:
            continue
        if normalise(text) in source_sentences and len(words) >= 3:
            found.append(text)
            continue
        if len(words) < MIN_WORDS_FOR_LANGUAGE:
            continue
        language, confidence = _identifier(source_language, target_language).classify(prose)
        close = {source_language, target_language} == {"es", "pt"}
        threshold = CLOSE_LANGUAGE_CONFIDENCE if close else LANGUAGE_CONFIDENCE
        if language == source_language and confidence >= threshold:
            found.append(text)
    return found


@cache
def _model():  # type: ignore[no-untyped-def]
    """py3langid's model, loaded once (~0.7 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _identifier(*languages: str):  # type: ignore[no-untyped-def]
    """The language identifier restricted to the pair being checked."""
    identifier = copy.copy(_model())
    identifier.set_languages(sorted(set(languages)))
    return identifier
