"""The named editing rules around the engine, and which of them the pipeline runs by default.

Pre-editing (`preedit.py`) rewrites English constructions Apertium reads wrongly,
protection rules (`protect.py`) keep names it would translate word by word, and
post-editing (`postedit.py`) fixes the output per target language. Each rule stays
in `DEFAULT` only if `bench/mt_quality.py --ablation` shows it raises or keeps chrF2
in every direction it touches, and a test shows it fixes its error class.
"""

from __future__ import annotations

from prensa.translation import postedit, preedit

PROTECTION = ("place_names",)
ALL: tuple[str, ...] = (
    tuple(r.name for r in preedit.RULES) + PROTECTION + tuple(r.name for r in postedit.RULES)
)
DEFAULT: frozenset[str] = frozenset(ALL)


def parse(raw: str) -> frozenset[str]:
    """`"all"`, `"none"`, `"default"`, `"quotes,exonyms"` or `"all,-titles"`."""
    chosen: set[str] = set()
    for item in filter(None, (p.strip() for p in raw.split(","))):
        if item in ("all", "default", "none"):
            chosen |= {"all": set(ALL), "default": set(DEFAULT), "none": set()}[item]
        elif item.startswith("-"):
            chosen.discard(item[1:])
        elif item in ALL:
            chosen.add(item)
        else:
            raise ValueError(f"unknown rule {item!r}: choose from {', '.join(ALL)}")
    return frozenset(chosen)
