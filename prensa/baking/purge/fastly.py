"""Fastly: purge each URL, and surrogate keys for the service, through Fastly's API."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from . import PurgeError, Purger, logger, post, required

API = "https://api.fastly.com"


class FastlyPurger(Purger):
    def __init__(self, service: str, token: str, api: str = API, timeout: float = 10.0) -> None:
        self.api = api.rstrip("/")
        self.service = service
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> FastlyPurger:
        from django.conf import settings

        return cls(
            getattr(settings, "PRENSA_CDN_ZONE", ""),
            required("PRENSA_CDN_API_TOKEN"),
            settings.PRENSA_CDN_API_URL or API,
        )

    def purge(self, urls: Sequence[str], keys: Sequence[str] = ()) -> None:
        for url in urls:
            parts = urlsplit(url)
            self._send(f"{self.api}/purge/{parts.netloc}{parts.path}", {})
        if keys:
            if not self.service:
                raise PurgeError("Fastly surrogate-key purge needs PRENSA_CDN_ZONE (service id)")
            self._send(
                f"{self.api}/service/{self.service}/purge", {"Surrogate-Key": " ".join(keys)}
            )
        logger.info("Fastly purged %s", " ".join([*urls, *keys]))

    def _send(self, url: str, extra: dict[str, str]) -> None:
        headers = {"Fastly-Key": self.token, "Accept": "application/json", **extra}
        status, _ = post(url, headers, None, self.timeout)
        if status != 200:
            raise PurgeError(f"Fastly refused the purge of {url} ({status})")
