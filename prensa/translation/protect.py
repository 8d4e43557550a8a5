"""What the engine must not change, and what it must render a given way.

For each source sentence the protector finds spans, in priority order:

1. Markdown inline markup (code spans, link targets, emphasis markers);
2. URLs, e-mail addresses, @handles and #hashtags;
3. glossary matches: do-not-translate entries (kept as written) and terms
   (kept as their required rendering);
4. dates, months and weekdays the engine renders badly (`on 12 March 1982` →
   `em 12 de março de 1982`, `on Tuesday` → `el martes`, `el martes` → `on Tuesday`);
5. numbers rewritten for the target locale (`250,000` → `250.000`, `3.5` →
   `3,5`), and Spanish/Portuguese ordinals for English (`21.º` → `21st`);
6. multi-word proper names the engine would mangle (see `ProtectionPolicy`).

Spans become `Keep` pieces of the segment sent to the engine (or, for numbers
with `numbers="inline"`, are substituted into the text so the engine still
sees a number it can agree with).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from prensa.translation import gazetteer, places, preedit
from prensa.translation.engines import Engine, Keep, Piece, Segment, WordStatus
from prensa.translation.glossary import Glossary
from prensa.translation.numbers import (
    calendar_phrases,
    find_numbers,
    find_ordinals,
    localise_number,
    localise_ordinal,
)

# Lower numbers win when spans overlap.
PRIORITY = {"markup": 0, "url": 1, "keep": 2, "glossary": 2, "date": 3, "number": 4, "name": 5}

NAME_POLICIES = ("none", "compound", "mixed", "unknown", "all")
NUMBER_POLICIES = ("inline", "keep", "off")


@dataclass(frozen=True)
class ProtectionPolicy:
    """How much the pipeline protects; the defaults are what the FLORES-200 bench chose.

    - `names`: which multi-word capitalised names become kept pieces.
      `"compound"` (default): names with a hyphenated word that joins an
      ordinary word to a name or an unknown word (`Nour Al-Din Al-Zenki`: "Din"
      is a common noun to Apertium, so it writes "Al-Alboroto"), together with
      the name words around it. Titles and descriptive words stay translatable
      (`United States` → `Estados Unidos`, `Dalhousie University`);
      `"mixed"`: any name with both unknown and ordinary words; `"unknown"`:
      any name with an unknown word; `"all"`: every one; `"none"`: glossary
      entries only. Engines that cannot say what they know (HTTP engines) get
      glossary protection only.
    - `numbers`: `"inline"` rewrites numbers for the target locale in the text
      the engine sees; `"keep"` also hides them from the engine; `"off"` leaves
      them alone.
    - `dates`: render English day-month dates for Spanish and Portuguese.
    """

    names: str = "compound"
    numbers: str = "inline"
    dates: bool = True
    urls: bool = True
    markup: bool = True

    def __post_init__(self) -> None:
        if self.names not in NAME_POLICIES:
            raise ValueError(f"names={self.names!r}: choose from {NAME_POLICIES}")
        if self.numbers not in NUMBER_POLICIES:
            raise ValueError(f"numbers={self.numbers!r}: choose from {NUMBER_POLICIES}")


@dataclass(frozen=True)
class Span:
    """A stretch of the source sentence replaced by `replacement`."""

    start: int
    end: int
    replacement: str
    kind: str
    keep: bool = True


@dataclass(frozen=True)
class Protected:
    """A source sentence ready for the engine, and what the translation must contain."""

    source: str
    segment: Segment
    spans: tuple[Span, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        """Names that must come out exactly as written (do-not-translate and protected names)."""
        return tuple(s.replacement for s in self.spans if s.kind in ("keep", "name"))

    @property
    def terms(self) -> tuple[str, ...]:
        """Glossary renderings that must appear in the translation."""
        return tuple(s.replacement for s in self.spans if s.kind == "glossary")


_MARKUP = re.compile(
    r"`[^`\n]+`"  # code span
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link target  ](url "title")
    r"|!?\[(?=[^\]\n]*\]\()"  # link or image opener
    r"|<https?://[^>\s]+>"  # autolink
    r"|(?<![\w*_])(?:\*\*|__|\*|_)(?=[^\s*_])"  # emphasis opener
    r"|(?<=[^\s*_])(?:\*\*|__|\*|_)(?![\w*_])"  # emphasis closer
)
_URL = re.compile(
    r"\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)\]}'’”]"
    r"|\bwww\.[^\s<>\"]+[^\s<>\".,;:!?)\]}'’”]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
    r"|(?<![\w@])[@#][^\W\d]\w*"
)
_CAP = r"(?:[a-z]{1,3}-)?[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)*"
_COMPOUND = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)+"
_NAME = re.compile(rf"(?<![\w-])(?:{_CAP}(?:\s+{_CAP})+|{_COMPOUND})(?![\w-])")
_PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"
_PLACE = re.compile(
    rf"(?<![\w-]){_PLACE_WORD}(?:\s+(?:(?:d[aeo]s?|del|de la|de los)\s+)?{_PLACE_WORD})*(?![\w-])"
)
# Words that end the name of an institution or a feature, translated with it
# ("Nobel Committee", "Howard University Hospital", "Jordan Valley").
_HEADS = frozenset(
    [
        "committee",
        "museum",
        "hospital",
        "court",
        "university",
        "college",
        "school",
        "park",
        "valley",
        "show",
        "award",
        "revolution",
        "patrol",
        "republic",
        "street",
        "avenue",
        "river",
        "lake",
        "mountain",
        "island",
        "bridge",
        "square",
        "party",
        "council",
        "association",
        "institute",
        "agency",
        "bank",
        "company",
        "group",
        "team",
        "league",
        "cup",
        "prize",
        "festival",
        "center",
        "centre",
        "church",
        "airport",
        "station",
        "stadium",
        "palace",
        "house",
        "hall",
        "office",
        "ministry",
        "department",
        "army",
        "force",
        "forces",
        "police",
        "service",
        "foundation",
    ]
)
_ARTICLES_AND_PREPOSITIONS = (
    "o a os as no na nos nas do da dos das de em um uma "
    "el la los las del en un una al y e con com por para"
)
_FUNCTION_WORDS = frozenset(_ARTICLES_AND_PREPOSITIONS.split())
_PLACE_WORDS = frozenset(["em", "de", "a", "para", "até", "entre", "desde", "en", "hasta"])
_CONNECTORS = frozenset(["da", "de", "do", "das", "dos", "del", "de", "la", "los"])
_OPENING = re.compile(r"^[\s\"'“‘«¿¡(\[—–-]*")


class Protector:
    """Finds protected spans for a batch of sentences of one language pair."""

    def __init__(
        self,
        source: str,
        target: str,
        *,
        glossary: Glossary | None = None,
        policy: ProtectionPolicy | None = None,
        engine: Engine | None = None,
        rules: frozenset[str] = frozenset(),
    ) -> None:
        self.rules = rules
        self.source = source
        self.target = target
        self.glossary = glossary or Glossary()
        self.policy = policy or ProtectionPolicy()
        self.engine = engine

    def protect(self, sentences: Sequence[str]) -> list[Protected]:
        """One `Protected` per sentence; asks the engine's dictionary once for the batch."""
        fixed = [self._fixed_spans(text) for text in sentences]
        names = self._name_spans(sentences, fixed)
        return [
            _build(text, _resolve(spans + extra))
            for text, spans, extra in zip(sentences, fixed, names, strict=True)
        ]

    def _fixed_spans(self, text: str) -> list[Span]:
        spans: list[Span] = []
        policy = self.policy
        if policy.markup:
            spans += [Span(m.start(), m.end(), m[0], "markup") for m in _MARKUP.finditer(text)]
        if policy.urls:
            spans += [Span(m.start(), m.end(), m[0], "url") for m in _URL.finditer(text)]
        for match in self.glossary.find(text, self.source, self.target):
            kind = "keep" if match.term.do_not_translate or not match.term.rendering else "glossary"
            spans.append(Span(match.start, match.end, match.rendering, kind))
        if policy.dates:
            spans += [
                Span(c.start, c.end, c.replacement, "date")
                for c in calendar_phrases(text, self.source, self.target)
            ]
        spans += [
            Span(r.start, r.end, r.replacement, r.kind)
            for r in preedit.rendered(text, self.source, self.target, self.rules)
        ]
        if policy.numbers != "off" and self.target == "en" and self.source != "en":
            # Apertium renders English ordinals itself (`16th century` → `siglo XVI`)
            # but copies Romance ones (`11º`) into English unchanged.
            for ordinal in find_ordinals(text, self.source):
                rendered = localise_ordinal(ordinal, self.target)
                if policy.numbers == "keep" or rendered != ordinal.text:
                    keep = policy.numbers == "keep"
                    spans.append(Span(ordinal.start, ordinal.end, rendered, "number", keep))
        if policy.numbers != "off" and _convention(self.source) != _convention(self.target):
            for number in find_numbers(text, self.source):
                rendered = localise_number(number, self.target)
                if policy.numbers == "keep" or rendered != number.text:
                    keep = policy.numbers == "keep"
                    spans.append(Span(number.start, number.end, rendered, "number", keep))
        return spans

    def _name_spans(self, sentences: Sequence[str], fixed: list[list[Span]]) -> list[list[Span]]:
        found = self._policy_name_spans(sentences, fixed)
        # English copy lost chrF2 with it (FLORES); a Portuguese or Spanish newsroom's
        # towns and people are what Apertium translates word by word
        if "place_names" in self.rules and self.engine is not None and self.source != "en":
            taken = [f + n for f, n in zip(fixed, found, strict=True)]
            for spans, extra in zip(found, self._place_spans(sentences, taken), strict=True):
                spans += extra
        return found

    def _place_spans(self, sentences: Sequence[str], taken: list[list[Span]]) -> list[list[Span]]:
        """Places and people whose names are ordinary words to the engine.

        `Porto Alegre` → "Carry Merry", `Encantado` → "Delighted", `Ana Prado` →
        "Ana Meadow": a capitalised run in mid-sentence with a word the engine
        would translate is kept when it is a city of the GeoNames gazetteer, or
        when a word of it is a name the engine knows or does not know at all
        (a first name before a surname). Countries and cities with a name of
        their own in the target language (CLDR) are left to the engine.
        """
        found: list[list[Span]] = [[] for _ in sentences]
        candidates: list[tuple[int, int, str]] = []
        for i, text in enumerate(sentences):
            opening = len(_OPENING.match(text)[0])
            for match in _PLACE.finditer(text):
                start, end, name = *match.span(), match[0]
                if any(s.start < end and start < s.end for s in taken[i]):
                    continue
                starts = start == opening or text[:start].rstrip()[-1:] in '.!?:"“«—'
                if starts and not (" " in name and places.is_place(name)):
                    if " " not in name:
                        continue  # a capital that may only start the sentence
                    # "Em Porto Alegre, ...": the first word is the sentence's capital
                    rest = name[len(name.split()[0]) :].lstrip()
                    if rest.split()[0] in _CONNECTORS:
                        continue
                    start, name = end - len(rest), rest
                if gazetteer.renderings(name, self.source, self.target):
                    continue
                candidates.append((i, start, name))
        if not candidates:
            return found
        analyses = self.engine.analyse([c[2] for c in candidates], self.source, self.target)
        if analyses is None:
            return found
        for (i, start, text), units in zip(candidates, analyses, strict=True):
            statuses = [st for surface, st in units if surface[:1].isupper()]
            words = text.split()
            before = sentences[i][:start].rstrip()
            previous = before.rsplit(None, 1)[-1].lower() if before else ""
            # "Ana Prado", "Emma Stone": a first name, then a surname that is a word;
            # not "Egito Antigo", "França Livre" (a country and an adjective)
            person = (
                len(statuses) in (2, 3)
                and len(statuses) == len(words)
                and statuses[-1] is WordStatus.COMMON
                and words[-1].lower() not in _HEADS
                and not gazetteer.renderings(words[0], self.source, self.target)
                and (
                    statuses[0] is WordStatus.PROPER_NOUN
                    # "Rui Campos": a first name Apertium's pt/es dictionary lacks, not
                    # after an article or a preposition ("no Slalom Gigante")
                    or (
                        statuses[0] is WordStatus.UNKNOWN
                        and len(statuses) == 2
                        and previous not in _FUNCTION_WORDS
                    )
                )
            )
            # through Spanish, a Brazilian or Portuguese town the first stage keeps is a
            # phrase to the second ("Porto Alegre" → "Carry Merry")
            pivot = {self.source, self.target} == {"en", "pt"} and len(words) > 1
            lusophone = pivot and places.is_place(text, places.LUSOPHONE)
            # a one-word town only where a place is expected: "em Encantado", "a Estrela",
            # "Encantado e Arroio do Meio"; not "o Natal", "o movimento Mau"
            after = sentences[i][start + len(text) :].lstrip()
            listed = bool(re.match(r"(?:e|y|,)\s+[A-ZÀ-Þ]", after))
            placed = len(words) > 1 or previous in _PLACE_WORDS or listed
            common = WordStatus.COMMON in statuses and placed
            if person or lusophone or (common and places.is_place(text)):
                found[i].append(Span(start, start + len(text), text, "name"))
        return found

    def _policy_name_spans(
        self, sentences: Sequence[str], fixed: list[list[Span]]
    ) -> list[list[Span]]:
        found: list[list[Span]] = [[] for _ in sentences]
        if self.policy.names == "none" or self.engine is None:
            return found
        candidates: list[tuple[int, int, int, str]] = []  # sentence, start, end, text
        for i, text in enumerate(sentences):
            taken = fixed[i]
            for match in _NAME.finditer(text):
                if not any(s.start < match.end() and match.start() < s.end for s in taken):
                    candidates.append((i, match.start(), match.end(), match[0]))
        if not candidates:
            return found
        if self.policy.names == "all":
            analyses: list[list[tuple[str, WordStatus]]] | None = [[] for _ in candidates]
        else:
            analyses = self.engine.analyse([c[3] for c in candidates], self.source, self.target)
        if analyses is None:
            return found
        for (i, start, _end, text), units in zip(candidates, analyses, strict=True):
            at_sentence_start = start == len(_OPENING.match(sentences[i])[0])
            span = self._decide(start, text, units, at_sentence_start)
            if span is not None:
                found[i].append(span)
        return found

    def _decide(
        self,
        start: int,
        text: str,
        units: list[tuple[str, WordStatus]],
        at_sentence_start: bool,
    ) -> Span | None:
        if self.policy.names == "all":
            return Span(start, start + len(text), text, "name")
        words = [(s, status) for s, status in units if any(c.isalpha() for c in s)]
        if at_sentence_start:
            # "The United States", "Yesterday Nour ...": a capital that only starts the sentence.
            while words and words[0][1] is WordStatus.COMMON:
                surface = words.pop(0)[0]
                offset = text.find(surface)
                if offset < 0:
                    return None
                cut = offset + len(surface)
                rest = text[cut:]
                start += cut + (len(rest) - len(rest.lstrip()))
                text = rest.strip()
        if len(words) < 2 or not text:
            return None
        if self.policy.names == "compound":
            return _compound(start, text, words)
        statuses = {status for _, status in words}
        unknown = WordStatus.UNKNOWN in statuses
        if self.policy.names == "unknown" and unknown:
            return Span(start, start + len(text), text, "name")
        if self.policy.names == "mixed" and unknown and WordStatus.COMMON in statuses:
            return Span(start, start + len(text), text, "name")
        return None


