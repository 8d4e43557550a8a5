"""The three languages Prensa publishes in, and what each needs besides its code."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

# BCP 47 code → Open Graph locale. Portuguese defaults to the Brazilian variant.
OG_LOCALES = {"pt": "pt_BR", "es": "es_ES", "en": "en_US"}

# Names as readers of each language see them in the switcher: always in their own language.
NATIVE_NAMES = {"pt": "Português", "es": "Español", "en": "English"}


def codes() -> list[str]:
    """Language codes in switcher order."""
    return [code for code, _ in settings.LANGUAGES]


def reverse_in(language: str, name: str, **kwargs: object) -> str:
    """`reverse()` as the URL reads in `language`: its /<lang>/ prefix and translated paths."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)
