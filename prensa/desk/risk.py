"""How risky a translated paragraph is, from its fidelity flags, and the flagged words marked.

The score is the sum, over the paragraph's flags, of the weight of the flag's check plus
one point for each further item the flag names (at most three more), so a paragraph that
lost three numbers outranks one that lost one. The weights say how badly a reader would be
misled if the flag is right:

- 10 `empty`: the paragraph is missing altogether;
- 8 `names`, `numbers`, `attribution`: a wrong person, figure or speaker is a false report;
- 6 `dates`, `language`: a wrong day or month, or whole sentences left untranslated;
- 5 `quotes`, `glued`, `engine`: a quote lost its marks, a number fused into a word
  ("rebelióndeseisaños"), or the engine itself said it could not translate a word;
- 4 `untranslated`, `pivot`, `agreement`: single words left in the source or the engine's
  pivot language, an article or word order that does not fit a kept term;
- 3 `unknown`, `glossary`, and any check not listed: a word no dictionary knows, a
  glossary rendering not used;
- 2 `paragraphs`: the count of paragraphs differs (a document-level hint).

A paragraph with no flags scores 0. The review page shows the score with the flags' reasons
and can sort riskiest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WEIGHTS: dict[str, int] = {
    "empty": 10,
    "names": 8,
    "numbers": 8,
    "attribution": 8,
    "dates": 6,
    "language": 6,
    "quotes": 5,
    "glued": 5,
    "engine": 5,
    "untranslated": 4,
    "pivot": 4,
    "agreement": 4,
    "unknown": 3,
    "glossary": 3,
    "paragraphs": 2,
}
DEFAULT_WEIGHT = 3
MAX_EXTRA_ITEMS = 3


def issue_score(issue: dict) -> int:
    items = len(issue.get("missing") or issue.get("target_spans") or ())
    return WEIGHTS.get(issue.get("check", ""), DEFAULT_WEIGHT) + min(
        max(items - 1, 0), MAX_EXTRA_ITEMS
    )


def risk_score(issues: Iterable[dict]) -> int:
    """The paragraph's risk: 0 without flags, higher the more and worse its flags are."""
    return sum(issue_score(issue) for issue in issues)


def spans(issues: Iterable[dict], side: str) -> list[str]:
    """The words to mark on one side ("source" or "target"), longest first, without repeats."""
    words = {span for issue in issues for span in issue.get(f"{side}_spans") or () if span}
    return sorted(words, key=lambda word: (-len(word), word))


def mark(text: str, words: list[str], terms: list[str] = ()) -> SafeString:  # type: ignore[assignment]
    """`text`, escaped, with each whole-word occurrence of `words` (flagged) inside <mark>,
    and of glossary `terms` inside <mark class="term">; a flag wins over a term."""
    flagged = set(words)
    every = sorted({*words, *terms}, key=len, reverse=True)  # longest first
    if not every:
        return format_html("{}", text)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in every) + r")(?!\w)")
    pieces: list[SafeString] = []
    end = 0
    for match in pattern.finditer(text):
        pieces.append(format_html("{}", text[end : match.start()]))
        if match.group() in flagged:
            pieces.append(format_html("<mark>{}</mark>", match.group()))
        else:
            pieces.append(format_html('<mark class="term">{}</mark>', match.group()))
        end = match.end()
    pieces.append(format_html("{}", text[end:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
