"""The machine-readable layer of reader pages: alternates, JSON-LD, Open Graph."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from prensa.lib.languages import NATIVE_NAMES, OG_LOCALES, codes
from prensa.newsroom.models import Edition, StoryCredit

from . import times

# Same escapes as django.utils.html.json_script: nothing in the data can close the tag.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# Development only (PRENSA_BASE_URL_FROM_REQUEST): the address the page was asked on.
_request_base: ContextVar[str | None] = ContextVar("prensa_request_base", default=None)


def base_url() -> str:
    """The site's public address: PRENSA_BASE_URL, or in development the request's own."""
    return _request_base.get() or settings.PRENSA_BASE_URL


def absolute(path: str) -> str:
    return f"{base_url()}{path}"


def base_url_follows_request() -> bool:
    """Development without PRENSA_BASE_URL: runserver may listen on any port or host."""
    return getattr(settings, "PRENSA_BASE_URL_FROM_REQUEST", False)


@contextmanager
def addressed_as(request: HttpRequest) -> Iterator[None]:
    """Absolute URLs made meanwhile use the request's address, where settings allow it."""
    if not base_url_follows_request():
        yield
        return
    token = _request_base.set(f"{request.scheme}://{request.get_host()}")
    try:
        yield
    finally:
        _request_base.reset(token)


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher and of the hreflang alternates."""

    code: str
    url: str | None  # None: this page has no edition in that language
    current: bool
    # Where a reader of that language learns the edition is not there yet (a 404 that says so).
    missing_url: str | None = None

    @property
    def native_name(self) -> str:
        return NATIVE_NAMES[self.code]

    @property
    def absolute_url(self) -> str | None:
        return absolute(self.url) if self.url else None


def language_links(
    urls: dict[str, str | None], current: str, missing: dict[str, str] | None = None
) -> list[LanguageLink]:
    """Switcher entries in the fixed order Português / Español / English."""
    missing = missing or {}
    return [
        LanguageLink(code, urls.get(code), code == current, missing.get(code)) for code in codes()
    ]


def x_default(urls: dict[str, str | None], preferred: str) -> str | None:
    """The alternate for readers of other languages: `preferred`, else the first available."""
    if urls.get(preferred):
        return absolute(urls[preferred])
    default = urls.get(settings.LANGUAGE_CODE)
    if default:
        return absolute(default)
    return next((absolute(url) for url in urls.values() if url), None)


def json_ld(data: dict) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


def news_article(
    edition: Edition, credits: list[StoryCredit], tag_names: list[str]
) -> dict[str, object]:
    """schema.org NewsArticle for one edition."""
    url = absolute(edition.get_absolute_url())
    # Google reads bylines from `author` only (Person or Organization), so the wire agency is
    # an Organization there, never a Person; sourceOrganization would go unread.
    authors = [
        {
            "@type": "Organization" if c.is_agency else "Person",
            "name": c.credit.name,
            "url": absolute(c.credit.get_absolute_url(edition.language)),
        }
        for c in credits
    ]
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": edition.headline,
        "description": edition.standfirst,
        "inLanguage": edition.language,
        "datePublished": times.machine(edition.published_at) or None,
        "dateModified": times.machine(edition.last_modified),
        "author": authors,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.PRENSA_SITE_NAME,
            "url": absolute("/"),
        },
        "articleSection": edition.story.section.name_in(edition.language),
        "keywords": tag_names,
    }
    return data


def og_locale(code: str) -> str:
    return OG_LOCALES[code]
