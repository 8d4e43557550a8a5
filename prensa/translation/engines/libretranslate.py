"""LibreTranslate, a self-hosted neural engine, over its HTTP API.

`POST {LIBRETRANSLATE_URL}/translate` with JSON `{q: [...], source, target,
format, api_key}` answers `{"translatedText": [...]}`. Kept pieces travel as
`<span translate="no">` in `format: "html"` (the server copies those spans);
the spans are removed from the answer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from prensa.translation.engines import ALL_PAIRS, Engine, Keep, Segment
from prensa.translation.engines._http import post_json
from prensa.translation.errors import EngineBadResponse, EngineNotConfigured

_KEEP_OPEN = '<span translate="no">'
_KEEP_SPAN = re.compile(r'<span translate="no">(.*?)</span>', re.DOTALL)


class LibreTranslateEngine(Engine):
    """A LibreTranslate server (URL and optional API key from settings)."""

    name = "libretranslate"
    batch_size = 50

    def __init__(self, url: str, api_key: str = "", timeout: float = 120) -> None:
        if not url:
            raise EngineNotConfigured(self.name, "LIBRETRANSLATE_URL is not set")
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> LibreTranslateEngine:
        from prensa.translation import conf

        return cls(conf.libretranslate_url(), conf.libretranslate_api_key(), conf.timeout())

    def pairs(self) -> frozenset[tuple[str, str]]:
        return ALL_PAIRS

    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        markup = any(segment.kept for segment in segments)
        payload: dict[str, Any] = {
            "q": [_encode(s) if markup else s.text for s in segments],
            "source": source,
            "target": target,
            "format": "html" if markup else "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        data = post_json(self.name, f"{self.url}/translate", payload, timeout=self.timeout)
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if isinstance(translated, str) and len(segments) == 1:
            translated = [translated]
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise EngineBadResponse(self.name, "the answer has no list of translatedText")
        return [_decode(t) if markup else t.strip() for t in translated]


def _encode(segment: Segment) -> str:
    return "".join(
        f"{_KEEP_OPEN}{html.escape(p.text, quote=False)}</span>"
        if isinstance(p, Keep)
        else html.escape(p, quote=False)
        for p in segment.pieces
    )


def _decode(text: str) -> str:
    # The server unescapes entities in its answer; only our spans remain as markup.
    return _KEEP_SPAN.sub(r"\1", text).strip()
