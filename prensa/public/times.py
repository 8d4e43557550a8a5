"""Times as reader pages show them: in the newsroom's time zone, the zone named in the page's
language, and in machine-readable form to the second.

The zone is the newsroom's (TIME_ZONE), never the reader's: reader pages are the same for
every reader, so a CDN can keep them.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import get_timezone_name
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from prensa.translation.conf import portuguese_variant

# Babel's locale for each publishing language; Portuguese follows PRENSA_PORTUGUESE_VARIANT.
_BABEL_LOCALES = {"es": "es", "en": "en"}

# Zone names by (zone, offset, locale): Babel looks them up in CLDR each time, and a reader
# page names the zone once per date it shows. A handful of keys per process.
_ZONE_NAMES: dict[tuple[str, object, str], str] = {}


def machine(value: datetime | None) -> str:
    """ISO 8601 to the second with the zone's offset (2026-12-02T10:15:00-03:00).

    What `<time datetime>`, JSON-LD and Open Graph carry; the Nu Html Checker rejects the
    microseconds that a timestamp saved by the admin or the desk has.
    """
    if value is None:
        return ""
    return timezone.localtime(to_the_second(value)).isoformat()


def to_the_second(value: datetime | None) -> datetime | None:
    """The same instant without its microseconds (feeds' dates, like the pages')."""
    return value.replace(microsecond=0) if value is not None else None


def zone_name(value: datetime, language: str | None = None) -> str:
    """The newsroom's zone at `value`, named in `language` ("horário de Brasília").

    Zones without a name of their own in CLDR (UTC) fall back to their abbreviation.
    """
    local = timezone.localtime(value)
    locale = _babel_locale(language or get_language() or settings.LANGUAGE_CODE)
    key = (str(local.tzinfo), local.utcoffset(), locale)
    name = _ZONE_NAMES.get(key)
    if name is None:
        name = get_timezone_name(local, width="long", zone_variant="generic", locale=locale)
        if "GMT" in name or name[:1] in "+-":  # CLDR's fallback: an offset, not a name
            name = get_timezone_name(local, width="short", locale=locale)
        _ZONE_NAMES[key] = name
    return name


def shown(value: datetime | None, format_name: str = "DATETIME_FORMAT") -> str:
    """Date and time in the page's language and the newsroom's zone, the zone named."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{date_format(local, format_name)} ({zone_name(local)})"


def _babel_locale(language: str) -> str:
    code = language.split("-")[0].lower()
    if code == "pt":
        return "pt_BR" if portuguese_variant() == "pt_BR" else "pt_PT"
    return _BABEL_LOCALES.get(code, "en")
