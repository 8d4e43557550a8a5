"""Comment text: plain text in, escaped HTML out; nothing a reader typed is ever markup."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

import nh3
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

# What urlize splits on, kept so the text between words survives unchanged.
_WORDS = re.compile(r"""([\s<>"']+)""")
_BLANK_LINES = re.compile(r"\n{3,}")
# Controls other than newline and tab are never meaningful in a comment.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width joiners are part of some scripts and emoji; other format characters
# (bidi overrides, invisible separators) only serve to disguise a name.
_KEEP_IN_NAMES = {"\u200c", "\u200d"}
RENDERED_REL = "nofollow ugc"


def clean_body(text: str) -> str:
    """Normalise newlines, drop control characters, trim; the text itself stays as typed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_name(name: str) -> str:
    """A display name on one line without invisible or direction-changing characters."""
    kept = [
        ch
        for ch in (name or "")
        if ch in _KEEP_IN_NAMES or unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"}
    ]
    return " ".join("".join(kept).split())


def _linked(word: str) -> str | None:
    """`word` as an escaped http(s) link, or None when it is not one."""
    html = urlize(word, nofollow=True, autoescape=True)
    if "<a " not in html or 'href="mailto:' in html:
        return None  # email addresses are never linked: commenters' privacy and spam
    return html


def count_links(text: str) -> int:
    return sum(1 for word in _WORDS.split(text or "") if _linked(word) is not None)


def render_body(text: str, max_links: int) -> SafeString:
    """Escaped paragraphs and line breaks, with the first `max_links` URLs as links.

    Django's urlize does the escaping and finding of URLs; nh3 is the second fence,
    so that whatever a bug let through, nothing but <p>, <br> and http(s) links with
    rel="nofollow ugc" reaches a page.
    """
    parts = []
    links = 0
    for word in _WORDS.split(clean_body(text)):
        html = _linked(word) if links < max_links else None
        if html is not None:
            links += 1
            parts.append(html)
        else:
            parts.append(escape(word))
    html = linebreaks("".join(parts), autoescape=False)
    cleaned = nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel=RENDERED_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - escaped above, then sanitised by nh3


def folded(text: str) -> str:
    """Case-, accent- and width-insensitive form of `text` for comparing words."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def fingerprint(text: str) -> str:
    """Same for two bodies that differ only in case, accents or spacing."""
    return hashlib.sha256(folded(clean_body(text)).encode()).hexdigest()


def find_banned(text: str, words: Iterable[str]) -> str | None:
    """The first banned word or phrase that appears in `text` as a whole word, if any."""
    haystack = folded(text)
    for word in words:
        needle = folded(word)
        if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
            return word
    return None
