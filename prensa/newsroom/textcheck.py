"""Checks a story's text passes wherever it comes in: the admin, the API and wire imports."""

from __future__ import annotations

import re
from functools import cache

from .models import LANGUAGE_CODES

# Shorter texts are left unchecked: a headline-length line can pass for another language.
LANGUAGE_CHECK_MIN_WORDS = 8

# The longest body the API and wire imports accept.
MAX_BODY_CHARS = 200_000


def _long_enough(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= LANGUAGE_CHECK_MIN_WORDS


@cache
def _identifier(*languages: str):  # type: ignore[no-untyped-def]
    """py3langid, restricted to `languages` when given (each model loaded once, ~0.7 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages:
        identifier.set_languages(list(languages))
    return identifier


def detected_language(text: str) -> str | None:
    """The publishing language `text` is written in, or None when too short to tell."""
    if not _long_enough(text):
        return None
    language, _confidence = _identifier(*LANGUAGE_CODES).classify(text)
    return str(language)


def unserved_language(text: str, served: list[str]) -> str | None:
    """The code of another language the text is plainly written in, else None.

    Asked of py3langid with every language it knows: a close neighbour (Galician for
    Portuguese) must win clearly before a story is refused for it.
    """
    if not _long_enough(text):
        return None
    ranked = dict(_identifier().rank(text)[:5])
    best = max(ranked, key=ranked.get)
    if best in served:
        return None
    if ranked[best] > 0.9 and max(ranked.get(code, 0.0) for code in served) < 0.05:
        return best
    return None
