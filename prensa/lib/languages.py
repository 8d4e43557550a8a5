"""The three languages Prensa publishes in, and what each needs besides its code."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext_lazy

# The publishing languages (BCP 47), in the switcher's order: the one list that settings,
# the engine room and the models derive theirs from.
CODES = ("pt", "es", "en")

# BCP 47 code → Open Graph locale. Portuguese defaults to the Brazilian variant.
OG_LOCALES = {"pt": "pt_BR", "es": "es_ES", "en": "en_US"}

# Names as readers of each language see them in the switcher: always in their own language.
NATIVE_NAMES = {"pt": "Português", "es": "Español", "en": "English"}

# Names inside a sentence of the interface ("from English to Portuguese"): lower case
# in Portuguese and Spanish, unlike the capitalised names of menus and headings.
_NAMES_IN_TEXT = {
    "pt": pgettext_lazy("language name in running text", "Portuguese"),
    "es": pgettext_lazy("language name in running text", "Spanish"),
    "en": pgettext_lazy("language name in running text", "English"),
}


def name_in_text(code: str) -> str:
    """A publishing language's name for use mid-sentence, in the active language."""
    return str(_NAMES_IN_TEXT.get(code, code))


def codes() -> list[str]:
    """Language codes in switcher order."""
    return [code for code, _ in settings.LANGUAGES]


def reverse_in(language: str, name: str, **kwargs: object) -> str:
    """`reverse()` as the URL reads in `language`: its /<lang>/ prefix and translated paths."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)
