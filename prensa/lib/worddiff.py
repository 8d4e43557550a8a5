"""Word-level differences between two texts, as escaped HTML with <del> and <ins>.

Used wherever a person compares two versions: revisions of an edition, or their own
words against someone else's in a conflict. Whitespace is kept as written (paragraph
breaks included), so the result reads like the text when shown with `white-space:
pre-wrap`. Screen readers do not announce <del> and <ins> on their own, so each change
also carries a visually hidden "deleted:" / "inserted:" marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# A word and the whitespace after it: words are compared, whitespace is only carried.
_WORDS = re.compile(r"(\S+)(\s*)")

# Above this many words on both sides together, the comparison (quadratic at worst) is
# skipped and the texts are shown as one deletion and one insertion.
MAX_WORDS = 20_000


@dataclass(frozen=True)
class WordDiff:
    html: SafeString
    inserted: int  # words added
    deleted: int  # words removed

    @property
    def changed(self) -> bool:
        """Some word was removed or added: whitespace alone (a line ending typed as \\r\\n,
        a doubled space) is no change to a reader."""
        return bool(self.inserted or self.deleted)


def words(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The leading whitespace of `text`, then each word with the whitespace after it."""
    text = text or ""
    lead = text[: len(text) - len(text.lstrip())]
    return lead, _WORDS.findall(text)


def _joined(pairs: list[tuple[str, str]]) -> tuple[str, str]:
    """The words of `pairs` as written, and apart the whitespace after the last one."""
    text = "".join(word + space for word, space in pairs)
    content = text.rstrip()
    return content, text[len(content) :]


def _deleted(text: str) -> SafeString:
    return format_html(
        '<del><span class="visually-hidden">{} </span>{}</del>', gettext("deleted:"), text
    )


def _inserted(text: str) -> SafeString:
    return format_html(
        '<ins><span class="visually-hidden">{} </span>{}</ins>', gettext("inserted:"), text
    )


def word_diff(old: str, new: str) -> WordDiff:
    """`old` → `new`, word by word: removed words in <del>, added words in <ins>, all escaped.

    Whitespace is carried from the new text (the old one's for deleted words); a change
    of whitespace alone is not shown as a change.
    """
    if old == new:
        return WordDiff(format_html("{}", new or ""), 0, 0)
    _lead, a = words(old)
    lead_b, b = words(new)
    if len(a) + len(b) > MAX_WORDS:
        opcodes = [("replace", 0, len(a), 0, len(b))]
    else:
        matcher = SequenceMatcher(a=[w for w, _ in a], b=[w for w, _ in b], autojunk=False)
        opcodes = matcher.get_opcodes()
    parts: list[SafeString] = [format_html("{}", lead_b)]
    inserted = deleted = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            parts.append(format_html("{}", "".join(w + s for w, s in b[j1:j2])))
            continue
        gone, gone_tail = _joined(a[i1:i2])
        added, added_tail = _joined(b[j1:j2])
        if gone:
            parts.append(_deleted(gone))
            deleted += i2 - i1
        if gone and added:
            parts.append(mark_safe(" "))
        if added:
            parts.append(_inserted(added))
            inserted += j2 - j1
        parts.append(format_html("{}", added_tail if added else gone_tail))
    html = format_html_join("", "{}", ((part,) for part in parts))
    return WordDiff(html, inserted, deleted)
