"""Fetching one address for `prensa import URL`: http(s) only, with a timeout and a size limit.

A page that cannot be had (no answer in PRENSA_IMPORT_TIMEOUT seconds, an error status,
a redirect to another scheme, a type that is no news format, more than the size limit)
is a `Refusal` saying which.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .items import Refusal

# What an address may answer with: web pages, and the news formats Prensa reads.
ACCEPTED_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/json": ".json",
    "application/ld+json": ".json",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/vnd.iptc.g2.newsitem+xml": ".xml",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
USER_AGENT = "Prensa-import/1.0"


@dataclass
class Page:
    url: str  # after redirects
    data: bytes
    filename: str  # a name whose extension says the format (from the content type)
    charset: str | None


class _SameSchemes(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only (urllib would also follow ftp://)."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise Refusal(
                _("The address redirects to %(url)s, which is not http or https.")
                % {"url": newurl[:200]}
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def timeout() -> float:
    return float(getattr(settings, "PRENSA_IMPORT_TIMEOUT", 10))


def fetch(url: str, limit: int) -> Page:
    """GET `url`; its body, at most `limit` bytes, or a Refusal saying why not."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise Refusal(_("Only http and https addresses can be imported."))
    opener = urllib.request.build_opener(_SameSchemes)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout()) as response:
            headers: Message = response.headers
            kind = headers.get_content_type()
            if kind not in ACCEPTED_TYPES:
                raise Refusal(
                    _(
                        "The address answered with %(type)s, which is neither a web page "
                        "nor a news format."
                    )
                    % {"type": kind[:80]}
                )
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise _too_large(limit)
            data = response.read(limit + 1)
            if len(data) > limit:
                raise _too_large(limit)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise Refusal(
            _("The address could not be fetched: the server answered %(status)s %(reason)s.")
            % {"status": exc.code, "reason": exc.reason}
        ) from None
    except TimeoutError:
        raise Refusal(
            _("The address could not be fetched: no answer within %(seconds)s seconds.")
            % {"seconds": f"{timeout():g}"}
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise Refusal(
                _("The address could not be fetched: no answer within %(seconds)s seconds.")
                % {"seconds": f"{timeout():g}"}
            ) from None
        raise Refusal(
            _("The address could not be fetched: %(reason)s.") % {"reason": str(reason)[:200]}
        ) from None
    except (OSError, ValueError) as exc:
        raise Refusal(
            _("The address could not be fetched: %(reason)s.") % {"reason": str(exc)[:200]}
        ) from None
    name = PurePosixPath(urlsplit(final).path).stem or "page"
    return Page(final, data, name + ACCEPTED_TYPES[kind], headers.get_content_charset())


def _too_large(limit: int) -> Refusal:
    return Refusal(
        _("The page is larger than the import limit of %(limit)s bytes (PRENSA_IMPORT_MAX_BYTES).")
        % {"limit": limit}
    )
