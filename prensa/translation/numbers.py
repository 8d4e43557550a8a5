"""Numbers, amounts and dates in the three publishing languages.

English groups thousands with commas and writes decimals with a point
(`250,000`, `3.5`); Spanish and Portuguese do the opposite (`250.000`, `3,5`).
A number is only read as such when it is well formed in its own language's
convention (`1,5` in English is left alone), so reformatting never guesses.

Used twice: the pipeline rewrites numbers (and English dates) for the target
locale before the engine sees them, and the fidelity check compares the values
found in a source paragraph with those found in its translation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SEPARATORS = {"en": (",", "."), "es": (".", ","), "pt": (".", ",")}  # (group, decimal)

# Words that multiply the number before them, per language (lower case).
SCALES: dict[str, dict[str, int]] = {
    "en": {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12},
    "es": {
        "mil": 10**3,
        "millón": 10**6,
        "millones": 10**6,
        "mil millones": 10**9,
        "millardo": 10**9,
        "millardos": 10**9,
        "billón": 10**12,
        "billones": 10**12,
    },
    "pt": {
        "mil": 10**3,
        "milhão": 10**6,
        "milhões": 10**6,
        "mil milhões": 10**9,
        "bilhão": 10**9,
        "bilhões": 10**9,
        "bilião": 10**12,
        "biliões": 10**12,
        "trilhão": 10**12,
        "trilhões": 10**12,
    },
}

MONTHS: dict[str, list[str]] = {
    "en": [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
}
WEEKDAYS: dict[str, list[str]] = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "pt": (
        [
            "segunda-feira",
            "terça-feira",
            "quarta-feira",
            "quinta-feira",
            "sexta-feira",
            "sábado",
            "domingo",
        ]
    ),
}
# Other spellings that name the same month or weekday.
_MONTH_ALIASES = {"es": {"setiembre": 8}, "pt": {"marco": 2}}
_WEEKDAY_ALIASES = {
    "es": {"miercoles": 2, "sabado": 5},
    "pt": {"terça": 1, "quarta": 2, "quinta": 3, "sexta": 4, "sabado": 5},
}
_EN_MONTH_ABBREVIATIONS = {
    "jan.": 0, "feb.": 1, "mar.": 2, "apr.": 3, "aug.": 7, "sep.": 8, "sept.": 8,
    "oct.": 9, "nov.": 10, "dec.": 11,
}  # fmt: skip


@dataclass(frozen=True)
class NumberMatch:
    """A number found in text: where, its value, and how it was written."""

    start: int
    end: int
    text: str
    value: Decimal
    decimals: int  # digits after the decimal separator
    grouped: bool  # written with thousands separators


def _number_pattern(language: str) -> re.Pattern[str]:
    group, decimal = (re.escape(c) for c in SEPARATORS[language])
    return re.compile(
        rf"(?<![\w.,:/])"  # not inside a word, a time or a path
        rf"(?P<int>\d{{1,3}}(?:{group}\d{{3}})+|\d+)"
        rf"(?:{decimal}(?P<frac>\d+))?"
        rf"(?![\w]|[.,:/]\d)"
    )


_PATTERNS = {language: _number_pattern(language) for language in SEPARATORS}
_TIME_AFTER = re.compile(r"\s*(?:GMT|UTC|a\.m\.|p\.m\.|am\b|pm\b|h\b|hrs\b)", re.IGNORECASE)


def find_numbers(text: str, language: str) -> list[NumberMatch]:
    """Numbers written in `language`'s convention, left to right.

    Skips digits inside words (`802.11n`, `4x4`), times (`10:30`, `12.00 GMT`)
    and strings that are not well formed in that convention.
    """
    group = SEPARATORS[language][0]
    found = []
    for match in _PATTERNS[language].finditer(text):
        integer, frac = match["int"], match["frac"]
        if frac is not None and len(frac) == 2 and _TIME_AFTER.match(text, match.end()):
            continue
        grouped = group in integer
        try:
            value = Decimal(integer.replace(group, "") + (f".{frac}" if frac else ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            continue
        found.append(
            NumberMatch(match.start(), match.end(), match[0], value, len(frac or ""), grouped)
        )
    return found


def format_number(value: Decimal, language: str, *, decimals: int = 0, grouped: bool = True) -> str:
    """`value` written for `language`: `Decimal("250000")` → `250.000` in pt/es."""
    group, decimal = SEPARATORS[language]
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    return text.translate(str.maketrans({",": group, ".": decimal}))


def localise_number(match: NumberMatch, target: str) -> str:
    """The number as written in `target`, keeping its decimals and grouping."""
    if not match.grouped and match.decimals == 0:
        return match.text
    return format_number(match.value, target, decimals=match.decimals, grouped=match.grouped)


def _month_word(language: str) -> str:
    names = MONTHS[language] + list(_MONTH_ALIASES.get(language, {}))
    return "|".join(sorted(names, key=len, reverse=True))


_EN_DATE = re.compile(
    rf"(?:\b(?P<on>[Oo]n)\s+)?\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_month_word('en')})"
    rf"|(?P<m2>{_month_word('en')})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))"
    rf"(?:,?\s+(?P<y>\d{{4}}))?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    day: int
    month: int  # 0-based
    year: int | None
    on: str = ""  # "On"/"on" when the date follows that preposition (included in the span)


def find_english_dates(text: str) -> list[DateMatch]:
    """Day-and-month dates in English text: `12 March 1982`, `March 12, 1982`, `May 5`."""
    found = []
    for match in _EN_DATE.finditer(text):
        month_name = match["m1"] or match["m2"]
        if not month_name[0].isupper():
            continue  # "march", "may" as verbs
        day = int(match["d1"] or match["d2"])
        if not 1 <= day <= 31:
            continue
        month = MONTHS["en"].index(month_name.lower())
        year = int(match["y"]) if match["y"] else None
        found.append(
            DateMatch(match.start(), match.end(), match[0], day, month, year, match["on"] or "")
        )
    return found


def format_date(date: DateMatch, language: str) -> str:
    """`12 de março de 1982` (pt), `12 de marzo de 1982` (es), `12 March 1982` (en).

    A date after "on" takes the target's preposition: `el 12 de marzo`, `em 12 de março`.
    """
    month = MONTHS[language][date.month]
    if language == "en":
        text = f"{date.day} {month.capitalize()}"
        text = f"{text} {date.year}" if date.year else text
        return f"{date.on} {text}" if date.on else text
    text = f"{date.day} de {month}"
    text = f"{text} de {date.year}" if date.year else text
    if date.on:
        preposition = {"es": "el", "pt": "em"}[language]
        text = f"{_same_case(date.on, preposition)} {text}"
    return text


def _same_case(model: str, word: str) -> str:
    return word.capitalize() if model[:1].isupper() else word


_EN_WEEKDAY = re.compile(
    r"(?:\b(?P<on>[Oo]n)\s+)?\b(?P<day>" + "|".join(d.capitalize() for d in WEEKDAYS["en"]) + r")\b"
)
_EN_MONTH = re.compile(
    r"\b(?P<month>"
    + "|".join(m.capitalize() for m in MONTHS["en"] if m != "may")
    + r")(?:\s+(?P<year>\d{4}))?\b"
)
_ROMANCE_WEEKDAY = {
    "es": re.compile(r"\b(?P<on>[Ee]l)\s+(?P<day>" + "|".join(WEEKDAYS["es"]) + r")\b"),
    "pt": re.compile(r"\b(?P<on>[Nn][ao])\s+(?P<day>" + "|".join(WEEKDAYS["pt"]) + r")(?![\w-])"),
}


@dataclass(frozen=True)
class CalendarMatch:
    """A date, month or weekday phrase and how to write it in the target language."""

    start: int
    end: int
    text: str
    replacement: str


def calendar_phrases(text: str, source: str, target: str) -> list[CalendarMatch]:
    """Dates, months and weekdays the rule-based engines render badly, with their renderings.

    English → Spanish/Portuguese: `on 12 March 1982` → `el 12 de marzo de 1982`,
    `on Tuesday` → `na terça-feira`, `March 2024` → `marzo de 2024`, `in March`
    → `en marzo`. Spanish/Portuguese → English: `el martes` → `on Tuesday`.
    Overlapping matches are resolved by the caller (longest first).
    """
    found: list[CalendarMatch] = []
    if source == "en" and target in ("es", "pt"):
        for date in find_english_dates(text):
            found.append(CalendarMatch(date.start, date.end, date.text, format_date(date, target)))
        for match in _EN_WEEKDAY.finditer(text):
            index = WEEKDAYS["en"].index(match["day"].lower())
            day = WEEKDAYS[target][index]
            if match["on"]:
                article = {"es": "el"}.get(target) or ("no" if index >= 5 else "na")
                day = f"{_same_case(match['on'], article)} {day}"
            found.append(CalendarMatch(match.start(), match.end(), match[0], day))
        for match in _EN_MONTH.finditer(text):
            month = MONTHS[target][MONTHS["en"].index(match["month"].lower())]
            if match["year"]:
                month = f"{month} de {match['year']}"
            found.append(CalendarMatch(match.start(), match.end(), match[0], month))
    elif source in _ROMANCE_WEEKDAY and target == "en":
        for match in _ROMANCE_WEEKDAY[source].finditer(text):
            day = WEEKDAYS["en"][WEEKDAYS[source].index(match["day"])].capitalize()
            found.append(
                CalendarMatch(
                    match.start(), match.end(), match[0], f"{_same_case(match['on'], 'on')} {day}"
                )
            )
    return found


@dataclass(frozen=True)
class Quantity:
    """A number as the fidelity check compares it: written value and scaled value."""

    text: str
    value: Decimal
    scaled: Decimal

    def matches(self, other: Quantity) -> bool:
        return self.value == other.value or self.scaled == other.scaled


_ORDINAL = {
    "en": re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b"),
    "es": re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)\.?(?:º|ª|er\b)"),
    "pt": re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)\.?(?:º|ª)"),
}


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CENTURY = {
    "es": re.compile(r"\bsiglos?\s+([IVXLC]+)\b"),
    "pt": re.compile(r"\bséculos?\s+([IVXLC]+)\b"),
}


def roman(numeral: str) -> int:
    """`XV` → 15."""
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@dataclass(frozen=True)
class OrdinalMatch:
    start: int
    end: int
    text: str
    value: int
    suffix: str  # "º", "ª", "st", "er"...


def find_ordinals(text: str, language: str) -> list[OrdinalMatch]:
    """Ordinals written with digits: `21st`, `1,000th` (en); `21.º`, `1.ª`, `1.er` (es); `21º` (pt)."""
    group = SEPARATORS[language][0]
    found = []
    for match in _ORDINAL[language].finditer(text):
        suffix = match[0][len(match[1]) :].lstrip(".")
        value = int(match[1].replace(group, ""))
        found.append(OrdinalMatch(match.start(), match.end(), match[0], value, suffix))
    return found


def localise_ordinal(ordinal: OrdinalMatch, target: str) -> str:
    """`21st` → `21.º` (es) / `21º` (pt); `21.ª` → `21ª` (pt) / `21st` (en)."""
    number = format_number(Decimal(ordinal.value), target)
    if target == "en":
        last_two, last = ordinal.value % 100, ordinal.value % 10
        suffix = "th" if 10 <= last_two <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(last, "th")
        return f"{number}{suffix}"
    feminine = ordinal.suffix in ("ª", "a", "as")
    mark = "ª" if feminine else "º"
    if target == "es":
        if ordinal.suffix == "er":
            return f"{number}.er"
        return f"{number}.{mark}"
    return f"{number}{mark}"


def quantities(text: str, language: str) -> list[Quantity]:
    """Every number, amount and ordinal in `text`, read in `language`'s convention."""
    text = unicodedata.normalize("NFC", text)
    lowered = text.lower()
    found: list[Quantity] = []
    scale_words = sorted(SCALES[language], key=len, reverse=True)
    scale_re = re.compile(r"\s+(" + "|".join(map(re.escape, scale_words)) + r")\b")
    for number in find_numbers(text, language):
        scaled = number.value
        after = scale_re.match(lowered, number.end)
        if after:
            scaled = number.value * SCALES[language][after[1]]
        found.append(Quantity(number.text, number.value, scaled))
    for ordinal in find_ordinals(text, language):
        found.append(Quantity(ordinal.text, Decimal(ordinal.value), Decimal(ordinal.value)))
    if language in _CENTURY:
        for match in _CENTURY[language].finditer(text):
            value = Decimal(roman(match[1]))
            found.append(Quantity(match[0], value, value))
    return found


