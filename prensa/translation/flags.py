"""Risk flags: the errors machine drafts make that the fidelity checks must point at.

Each flag says what is wrong and marks the words on both sides, so the desk can show
them. Pure functions over text; the dictionaries (`spelling`) and the names the
gazetteer knows (`gazetteer`) are the only data.

- `untranslated`: a word of the source language left in the translation
  (unexploded ordnance, vacinação);
- `pivot`: a word of the third language left in (Spanish "bombeo" in a Portuguese
  draft made through Spanish);
- `name`: a name of the source (a run of capitalised words) does not come through, and
  no known rendering of it does either (Tell Ruman → Dizer Ruman, Al-Halabi → A o-Halabi);
- `glued`: a number glued to a word that it was not glued to in the source
  (1,000-litre tank → tanquede1.000 litros).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prensa.translation import gazetteer, spelling
from prensa.translation.numbers import MONTHS, WEEKDAYS
from prensa.translation.segmenting import normalise

LANGUAGES = ("pt", "es", "en")

# Words that join the parts of a name ("Serra do Mar", "Red Andina de Monitoreo Glaciar").
_PARTICLES = {
    "de",
    "da",
    "do",
    "dos",
    "das",
    "del",
    "la",
    "las",
    "los",
    "el",
    "of",
    "the",
    "bin",
    "ibn",
    "van",
    "von",
}
# Words that begin a sentence and a run of capitals without being part of a name.
_LEADING = {"the", "a", "an", "o", "os", "as", "um", "uma", "el", "la", "los", "las", "un", "una"}
# The generic head of a place's or body's name, which translators rightly translate
# (Gulf of Aqaba → Golfo de Aqaba); the rest of the name must come through.
_GENERIC = set(
    [
        "office",
        "council",
        "society",
        "institute",
        "institution",
        "consortium",
        "partnership",
        "observatory",
        "network",
        "association",
        "foundation",
        "university",
        "ministry",
        "agency",
        "committee",
        "chamber",
        "company",
        "group",
        "bank",
        "party",
        "court",
        "festival",
        "centre",
        "center",
        "sea",
        "gulf",
        "bay",
        "island",
        "islands",
        "river",
        "lake",
        "mountain",
        "mountains",
        "range",
        "valley",
        "coast",
        "port",
        "square",
        "street",
        "avenue",
        "park",
        "province",
        "state",
        "district",
        "region",
        "city",
        "town",
        "village",
        "cooperative",
        "union",
        "federation",
        "programme",
        "program",
        "project",
        "station",
        "terminal",
        "school",
        "hospital",
        "museum",
        "club",
        "league",
        "cup",
        "fund",
        "trust",
        "board",
        "authority",
        "commission",
        "department",
        "service",
        "escritório",
        "conselho",
        "sociedade",
        "instituto",
        "consórcio",
        "observatório",
        "rede",
        "associação",
        "fundação",
        "universidade",
        "ministério",
        "agência",
        "comitê",
        "câmara",
        "companhia",
        "empresa",
        "grupo",
        "banco",
        "partido",
        "tribunal",
        "centro",
        "mar",
        "golfo",
        "baía",
        "ilha",
        "ilhas",
        "rio",
        "lago",
        "serra",
        "montanha",
        "cordilheira",
        "vale",
        "costa",
        "porto",
        "praça",
        "rua",
        "avenida",
        "parque",
        "estado",
        "distrito",
        "região",
        "cidade",
        "cooperativa",
        "união",
        "federação",
        "programa",
        "projeto",
        "estação",
        "escola",
        "museu",
        "clube",
        "liga",
        "copa",
        "fundo",
        "junta",
        "comissão",
        "secretaria",
        "largo",
        "oficina",
        "consejo",
        "sociedad",
        "consorcio",
        "observatorio",
        "red",
        "asociación",
        "fundación",
        "universidad",
        "ministerio",
        "agencia",
        "comité",
        "cámara",
        "compañía",
        "río",
        "sierra",
        "montaña",
        "cordillera",
        "valle",
        "puerto",
        "plaza",
        "calle",
        "región",
        "ciudad",
        "unión",
        "federación",
        "proyecto",
        "estación",
        "escuela",
        "museo",
        "comisión",
        "isla",
        "islas",
        "bahía",
    ]
)
_CAPITALISED = re.compile(r"^[^\W\d_][\w'’-]*$")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?:;—–“”«»\"(]$")
# A word run into a number: "tanquede1.000", "formaciónde18", "1.000litros". Codes
# (COVID-19, G20, CO2), ordinals (21st, 3.er) and units (4K, 10km) are not.
_GLUED = re.compile(r"[^\W\d_A-Z]\d|\d[.,]?\d*[^\W\d_]{4,}")
# Links, addresses and code are not prose (the fidelity checks use it too). Whole runs of
# non-space are matched, so a 200,000-character "word" is read once (`\S+://` alone
# retried it from every letter).
NOT_PROSE = re.compile(r"(?<!\S)\S*(?:://|@|\bwww\.)\S*|`[^`]*`|\]\([^()]*\)")
_EDGES = ".,;:!?()[]«»“”\"'’"
# Month and weekday names, lower case: translations rightly change them.
CALENDAR = {w for words in (*MONTHS.values(), *WEEKDAYS.values()) for w in words}


@dataclass(frozen=True)
class Flag:
    """One risk in a translated paragraph: its kind, a message, and the words on each side."""

    kind: str
    message: str
    source_spans: tuple[str, ...] = ()
    target_spans: tuple[str, ...] = ()


def risk_flags(
    source: str,
    target: str,
    source_language: str,
    target_language: str,
    *,
    renderings: Iterable[str] = (),
) -> list[Flag]:
    """Flags for one paragraph; `renderings` are approved target forms (glossary, names)."""
    if not target.strip() or source_language == target_language:
        return []
    source, target = NOT_PROSE.sub(" ", source), NOT_PROSE.sub(" ", target)
    flags = []
    flags += _foreign_words(source, target, source_language, target_language)
    flags += _lost_names(source, target, source_language, target_language, renderings)
    flags += _glued_numbers(source, target)
    return flags


def _foreign_words(
    source: str, target: str, source_language: str, target_language: str
) -> list[Flag]:
    if not spelling.available(target_language):
        return []
    source_words = {m[0] for m in spelling.words(source)}
    target_initial = _sentence_initial_words(target)
    others = [source_language] + [
        code for code in LANGUAGES if code not in (source_language, target_language)
    ]
    found: dict[str, list[str]] = {code: [] for code in [*others, "unknown"]}
    for match in spelling.words(target):
        word = match[0]
        if word == "I" and source_language == "en" and _before_lowercase(target, match.end()):
            found["en"].append(word)  # English "I" before a verb: "I trata"
            continue
        if len(word) < 3:
            continue
        if word[0].isupper() and (word not in target_initial or word.isupper()):
            continue  # a name, or a dateline (Aleppo, Prensa Wire, TEFÉ)
        if word[0].isupper() and word in source_words and not _common(word, source_language):
            continue  # a name that opens a sentence
        for part in _parts(word):
            if part.lower() in CALENDAR or spelling.known(part, target_language):
                continue
            language = next((code for code in others if spelling.known(part, code)), "unknown")
            if part not in found[language]:
                found[language].append(part)
    flags = []
    for code, words in found.items():
        if not words:
            continue
        kind = {source_language: "untranslated", "unknown": "unknown"}.get(code, "pivot")
        message = (
            f"words no dictionary knows: {', '.join(words)}"
            if code == "unknown"
            else f"words of {code} left in the translation: {', '.join(words)}"
        )
        flags.append(
            Flag(
                kind,
                message,
                tuple(w for w in words if w in source_words),
                tuple(words),
            )
        )
    return flags


def _parts(word: str) -> list[str]:
    """The word, or the parts of a hyphenated word no dictionary knows whole (água-pastillas)."""
    if "-" not in word:
        return [word]
    return [p for p in word.split("-") if len(p) >= 3]


def _before_lowercase(text: str, end: int) -> bool:
    following = text[end : end + 2]
    return len(following) == 2 and following[0] == " " and following[1].islower()


def _common(word: str, language: str) -> bool:
    """A word of the language's own vocabulary in lower case (not only a name)."""
    return spelling.common(word, language) and word.lower() not in _PARTICLES


