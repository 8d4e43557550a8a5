#!/usr/bin/env python3
"""`make prod-smoke`: the production stack started for real on 127.0.0.1, checked end to end.

Run inside scripts/with-postgres.sh (which gives a throw-away PostgreSQL as DATABASE_URL).
Starts Redis, gunicorn with two sync workers, one task worker and nginx (its configuration
rendered from deploy/ by deploy/render.py), all on free ports in a temporary directory,
with prod settings and secrets made up for the run; loads the demo; then checks, through
nginx: reading pages (baked, precompressed), translating (a draft queued through the API,
made by the worker), publishing (the baked page appears and nginx serves it), commenting,
search, the feed, unpublishing (the baked page goes). Everything it started is stopped at
the end, also on failure or Ctrl-C.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "deploy"))

from render import render  # noqa: E402 (deploy/render.py)

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    """The processes started, stopped in reverse order whatever happens."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.env = env
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def run(self, *argv: str, timeout: float = 300, quiet: bool = False) -> str:
        started = time.monotonic()
        done = subprocess.run(  # noqa: S603 (fixed argv)
            argv, env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
        if not quiet:
            print(
                f"  ran {Path(argv[0]).name} {' '.join(argv[1:3])} ({time.monotonic() - started:.1f} s)"
            )
        return done.stdout

    def start(self, name: str, argv: list[str], port: int | None = None) -> None:
        log = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(  # noqa: S603 (fixed argv)
            argv,
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        if port is None:
            return
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited at start:\n{self.log(name)}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                print(f"  {name} listening on 127.0.0.1:{port}")
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"{name} did not listen on {port}:\n{self.log(name)}")

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Client:
    """HTTP through nginx, with the cookies a browser would keep."""

    def __init__(self, port: int, host: str) -> None:
        self.port = port
        self.host = host
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        return self.request(
            "GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )

    def api(self, method: str, path: str, token: str, payload: dict | None = None) -> dict:
        status, _, body = self.request(
            method,
            path,
            json.dumps(payload or {}).encode(),
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        if status >= 300:
            raise AssertionError(f"{method} {path}: {status} {body[:500]!r}")
        return json.loads(body)


def wait_for(what: str, condition: Callable[[], object], timeout: float = 90) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def baked_file(bake_dir: Path, path: str) -> Path | None:
    for name in ("index.html", "index.rss", "index.atom", "index.xml"):
        candidate = bake_dir / path.lstrip("/") / name
        if candidate.is_file():
            return candidate
    return None


def static_is_stale() -> bool:
    """collectstatic (minutes: it compresses every file) only when a static file changed."""
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [ROOT / ".venv" / ".installed", *(ROOT / "prensa").glob("**/static/**/*")]
    return any(path.stat().st_mtime > built for path in sources if path.is_file())


@dataclass
class Running:
    """The started stack, as the checks and the benches see it."""

    stack: Stack
    client: Client
    token: str
    bake_dir: Path
    ports: dict[str, int]


@contextmanager
def production_stack(extra_nginx: str = "") -> Iterator[Running]:
    """PostgreSQL (DATABASE_URL, from scripts/with-postgres.sh), Redis, gunicorn, a worker
    and nginx, with the demo loaded and baked; everything stopped on leaving."""
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("Run me through scripts/with-postgres.sh (make prod-smoke).")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    redis = shutil.which("redis-server") or "/usr/bin/redis-server"
    workdir = Path(tempfile.mkdtemp(prefix="prensa-smoke-"))
    workdir.chmod(0o755)  # nginx's workers (www-data) read the baked pages in it
    ports = {name: free_port() for name in ("redis", "app", "nginx")}
    host = f"localhost:{ports['nginx']}"
    bake_dir = workdir / "baked"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prensa.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PRENSA_COMMENTS_HASH_SALT": secrets.token_urlsafe(32),
        "PRENSA_BASE_URL": f"http://{host}",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain http on 127.0.0.1; TLS is nginx's (deploy/)
        "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
        "PRENSA_BAKE": "1",
        "PRENSA_BAKE_DIR": str(bake_dir),
        "PRENSA_MEDIA_ROOT": str(workdir / "media"),
        "PRENSA_ORIGINALS_ROOT": str(workdir / "originals"),
        "PRENSA_MEDIA_SERVE": "0",
        "PRENSA_TRUSTED_PROXIES": "127.0.0.1",
        "PRENSA_WEB_BIND": f"127.0.0.1:{ports['app']}",
        "PRENSA_WEB_WORKERS": "2",
        "PRENSA_WEB_ACCESS_LOG": "",
        "PRENSA_WEB_CONTROL_SOCKET": str(workdir / "gunicorn.ctl"),
        "PRENSA_COMMENTS_DEFAULT_MODE": "post",
        "PRENSA_COMMENTS_MIN_SECONDS": "1",
        "PRENSA_DEMO_PASSWORD": secrets.token_urlsafe(12),
    }
    stack = Stack(workdir, env)
    try:
        print(f"Prensa's production stack in {workdir}")
        redis_argv = [redis, "--bind", "127.0.0.1", "--port", str(ports["redis"])]
        stack.start("redis", [*redis_argv, "--save", "", "--dir", str(workdir)], ports["redis"])
        prensa = str(BIN / "prensa")
        stack.run(prensa, "migrate", "--no-input", "-v", "0")
        if static_is_stale():
            stack.run(prensa, "collectstatic", "--no-input", "-v", "0")
        # The demo's own saves would each queue a bake; one full bake afterwards is enough.
        stack.env["PRENSA_BAKE"] = "0"
        stack.run(prensa, "demo", "--no-migrate")
        stack.env["PRENSA_BAKE"] = "1"
        token = stack.run(prensa, "api_token", "editor", "--name", "prod-smoke").strip()
        stack.run(prensa, "bake", "--all")
        gunicorn = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
        stack.start("gunicorn", [*gunicorn, "prensa.wsgi:application"], ports["app"])
        stack.start(
            "worker",
            [prensa, "db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"],
        )
        conf = start_nginx(stack, nginx, workdir, bake_dir, ports, extra_nginx)
        print(f"  nginx configuration: {conf}")
        yield Running(stack, Client(ports["nginx"], host), token, bake_dir, ports)
    finally:
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    checks: list[tuple[str, bool, str]] = []
    started = time.monotonic()
    logs: dict[str, str] = {}
    try:
        with production_stack() as running:
            try:
                run_checks(running.stack, running.client, running.token, running.bake_dir, checks)
            finally:
                if not all(c[1] for c in checks):
                    logs = {
                        n: running.stack.log(n)[-2000:] for n in ("gunicorn", "worker", "nginx")
                    }
    except (Exception, SystemExit) as exc:  # report it; the stack is stopped already
        checks.append(("the stack ran", False, f"{exc.__class__.__name__}: {exc}"))
    for name, text in logs.items():
        print(f"--- {name} log (tail) ---\n{text}")
    for name, ok, detail in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
    passed = sum(1 for c in checks if c[1])
    print(f"prod-smoke took {time.monotonic() - started:.0f} s")
    print(f"{passed} passed, {len(checks) - passed} failed")
    return 0 if checks and passed == len(checks) else 1


def start_nginx(
    stack: Stack, nginx: str, workdir: Path, bake_dir: Path, ports: dict, extra: str = ""
) -> Path:
    brotli = BROTLI_MODULE.exists()
    render(
        workdir,
        {
            "BAKE_DIR": str(bake_dir),
            "STATIC_ROOT": str(ROOT / "var" / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "UPSTREAM": f"127.0.0.1:{ports['app']}",
        },
        brotli=brotli,
        hsts=False,
    )
    conf = workdir / "nginx.conf"
    conf.write_text(
        (f"load_module {BROTLI_MODULE};\n" if brotli else "")
        + f"""daemon off;
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/nginx/prensa-http.conf;
    server {{
        listen 127.0.0.1:{ports["nginx"]};
        server_name localhost;
        include {workdir}/nginx/prensa-locations.conf;
        {extra}
    }}
}}
"""
    )
    stack.start(
        "nginx",
        [nginx, "-c", str(conf), "-p", str(workdir), "-e", str(workdir / "nginx-error.log")],
        ports["nginx"],
    )
    return conf


def run_checks(stack: Stack, client: Client, token: str, bake_dir: Path, checks: list) -> None:
    def check(name: str, condition: bool, detail: str = "") -> None:
        checks.append((name, bool(condition), "" if condition else detail))
        if not condition:
            raise AssertionError(f"{name}: {detail}")

    # Reading: home and an article, baked, as nginx serves them.
    status, headers, body = client.get("/pt/")
    check("home page read through nginx", status == 200 and b"<html" in body, f"{status}")
    check(
        "home page served from its baked file", headers.get("x-prensa-baked") == "1", str(headers)
    )
    check(
        "baked home page is the bytes Django rendered",
        body == baked_file(bake_dir, "/pt/").read_bytes(),
        "bytes differ",
    )
    article = re.search(rb'href="(/pt/[a-z0-9-]+/[a-z0-9-]+/)"', body)
    check("home page links an article", article is not None, "no article link")
    path = article.group(1).decode()
    status, headers, body = client.get(path, Accept_Encoding="br, gzip")
    encoding = headers.get("content-encoding")
    check(
        "article served precompressed from its baked twin",
        status == 200 and encoding in ("br", "gzip") and headers.get("x-prensa-baked") == "1",
        f"{status} {encoding}",
    )
    status, headers, body = client.get(path, Accept_Encoding="gzip")
    check(
        "gzip twin decompresses to the page",
        gzip.decompress(body) == baked_file(bake_dir, path).read_bytes(),
        "differs",
    )
    status, headers, _ = client.get("/static/prensa/site.css")
    check("static files through nginx", status == 200, str(status))
    status, headers, _ = client.get("/pt/?page=2")
    check(
        "a query string reaches Django, not a baked file",
        status in (200, 404) and "x-prensa-baked" not in headers,
        str(headers),
    )

    # Translating: a new English story, drafts queued through the API, made by the worker.
    sections = json.loads(client.get("/api/sections/")[2])
    section = sections[0]["slugs"]["en"]
    headline = f"Harbour pilots test a quieter tugboat {secrets.token_hex(3)}"
    written = client.api(
        "POST",
        "/api/stories/",
        token,
        {
            "section": section,
            "source_language": "en",
            "headline": headline,
            "standfirst": "The trial runs for two weeks.",
            "body": "The harbour authority said on Monday that 12 pilots would test the new "
            "electric tugboat.\n\nThe trial runs until 2027 and costs more than 250,000 reais.",
            "translate": True,
        },
    )
    story_id, english_id = written["story"], written["edition"]
    check(
        "translation drafts queued through the API",
        len(written["translations"]) == 2,
        str(written["translations"]),
    )

    def drafted() -> dict[str, int]:
        # Drafts are not public: ask the database, as an operator would.
        out = stack.run(
            str(BIN / "prensa"),
            "shell",
            "-c",
            "from prensa.newsroom.models import Edition; print(dict(Edition.objects"
            f".filter(story_id={story_id}).values_list('language', 'id')))",
            quiet=True,
        )
        found = [line for line in out.splitlines() if line.startswith("{")]
        return json.loads(found[-1].replace("'", '"')) if found else {}

    editions = wait_for("the worker's drafts", lambda: len(drafted()) == 3 and drafted(), 180)
    check(
        "the worker drafted the Portuguese and Spanish editions",
        set(editions) == {"en", "pt", "es"},
        str(editions),
    )

    # Publishing: the click returns at once; the worker bakes; nginx serves the new file.
    for edition_id in (english_id, editions["pt"]):
        client.api("POST", f"/api/editions/{edition_id}/transitions/submit", token, {})
    clicked = time.monotonic()
    published = client.api(
        "POST", f"/api/editions/{english_id}/transitions/publish", token, {"note": "smoke"}
    )
    check("published through the API", published["status"] == "published", str(published))
    url = client.api("GET", f"/api/editions/{english_id}", token)["url"]
    url = "/" + url.split("://", 1)[1].split("/", 1)[1]
    wait_for("the baked article", lambda: baked_file(bake_dir, url), 60)
    seconds = time.monotonic() - clicked
    status, headers, body = client.get(url)
    check(
        f"the baked article appears ({seconds:.2f} s after the click) and nginx serves it",
        status == 200 and headers.get("x-prensa-baked") == "1" and headline.encode() in body,
        f"{status} {headers.get('x-prensa-baked')}",
    )
    portuguese = client.api(
        "POST",
        f"/api/editions/{editions['pt']}/transitions/publish",
        token,
        {"note": "smoke", "allow_machine": True},
    )
    check(
        "the Portuguese machine draft published",
        portuguese["status"] == "published",
        str(portuguese),
    )
    pt_url = client.api("GET", f"/api/editions/{editions['pt']}", token)["url"]
    pt_url = "/" + pt_url.split("://", 1)[1].split("/", 1)[1]
    wait_for(
        "the English switcher to link the Portuguese edition",
        lambda: pt_url.encode() in client.get(url)[2],
        30,
    )
    wait_for("the baked Portuguese article", lambda: baked_file(bake_dir, pt_url), 30)
    wait_for("the baked English feed", lambda: headline.encode() in client.get("/en/feed/")[2], 30)
    status, headers, body = client.get("/en/feed/")
    check(
        "the feed lists the story, from its baked file",
        headers.get("x-prensa-baked") == "1" and "rss" in headers.get("content-type", ""),
        str(headers),
    )

    # Commenting: the thread's form, then a post, with the CSRF cookie and token.
    thread = f"/en/comments/{english_id}/"
    status, _, body = client.get(thread)
    check("comment thread through nginx", status == 200, str(status))
    fields = dict(re.findall(rb'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', body))
    time.sleep(1.2)
    form = {
        "csrfmiddlewaretoken": fields.get(b"csrfmiddlewaretoken", b"").decode(),
        "started": fields.get(b"started", b"").decode(),
        "name": "Smoke Reader",
        "email": "",
        "body": "A comment posted through nginx by the smoke test.",
        "parent": "",
        "website": "",
    }
    status, _, body = client.request(
        "POST",
        f"/en/comments/{english_id}/post/",
        urlencode(form).encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{client.host}{thread}",
        },
    )
    check("comment posted", status in (200, 302, 303), f"{status} {body[:300]!r}")
    status, _, body = client.get(thread)
    check(
        "comment shown in the thread",
        b"posted through nginx by the smoke test" in body,
        "not in the thread",
    )

    # Search (PostgreSQL full-text search, never baked).
    status, headers, body = client.get("/en/search/?q=tugboat")
    check("search finds the new story", status == 200 and headline.encode() in body, str(status))

    # Unpublishing: the baked file goes, nginx asks Django, readers get a 404.
    client.api("POST", f"/api/editions/{english_id}/transitions/unpublish", token, {})
    wait_for("the baked article to go", lambda: baked_file(bake_dir, url) is None, 30)
    status, headers, _ = client.get(url)
    check("unpublished article gone from disk and nginx", status == 404, str(status))


if __name__ == "__main__":
    sys.exit(main())
