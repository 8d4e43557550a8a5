"""Reading wire copy: each format becomes a list of `Item`s, or a `Refusal` saying why not.

Formats: IPTC ninjs 1.x, 2.x and 3.x (JSON); NewsML-G2 (a newsItem, or a newsMessage of
them, with inline XHTML or NITF); RSS 2.0 and Atom (feedparser, given bytes: it never
fetches anything); plain text or Markdown (the first line is the headline); HTML pages
(trafilatura keeps the article, not its navigation, related links or comments).

Every XML document is parsed with defusedxml first, so entity declarations (the "billion
laughs" bomb) and external references (XXE) are refused before any other parser sees it.
Text must be in the encoding it declares, or in UTF-8 when it declares none: anything
else is refused rather than imported as mojibake. No parser writes anything.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import PurePath
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeET
import nh3
from defusedxml import DefusedXmlException
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from markdownify import markdownify

from prensa.lib.markup import paragraphs

from .items import Item, Refusal

# What survives of source HTML on its way to Markdown (the rest is dropped with its content
# when it is a script or a style, unwrapped otherwise).
_KEEP_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "em", "strong", "b", "i", "a", "br", "hr", "pre", "code",
}  # fmt: skip
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SINGLE_BYTE = re.compile(r"^(latin_1|iso8859_\d+|cp125\d|mac_roman|ascii)$")


# -- Text and encodings ------------------------------------------------------------------


def decode(data: bytes, declared: str | None = None) -> str:
    """`data` as text in its declared encoding, or in UTF-8 when it declares none.

    A declared single-byte encoding (Latin-1, Windows-1252…) over bytes that read as UTF-8
    with accents is refused as a wrong declaration: decoding it would give mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        data, declared = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data, declared = data, "utf-16"
    if not declared:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise Refusal(
                _(
                    "The text does not declare its encoding and is not UTF-8: "
                    "save it as UTF-8, or declare its encoding."
                )
            ) from None
    try:
        codec = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        raise Refusal(
            _("The text declares an unknown encoding (%(encoding)s).") % {"encoding": declared}
        ) from None
    if codec.replace("-", "_") in ("utf_16", "utf_16_le", "utf_16_be") and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        codec = "utf-8"  # a UTF-8 document that says utf-16 in its declaration
    if _SINGLE_BYTE.match(codec.replace("-", "_")) and _reads_as_utf8(data):
        raise Refusal(
            _(
                "The text declares the encoding %(encoding)s but is written in UTF-8: "
                "correct its declaration."
            )
            % {"encoding": declared}
        )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise Refusal(
            _("The text is not valid %(encoding)s, the encoding it declares.")
            % {"encoding": declared}
        ) from None
    if "\x00" in text:
        raise Refusal(_("The text contains NUL characters: it is not a text file."))
    return text


def _reads_as_utf8(data: bytes) -> bool:
    """Valid UTF-8 with at least one multi-byte character (pure ASCII proves nothing)."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def html_to_blocks(html: str) -> list[str]:
    """HTML (a body from a feed, ninjs or NewsML) as CommonMark blocks; no raw HTML is kept."""
    clean = nh3.clean(html or "", tags=_KEEP_TAGS, attributes={"a": {"href"}}, link_rel=None)
    markdown = markdownify(
        clean, heading_style="ATX", bullets="-", escape_underscores=False, strip=["img"]
    )
    return [_tidy(block) for block in paragraphs(markdown) if _tidy(block)]


def _tidy(block: str) -> str:
    """One block on as few lines as its content needs (markdownify wraps nothing, but sources
    break lines inside paragraphs)."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in block.split("\n")]
    joined = "\n".join(line for line in lines if line)
    if not joined.startswith(("-", "*", ">", "#", "1", "2", "3", "4", "5", "6", "7", "8", "9")):
        joined = " ".join(joined.split("\n"))
    return joined


def _text_blocks(text: str) -> list[str]:
    """Plain text: blank lines separate paragraphs."""
    return [" ".join(block.split()) for block in paragraphs(text)]


