"""The machine-readable layer of reader pages: alternates, JSON-LD, Open Graph."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from prensa.lib.languages import NATIVE_NAMES, OG_LOCALES, codes
from prensa.newsroom.models import Correction, Edition, StoryCredit

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
    edition: Edition,
    credits: list[StoryCredit],
    tag_names: list[str],
    notes: Sequence[Correction] = (),
) -> dict[str, object]:
    """schema.org NewsArticle for one edition; its corrections as CorrectionComments, and
    its last correction or update in dateModified."""
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
        "dateModified": times.machine(last_modified(edition, notes)),
        "author": authors,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.PRENSA_SITE_NAME,
            "url": absolute("/"),
        },
        "articleSection": edition.story.section.name_in(edition.language),
        "keywords": tag_names,
    }
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": times.machine(note.published_at),
        }
        for note in notes
        if note.is_correction
    ]
    if corrections:
        data["correction"] = corrections
    return data


def last_modified(edition: Edition, notes: Sequence[Correction]) -> datetime | None:
    """When readers last saw the edition change: its text, or its latest note."""
    moments = [m for m in (edition.last_modified, *(n.published_at for n in notes)) if m]
    return max(moments) if moments else None


def og_locale(code: str) -> str:
    return OG_LOCALES[code]


# The publisher's logo for NewsArticle JSON-LD (prensa/static/prensa/logo.png, 512 × 512).
LOGO = ("prensa/logo.png", 512, 512)
# Open Graph and Twitter cards: the 16:9 crop, 1200 px wide where the picture allows.
OG_RATIO, OG_WIDTH = "16x9", 1200


def _media_url(url: str) -> str:
    """A rendition's address, absolute (a storage on another host already gives one)."""
    return url if "://" in url else absolute(url)


def og_image(image) -> dict[str, object] | None:  # type: ignore[no-untyped-def]
    """url, width, height and alt of the card picture, or None without a ready picture."""
    if image is None:
        return None
    crops = image.crops(OG_RATIO)
    if not crops:
        return None
    width, height = min(crops, key=lambda c: (c[0] < OG_WIDTH, abs(c[0] - OG_WIDTH)))
    return {
        "url": _media_url(image.rendition_url(OG_RATIO, width, "jpeg")),
        "width": width,
        "height": height,
        "alt": image.alt,
        "type": "image/jpeg",
    }


def with_pictures(data: dict[str, object], image) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """NewsArticle data with the publisher's logo and, with a lead picture, its three crops
    (16:9, 4:3, 1:1) at their largest width, as Google's article guidance asks."""
    path, width, height = LOGO
    publisher = dict(data.get("publisher") or {})  # type: ignore[call-overload]
    publisher["logo"] = {
        "@type": "ImageObject",
        "url": absolute(static(path)),
        "width": width,
        "height": height,
    }
    data["publisher"] = publisher
    if image is not None:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": _media_url(image.rendition_url(ratio, width, "jpeg")),
                "width": width,
                "height": height,
            }
            for ratio in ("16x9", "4x3", "1x1")
            for width, height in image.crops(ratio)[-1:]  # the widest, if made
        ]
    return data
