"""A small JSON-over-HTTP client for the HTTP engines, mapping statuses to typed errors."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from prensa.translation.errors import (
    EngineAuthError,
    EngineBadResponse,
    EngineError,
    EngineQuotaExceeded,
    EngineRateLimited,
    EngineUnavailable,
)


def post_json(
    engine: str,
    url: str,
    payload: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Any:
    """POST `payload` as JSON to `url` and return the decoded JSON answer.

    Raises `EngineUnavailable` (unreachable, timeout, 5xx), `EngineAuthError`
    (401/403), `EngineRateLimited` (429), `EngineQuotaExceeded` (456),
    `EngineError` for other refusals and `EngineBadResponse` for non-JSON.
    """
    if not url.startswith(("http://", "https://")):
        raise EngineError(engine, f"{url!r} is not an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=json.dumps(payload).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            **(headers or {}),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise _status_error(engine, exc.code, exc.read(), exc.headers.get("Retry-After")) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EngineUnavailable(engine, f"cannot reach {url}: {reason}") from None
    try:
        return json.loads(body)
    except ValueError:
        raise EngineBadResponse(engine, f"{url} did not answer with JSON") from None


def _status_error(engine: str, status: int, body: bytes, retry_after: str | None) -> EngineError:
    detail = _message(body)
    said = f" ({detail})" if detail else ""
    if status in (401, 403):
        return EngineAuthError(engine, f"HTTP {status}: the server refused the API key{said}")
    if status == 429:
        wait = f"; retry after {retry_after} s" if retry_after else ""
        return EngineRateLimited(engine, f"HTTP 429: too many requests{said}{wait}")
    if status == 456:
        return EngineQuotaExceeded(engine, f"HTTP 456: the character quota is used up{said}")
    if status >= 500:
        return EngineUnavailable(engine, f"HTTP {status}: server error{said}")
    return EngineError(engine, f"HTTP {status}: the request was refused{said}")


def _message(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body.decode(errors="replace").strip()[:200]
    if isinstance(data, dict):
        return str(data.get("error") or data.get("message") or "")[:200]
    return ""
