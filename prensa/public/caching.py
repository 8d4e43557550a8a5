"""Reader pages are identical for every anonymous reader: a CDN may keep them, and so does
Prensa, in Django's cache.

A rendered page is stored under the site's content *generation*. Anything that changes
what a reader page shows (an edition, a story, its credits or tags, a section, a tag, a
credit) bumps the generation, both at once and again when its transaction commits, so
the next request renders afresh and a request racing the commit cannot keep the old
page. Each stored page also expires after PRENSA_PAGE_MAX_AGE seconds, which bounds how
long another web process lags when each process has its own in-memory cache (with Redis
they share one generation).

Every reader page also carries HTTP validators, computed here once when it is rendered and
kept with it: a weak ETag from its bytes (weak, because compression middleware changes the
bytes but not the page) and a Last-Modified (the view's own, else when it was rendered).
A conditional GET that matches them (If-None-Match, else If-Modified-Since) is answered
304, from the stored page, without rendering it. Only reader pages get validators: admin,
desk and comment pages are per user and never answer 304.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from . import listing, seo

GENERATION_KEY = "prensa:pages:generation"
# Headers a stored page keeps; middleware adds the rest (CSP, security) on every request.
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Vary",
    "Last-Modified",
    "ETag",
)

# Query parameters whose pages are stored, with what a well-formed value looks like:
# sitemap and corrections-page numbers, and the listings' keyset cursors (listing.py).
_STORABLE: dict[str, Callable[[str], bool]] = {
    "p": str.isdigit,
    "page": str.isdigit,
    listing.BEFORE: listing.is_cursor,
    listing.AFTER: listing.is_cursor,
}


def reader_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's successful responses as public and cacheable, and keep them rendered.

    The view must not touch the session, the CSRF token or the user: tests check
    that no reader page sets a cookie or varies on one.
    """

    @require_safe  # a reader page only answers GET and HEAD; anything else is a 405
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        key = _key(request)
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                return _conditional(request, _rebuild(stored))
        with seo.addressed_as(request):
            response = view(request, *args, **kwargs)
        if getattr(response, "private_page", False):
            return response  # a preview: never stored, no validators (see `private`)
        if response.status_code == 200:
            max_age = settings.PRENSA_PAGE_MAX_AGE
            patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age * 5)
            if not response.streaming:
                return _validate_when_rendered(request, response, key, max_age)
        return response

    return wrapped


def private(response: HttpResponse) -> HttpResponse:
    """Mark a reader view's response as one person's (a preview of an unpublished edition):
    no browser, CDN or Prensa's page cache may keep it, no search engine may index it, and
    it gets no ETag, so nothing can later answer a conditional request with it."""
    response.private_page = True
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def content_changed(**kwargs: object) -> None:
    """Signal receiver: what readers see changed; every stored page is out of date."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): start a generation no page has used
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def _fresh_generation() -> int:
    # Milliseconds: never below a generation stored before the counter was lost.
    return time.time_ns() // 1_000_000


def _key(request: HttpRequest) -> str | None:
    """Where this request's page is stored; None for what is not worth storing."""
    if not settings.PRENSA_PAGE_CACHE or request.method != "GET":
        return None
    # Listings' cursors and sitemaps' page numbers are worth keeping; other query strings
    # (search, junk) are not.
    if not all(
        name in _STORABLE and all(_STORABLE[name](value) for value in request.GET.getlist(name))
        for name in request.GET
    ):
        return None
    # Pages name their own address in absolute URLs: in development that may be the request's.
    host = request.get_host() if seo.base_url_follows_request() else ""
    return f"prensa:page:{_generation()}:{host}{request.get_full_path()}"


def _validate_when_rendered(
    request: HttpRequest, response: HttpResponse, key: str | None, max_age: int
) -> HttpResponse:
    """Give the rendered page its validators, store it, and answer the request's conditions."""

    def finish(rendered: HttpResponse) -> HttpResponse:
        if not rendered.has_header("ETag"):
            digest = hashlib.blake2b(rendered.content, digest_size=16).hexdigest()
            rendered["ETag"] = f'W/"{digest}"'
        if not rendered.has_header("Last-Modified"):
            rendered["Last-Modified"] = http_date()
        if key is not None:
            headers = {name: rendered[name] for name in _KEPT_HEADERS if rendered.has_header(name)}
            cache.set(key, (rendered.status_code, rendered.content, headers), max_age)
        return _conditional(request, rendered)

    if getattr(response, "is_rendered", True):
        return finish(response)
    # A TemplateResponse (the sitemaps) renders after the view returns; what the callback
    # returns (a 304) replaces it.
    response.add_post_render_callback(finish)
    return response


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The page itself, or a 304 when the reader's copy is still this one."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def _rebuild(stored: tuple[int, bytes, dict[str, str]]) -> HttpResponse:
    status, content, headers = stored
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response