def _compound(start: int, text: str, words: list[tuple[str, WordStatus]]) -> Span | None:
    """The run of name tokens around a hyphenated name that mixes ordinary and name words."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    statuses: list[set[WordStatus]] = [set() for _ in tokens]
    position = 0
    for surface, status in words:
        found = text.find(surface, position)
        if found < 0:
            return None
        position = found + len(surface)
        if len(surface) < 2 or surface.lower() in ("'s", "’s"):
            continue  # initials and possessives say nothing about the name
        for k, (a, b) in enumerate(tokens):
            if a <= found < b:
                statuses[k].add(status)
    common = {WordStatus.COMMON}
    mixed = [
        k
        for k, st in enumerate(statuses)
        if WordStatus.COMMON in st and st - common and _name_compound(text[slice(*tokens[k])])
    ]
    if not mixed:
        return None
    first = last = mixed[0]
    while first > 0 and statuses[first - 1] and statuses[first - 1] != common:
        first -= 1
    while last + 1 < len(tokens) and statuses[last + 1] and statuses[last + 1] != common:
        last += 1
    begin, end = tokens[first][0], tokens[last][1]
    return Span(start + begin, start + end, text[begin:end], "name")


def _name_compound(token: str) -> bool:
    """`Al-Din`, `Saint-Saens`, `KwaZulu-Natal`: hyphenated, every part capitalised.

    Short lower-case particles (`al-`, `el-`, `l-`) may lead; `Pre-operative`
    and `Super-G` are not names.
    """
    parts = token.strip(".,;:!?\"'“”’()").split("-")
    if len(parts) < 2:
        return False
    parts = [p for p in parts if not (p.islower() and len(p) <= 3)]
    return len(parts) >= 2 and all(len(p) >= 2 and p[0].isupper() for p in parts)


def _convention(language: str) -> str:
    return "en" if language == "en" else "romance"


def _resolve(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans: higher priority, then longer, wins."""
    accepted: list[Span] = []
    for span in sorted(spans, key=lambda s: (PRIORITY[s.kind], s.start - s.end, s.start)):
        if span.end > span.start and all(
            span.end <= a.start or a.end <= span.start for a in accepted
        ):
            accepted.append(span)
    return sorted(accepted, key=lambda s: s.start)


def _build(text: str, spans: list[Span]) -> Protected:
    pieces: list[Piece] = []
    position = 0

    def add_text(chunk: str) -> None:
        if not chunk:
            return
        if pieces and isinstance(pieces[-1], str):
            pieces[-1] += chunk
        else:
            pieces.append(chunk)

    for span in spans:
        add_text(text[position : span.start])
        if span.keep:
            pieces.append(Keep(span.replacement))
        else:
            add_text(span.replacement)
        position = span.end
    add_text(text[position:])
    return Protected(text, Segment(tuple(pieces)), tuple(spans))
