"""Tidying an engine's output: spacing around punctuation and quotes, first capital.

Apertium leaves double spaces and detaches quotes (`" Somos bien,"  dijo`);
readers should never see that.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t]{2,}")
_BEFORE_PUNCTUATION = re.compile(r"(?<=\S)[ \t]+(?=[,.;:!?)\]}»”](?:\s|$|[\"'’”»)]))")
_AFTER_OPENING = re.compile(r"([(\[{¿¡«“])[ \t]+")


def tidy(text: str, source: str = "") -> str:
    """Collapse runs of spaces, reattach punctuation and quotes, match the source's first capital."""
    text = _SPACES.sub(" ", text.strip())
    text = _BEFORE_PUNCTUATION.sub("", text)
    text = _AFTER_OPENING.sub(r"\1", text)
    text = _straight_quotes(text)
    if source and text:
        first_source = next((c for c in source if c.isalpha()), "")
        index = next((i for i, c in enumerate(text) if c.isalpha()), None)
        if first_source.isupper() and index is not None and text[index].islower():
            text = text[:index] + text[index].upper() + text[index + 1 :]
    return text


def _straight_quotes(text: str) -> str:
    """Odd `"` open a quote (no space after), even ones close it (no space before)."""
    if text.count('"') % 2:
        return text
    out = []
    opening = True
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            if opening:
                out.append(char)
                while i + 1 < len(text) and text[i + 1] in " \t":
                    i += 1
            else:
                while out and out[-1] in " \t":
                    out.pop()
                out.append(char)
            opening = not opening
        else:
            out.append(char)
        i += 1
    return "".join(out)
