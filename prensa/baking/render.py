"""Render a reader page exactly as Django serves it to a reader without cookies.

The request goes through Django's own request handler with every middleware, addressed to
the public host of PRENSA_BASE_URL, without cookies or Accept-Encoding (the bake writes its
own compressed twins). What comes back is what nginx will serve from the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.test.utils import override_settings

from . import store

_handler: WSGIHandler | None = None


@dataclass
class Rendered:
    path: str
    status: int
    content_type: str
    content: bytes
    private: bool = False

    @property
    def bakeable(self) -> bool:
        """Only a public, complete 200 page of a known type is baked; anything else (a 404,
        a redirect, a preview marked private) is served by Django itself."""
        return (
            self.status == 200
            and store.extension_for(self.content_type) is not None
            and not self.private
        )


def render(path: str) -> Rendered:
    """GET `path` through the whole Django stack as an anonymous reader."""
    global _handler
    if _handler is None:
        _handler = WSGIHandler()  # loads the middleware once per process
    base = urlsplit(settings.PRENSA_BASE_URL)
    secure = base.scheme == "https"
    headers = {"HTTP_HOST": base.netloc}
    if secure and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        name, value = settings.SECURE_PROXY_SSL_HEADER
        headers[name] = value
    request = RequestFactory().get(path, secure=secure, **headers)
    # Always a fresh render, never the page cache's copy: this process's cache may not have
    # seen the change (an in-process cache learns of edits made in its own process only).
    with override_settings(PRENSA_PAGE_CACHE=False):
        response = _handler.get_response(request)
    # Not response.close(): it sends request_finished, which closes this process's database
    # connection (and a test's or a task's transaction with it). A reader page holds no
    # file or other resource to release.
    content = b"".join(response) if response.streaming else response.content
    cache_control = response.get("Cache-Control", "")
    return Rendered(
        path=path,
        status=response.status_code,
        content_type=response.get("Content-Type", ""),
        content=content,
        private="private" in cache_control or "no-store" in cache_control or bool(response.cookies),
    )
