"""Lighthouse scores of the reader pages, mobile and desktop, in Debian's Chromium.

Loads the demo newsroom into a throw-away SQLite database, serves it with the
production-like settings of `make demo` (DEBUG off) on a free port, and runs
Lighthouse (installed from the npm registry into var/lighthouse on first use)
against the home page (teaser pictures) and the long wire story (lead picture) in each
language. Prints the four
category scores for each page and form factor. For reference, WordPress 6.1's
default theme scored 100 / 100 / 96 / 91 on this machine (../shared/ENVIRONMENT.md).

    .venv/bin/python bench/lighthouse.py             # every page
    .venv/bin/python bench/lighthouse.py "home en"   # pages whose name starts so
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_DIR = ROOT / "var" / "lighthouse"
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse() -> Path:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed to install Lighthouse (Debian package: npm)")
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 (fixed argv)
            [npm, "install", "--silent", "--prefix", str(LIGHTHOUSE_DIR), "lighthouse@12"],
            check=True,
        )
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    binary = lighthouse()
    database = Path(tempfile.mkdtemp()) / "lighthouse.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "prensa.settings.dev",
        "DEBUG": "0",
        "PRENSA_DEMO_PASSWORD": "lighthouse-only",
    }
    prensa = [sys.executable, str(ROOT / "manage.py")]
    # The demo's pictures with their renditions made now (no worker runs here), so the home
    # page has teaser pictures and each article its lead picture.
    subprocess.run(  # noqa: S603 (fixed argv)
        [*prensa, "demo", "--renditions-now"], env=env, check=True, capture_output=True
    )
    articles = subprocess.run(  # noqa: S603 (fixed argv)
        [
            *prensa,
            "shell",
            "--verbosity=0",
            "-c",
            "from prensa.newsroom.models import Edition\n"
            "for code in ('pt', 'es', 'en'): print(code, Edition.objects.get("
            "story__key__endswith='tell-ruman-water-returns', language=code).get_absolute_url())",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    pages = [(f"home {code}", f"/{code}/") for code in ("pt", "es", "en")] + [
        (f"article {code}", path) for code, path in (line.split() for line in articles if line)
    ]
    wanted = sys.argv[1:]  # e.g. "home en": only the pages whose name starts so
    pages = [page for page in pages if not wanted or any(page[0].startswith(w) for w in wanted)]
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (fixed argv)
        [*prensa, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/pt/", timeout=5)  # noqa: S310 (our own server)
                break
            except OSError:
                time.sleep(0.2)
        print(f"{'page':<12} {'form factor':<12}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, path in pages:
            for preset in ("mobile", "desktop"):
                scores, weak = run(binary, base + path, preset)
                print(f"{name:<12} {preset:<12}" + "".join(f"{s:>16}" for s in scores))
                for audit in weak:
                    print(f"{'':<25}{audit}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(binary: Path, url: str, preset: str) -> tuple[list[str], list[str]]:
    """One Lighthouse run: the four scores, and each audit below 0.9 with its measure
    (what to look at when a score is not 100); a run whose trace fails is tried again
    (it happens headless)."""
    for _ in range(3):
        report = Path(tempfile.mkdtemp()) / "report.json"
        argv = [str(binary), url, "--quiet", "--output=json", f"--output-path={report}"]
        argv += [f"--chrome-flags={CHROMIUM_FLAGS}"]
        if preset == "desktop":
            argv.append("--preset=desktop")
        subprocess.run(  # noqa: S603 (fixed argv)
            argv,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            capture_output=True,
        )
        if not report.exists():
            continue
        result = json.loads(report.read_text())
        categories = result["categories"]
        scores = [categories[c]["score"] for c in CATEGORIES]
        if None not in scores:
            weak = [
                f"{audit['id']}: {audit.get('displayValue', '')} ({audit['score']})"
                for category in categories.values()
                for ref in category["auditRefs"]
                if ref.get("weight")
                for audit in [result["audits"][ref["id"]]]
                if audit.get("score") is not None and audit["score"] < 0.9
            ]
            return [str(round(score * 100)) for score in scores], weak
    return ["failed"] * len(CATEGORIES), []


if __name__ == "__main__":
    main()
