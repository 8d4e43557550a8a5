"""Reading reader pages the way a test needs to: URLs per language and a small HTML tree.

The tree is built with the standard library's HTMLParser so that assertions are about
elements and attributes (is this a link? is it marked current?), not about substrings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse
from django.utils import translation

VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def reverse_in(language: str, name: str, **kwargs: str) -> str:
    """`reverse()` with the language prefix (and translated path words) of `language`."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str | bool) -> list[Element]:
        """Descendants by tag and attributes; `class_` matches one class, True any value."""
        return [el for el in self.iter() if el._matches(tag, attrs)]

    def find(self, tag: str | None = None, **attrs: str | bool) -> Element | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, **attrs: str | bool) -> Element:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def _matches(self, tag: str | None, attrs: dict[str, str | bool]) -> bool:
        if tag is not None and self.tag != tag:
            return False
        for name, wanted in attrs.items():
            name = name.rstrip("_").replace("_", "-")
            if name not in self.attrs:
                return False
            if wanted is True:
                continue
            value = self.attrs[name] or ""
            if name == "class":
                if wanted not in value.split():
                    return False
            elif value != wanted:
                return False
        return True

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def raw_text(self) -> str:
        return "".join(
            child if isinstance(child, str) else child.raw_text for child in self.children
        )

    @property
    def text(self) -> str:
        """The text a reader sees, whitespace collapsed."""
        return " ".join(self.raw_text.split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str | bytes) -> Element:
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def fetch(client: Client, url: str, status: int = 200, **extra) -> Element:  # type: ignore[no-untyped-def]
    """GET `url`, check the status, return the parsed document."""
    response = client.get(url, **extra)
    assert response.status_code == status, (url, response.status_code, response.get("Location"))
    return parse(response.content)


def headlines(doc: Element) -> list[str]:
    """Teaser headlines on a listing page, in page order."""
    return [el.text for el in doc.find_all(class_="teaser__headline")]


def json_ld(doc: Element) -> dict:
    (script,) = doc.find_all("script", type="application/ld+json")
    return json.loads(script.raw_text)


def alternates(doc: Element) -> dict[str, str]:
    """hreflang → href of the page's <link rel="alternate"> elements."""
    links = doc.find_all("link", rel="alternate", hreflang=True)
    result = {link.get("hreflang"): link.get("href") for link in links}
    assert len(result) == len(links), "an hreflang is listed twice"
    return result


def meta_property(doc: Element, name: str) -> list[str]:
    return [el.get("content") or "" for el in doc.find_all("meta", property=name)]


def switcher(doc: Element) -> Element:
    return doc.one("nav", class_="switcher")


def query_counts(request: Callable[[], object], grow: Callable[[int], None]) -> list[int]:
    """Queries `request()` costs with 5 stories and again with 40 (`grow(n)` adds n)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for added in (5, 35):
        grow(added)
        with CaptureQueriesContext(connection) as queries:
            request()
        counts.append(len(queries))
    return counts