def _sentence_initial_words(text: str) -> set[str]:
    tokens = _TOKEN.findall(text)
    initial = set()
    for i, token in enumerate(tokens):
        if i == 0 or _SENTENCE_END.search(tokens[i - 1]):
            initial.add(token)
    return initial


def names(text: str, language: str) -> list[str]:
    """Runs of capitalised words that name someone or something, in order of appearance."""
    tokens = _TOKEN.findall(text)
    runs: list[list[str]] = []
    current: list[str] = []
    starts_sentence: list[bool] = []
    for i, token in enumerate(tokens):
        capital = bool(_CAPITALISED.match(token)) and token[0].isupper()
        if capital:
            if not current:
                starts_sentence.append(i == 0 or bool(_SENTENCE_END.search(tokens[i - 1])))
            current.append(token)
        elif current and token.lower() in _PARTICLES and _next_is_capital(tokens, i):
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    found = []
    for run, initial in zip(runs, starts_sentence, strict=True):
        run = _trim(run, initial, language)
        if run:
            found.append(" ".join(run))
    return list(dict.fromkeys(found))


def _next_is_capital(tokens: Sequence[str], i: int) -> bool:
    j = i + 1
    while j < len(tokens) and tokens[j].lower() in _PARTICLES:
        j += 1
    return j < len(tokens) and bool(_CAPITALISED.match(tokens[j])) and tokens[j][0].isupper()


