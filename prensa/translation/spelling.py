"""Which language a word belongs to, from Debian's hunspell dictionaries (libhunspell).

The risk flags ask one question of a word in a translation: is it a word of the target
language, and if not, is it one of the source or pivot language? Hunspell dictionaries
answer with inflection (a verb form, a plural) where a word list would not.

Hunspell itself reads them through pyhunspell, the binding to the C library: about a
second to load a dictionary and microseconds a word (the pure-Python spylls took 5 s and
0.3 ms, too slow for a translator's save). Dictionaries are loaded once per process, on
first use. A language
whose dictionary is not installed answers `None`: the checks that need it are skipped,
never guessed.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

# Either variant's spelling counts (Prensa's English is British: "kilometres"); Peninsular
# Spanish covers the other variants' common vocabulary.
DICTIONARIES = {"pt": ("pt_BR", "pt_PT"), "es": ("es_ES",), "en": ("en_GB", "en_US")}

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_JOINERS = re.compile(r"[-'’]")


def dictionary_dir() -> Path:
    return Path(os.environ.get("PRENSA_HUNSPELL_DIR", "/usr/share/hunspell"))


@cache
def _dictionaries(language: str) -> tuple:  # type: ignore[type-arg]
    import hunspell

    found = []
    for name in DICTIONARIES.get(language, ()):
        dic, aff = dictionary_dir() / f"{name}.dic", dictionary_dir() / f"{name}.aff"
        if dic.exists() and aff.exists():
            found.append(hunspell.HunSpell(str(dic), str(aff)))
    return tuple(found)


def available(language: str) -> bool:
    """A dictionary for this language is installed."""
    return bool(_dictionaries(language))


@cache
def known(word: str, language: str) -> bool | None:
    """The word is spelled as in `language` (any case the dictionary allows); None: no dictionary.

    Hyphenated words count when every part does ("água-pastillas" is not Portuguese).
    """
    dictionaries = _dictionaries(language)
    if not dictionaries:
        return None
    return all(_known_part(part, dictionaries) for part in _parts(word))


def _parts(word: str) -> list[str]:
    """The parts of a hyphenated or apostrophised word ("água-pastillas", "d'água")."""
    return [p for p in _JOINERS.split(word) if p]


def _known_part(part: str, dictionaries: tuple) -> bool:  # type: ignore[type-arg]
    candidates = {part, part.lower(), part.capitalize()}
    return any(d.spell(c) for d in dictionaries for c in candidates)


@cache
def common(word: str, language: str) -> bool:
    """The word in lower case is in the dictionary: a common word, not only a name ("Helen")."""
    parts = _parts(word.lower())
    dictionaries = _dictionaries(language)
    return bool(parts) and all(any(d.spell(part) for d in dictionaries) for part in parts)


def words(text: str) -> list[re.Match[str]]:
    """The words of a text with their positions."""
    return list(WORD.finditer(text))
