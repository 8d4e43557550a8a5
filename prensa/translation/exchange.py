"""Files that carry translations out of Prensa and back: TMX (the memory) and XLIFF 2.

Reading and writing go through translate-toolkit (`translate.storage.tmx`,
`translate.storage.xliff2`), the library CAT tools' own pipelines use. Nothing
here touches the database: callers hand in and receive plain dataclasses.

Untrusted files pass two gates before translate-toolkit sees them: a size
bound, and defusedxml, which refuses any entity declaration (the "billion
laughs" bomb, external entities that would read local files or the network).
translate-toolkit's own parser then runs with entity resolution and network
access off. A file either reads whole or raises `ExchangeError`; a readable
file's individual refused units come back as `Problem`s, so a caller can
refuse the whole import and say what is wrong with each unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as defused_fromstring
from django.utils.translation import gettext as _
from lxml import etree

# Translation memories run to a few tens of thousands of sentences; a story's XLIFF to a
# few hundred kilobytes. The bound keeps one wrong upload from filling the server's memory.
MAX_FILE_BYTES = 20 * 1024 * 1024

XLIFF2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TMX_DATE = "%Y%m%dT%H%M%SZ"


class ExchangeError(Exception):
    """The file as a whole cannot be read; `message` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One unit of a file that was refused, and why (in the active language)."""

    unit: str
    message: str

    def __str__(self) -> str:
        return f"{self.unit}: {self.message}"


def language_code(tag: str | None) -> str:
    """The primary subtag of a BCP 47 tag, lower case: `pt-BR` → `pt`, `EN_us` → `en`."""
    return (tag or "").replace("_", "-").split("-", 1)[0].strip().lower()


def _check_safe(data: bytes) -> None:
    """Refuse files that are too big, malformed, or declare entities (bombs, XXE)."""
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError(
            _("The file is larger than %(limit)s MB; split it into smaller files.")
            % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise ExchangeError(_("The file is empty."))
    try:
        # DOCTYPEs are allowed (TMX files name their DTD); entity declarations are not.
        defused_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ExchangeError(
            _(
                "The file declares XML entities, which Prensa never reads (they can hide "
                "an XML bomb or read other files). Export it again without a DTD subset."
            )
        ) from exc
    except ParseError as exc:
        raise ExchangeError(
            _("The file is not well-formed XML (%(error)s).") % {"error": exc}
        ) from exc


# --- TMX: the translation memory --------------------------------------------------------


@dataclass(frozen=True)
class MemoryUnit:
    """One approved translation of a segment, for one language pair."""

    source_language: str
    target_language: str
    source_text: str
    target_text: str
    changed_at: datetime | None = None


@dataclass
class TmxReading:
    """What a TMX file holds: the units that can be imported, and the refused ones."""

    units: list[MemoryUnit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0  # translation units (<tu>) in the file


def write_tmx(units: Iterable[MemoryUnit]) -> bytes:
    """A TMX 1.4 file with one `<tu>` per unit, each naming its own source language."""
    from translate.storage.tmx import tmxfile

    units = list(units)
    sources = {unit.source_language for unit in units}
    store = tmxfile(sourcelanguage=sources.pop() if len(sources) == 1 else "*all*")
    header = store.document.getroot().find("header")
    header.set("creationtool", "Prensa")
    header.set("creationtoolversion", "1")
    for unit in units:
        tu = store.addsourceunit(unit.source_text, unit.source_language)
        tu.settarget(unit.target_text, unit.target_language, append=True)
        if unit.changed_at is not None:
            tu.xmlelement.set("changedate", unit.changed_at.astimezone(UTC).strftime(_TMX_DATE))
    return bytes(store)


def read_tmx(data: bytes, languages: Collection[str]) -> TmxReading:
    """The memory units of a TMX file, one per (source, target) language pair of each `<tu>`.

    A unit is refused when it holds a language not in `languages` (the ones Prensa
    publishes), has no source or no translation, or an empty segment.
    """
    from translate.misc.xml_helpers import getXMLlang, getXMLspace
    from translate.storage.tmx import tmxfile

    _check_safe(data)
    try:
        store = tmxfile(BytesIO(data))
    except (etree.XMLSyntaxError, ValueError, AssertionError, StopIteration) as exc:
        raise ExchangeError(_("This is not a TMX file (%(error)s).") % {"error": exc}) from exc
    root = store.document.getroot()
    if root.tag != "tmx":
        raise ExchangeError(_("This is not a TMX file: its root element is not <tmx>."))
    header = root.find("header")
    default_source = header.get("srclang") if header is not None else None

    reading = TmxReading()
    for number, tu in enumerate(store.units, start=1):
        reading.count += 1
        where = _("Unit %(number)s") % {"number": number}
        element = tu.xmlelement
        space = getXMLspace(element, "default")
        variants: dict[str, str] = {}
        refused = None
        for node in tu.getlanguageNodes():
            tag = getXMLlang(node) or ""
            code = language_code(tag)
            if code not in languages:
                refused = _(
                    "the language “%(tag)s” is not one Prensa publishes (%(languages)s)."
                ) % {"tag": tag or "?", "languages": ", ".join(languages)}
                break
            text = tu.getNodeText(node, space)
            if not (text or "").strip():
                refused = _("the segment in “%(tag)s” is empty.") % {"tag": tag}
                break
            variants[code] = text.strip()
        if refused is None and len(variants) < 2:
            refused = _("it needs a segment in at least two languages.")
        source = language_code(element.get("srclang") or default_source)
        if refused is None and source != "*all*" and source not in variants:
            refused = _("its source language “%(tag)s” has no segment.") % {
                "tag": element.get("srclang") or default_source or "?"
            }
        if refused is not None:
            reading.problems.append(Problem(where, refused))
            continue
        changed = _tmx_date(element.get("changedate") or element.get("creationdate"))
        sources = list(variants) if source == "*all*" else [source]
        for s in sources:
            for t, text in variants.items():
                if t != s:
                    reading.units.append(MemoryUnit(s, t, variants[s], text, changed))
    return reading


def _tmx_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, _TMX_DATE).replace(tzinfo=UTC)
    except ValueError:
        return None


# --- XLIFF 2: one story's translation ---------------------------------------------------


@dataclass(frozen=True)
class XliffUnit:
    """One unit: its id, the source text and the translation (None when there is none)."""

    id: str
    source: str
    target: str | None


@dataclass(frozen=True)
class XliffDocument:
    source_language: str
    target_language: str
    file_id: str
    units: tuple[XliffUnit, ...]
    original: str = ""


def write_xliff(document: XliffDocument) -> bytes:
    """An XLIFF 2.0 file: one `<file>`, one `<unit>` with one `<segment>` per unit.

    Units are marked `canResegment="no"` so a CAT tool keeps Prensa's paragraphs
    whole. translate-toolkit puts `xml:space="preserve"` on `<segment>`, where the
    XLIFF 2.0 schema has no such attribute; it is moved to `<unit>`, where it is
    allowed and inherited by `<source>` and `<target>`.
    """
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File()
    store.setsourcelanguage(document.source_language)
    store.settargetlanguage(document.target_language)
    store.setfilename(store.body, document.file_id)
    store.body.set("canResegment", "no")
    if document.original:
        store.body.set("original", document.original)
    for unit in document.units:
        stored = store.addsourceunit(unit.source)
        stored.setid(unit.id)
        if unit.target is not None:
            stored.target = unit.target
        segment = stored.xmlelement
        segment.attrib.pop(_XML_SPACE, None)
        element = stored.getunitelement()
        element.set(_XML_SPACE, "preserve")
    return bytes(store)


def read_xliff(data: bytes) -> XliffDocument:
    """The units of an XLIFF 2.x file with one `<file>`.

    A unit a CAT tool split into several segments comes back whole, its segments
    joined in order.
    """
    from translate.storage.xliff2 import SEGMENT_SEPARATOR, Xliff2File

    _check_safe(data)
    try:
        store = Xliff2File.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, AssertionError, StopIteration) as exc:
        raise ExchangeError(_("This is not an XLIFF 2 file (%(error)s).") % {"error": exc}) from exc
    root = store.document.getroot()
    if etree.QName(root).localname != "xliff" or not str(root.get("version", "")).startswith("2."):
        raise ExchangeError(
            _("This is not an XLIFF 2 file: Prensa reads and writes XLIFF version 2.x.")
        )
    files = [child for child in root if etree.QName(child).localname == "file"]
    if len(files) != 1:
        raise ExchangeError(
            _("The file holds %(count)s <file> elements; Prensa expects exactly one.")
            % {"count": len(files)}
        )
    namespace = etree.QName(root).namespace
    counts = Counter(unit.get("id") for unit in files[0].iter(f"{{{namespace}}}unit"))
    twice = sorted(str(unit_id) for unit_id, n in counts.items() if n > 1)
    if twice:
        raise ExchangeError(
            _("Some units appear more than once in the file: %(ids)s.") % {"ids": ", ".join(twice)}
        )
    order: list[str] = []
    sources: dict[str, list[str]] = {}
    targets: dict[str, list[str | None]] = {}
    for unit in store.units:
        unit_id = (unit.getid() or "").split(SEGMENT_SEPARATOR, 1)[0]
        if unit_id not in sources:
            order.append(unit_id)
            sources[unit_id], targets[unit_id] = [], []
        sources[unit_id].append(unit.source or "")
        targets[unit_id].append(unit.target)
    units = tuple(
        XliffUnit(
            unit_id,
            " ".join(part.strip() for part in sources[unit_id]).strip(),
            None
            if all(part is None for part in targets[unit_id])
            else " ".join((part or "").strip() for part in targets[unit_id]).strip(),
        )
        for unit_id in order
    )
    return XliffDocument(
        source_language=root.get("srcLang", ""),
        target_language=root.get("trgLang", ""),
        file_id=files[0].get("id", ""),
        units=units,
        original=files[0].get("original", ""),
    )
