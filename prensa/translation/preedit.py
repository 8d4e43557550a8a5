"""Pre-editing: English constructions Apertium reads wrongly, rewritten before it sees them.

Each rule is a pure function on one English sentence, named so the bench can
measure the pipeline with and without it (`bench/mt_quality.py --ablation`).
Text rules rewrite the English into a form Apertium translates well
(`Ali Hamadani's brother` → `the brother of Ali Hamadani`); span rules return
stretches to hand to the engine already translated (`last Thursday` →
`el jueves pasado`), which the protector turns into kept pieces.

The original sentence stays the source of record: translation memory, the
desk and the fidelity checks never see the pre-edited text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from prensa.translation.numbers import WEEKDAYS

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_NAME_RUN = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*"

# --- possessive 's --------------------------------------------------------------------
# "Ali Hamadani's brother lives" → Apertium reads 's as "is" after a name it does not
# know (or after a multi-word name) and the sentence falls apart; "the brother of Ali
# Hamadani lives" comes out right. One-word possessors Apertium knows ("Syria's army")
# are rendered well already, so only runs of two or more capitalised words, and plural
# possessives ("the rebels' advance"), are rewritten.
_POSSESSIVE_NAME = re.compile(
    rf"(?<![\w’'-])(?P<owner>{_NAME_WORD}(?:\s+(?:(?:bin|ibn|bint)\s+)?(?:[a-z]{{1,3}}-)?{_NAME_WORD})+)"
    r"['’]s\s+(?P<thing>[a-z]+)\b"
)
_POSSESSIVE_PLURAL = re.compile(r"\b(?P<det>[Tt]he)\s+(?P<owner>[a-z]+s)['’]\s+(?P<thing>[a-z]+)\b")
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
    ]
)


def possessive(text: str) -> str:
    def name(m: re.Match[str]) -> str:
        owner = m["owner"]
        words = owner.split()
        if words[0] in ("The", "A", "An"):  # "The Syrian Army's advance": keep the article
            return f"{words[0]} {m['thing']} of the {' '.join(words[1:])}"
        return f"{'The' if m.start() == 0 else 'the'} {m['thing']} of {owner}"

    def plural(m: re.Match[str]) -> str:
        return f"{m['det']} {m['thing']} of the {m['owner']}"

    text = _POSSESSIVE_NAME.sub(name, text)
    text = _POSSESSIVE_PLURAL.sub(plural, text)
    # "the the brother": the possessor followed a determiner of its own
    return re.sub(r"\b([Tt]he) the\b", r"\1", text)


# --- X-held, X-backed ---------------------------------------------------------------------
# Apertium splits "rebel-held" into a verb and a participle ("rebelarse-aguantado") and
# reads "backed" as "recular". "the rebel-held district" → "the district controlled by
# insurgents"; "Iran-backed forces" → "forces supported by Iran".
_COMPOUND_VERBS = {
    "held": "controlled",
    "controlled": "controlled",
    "backed": "supported",
    "supported": "supported",
    "led": "led",
    "funded": "financed",
    "sponsored": "sponsored",
    "run": "run",
    "owned": "owned",
    "allied": "allied",
}
_AGENTS = {
    "rebel": "insurgent forces",
    "militant": "militants",
    "insurgent": "insurgent forces",
    "opposition": "the opposition",
    "government": "the government",
    "state": "the state",
    "army": "the army",
    "militia": "militias",
    "regime": "the regime",
    "us": "the United States",
}
_COMPOUND = re.compile(
    r"\b(?P<agent>[A-Za-z][\w.]*)-(?P<verb>" + "|".join(_COMPOUND_VERBS) + r")\s+"
    r"(?P<noun>[a-z]+)\b"
)


def held_backed(text: str) -> str:
    def rewrite(m: re.Match[str]) -> str:
        agent = m["agent"]
        if agent.lower() in ("well", "self", "long", "so", "much", "short", "hand", "jointly"):
            return m[0]
        if agent[0].isupper() and agent.lower() not in _AGENTS:
            by = agent
        else:
            by = _AGENTS.get(agent.lower(), f"the {agent.lower()}")
        return f"{m['noun']} {_COMPOUND_VERBS[m['verb']]} by {by}"

    return _COMPOUND.sub(rewrite, text)


# --- six-year-old -------------------------------------------------------------------------
# "a six-year-old girl" → "a girl of six years" (Apertium glued "chicadeseisaños");
# "the 25-year-old was arrested" → "the person of 25 years was arrested".
_AGE = re.compile(
    r"\b(?P<n>\d+|[a-z]+(?:-[a-z]+)?)-(?P<unit>year|month|week|day)-old"
    r"(?:\s+(?P<noun>(?!was\b|is\b|were\b|has\b|had\b|and\b|who\b|said\b|from\b|in\b|of\b)[a-z]+))?\b"
)
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
    ]
)


def age_compounds(text: str) -> str:
    def rewrite(m: re.Match[str]) -> str:
        number = m["n"]
        if not number.isdigit() and not all(p in _NUMBER_WORDS for p in number.split("-")):
            return m[0]
        unit = m["unit"] + ("" if number in ("1", "one") else "s")
        noun = m["noun"] or "person"
        return f"{noun} of {number} {unit}"

    return _AGE.sub(rewrite, text)


# --- titles before names ---------------------------------------------------------------------
# "US Secretary of State John Kerry said" → Apertium drops words ("Secretario John Kerry
# dijo"); "the US Secretary of State, John Kerry, said" comes out whole, with the article
# Spanish and Portuguese need.
_TITLE_HEADS = (
    "President|Vice President|Prime Minister|Minister|Secretary|Secretary-General|"
    "Chancellor|General|Governor|Mayor|Senator|Ambassador|Spokesman|Spokeswoman|"
    "Spokesperson|Commander|Chief|Director|King|Queen|Prince|Pope|Judge|Envoy"
)
_TITLE = re.compile(
    rf"(?P<lead>^|(?<=[\s\"“(])(?:[Tt]he\s+)?)"
    rf"(?P<title>(?:{_NAME_WORD}\s+){{0,3}}?(?:{_TITLE_HEADS})(?:\s+of(?:\s+the)?\s+{_NAME_RUN}?)?)"
    rf"\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})+)"
    r"(?=\s+[a-z])"
)


def titles(text: str) -> str:
    def rewrite(m: re.Match[str]) -> str:
        title, name = m["title"], m["name"]
        words = name.split()
        # the lazy title may leave title words at the front of the "name"
        while len(words) > 2 and re.fullmatch(_TITLE_HEADS, words[0]):
            title, words = f"{title} {words[0]}", words[1:]
        lead = m["lead"]
        article = lead if lead.strip() else ("The " if m.start() == 0 else "the ")
        if not lead.strip() and m.start() > 0 and text[: m.start()].rstrip()[-1:] in '"“(':
            article = "The "
        return f"{article}{title}, {' '.join(words)},"

    return _TITLE.sub(rewrite, text)


# --- words Apertium does not know ----------------------------------------------------------
# "brokered", "stalemated", "lawmakers" are left in English; "shelled" becomes "pelado"
# (peeled). A plainer English word it knows goes in instead (data/en_supplement.tsv,
# built from the unknown-word marks over WMT news, see bench/build_supplement.py).
@cache
def _supplement() -> tuple[dict[str, str], re.Pattern[str]]:
    path = Path(__file__).parent / "data" / "en_supplement.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    words = {word: plain for word, plain in rows}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return words, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def supplement(text: str) -> str:
    words, pattern = _supplement()

    def plain(m: re.Match[str]) -> str:
        found = m[0]
        if found.lower() not in words or (found[0].isupper() and m.start() > 0):
            return found  # a capital in mid-sentence: a name, not the word
        rendering = words[found.lower()]
        return rendering[0].upper() + rendering[1:] if found[0].isupper() else rendering

    return pattern.sub(plain, text)


# --- span rules: handed to the engine already translated ------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A stretch of the source and what the engine must write for it."""

    start: int
    end: int
    replacement: str
    kind: str = "date"  # "date" (a rendering) or "name" (kept as written, checked verbatim)


