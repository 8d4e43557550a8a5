"""Post-editing: fixes to an engine's output that depend only on the target language.

Each rule is a pure function, named so the bench can measure the pipeline with and
without it (`bench/mt_quality.py --ablation`). The rules see the tidied output,
the original source sentence and what the protector kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from prensa.translation import spelling
from prensa.translation.gazetteer import exonyms


@dataclass(frozen=True)
class Context:
    """What a post-editing rule may look at besides the output."""

    source_text: str
    source: str
    target: str
    kept: tuple[str, ...] = ()  # pieces the engine copied verbatim (names, glossary, dates)
    unknown: tuple[str, ...] = ()  # words the engine marked as not translated
    variant: str = "pt_BR"  # the engine's Portuguese: "pt_BR" or "pt" (European)


# --- quotes ----------------------------------------------------------------------------------
# Spanish news copy quotes with «», the comma and full stop after the closing mark
# («No nos iremos», dijo); Portuguese keeps "" with the comma outside; English uses "".
# Apertium copies the source's habit.
_STRAIGHT_PAIR = re.compile(r'"([^"\n]+)"')


def quotes(text: str, context: Context) -> str:
    if context.target == "es":
        if text.count('"') % 2 == 0:
            text = _STRAIGHT_PAIR.sub(r"«\1»", text)
        text = text.replace("“", "«").replace("”", "»")
        return re.sub(r"([,.])»", lambda m: "»" + m[1], text)
    if context.target == "pt":
        text = text.replace("«", '"').replace("»", '"')
        return re.sub(r',(["”])(?=\s)', r"\1,", text)
    # English: the angle marks of a Spanish source become "" (moving the comma inside
    # lost chrF2 on FLORES, so it stays where the engine put it)
    return text.replace("«", '"').replace("»", '"')


# --- exonyms ---------------------------------------------------------------------------------
def exonym_names(text: str, context: Context) -> str:
    """`Aleppo` left as in English → `Alepo`; only names the source sentence holds."""
    table = exonyms()[context.target]
    for name, rendering in table.items():
        if name in context.source_text and name in text and rendering not in text:
            text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", rendering, text)
    return text


# --- Spanish words left in Portuguese ---------------------------------------------------------
# In en→pt Apertium goes through Spanish; a Spanish word es→pt does not know is copied
# through and marked. Spanish and Portuguese spelling differ regularly, so the word is
# respelled and kept only when the Portuguese dictionary knows the result.
_RESPELL = (
    ("ciones", "ções"),
    ("ción", "ção"),
    ("siones", "sões"),
    ("sión", "são"),
    ("aron", "aram"),
    ("ieron", "eram"),
    ("ieron", "iram"),
    ("aban", "avam"),
    ("aba", "ava"),
    ("dades", "dades"),
    ("dad", "dade"),
    ("ñ", "nh"),
    ("ll", "lh"),
    ("ue", "o"),
    ("ie", "e"),
    ("z", "ç"),
    ("z", "s"),
    ("j", "lh"),
    ("mente", "mente"),
    ("o", "u"),
    ("e", "i"),
    ("án", "ão"),
    ("ón", "ão"),
    ("ones", "ões"),
    ("í", "i"),
    ("ó", "o"),
    ("á", "a"),
    ("é", "e"),
    ("ú", "u"),
)


def respell(word: str) -> str | None:
    """A Portuguese spelling of a Spanish word that the Portuguese dictionary knows."""
    if spelling.known(word, "pt") is not False:
        return None
    candidates = {word.lower()}
    for _ in range(3):
        grown = set(candidates)
        for candidate in candidates:
            for old, new in _RESPELL:
                if old in candidate:
                    grown.add(candidate.replace(old, new))
        candidates = grown
    found = sorted(c for c in candidates if c != word.lower() and spelling.known(c, "pt"))
    if not found:
        return None
    best = min(found, key=lambda c: (_distance(c, word.lower()), c))
    return best.capitalize() if word[0].isupper() else best


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def pivot_words(text: str, context: Context) -> str:
    if context.target != "pt" or context.source == "es":
        return text
    for word in context.unknown:
        if not word.isalpha() or not spelling.known(word, "es"):
            continue
        fixed = respell(word)
        if fixed:
            text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", fixed, text)
    return text


# --- European Portuguese: the 1990 Orthographic Agreement ----------------------------------
# Apertium's `es-pt` writes the pre-1990 spelling (protecção, objectivo, acção, director).
# The word list is Debian's hunspell-pt-pt (LibreOffice's European Portuguese dictionary,
# which follows the Agreement): a word it refuses loses a silent c or p before c, ç or t
# when the result is a word it knows.
_SILENT = re.compile(r"[cp](?=[cçt])")


@cache
def _european() -> object | None:
    import hunspell

    folder = spelling.dictionary_dir()
    dic, aff = folder / "pt_PT.dic", folder / "pt_PT.aff"
    return hunspell.HunSpell(str(dic), str(aff)) if dic.exists() and aff.exists() else None


@cache
def agreement_spelling(word: str) -> str | None:
    """`protecção` → `proteção`; None when the word is already spelled as the Agreement says."""
    dictionary = _european()
    if dictionary is None or dictionary.spell(word) or not _SILENT.search(word.lower()):
        return None
    spots = [m.start() for m in _SILENT.finditer(word.lower())]
    for mask in range(1, 2 ** len(spots)):
        drop = {spot for k, spot in enumerate(spots) if mask >> k & 1}
        candidate = "".join(c for i, c in enumerate(word) if i not in drop)
        if dictionary.spell(candidate):
            return candidate
    return None


def ao1990(text: str, context: Context) -> str:
    if context.variant != "pt":
        return text

    def fix(m: re.Match[str]) -> str:
        return agreement_spelling(m[0]) or m[0]

    return re.sub(r"\b[^\W\d_]*[cp][cçt][^\W\d_]*", fix, text)


@dataclass(frozen=True)
class Rule:
    name: str
    targets: tuple[str, ...]
    apply: Callable[[str, Context], str]


RULES = (
    Rule("quotes", ("es", "pt", "en"), quotes),
    Rule("exonyms", ("es", "pt", "en"), exonym_names),
    Rule("pivot_words", ("pt",), pivot_words),
    Rule("ao1990", ("pt",), ao1990),
)


def postedit(text: str, context: Context, rules: frozenset[str] | Sequence[str]) -> str:
    """The output with every enabled rule for the target language applied, in order."""
    for rule in RULES:
        if rule.name in rules and context.target in rule.targets:
            text = rule.apply(text, context)
    return text
