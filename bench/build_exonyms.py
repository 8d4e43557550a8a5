"""Build prensa/translation/data/exonyms.tsv: place names written differently in en, es, pt.

    .venv/bin/python bench/build_exonyms.py > prensa/translation/data/exonyms.tsv

Sources: the Unicode CLDR (through Babel, Unicode licence): territory names and the
exemplar cities of time zones; then the hand-checked cities in EXTRA (spellings as used
by the Spanish and Portuguese Wikipedias' article titles, checked by hand). Names that are
also ordinary words or first names in another language (Jordan, Chad...) are left out:
the post-editor would rename people.
"""

from __future__ import annotations

from babel import Locale

LANGUAGES = ("en", "es", "pt")
SKIP = {
    "Jordan",
    "Chad",
    "Georgia",
    "Jersey",
    "Man",
    "Turkey",
    "Guernsey",
    "Niger",
    "Dominica",
    "Samoa",
    "Unknown Region",
    "world",
    "World",
    "Tonga",
    "Mali",
    "Ceuta",
    "Melilla",
    "Vatican City",
    "Christmas Island",
    "Norfolk Island",
    "Réunion",
    "Cuba",
    "Peru",
}
EXTRA = [
    ("Aleppo", "Alepo", "Alepo"),
    ("Raqqa", "Raqa", "Raqqa"),
    ("Mosul", "Mosul", "Mossul"),
    ("Fallujah", "Faluya", "Faluja"),
    ("Tikrit", "Tikrit", "Tikrit"),
    ("Latakia", "Latakia", "Latáquia"),
    ("Hama", "Hama", "Hama"),
    ("Deir ez-Zor", "Deir ez-Zor", "Deir ez-Zor"),
    ("Basra", "Basora", "Baçorá"),
    ("Mecca", "La Meca", "Meca"),
    ("Medina", "Medina", "Medina"),
    ("Sanaa", "Saná", "Saná"),
    ("Tripoli", "Trípoli", "Trípoli"),
    ("Benghazi", "Bengasi", "Bengazi"),
    ("Tehran", "Teherán", "Teerã"),
    ("Baghdad", "Bagdad", "Bagdá"),
    ("Damascus", "Damasco", "Damasco"),
    ("Beirut", "Beirut", "Beirute"),
    ("Istanbul", "Estambul", "Istambul"),
    ("Ankara", "Ankara", "Ancara"),
    ("Geneva", "Ginebra", "Genebra"),
    ("Moscow", "Moscú", "Moscou"),
    ("London", "Londres", "Londres"),
    ("Lisbon", "Lisboa", "Lisboa"),
    ("Seville", "Sevilla", "Sevilha"),
    ("New York", "Nueva York", "Nova York"),
]


def main() -> None:
    locales = {code: Locale.parse(code) for code in LANGUAGES}
    rows: dict[str, tuple[str, ...]] = {}
    for code in locales["en"].territories:
        if not code.isalpha():
            continue
        names = tuple(locales[lang].territories.get(code, "") for lang in LANGUAGES)
        if all(names) and len(set(names)) > 1 and not SKIP & set(names):
            rows[names[0]] = names
    for zone in locales["en"].time_zones:
        names = tuple(
            locales[lang].time_zones.get(zone, {}).get("city")
            or zone.rsplit("/", 1)[-1].replace("_", " ")
            for lang in LANGUAGES
        )
        if all(names) and len(set(names)) > 1 and not SKIP & set(names):
            rows.setdefault(names[0], names)
    for names in EXTRA:
        rows[names[0]] = names
    print("# Place names per language. Built by bench/build_exonyms.py from the Unicode CLDR")
    print("# (territories, time-zone cities; Unicode licence, via Babel) and a hand-checked list.")
    print("\t".join(LANGUAGES))
    for names in sorted(rows.values()):
        print("\t".join(names))


if __name__ == "__main__":
    main()
