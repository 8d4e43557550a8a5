"""Names with a rendering of their own in each language: countries and well-known cities.

From the Unicode CLDR (through Babel): territory names (Syria, Síria, Siria) and the
exemplar cities of time zones (Lisbon, Lisboa), and the hand-checked place names of
data/exonyms.tsv (Fallujah, Faluja), which the `exonyms` post-editing rule writes in. A name
found here may change in translation without a risk flag; a newsroom's own names go in the
glossary.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from babel import Locale

from prensa.translation.segmenting import normalise

EXONYMS = Path(__file__).parent / "data" / "exonyms.tsv"


@cache
def _exonym_rows() -> tuple[dict[str, str], ...]:
    """The rows of data/exonyms.tsv, each {language: name}."""
    with EXONYMS.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    header, *rows = rows
    return tuple(dict(zip(header, row, strict=True)) for row in rows)


@cache
def exonyms() -> dict[str, dict[str, str]]:
    """Language → {name in another language: name in this one}, from data/exonyms.tsv."""
    table: dict[str, dict[str, str]] = {"en": {}, "es": {}, "pt": {}}
    for names in _exonym_rows():
        for target, rendering in names.items():
            for language, name in names.items():
                if language != target and name and rendering and name != rendering:
                    table[target].setdefault(name, rendering)
    return table


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
    for names in _exonym_rows():
        add(names.get(source), names.get(target))
    return {name: tuple(sorted(renderings)) for name, renderings in index.items()}


def _city(locale: Locale, zone: str) -> str:
    """A time zone's exemplar city in `locale`; the CLDR leaves out names spelled as in the id."""
    return locale.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")


def renderings(name: str, source: str, target: str) -> tuple[str, ...]:
    """How `name` (in `source`) is written in `target`, when the CLDR knows; else ()."""
    return _index(source, target).get(normalise(name).casefold(), ())
