"""The CDN purge after each bake, against fakes that speak Cloudflare's and Fastly's purge
APIs over HTTP on 127.0.0.1 (a remote paid service is the one thing faked here)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from prensa.baking.purge import PurgeError
from prensa.baking.purge.cloudflare import CloudflarePurger
from prensa.baking.purge.fastly import FastlyPurger
from prensa.workflow.transitions import Publish, Unpublish

from .helpers import ready_story

ZONE = "023e105f4ecef8ad9ca31a8372d0c353"
TOKEN = "test-purge-token"


class FakeCDN(BaseHTTPRequestHandler):
    """Cloudflare: POST /client/v4/zones/{zone}/purge_cache {"files": [...]} with a bearer
    token, at most 30 files. Fastly: POST /purge/{host}{path} and POST /service/{id}/purge
    with Surrogate-Key, both with Fastly-Key."""

    received: list[dict]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == f"/client/v4/zones/{ZONE}/purge_cache":
            return self._cloudflare(body)
        if self.path.startswith(("/purge/", "/service/")):
            return self._fastly()
        self._answer(404, {"success": False, "errors": [{"code": 7003, "message": "No route"}]})

    def _cloudflare(self, body: bytes) -> None:
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._answer(
                403,
                {"success": False, "errors": [{"code": 10000, "message": "Authentication error"}]},
            )
        files = json.loads(body).get("files", [])
        if len(files) > 30:
            return self._answer(
                400, {"success": False, "errors": [{"code": 1015, "message": "Too many files"}]}
            )
        self.server.received.append({"files": files})  # type: ignore[attr-defined]
        self._answer(200, {"success": True, "errors": [], "messages": [], "result": {"id": ZONE}})

    def _fastly(self) -> None:
        if self.headers.get("Fastly-Key") != TOKEN:
            return self._answer(401, {"msg": "Provided credentials are missing or invalid"})
        self.server.received.append(  # type: ignore[attr-defined]
            {"path": self.path, "surrogate_key": self.headers.get("Surrogate-Key")}
        )
        self._answer(200, {"status": "ok", "id": "108-1391560174-974124"})

    def _answer(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def cdn() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCDN)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def api(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.django_db
def test_publishing_and_unpublishing_purge_the_changed_addresses_from_cloudflare(
    cdn, bake_dir, commit, settings
):
    settings.PRENSA_CDN_PURGE = "cloudflare"
    settings.PRENSA_CDN_API_URL = api(cdn)
    settings.PRENSA_CDN_API_TOKEN = TOKEN
    settings.PRENSA_CDN_ZONE = ZONE
    story = ready_story()
    edition = story.edition_for("pt")
    url = f"https://news.example.org{edition.get_absolute_url()}"
    with commit():
        Publish(edition, None).execute()
    purged = [file for request in cdn.received for file in request["files"]]
    assert url in purged
    assert "https://news.example.org/pt/" in purged
    assert all(len(request["files"]) <= 30 for request in cdn.received)
    cdn.received.clear()
    with commit():
        Unpublish(edition, None).execute()
    assert url in [file for request in cdn.received for file in request["files"]]


def test_a_cloudflare_refusal_is_an_error_so_the_bake_is_retried(cdn):
    purger = CloudflarePurger(ZONE, "a-revoked-token", api(cdn))
    with pytest.raises(PurgeError, match="Authentication error"):
        purger.purge(["https://news.example.org/pt/"])


def test_cloudflare_gets_at_most_thirty_files_a_request(cdn):
    urls = [f"https://news.example.org/en/world/story-{n}/" for n in range(65)]
    CloudflarePurger(ZONE, TOKEN, api(cdn)).purge(urls)
    assert [len(r["files"]) for r in cdn.received] == [30, 30, 5]
    assert [f for r in cdn.received for f in r["files"]] == urls


def test_fastly_purges_each_address_and_surrogate_keys_for_the_service(cdn):
    FastlyPurger("SU1Z0isxPaozGVKXdv0eY", TOKEN, api(cdn)).purge(
        ["https://news.example.org/es/mundo/ferri/", "https://news.example.org/es/"],
        keys=["story-12", "section-3"],
    )
    assert cdn.received == [
        {"path": "/purge/news.example.org/es/mundo/ferri/", "surrogate_key": None},
        {"path": "/purge/news.example.org/es/", "surrogate_key": None},
        {"path": "/service/SU1Z0isxPaozGVKXdv0eY/purge", "surrogate_key": "story-12 section-3"},
    ]


def test_an_unreachable_cdn_is_an_error_not_a_silent_success():
    with pytest.raises(PurgeError, match="unreachable"):
        FastlyPurger("svc", TOKEN, "http://127.0.0.1:9").purge(["https://news.example.org/"])
