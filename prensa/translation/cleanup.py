"""Tidying an engine's output: spacing around punctuation and quotes, first capital,
and the words next to kept pieces.

Apertium leaves double spaces and detaches quotes (`" Somos bien,"  dijo`);
readers should never see that.

A kept piece (a do-not-translate name, a glossary rendering) travels outside
Apertium's grammar. Two things go wrong next to it:

- the word after it comes out with a capital, as if a sentence began there
  (`Ammar Al-Selmo Disse`): `tidy(..., kept=...)` writes it in lower case when it
  is a common word of the target language that the source never wrote with a
  capital;
- the English word order and article stay around it (`the Aleppo area` →
  `o Alepo área`, `The Middle East talks` → `As Oriente Médio palestras`): no
  rule can rewrite that safely, so `kept_piece_issues` flags it for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from prensa.translation import spelling
from prensa.translation.fidelity import Issue

_SPACES = re.compile(r"[ \t]{2,}")
_BEFORE_PUNCTUATION = re.compile(r"(?<=\S)[ \t]+(?=[,.;:!?)\]}»”](?:\s|$|[\"'’”»)]))")
_AFTER_OPENING = re.compile(r"([(\[{¿¡«“])[ \t]+")


def tidy(text: str, source: str = "", kept: Sequence[str] = (), language: str = "") -> str:
    """Collapse runs of spaces, reattach punctuation and quotes, match the source's first capital.

    `kept` are the pieces the engine was told to copy (names, glossary renderings):
    a common word of `language` (the translation's) that follows one mid-sentence
    loses the capital the engine gave it.
    """
    text = _SPACES.sub(" ", text.strip())
    text = _BEFORE_PUNCTUATION.sub("", text)
    text = _AFTER_OPENING.sub(r"\1", text)
    text = _straight_quotes(text)
    if kept and language:
        text = lower_after_kept(text, source, kept, language)
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


# A word that follows a kept piece: spaces only between them, so punctuation (a full
# stop inside or after the piece) means a new sentence may start and nothing changes.
# A capital word followed by another (`Estados Unidos`) starts a name: left alone.
_NEXT_WORD = r"(?P<space>[ \t]+)(?P<word>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)(?![\w-])(?![ \t]+[A-ZÀ-ÖØ-Þ])"


def lower_after_kept(text: str, source: str, kept: Sequence[str], language: str) -> str:
    """`Ammar Al-Selmo Disse` → `Ammar Al-Selmo disse`, for a translation in any language.

    Only a title-case word directly after a kept piece, whose lower-case form is a
    common word of the target language (hunspell), and which the source does not
    write with a capital (a name that runs on after the piece, `Tell Ruman Hospital`,
    stays as it is). A kept piece ending in sentence punctuation is left alone.
    """
    source_words = set(re.findall(r"\w+", source))
    pieces = sorted({k for k in kept if k.strip()}, key=len, reverse=True)
    if not pieces:
        return text
    alternation = "|".join(re.escape(k) for k in pieces)
    pattern = re.compile(rf"(?<![\w-])(?P<piece>{alternation}){_NEXT_WORD}")

    def lower(match: re.Match[str]) -> str:
        word = match["word"]
        if (
            match["piece"][-1:] in ".!?:"
            or word in source_words
            or not spelling.common(word, language)
        ):
            return match[0]
        return f"{match['piece']}{match['space']}{word.lower()}"

    return pattern.sub(lower, text)


# Articles and article contractions before a kept piece, per target language.
_ARTICLES = {
    "pt": "o a os as ao à aos às do da dos das no na nos nas pelo pela pelos pelas um uma",
    "es": "el la los las al del un una unos unas",
}
# Words that may follow a name in a sound sentence: prepositions, conjunctions,
# pronouns, adverbs, auxiliaries. Anything else after "article + kept piece" is most
# likely the head noun left in the English order (`o Alepo área`).
_FOLLOWERS = {
    "pt": """a o e é ou mas que de do da dos das em no na nos nas por pelo pela para com sem
    sob sobre entre como se não já ainda também foi foram era eram está estão tem têm
    há vai vão disse disseram afirmou segundo após antes durante contra até desde
    onde quando cujo cuja mais menos muito seu sua seus suas ele ela eles elas isso""",
    "es": """a e y o u es son fue fueron era eran está están ha han hay que de del en por
    para con sin sobre entre como se no ya aún también dijo dijeron afirmó según tras
    antes durante contra hasta desde donde cuando cuyo cuya más menos muy su sus él ella
    ellos ellas eso lo le les""",
}


def kept_piece_issues(text: str, kept: Sequence[str], language: str) -> list[Issue]:
    """Kept pieces caught in the English word order (`o Alepo área`, `As Oriente Médio
    palestras`): an article, the piece, then a common word that is not one that may
    follow a name. The article's agreement and the order need a person; this says where.
    """
    articles = _ARTICLES.get(language)
    pieces = sorted({k for k in kept if k.strip()}, key=len, reverse=True)
    if not articles or not pieces:
        return []
    followers = set(_FOLLOWERS[language].split())
    alternation = "|".join(re.escape(k) for k in pieces)
    article = "|".join(articles.split())
    pattern = re.compile(
        rf"(?<![\w-])(?P<article>{article})\s+(?P<piece>{alternation})\s+"
        rf"(?P<word>[a-zß-öø-ÿ]{{3,}})(?![\w-])",
        re.IGNORECASE,
    )
    spans = []
    for match in pattern.finditer(text):
        word = match["word"]
        if word in followers or not spelling.common(word, language):
            continue
        spans.append(match[0])
    if not spans:
        return []
    return [
        Issue(
            "agreement",
            "Check the article and word order around a kept term: " + "; ".join(spans),
            missing=tuple(spans),
            target_spans=tuple(spans),
        )
    ]
