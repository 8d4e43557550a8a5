"""Telling a CDN which addresses changed, after every bake.

An adapter takes absolute URLs (and surrogate keys, for CDNs that tag pages with them) and
asks the CDN to drop its copies. PRENSA_CDN_PURGE picks one:

- ``log`` (default): logs the URLs and does nothing else, for sites without a CDN;
- ``cloudflare``: Cloudflare's API, ``POST /client/v4/zones/{PRENSA_CDN_ZONE}/purge_cache``
  with ``{"files": [...]}`` (at most 30 per request), bearer token PRENSA_CDN_API_TOKEN;
- ``fastly``: Fastly's API, one ``POST /purge/{host}{path}`` per URL, key in ``Fastly-Key``
  (PRENSA_CDN_API_TOKEN); surrogate keys go to ``POST /service/{PRENSA_CDN_ZONE}/purge``
  in one ``Surrogate-Key`` header.

PRENSA_CDN_API_URL replaces the provider's API address (a proxy, or a test's fake).
A purge that fails raises PurgeError: the bake task is then retried.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger("prensa.baking.purge")


class PurgeError(Exception):
    """The CDN refused or could not be reached."""


class Purger:
    """One CDN's way of dropping cached pages."""

    def purge(self, urls: Sequence[str], keys: Sequence[str] = ()) -> None:
        raise NotImplementedError


class LogPurger(Purger):
    """No CDN: say what would be purged, in the log."""

    def purge(self, urls: Sequence[str], keys: Sequence[str] = ()) -> None:
        if urls or keys:
            logger.info("CDN purge (log only): %s", " ".join([*urls, *keys]))


def purger() -> Purger:
    """The adapter PRENSA_CDN_PURGE names."""
    name = settings.PRENSA_CDN_PURGE.strip().lower() or "log"
    if name == "log":
        return LogPurger()
    if name == "cloudflare":
        from .cloudflare import CloudflarePurger

        return CloudflarePurger.from_settings()
    if name == "fastly":
        from .fastly import FastlyPurger

        return FastlyPurger.from_settings()
    raise ImproperlyConfigured(
        f"PRENSA_CDN_PURGE={name!r} is not a CDN Prensa knows: use log, cloudflare or fastly."
    )


def required(name: str) -> str:
    value = getattr(settings, name, "")
    if not value:
        raise ImproperlyConfigured(f"Set {name} to purge the CDN ({settings.PRENSA_CDN_PURGE}).")
    return value


def post(url: str, headers: dict[str, str], body: bytes | None = None, timeout: float = 10.0):
    """POST and return (status, body bytes); raises PurgeError when the CDN is unreachable."""
    request = urllib.request.Request(url, data=body or b"", headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (OSError, urllib.error.URLError) as exc:
        raise PurgeError(f"CDN unreachable at {url}: {exc}") from exc
