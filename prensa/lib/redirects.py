"""Where to send a person back to after a form: only ever a page of this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str, field: str = "next") -> str:
    """The request's `next` (POST, then GET) when it is a page of this site, else `fallback`.

    Accepted: a path ("/desk/?show=needs-work") or an absolute URL on the request's own
    host (https only when the request came over https). Refused: other sites, including
    "//elsewhere.example/" and "/\\elsewhere.example/", and relative words such as "abc",
    which `redirect()` would try to reverse as a view name.
    """
    candidate = (request.POST.get(field) or request.GET.get(field) or "").strip()
    if candidate and is_site_url(request, candidate):
        return candidate
    return fallback


def is_site_url(request: HttpRequest, url: str) -> bool:
    """Whether `url` is a path or an absolute URL of this site, as seen by `request`."""
    try:
        if not (url.startswith("/") or urlsplit(url).netloc):
            return False
    except ValueError:  # e.g. "http://[::1" (an unclosed IPv6 address)
        return False
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
