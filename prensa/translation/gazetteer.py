"""Names with a rendering of their own in each language: countries and well-known cities.

From the Unicode CLDR (through Babel): territory names (Syria, Síria, Siria) and the
exemplar cities of time zones (Lisbon, Lisboa). A name found here may change in
translation without a risk flag; a newsroom's own names go in the glossary.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from prensa.translation.segmenting import normalise


@cache
def _index(source: str, target: str) -> dict[str, tuple[str, ...]]:
    source_locale, target_locale = Locale.parse(source), Locale.parse(target)
    index: dict[str, set[str]] = {}

    def add(name: str | None, rendering: str | None) -> None:
        if name and rendering:
            index.setdefault(normalise(name).casefold(), set()).add(rendering)

    for code, name in source_locale.territories.items():
        add(name, target_locale.territories.get(code))
    zones = set(source_locale.time_zones) | set(target_locale.time_zones)
    for zone in zones:
        add(_city(source_locale, zone), _city(target_locale, zone))
    return {name: tuple(sorted(renderings)) for name, renderings in index.items()}


def _city(locale: Locale, zone: str) -> str:
    """A time zone's exemplar city in `locale`; the CLDR leaves out names spelled as in the id."""
    return locale.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")


def renderings(name: str, source: str, target: str) -> tuple[str, ...]:
    """How `name` (in `source`) is written in `target`, when the CLDR knows; else ()."""
    return _index(source, target).get(normalise(name).casefold(), ())