_DAY_NAMES = "|".join(d.capitalize() for d in WEEKDAYS["en"])
_RELATIVE_DAY = re.compile(
    rf"\b(?P<word>[Ll]ast|[Nn]ext|[Ss]ince|[Uu]ntil|[Tt]his|[Ee]arly|[Ll]ate)\s+(?P<day>{_DAY_NAMES})\b"
)
_FEMININE_PT = {"segunda", "terça", "quarta", "quinta", "sexta"}


def weekday_phrases(text: str, target: str) -> list[Rendered]:
    """`last Thursday` → `el jueves pasado` / `na quinta-feira passada`, `since Friday` →
    `desde el viernes` / `desde sexta-feira`: Apertium writes "último jueves" and
    "desde entonces viernes"."""
    found = []
    for m in _RELATIVE_DAY.finditer(text):
        index = WEEKDAYS["en"].index(m["day"].lower())
        day = WEEKDAYS[target][index]
        word = m["word"].lower()
        if target == "es":
            rendered = {
                "last": f"el {day} pasado",
                "next": f"el próximo {day}",
                "since": f"desde el {day}",
                "until": f"hasta el {day}",
                "this": f"este {day}",
                "early": f"el {day} temprano",
                "late": f"el {day} por la noche",
            }[word]
        else:
            feminine = day.split("-")[0] in _FEMININE_PT
            on = "na" if feminine else "no"
            rendered = {
                "last": f"{on} {day} passad{'a' if feminine else 'o'}",
                "next": f"{on} próxim{'a' if feminine else 'o'} {day}",
                "since": f"desde {day}",
                "until": f"até {day}",
                "this": f"nest{'a' if feminine else 'e'} {day}",
                "early": f"{on} {day} cedo",
                "late": f"{on} {day} à noite",
            }[word]
        if m["word"][0].isupper():
            rendered = rendered[0].upper() + rendered[1:]
        found.append(Rendered(m.start(), m.end(), rendered))
    return found


