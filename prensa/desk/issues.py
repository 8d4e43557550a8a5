"""Fidelity issues worded for the translator, in the desk's language.

The engine room reports each issue as a check name, an English message (for logs and
the CLI) and what is missing. The desk words it again here from the check and the
missing items, so a Portuguese or Spanish desk reads its own language; an issue stored
without its items (older drafts) keeps the English message.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

_WITH_ITEMS = {
    "numbers": gettext_lazy("Numbers missing: %(items)s."),
    "dates": gettext_lazy("Months or weekdays missing: %(items)s."),
    "names": gettext_lazy("Names changed or missing: %(items)s."),
    "glossary": gettext_lazy("Glossary renderings missing: %(items)s."),
    "attribution": gettext_lazy("The quote's attribution changed: %(items)s not found."),
    "untranslated": gettext_lazy("Words left in the source language: %(items)s."),
    "pivot": gettext_lazy(
        "Words of the intermediate language (the engine translated through it) left in the "
        "translation: %(items)s."
    ),
    "unknown": gettext_lazy("Words no dictionary of this language knows: %(items)s."),
    "engine": gettext_lazy("The translation engine could not translate: %(items)s."),
    "glued": gettext_lazy("A number is glued to a word: %(items)s."),
    "agreement": gettext_lazy("Check the article and word order around a kept term: %(items)s."),
    "terminology": gettext_lazy("The glossary changed after this was written: %(items)s."),
}


def describe(issue: dict) -> str:
    """One issue as the translator reads it."""
    check, missing = issue.get("check"), issue.get("missing")
    if check == "quotes":
        return _("Quotation marks were lost: check the quote and who said it.")
    if check == "length":
        return _("The engine's headline was too long for a headline and was cut: rewrite it.")
    if check == "empty":
        return _("The translation of this paragraph is empty.")
    if check == "paragraphs":
        return _("The source and the translation have different numbers of paragraphs.")
    if check == "language" and missing:
        return ngettext(
            "%(count)s sentence is still in the source language.",
            "%(count)s sentences are still in the source language.",
            len(missing),
        ) % {"count": len(missing)}
    if check in _WITH_ITEMS and missing:
        return str(_WITH_ITEMS[check]) % {"items": ", ".join(missing)}
    message = issue.get("message", "")
    return message if not message or message.endswith(".") else f"{message}."