def _plain(html_or_text: str) -> str:
    return " ".join(strip_tags(html_or_text or "").split())


def content_key(data: bytes) -> str:
    """A key for sources with no identifier of their own: the same bytes, the same story."""
    return "sha256:" + hashlib.sha256(data).hexdigest()[:40]


def _datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _split_byline(byline: str) -> list[str]:
    """ "By Ana Souza and João Lima" → ["Ana Souza", "João Lima"]."""
    text = re.sub(r"^\s*(by|por|de)\s+", "", " ".join((byline or "").split()), flags=re.I)
    names = re.split(r"\s*(?:,|;|&|\band\b|\be\b|\by\b)\s*", text)
    return [name.strip() for name in names if name.strip()]


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = " ".join(str(value).split())
        if value and value.casefold() not in {v.casefold() for v in seen}:
            seen[value] = None
    return list(seen)


# -- ninjs -------------------------------------------------------------------------------


def parse_ninjs(data: bytes, label: str = "") -> list[Item]:
    """IPTC ninjs 1.x, 2.x or 3.x: one item, or a JSON list of items."""
    text = decode(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Refusal(
            _("Invalid JSON: %(error)s (line %(line)s, column %(column)s).")
            % {"error": exc.msg, "line": exc.lineno, "column": exc.colno}
        ) from None
    except (ValueError, RecursionError):
        raise Refusal(_("Invalid JSON.")) from None
    documents = document if isinstance(document, list) else [document]
    if not documents or not all(isinstance(d, dict) for d in documents):
        raise Refusal(_("This JSON is not a ninjs item: a ninjs item is a JSON object."))
    items = []
    for n, entry in enumerate(documents, 1):
        if "uri" not in entry and "guid" not in entry:
            raise Refusal(_("This JSON is not a ninjs item: it has no uri."))
        items.append(_ninjs_item(entry, label if len(documents) == 1 else f"{label} #{n}"))
    return items


def _get(entry: dict, *names: str) -> object:
    """The first of `names` present (ninjs 3 writes camelCase, 1.x and 2.x lower case)."""
    for name in names:
        for variant in (name, name.lower()):
            if variant in entry and entry[variant] not in (None, "", []):
                return entry[variant]
    return None


def _dicts(value: object) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _role(entries: list[dict], *roles: str) -> dict | None:
    for role in roles:
        for entry in entries:
            if entry.get("role") == role and isinstance(entry.get("value"), str):
                return entry
    return next((e for e in entries if isinstance(e.get("value"), str)), None)


def _ninjs_item(entry: dict, label: str) -> Item:
    headline = _role(_dicts(entry.get("headlines")), "main")
    summary = _role(_dicts(entry.get("descriptions")), "summary", "main")
    body = _role(_dicts(entry.get("bodies")), "main")
    item = Item(label=label)
    item.headline = _plain(headline["value"] if headline else _first_string(entry.get("headline")))
    item.standfirst = _plain(
        summary["value"]
        if summary
        else _first_string(entry.get("description_text") or entry.get("description_html"))
    )
    if body is not None:
        kind = str(_get(body, "contentType") or "text/html")
        item.paragraphs = (
            _text_blocks(body["value"]) if kind == "text/plain" else html_to_blocks(body["value"])
        )
    elif isinstance(entry.get("body_html"), str):
        item.paragraphs = html_to_blocks(entry["body_html"])
    elif isinstance(entry.get("body_text"), str):
        item.paragraphs = _text_blocks(entry["body_text"])
    people = [p for p in _dicts(entry.get("people")) if isinstance(p.get("name"), str)]
    sources = _dicts(_get(entry, "infoSources"))
    item.agencies = _unique(
        s["name"]
        for s in sources
        if isinstance(s.get("name"), str) and s.get("role") != "publisher"
    )
    if people:
        item.byline = _unique(p["name"] for p in people)
    else:
        by = _first_string(_get(entry, "by", "byline"))
        item.byline = [n for n in _split_byline(by) if n not in item.agencies]
    item.date = _datetime(_get(entry, "firstCreated", "contentCreated", "versionCreated"))
    language = entry.get("language")
    item.language = language if isinstance(language, str) else ""
    alt_ids = _dicts(_get(entry, "altIds"))
    key = next((a["value"] for a in alt_ids if a.get("role") == "key"), None)
    item.key = str(key or entry.get("uri") or entry.get("guid") or "")
    renditions = [r for r in _dicts(entry.get("renditions")) if isinstance(r.get("href"), str)]
    item.also_known_as = _unique(
        [str(entry.get("uri") or "")] + [r["href"] for r in renditions if r.get("name") == "web"]
    )
    subjects = _dicts(_get(entry, "subjects", "subject"))
    sections = [s for s in subjects if s.get("rel") == "section"]
    if sections:
        item.section = str(sections[0].get("literal") or sections[0].get("name") or "")
    item.tags = _unique(
        [
            str(s.get("literal") or s.get("name") or "")
            for s in subjects
            if s.get("rel") != "section"
        ]
        + _strings(entry.get("keywords"))
    )
    return item


def _first_string(value: object) -> str:
    strings = _strings(value)
    return strings[0] if strings else ""


# -- XML: NewsML-G2 and feeds ------------------------------------------------------------

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")


def parse_xml(data: bytes) -> Element:
    """The document's root, parsed safely: no entity declarations, no external references."""
    match = _XML_DECLARATION.match(data[:300].removeprefix(codecs.BOM_UTF8))
    text = decode(data, match.group(1).decode("ascii") if match else None)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"), count=1)
    try:
        return SafeET.fromstring(text, forbid_dtd=False)
    except DefusedXmlException as exc:
        raise Refusal(
            _(
                "The XML declares entities or refers to external files (%(what)s): "
                "refused, as it could be an XML bomb or read files it should not."
            )
            % {"what": exc.__class__.__name__}
        ) from None
    except ParseError as exc:
        raise Refusal(_("Invalid XML: %(error)s.") % {"error": exc}) from None
    except (ValueError, RecursionError):
        raise Refusal(_("Invalid XML.")) from None


def _local(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def parse_newsml(data: bytes, label: str = "", root: Element | None = None) -> list[Item]:
    """A NewsML-G2 newsItem, or a newsMessage carrying newsItems."""
    root = parse_xml(data) if root is None else root
    if _local(root) == "newsItem":
        news_items = [root]
    elif _local(root) == "newsMessage":
        news_items = root.findall(".//{*}newsItem")
    else:
        raise Refusal(_("This XML is not NewsML-G2: it has no newsItem."))
    if not news_items:
        raise Refusal(_("This NewsML-G2 message carries no newsItem."))
    return [
        _newsml_item(element, label if len(news_items) == 1 else f"{label} #{n}")
        for n, element in enumerate(news_items, 1)
    ]


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _newsml_item(news_item: Element, label: str) -> Item:
    item = Item(label=label, key=news_item.get("guid", ""))
    meta = news_item.find("{*}contentMeta")
    item_meta = news_item.find("{*}itemMeta")
    item.language = news_item.get(_XML_LANG, "")
    if meta is not None:
        item.headline = _text(meta.find("{*}headline"))
        summaries = meta.findall("{*}description")
        summary = next((d for d in summaries if "summary" in d.get("role", "")), None)
        item.standfirst = _text(summary if summary is not None else meta.find("{*}description"))
        item.byline = _unique(
            _text(c.find("{*}name")) or c.get("literal", "") for c in meta.findall("{*}creator")
        )
        language = meta.find("{*}language")
        if language is not None and language.get("tag"):
            item.language = language.get("tag", "")
        item.tags = _unique(
            [_text(k) for k in meta.findall("{*}keyword")]
            + [_text(s.find("{*}name")) for s in meta.findall("{*}subject")]
        )
        item.date = _datetime(_text(meta.find("{*}contentCreated")))
    if item.date is None and item_meta is not None:
        item.date = _datetime(_text(item_meta.find("{*}versionCreated")))
    content = news_item.find("{*}contentSet")
    if content is None:
        return item
    inline = content.find("{*}inlineXML")
    if inline is not None:
        item.language = inline.get(_XML_LANG, "") or item.language
        document = next(iter(inline), None)
        if document is not None and _local(document) == "nitf":
            _read_nitf(document, item)
        elif document is not None:
            body = document.find(".//{*}body") if _local(document) == "html" else document
            item.paragraphs = html_to_blocks(_as_html(body))
        return item
    data = content.find("{*}inlineData")
    if data is not None:
        item.paragraphs = _text_blocks("".join(data.itertext()))
    return item


def _read_nitf(nitf: Element, item: Item) -> None:
    item.headline = item.headline or _text(nitf.find(".//{*}hedline/{*}hl1"))
    if not item.byline:
        item.byline = _split_byline(_text(nitf.find(".//{*}byline")))
    content = nitf.find(".//{*}body.content")
    item.paragraphs = html_to_blocks(_as_html(content))


def _as_html(element: Element | None) -> str:
    """An XHTML or NITF element as HTML text, namespaces dropped (nh3 keeps what it knows)."""
    if element is None:
        return ""
    for node in element.iter():
        if isinstance(node.tag, str):
            node.tag = node.tag.rsplit("}", 1)[-1]
            if node.tag in ("hl2", "hl1"):
                node.tag = "h2"
    return tostring(element, encoding="unicode")


def parse_feed(data: bytes, label: str = "", root: Element | None = None) -> list[Item]:
    """RSS 2.0 or Atom (or RSS 1.0): one item per entry."""
    import feedparser

    root = parse_xml(data) if root is None else root  # safe first: feedparser is lenient
    if _local(root) not in ("rss", "feed", "RDF"):
        raise Refusal(_("This XML is not an RSS or Atom feed."))
    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        raise Refusal(_("This feed has no items."))
    language = feed.feed.get("language", "") or root.get(_XML_LANG, "")
    return [_feed_item(entry, language, f"{label} #{n}") for n, entry in enumerate(feed.entries, 1)]


def _feed_item(entry: dict, language: str, label: str) -> Item:
    item = Item(label=label, headline=_plain(entry.get("title", "")))
    contents = [c for c in entry.get("content", []) if c.get("value")]
    summary = entry.get("summary", "")
    if contents:
        body = contents[0]
        item.paragraphs = (
            _text_blocks(body["value"])
            if body.get("type") == "text/plain"
            else html_to_blocks(body["value"])
        )
        if _plain(summary) and _plain(summary) not in _plain(body["value"]):
            item.standfirst = _plain(summary)
        language = body.get("language") or language
    else:
        item.paragraphs = html_to_blocks(summary)
    item.language = entry.get("language", "") or language or ""
    item.byline = _unique(a.get("name", "") for a in entry.get("authors", []) if a.get("name"))
    item.tags = _unique(t.get("term", "") for t in entry.get("tags", []) if t.get("term"))
    item.key = entry.get("id", "") or entry.get("link", "")
    item.also_known_as = [entry["link"]] if entry.get("link") else []
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if moment:
        item.date = datetime(*moment[:6], tzinfo=UTC)
    return item


# -- Plain text, Markdown and web pages --------------------------------------------------


def parse_text(data: bytes, label: str = "") -> list[Item]:
    """Plain text or Markdown: the first line is the headline, blank lines separate paragraphs."""
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.strip().split("\n")
    headline = re.sub(r"^#+\s*", "", lines[0]).strip() if lines and lines[0].strip() else ""
    rest = "\n".join(lines[1:])
    return [
        Item(
            label=label,
            headline=headline,
            paragraphs=[block for block in paragraphs(rest)],
            key=content_key(data),
        )
    ]


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
# Fewer words than this is a menu, a login page or an index, not an article.
MIN_ARTICLE_WORDS = 30
_HTML_LANG = re.compile(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)


def parse_html(
    data: bytes, label: str = "", url: str = "", charset: str | None = None
) -> list[Item]:
    """A web page: trafilatura finds the article (and its byline, date and tags) in it."""
    import trafilatura

    declared = _META_CHARSET.search(data[:4096])
    text = decode(data, charset or (declared.group(1).decode("ascii") if declared else None))
    options = {"include_comments": False, "include_links": False, "include_images": False}
    try:
        document = trafilatura.bare_extraction(
            text, url=url or None, with_metadata=True, include_tables=False, **options
        )
        markdown = trafilatura.extract(text, output_format="markdown", **options)
    except (ValueError, TypeError, RecursionError):
        document, markdown = None, None
    if document is None or not markdown:
        raise Refusal(_("No article was found on this page."))
    meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    headline = " ".join((meta.get("title") or "").split())
    blocks = [_tidy(block) for block in paragraphs(markdown)]
    if blocks and re.sub(r"^#+\s*", "", blocks[0]) == headline:
        blocks = blocks[1:]
    if len(" ".join(blocks).split()) < MIN_ARTICLE_WORDS:
        raise Refusal(_("No article was found on this page."))
    language = _HTML_LANG.search(text[:4096])
    tags = [t for raw in meta.get("tags") or [] for t in str(raw).split(",")]
    date = meta.get("date")
    return [
        Item(
            label=label,
            headline=headline,
            paragraphs=[b for b in blocks if b],
            standfirst="",
            byline=_split_byline(meta.get("author") or ""),
            date=_datetime(f"{date}T00:00:00")
            if isinstance(date, str) and len(date) == 10
            else None,
            tags=_unique(tags + list(meta.get("categories") or [])),
            language=language.group(1) if language else "",
            key=url or meta.get("url") or content_key(data),
            also_known_as=[meta["url"]] if meta.get("url") else [],
        )
    ]


# -- Choosing the parser -----------------------------------------------------------------

PARSERS: dict[str, Callable[..., list[Item]]] = {
    "ninjs": parse_ninjs,
    "newsml": parse_newsml,
    "feed": parse_feed,
    "text": parse_text,
    "html": parse_html,
}

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)", re.I | re.S)


def parse(
    data: bytes, filename: str = "", *, url: str = "", charset: str | None = None
) -> list[Item]:
    """Whichever format `data` is in (by its name's extension, else by its content)."""
    label = filename or url
    suffix = PurePath(filename).suffix.lower() if filename else ""
    start = data[:1024].removeprefix(codecs.BOM_UTF8).lstrip()
    if suffix in (".txt", ".md", ".markdown", ".text"):
        return parse_text(data, label)
    if suffix == ".json" or start.startswith((b"{", b"[")):
        return parse_ninjs(data, label)
    if suffix in (".html", ".htm", ".xhtml") or _HTML_START.match(data[:2048]):
        return parse_html(data, label, url=url, charset=charset)
    if suffix == ".xml" or start.startswith(b"<"):
        root = parse_xml(data)
        kind = _local(root)
        if kind in ("newsItem", "newsMessage"):
            return parse_newsml(data, label, root=root)
        if kind in ("rss", "feed", "RDF"):
            return parse_feed(data, label, root=root)
        if kind == "html":
            return parse_html(data, label, url=url, charset=charset)
        raise Refusal(
            _("This XML is neither NewsML-G2 nor an RSS or Atom feed (its root is <%(root)s>).")
            % {"root": kind[:40]}
        )
    if suffix and suffix not in (".txt", ""):
        raise Refusal(
            _(
                "Unknown file type %(suffix)s: Prensa imports ninjs (.json), NewsML-G2 and feeds "
                "(.xml), web pages (.html) and text or Markdown (.txt, .md)."
            )
            % {"suffix": suffix[:20]}
        )
    return parse_text(data, label)
