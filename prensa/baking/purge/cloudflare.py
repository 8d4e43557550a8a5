"""Cloudflare: purge cached files by URL through the zone's purge_cache endpoint."""

from __future__ import annotations

import json
from collections.abc import Sequence

from . import PurgeError, Purger, logger, post, required

API = "https://api.cloudflare.com"
BATCH = 30  # files per request on every plan


class CloudflarePurger(Purger):
    def __init__(self, zone: str, token: str, api: str = API, timeout: float = 10.0) -> None:
        self.endpoint = f"{api.rstrip('/')}/client/v4/zones/{zone}/purge_cache"
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> CloudflarePurger:
        from django.conf import settings

        return cls(
            required("PRENSA_CDN_ZONE"),
            required("PRENSA_CDN_API_TOKEN"),
            settings.PRENSA_CDN_API_URL or API,
        )

    def purge(self, urls: Sequence[str], keys: Sequence[str] = ()) -> None:
        for start in range(0, len(urls), BATCH):
            self._send({"files": list(urls[start : start + BATCH])})
        for start in range(0, len(keys), BATCH):  # cache tags (Enterprise plans)
            self._send({"tags": list(keys[start : start + BATCH])})

    def _send(self, payload: dict) -> None:
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        status, body = post(self.endpoint, headers, json.dumps(payload).encode(), self.timeout)
        try:
            answer = json.loads(body)
        except ValueError:
            answer = {}
        if status != 200 or not answer.get("success"):
            errors = "; ".join(e.get("message", "?") for e in answer.get("errors", []))
            raise PurgeError(f"Cloudflare refused the purge ({status}): {errors}")
        logger.info("Cloudflare purged %s", " ".join(next(iter(payload.values()))))
