"""Behind a real nginx: each reader is known by their own address, and only our proxy is believed.

The test starts Debian's nginx in the foreground with a configuration of its own on a
free port, proxying to a live server. Readers connect to nginx from different loopback
addresses (127.0.0.2, 127.0.0.3, …), so nginx sees 24 genuinely different clients and
passes each on in X-Forwarded-For; Django sees every request come from nginx (127.0.0.1),
the one trusted proxy (PRENSA_TRUSTED_PROXIES, read from the environment).
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

from prensa.comments.forms import issue_token
from prensa.comments.models import Comment
from tests.comments.helpers import edition_of, post_url, thread_url
from tests.factories import make_story
from tests.servers import free_port, serving

pytestmark = pytest.mark.django_db(transaction=True)

NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 128; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


@pytest.fixture
def nginx(live_server, tmp_path: Path) -> Iterator[int]:
    """Debian's nginx on a free 127.0.0.1 port in front of the live server; its port."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is missing: run scripts/install-system-deps.sh"
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(run=tmp_path, port=port, upstream=urlsplit(live_server.url).port)
    )
    with serving(
        [binary, "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        port,
        output=lambda server: server.stderr.read().decode(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ):
        yield port


@pytest.fixture
def trusting_nginx(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The deployment's environment: nginx, on this machine, is the one trusted proxy."""
    monkeypatch.setenv("PRENSA_TRUSTED_PROXIES", "127.0.0.1")


@dataclass
class Reader:
    """A browser at its own network address, keeping its cookies."""

    address: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, str]:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        sent = {"Host": "localhost", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode()
        finally:
            connection.close()

    def csrf_token(self, path: str) -> str:
        status, html = self.request("GET", path)
        assert status == 200, html[:500]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post_comment(self, edition, headers: dict | None = None) -> int:  # type: ignore[no-untyped-def]
        form = {
            "csrfmiddlewaretoken": self.csrf_token(thread_url(edition)),
            "name": f"Reader at {self.address}",
            "email": "",
            "body": f"A comment from {self.address}, sent at {time.time()}.",
            "parent": "",
            "started": issue_token(edition.pk, at=time.time() - 60),
            "website": "",
        }
        return self.request("POST", post_url(edition), form, headers)[0]

    def log_in(self, username: str, password: str) -> int:
        login = reverse("admin:login")
        form = {
            "csrfmiddlewaretoken": self.csrf_token(login),
            "username": username,
            "password": password,
            "next": reverse("admin:index"),
        }
        return self.request("POST", login, form)[0]


def test_24_readers_behind_nginx_each_get_their_own_rate_limit(nginx, trusting_nginx, monkeypatch):
    monkeypatch.setenv("PRENSA_COMMENTS_RATE_PER_IP", "20/600")
    edition = edition_of(make_story(), "en")
    readers = [Reader(f"127.0.0.{n}", nginx) for n in range(2, 26)]

    statuses = [reader.post_comment(edition) for reader in readers]

    assert statuses == [303] * 24
    assert Comment.objects.count() == 24
    assert len(set(Comment.objects.values_list("ip_hash", flat=True))) == 24


def test_one_reader_behind_nginx_is_still_limited_whatever_they_write_in_the_header(
    nginx, trusting_nginx, monkeypatch
):
    monkeypatch.setenv("PRENSA_COMMENTS_RATE_PER_IP", "2/600")
    edition = edition_of(make_story(), "en")

    statuses = [
        # A new browser session each time, and a made-up address in the header:
        # nginx appends the address it really saw, and that is the one counted.
        Reader("127.0.0.7", nginx).post_comment(
            edition, headers={"X-Forwarded-For": f"203.0.113.{n}"}
        )
        for n in range(3)
    ]

    assert statuses == [303, 303, 429]


def test_a_client_that_bypasses_the_proxy_is_known_by_its_own_address(
    live_server, trusting_nginx, monkeypatch
):
    monkeypatch.setenv("PRENSA_COMMENTS_RATE_PER_IP", "2/600")
    edition = edition_of(make_story(), "en")
    direct = urlsplit(live_server.url).port

    statuses = [
        Reader("127.0.0.9", direct).post_comment(
            edition, headers={"X-Forwarded-For": f"203.0.113.{n}"}
        )
        for n in range(3)
    ]

    assert statuses == [303, 303, 429]


def test_failed_staff_logins_behind_nginx_lock_out_only_the_address_they_came_from(
    nginx, trusting_nginx, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_user("editor", password="the-right-one", is_staff=True)
    attacker = Reader("127.0.0.30", nginx)

    for _ in range(3):
        attacker.log_in("editor", "a-wrong-guess")

    assert attacker.log_in("editor", "the-right-one") == 429  # locked out
    assert Reader("127.0.0.31", nginx).log_in("editor", "the-right-one") == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.30"}