# Name particles: Apertium reads "al-" as the Spanish contraction "al" and es→pt makes it
# "a o-Assad"; "Din" in "al-Din" is a common noun to it ("al-Alboroto"). The name with
# its particle goes through untouched.
_PARTICLE = re.compile(
    r"(?<![\w-])(?:[Aa]l|[Ee]l|[Aa]d|[Aa]r|[Aa]s|[Aa]sh|[Aa]z|[Aa]t)-[A-Z][\w’']*"
    r"(?:\s+(?:[Aa]l|[Ee]l)-[A-Z][\w’']*)*"
    r"|(?<=\w)\s+(?:bin|ibn|bint)\s+[A-Z][\w’']*"
)
_WORD_BEFORE = re.compile(r"(\w+)\s*$")


def name_particles(text: str, target: str) -> list[Rendered]:
    found = []
    for m in _PARTICLE.finditer(text):
        start = m.start() + (len(m[0]) - len(m[0].lstrip()))
        if start > m.start():  # "bin Laden" only after a name: "Osama bin Laden"
            before = _WORD_BEFORE.search(text[: m.start()])
            if not before or not before[1][0].isupper():
                continue
        # the given names before it belong to the name: "Nour al-Din al-Zenki"
        while (before := _NAME_BEFORE.search(text[:start])) and not _NOT_NAME.fullmatch(before[1]):
            start = before.start(1)
        found.append(Rendered(start, m.end(), text[start : m.end()], "name"))
    return found


_NAME_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][a-z]+)\s+$")
_NOT_NAME = re.compile(rf"The|A|An|In|On|At|By|For|From|With|And|But|Of|To|{_TITLE_HEADS}")


@dataclass(frozen=True)
class Rule:
    """A named pre-editing rule for one source language."""

    name: str
    source: str
    rewrite: Callable[[str], str] | None = None
    render: Callable[[str, str], list[Rendered]] | None = None


RULES = (
    Rule("possessive", "en", rewrite=possessive),
    Rule("held_backed", "en", rewrite=held_backed),
    Rule("age_compounds", "en", rewrite=age_compounds),
    Rule("titles", "en", rewrite=titles),
    Rule("supplement", "en", rewrite=supplement),
    Rule("weekday_phrases", "en", render=weekday_phrases),
    Rule("name_particles", "en", render=name_particles),
)


def rewrite(text: str, source: str, target: str, rules: frozenset[str]) -> str:
    """The sentence with every enabled text rule for `source` applied, in order."""
    for rule in RULES:
        if rule.rewrite and rule.name in rules and rule.source == source and target != source:
            text = rule.rewrite(text)
    return text


def rendered(text: str, source: str, target: str, rules: frozenset[str]) -> list[Rendered]:
    """Stretches of the sentence to hand to the engine already rendered."""
    found: list[Rendered] = []
    for rule in RULES:
        if rule.render and rule.name in rules and rule.source == source and target != source:
            found += rule.render(text, target)
    return found
