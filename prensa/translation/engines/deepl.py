"""DeepL over its v2 HTTP API.

`POST {DEEPL_API_URL}/v2/translate` with `Authorization: DeepL-Auth-Key KEY` and
JSON `{text: [...], source_lang, target_lang}` answers
`{"translations": [{"detected_source_language", "text"}]}`. Kept pieces travel
as `<keep>` elements with `tag_handling: "xml"` and `ignore_tags: ["keep"]`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, unescape

from prensa.translation.engines import ALL_PAIRS, Engine, Keep, Segment
from prensa.translation.engines._http import post_json
from prensa.translation.errors import EngineBadResponse, EngineNotConfigured

SOURCE_CODES = {"en": "EN", "es": "ES", "pt": "PT"}
_KEEP = re.compile(r"</?keep>")


class DeepLEngine(Engine):
    """DeepL (API key from settings; free `:fx` keys use the free endpoint)."""

    name = "deepl"
    batch_size = 50  # DeepL accepts at most 50 texts per request

    def __init__(
        self,
        api_key: str,
        url: str = "https://api.deepl.com",
        portuguese_variant: str = "pt_BR",
        timeout: float = 120,
    ) -> None:
        if not api_key:
            raise EngineNotConfigured(self.name, "DEEPL_API_KEY is not set")
        self.api_key = api_key
        self.url = url.rstrip("/")
        self.portuguese_variant = portuguese_variant
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> DeepLEngine:
        from prensa.translation import conf

        return cls(
            conf.deepl_api_key(),
            conf.deepl_api_url(),
            conf.portuguese_variant(),
            conf.timeout(),
        )

    def pairs(self) -> frozenset[tuple[str, str]]:
        return ALL_PAIRS

    def target_code(self, target: str) -> str:
        """DeepL's target code: regional variants for English and Portuguese."""
        if target == "pt":
            return "PT-BR" if self.portuguese_variant == "pt_BR" else "PT-PT"
        return {"en": "EN-US", "es": "ES"}[target]

    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        markup = any(segment.kept for segment in segments)
        payload: dict[str, Any] = {
            "text": [_encode(s) if markup else s.text for s in segments],
            "source_lang": SOURCE_CODES[source],
            "target_lang": self.target_code(target),
        }
        if markup:
            payload |= {"tag_handling": "xml", "ignore_tags": ["keep"]}
        data = post_json(
            self.name,
            f"{self.url}/v2/translate",
            payload,
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
            timeout=self.timeout,
        )
        translations = data.get("translations") if isinstance(data, dict) else None
        if not isinstance(translations, list):
            raise EngineBadResponse(self.name, "the answer has no list of translations")
        texts = [t.get("text") if isinstance(t, dict) else None for t in translations]
        if not all(isinstance(t, str) for t in texts):
            raise EngineBadResponse(self.name, "a translation in the answer has no text")
        return [unescape(_KEEP.sub("", t)).strip() if markup else t.strip() for t in texts]


def _encode(segment: Segment) -> str:
    return "".join(
        f"<keep>{escape(p.text)}</keep>" if isinstance(p, Keep) else escape(p)
        for p in segment.pieces
    )