def _trim(run: list[str], initial: bool, language: str) -> list[str]:
    words = [re.sub(r"['’]s$", "", w) for w in run]
    leading = False
    while words and words[0].lower() in _LEADING:
        words.pop(0)
        leading = True
    dateline = len(words) > 1 and all(w.isupper() for w in words)
    if words and initial and not leading and not dateline and _common(words[0], language):
        words.pop(0)  # a sentence begins with a capital: "Repairs took…", "Now I can…"
    words = [w for w in words if w.lower() not in CALENDAR]
    while words and words[0].lower() in _PARTICLES:
        words.pop(0)
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    if len(words) == 1:
        word = words[0]
        if word.isupper() and len(word) <= 5:
            return []  # an acronym; translations rightly change them (UN → ONU)
        if language == "en" and spelling.known(word, "en"):
            return []  # a proper adjective or a place English spells its own way (Syrian)
        if _common(word, language):
            return []  # a common word capitalised (Governo, Estado)
    return words


def _lost_names(
    source: str,
    target: str,
    source_language: str,
    target_language: str,
    renderings: Iterable[str],
) -> list[Flag]:
    if not spelling.available(source_language):
        return []  # which words of a name are common words is the dictionary's to say
    flat_target = _plain(target)
    target_words = set(_plain_words(target))
    approved = [_plain(r) for r in renderings if r.strip()]
    lost = []
    for name in names(source, source_language):
        plain = _plain(name)
        if plain in flat_target or any(plain in r or r in plain for r in approved if r):
            continue
        known = gazetteer.renderings(name, source_language, target_language)
        if any(_plain(r) in flat_target for r in known):
            continue
        if _changed(name, target_words, source_language, target_language):
            lost.append(name)
    if not lost:
        return []
    return [Flag("name", f"names changed or missing: {', '.join(lost)}", tuple(lost), ())]


def _changed(name: str, target_words: set[str], source: str, target: str) -> bool:
    """A name lost a word of its own, or came through half translated.

    Words that are not in the source language's dictionary (Ruman, Al-Halabi) must come
    through as written. Dictionary words (Tell, Blanca, Neto) may be translated only with
    the whole name (Red Sea → Mar Vermelho), not one of them while the rest stays
    (Tell Ruman → Dizer Ruman, Cordillera Blanca → Cordillera Branca). A generic head
    (Gulf, Council, Festival) may always be translated.
    """
    survived, lost_specific, lost_common = 0, False, False
    for word in name.split():
        lower = word.lower()
        if lower in _PARTICLES:
            continue
        renderings = gazetteer.renderings(word, source, target)
        if _plain(word) in target_words or any(_plain(r) in target_words for r in renderings):
            survived += 1
        elif not spelling.common(word, source):
            lost_specific = True
        elif lower not in _GENERIC:
            lost_common = True
    return lost_specific or (lost_common and survived > 0)


def _plain(text: str) -> str:
    """Case, accents and spacing set aside: Rosario ≈ Rosário."""
    decomposed = unicodedata.normalize("NFKD", normalise(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plain_words(text: str) -> list[str]:
    return [_plain(m[0]) for m in spelling.words(text)]


def _glued_numbers(source: str, target: str) -> list[Flag]:
    source_tokens = {token.strip(_EDGES) for token in source.split()}
    glued = [
        token.strip(_EDGES)
        for token in target.split()
        if _GLUED.search(token) and token.strip(_EDGES) not in source_tokens
    ]
    if not glued:
        return []
    return [Flag("glued", f"a number is glued to a word: {', '.join(glued)}", (), tuple(glued))]