def calendar_words(text: str, language: str) -> list[tuple[str, str, int]]:
    """Month and weekday names in `text`: (`"month"` or `"weekday"`, as written, index)."""
    found = []
    for match in re.finditer(r"[^\W\d_]+(?:-feira)?\.?", text):
        word = match[0]
        key = word.lower().rstrip(".")
        if language == "en" and word.lower() in _EN_MONTH_ABBREVIATIONS and word[0].isupper():
            found.append(("month", word, _EN_MONTH_ABBREVIATIONS[word.lower()]))
            continue
        if key in MONTHS[language] or key in _MONTH_ALIASES.get(language, {}):
            if language == "en" and not word[0].isupper():
                continue
            if key == "may" and not re.search(
                r"\d", text[max(0, match.start() - 4) : match.end() + 5]
            ):
                continue  # "May" the modal verb
            index = _MONTH_ALIASES.get(language, {}).get(key, None)
            found.append(("month", word, MONTHS[language].index(key) if index is None else index))
            continue
        if key in WEEKDAYS[language] or key in _WEEKDAY_ALIASES.get(language, {}):
            if language == "en" and not word[0].isupper():
                continue
            index = _WEEKDAY_ALIASES.get(language, {}).get(key, None)
            found.append(
                ("weekday", word, WEEKDAYS[language].index(key) if index is None else index)
            )
    return found
