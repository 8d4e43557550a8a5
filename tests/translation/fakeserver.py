"""A local HTTP server that speaks LibreTranslate's and DeepL's real request/response formats.

It "translates" by tagging each text (`[pt] hello`), keeps what the protocols
say must be kept (`<span translate="no">`, DeepL's ignored tags), records every
request, and can be told to fail with a status or to misbehave.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from html import unescape as unescape_html
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import unescape as xml_unescape

LIBRE_KEEP = re.compile(r'(<span translate="no">.*?</span>)', re.DOTALL)


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeTranslationServer:
    """Serve on 127.0.0.1 in a thread; use as a context manager."""

    api_key: str | None = None  # when set, requests must carry it
    fail_status: int | None = None  # answer every request with this status
    drop_last: bool = False  # return one translation fewer than asked
    empty_first: bool = False  # return an empty first translation
    delay: float = 0  # seconds to think before answering (a slow engine)
    requests: list[Recorded] = field(default_factory=list)

    def __enter__(self) -> FakeTranslationServer:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(Recorded(self.path, dict(self.headers), body))
                time.sleep(fake.delay)
                if fake.fail_status:
                    self._send(fake.fail_status, _error_body(self.path, fake.fail_status))
                elif self.path == "/translate":
                    self._send(*fake.libretranslate(body))
                elif self.path == "/v2/translate":
                    self._send(*fake.deepl(body, self.headers.get("Authorization", "")))
                else:
                    self._send(404, {"error": "Not Found"})

            def _send(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
                    self.send_header("Retry-After", "3")
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.01,), daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def _shape(self, texts: list[str]) -> list[str]:
        if self.drop_last:
            texts = texts[:-1]
        if self.empty_first and texts:
            texts = ["", *texts[1:]]
        return texts

    def libretranslate(self, body: dict[str, Any]) -> tuple[int, Any]:
        for name in ("q", "source", "target"):
            if not body.get(name):
                return 400, {"error": f"Invalid request: missing {name} parameter"}
        if self.api_key is not None and body.get("api_key") != self.api_key:
            return 403, {"error": "Invalid API key"}
        q = body["q"]
        texts = q if isinstance(q, list) else [q]
        html = body.get("format") == "html"
        out = [_tag(text, body["target"].upper(), LIBRE_KEEP if html else None) for text in texts]
        if html:  # LibreTranslate unescapes entities in its answer
            out = [unescape_html(t) for t in out]
        out = self._shape(out)
        return 200, {"translatedText": out if isinstance(q, list) else out[0]}

    def deepl(self, body: dict[str, Any], authorization: str) -> tuple[int, Any]:
        if self.api_key is not None and authorization != f"DeepL-Auth-Key {self.api_key}":
            return 403, {"message": "Authorization failure, check auth_key"}
        if not isinstance(body.get("text"), list) or not body.get("target_lang"):
            return 400, {"message": "Value for 'text' not supported."}
        keep = None
        if body.get("tag_handling") == "xml":
            tags = "|".join(map(re.escape, body.get("ignore_tags", [])))
            keep = re.compile(rf"(<(?:{tags})>.*?</(?:{tags})>)", re.DOTALL) if tags else None
        source = body.get("source_lang") or "EN"
        out = self._shape(
            [_tag(t, body["target_lang"], keep, xml=keep is not None) for t in body["text"]]
        )
        return 200, {"translations": [{"detected_source_language": source, "text": t} for t in out]}


def _tag(text: str, target: str, keep: re.Pattern[str] | None, xml: bool = False) -> str:
    """Fake translation: upper-case every word outside kept markup, prefix the target."""
    if keep is None:
        return f"[{target}] {text.upper()}"
    parts = keep.split(text)

    def translate(part: str) -> str:
        return xml_escape(xml_unescape(part).upper()) if xml else part.upper()

    return f"[{target}] " + "".join(p if keep.fullmatch(p) else translate(p) for p in parts)


def _error_body(path: str, status: int) -> dict[str, str]:
    messages = {
        403: "Invalid API key",
        429: "Too many requests",
        456: "Quota exceeded",
        500: "Internal server error",
        503: "Service unavailable",
    }
    key = "message" if path.startswith("/v2/") else "error"
    return {key: messages.get(status, "error")}
