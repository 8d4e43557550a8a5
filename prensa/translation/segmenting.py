"""Splitting text into the units the pipeline translates, and hashing them.

A body is Markdown: blocks separated by blank lines. A block is a paragraph, or
lines with Markdown prefixes (`## `, `> `, `- `, `1. `) translated one line at a
time with the prefix kept. Each unit is split into sentences with sentencex;
the whitespace between sentences is kept as written.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import sentencex

from prensa.lib.markup import paragraphs

_LINE_PREFIX = re.compile(r"^[ ]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")


def normalise(text: str) -> str:
    """Unicode NFC with runs of whitespace collapsed to one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def segment_hash(text: str) -> str:
    """Stable SHA-256 of a segment (or block), insensitive to whitespace differences.

    Translation memory keys and segment alignment (staleness) use this hash.
    """
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def split_blocks(body: str) -> list[str]:
    """Blank-line separated blocks of a Markdown body, trimmed, empty ones dropped."""
    return paragraphs(body)


@dataclass(frozen=True)
class Line:
    """A unit of a block: a Markdown prefix kept as is, and text to translate."""

    prefix: str
    text: str


def split_lines(block: str) -> list[Line]:
    """The block as one unit, or one unit per line when it is a list, quote or heading."""
    lines = block.split("\n")
    if not any(_LINE_PREFIX.match(line) for line in lines):
        return [Line("", block)]
    units = []
    for line in lines:
        match = _LINE_PREFIX.match(line)
        prefix = match[0] if match else ""
        units.append(Line(prefix, line[len(prefix) :]))
    return units


@dataclass(frozen=True)
class Sentence:
    """A sentence and the whitespace that followed it in the source."""

    text: str
    after: str = ""


# sentencex looks for the closing mark of every unclosed quotation mark or apostrophe
# to the end of its input, so its time grows with the square of the text's length on
# such text. It reads at most this many characters at a time (see `_segment`).
SENTENCE_WINDOW = 2000


def split_sentences(text: str, language: str) -> list[Sentence]:
    """Sentences of `text` in `language` (sentencex), with the whitespace between them."""
    sentences: list[Sentence] = []
    for chunk in _segment(language, text.strip()):
        stripped = chunk.rstrip()
        if not stripped.strip():
            if sentences:
                last = sentences[-1]
                sentences[-1] = Sentence(last.text, last.after + chunk)
            continue
        sentences.append(Sentence(stripped.strip(), chunk[len(stripped) :]))
    return sentences


def _segment(language: str, text: str) -> list[str]:
    """sentencex's chunks of `text` (they join back to it), in linear time.

    Text is read through a window of SENTENCE_WINDOW characters: every sentence the
    window ends is kept and the next window starts after it. A window that ends no
    sentence is one sentence too long to split well; it is cut at its last space.
    Sentences shorter than the window, i.e. every real one, split as in one call.
    """
    chunks: list[str] = []
    start = 0
    while len(text) - start > SENTENCE_WINDOW:
        window = text[start : start + SENTENCE_WINDOW]
        found = list(sentencex.segment(language, window))[:-1]  # the last may go on
        if not found:
            space = max(window.rfind(" "), window.rfind("\n"))
            found = [window[: space + 1] if space > 0 else window]
        chunks.extend(found)
        start += sum(len(chunk) for chunk in found)
    chunks.extend(sentencex.segment(language, text[start:]))
    return chunks
