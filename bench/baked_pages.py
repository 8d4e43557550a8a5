"""Baked pages: nginx serving a baked article against nginx serving the same bytes as a
plain static file, and the time from the editor's click to the baked page changing.

Starts the production stack of `make prod-smoke` (throw-away PostgreSQL, Redis, gunicorn
with 2 sync workers, one task worker, nginx from deploy/, the demo loaded and baked), then:

- throughput: `wrk -t2 -c16 -d10s` (Debian's wrk; a small Python load generator if it is
  missing) on a baked article through Prensa's nginx configuration, and on a copy of its
  bytes served by the same nginx from a bare `location` (the reference); printed as req/s,
  p99 and the ratio (target: at least 90 %);
- publish-to-visible: a new story published through the API (the editor's click: the
  request returns as soon as the transition commits), until its baked file exists and
  nginx serves it; an update (a live edition's text changed) until the baked file's bytes
  change. Several rounds on an idle worker; median and worst.

    .venv/bin/python bench/baked_pages.py [--seconds 10] [--rounds 5]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5, help="publish-to-visible rounds")
    parser.add_argument("--repeat", type=int, default=3, help="load runs of each, alternated")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:  # a PostgreSQL of its own, like make prod-smoke
        script = str(ROOT / "scripts" / "with-postgres.sh")
        os.execv(script, [script, sys.executable, __file__, *sys.argv[1:]])  # noqa: S606

    from prod_smoke import baked_file, production_stack

    plain_dir = Path(tempfile.mkdtemp(prefix="prensa-plain-"))
    plain_dir.chmod(0o755)
    extra = f"location = /{plain_dir.name}/article.html {{ root {plain_dir.parent}; }}"
    try:
        with production_stack(extra_nginx=extra) as running:
            client, bake_dir = running.client, running.bake_dir
            listing = client.api("GET", "/api/editions/?language=en&limit=1", running.token)
            url = listing["items"][0]["url"] if "items" in listing else listing[0]["url"]
            path = "/" + url.split("://", 1)[1].split("/", 1)[1]
            page = baked_file(bake_dir, path)
            (plain_dir / "article.html").write_bytes(page.read_bytes())
            (plain_dir / "article.html").chmod(0o644)
            port = running.ports["nginx"]
            wait_idle(running)
            # Alternate the two, several times: other work on the machine comes and goes.
            runs: dict[str, list[dict]] = {"plain": [], "baked": []}
            for _ in range(args.repeat):
                for name, target in (("plain", f"/{plain_dir.name}/article.html"), ("baked", path)):
                    result = load(
                        f"http://127.0.0.1:{port}{target}", args.seconds, args.connections
                    )
                    runs[name].append(result)
            plain, baked = (max(runs[n], key=lambda r: r["rps"]) for n in ("plain", "baked"))
            print(
                f"\nArticle {path} ({page.stat().st_size:,} bytes), {baked['tool']}, "
                f"{args.connections} connections, {args.seconds} s a run, best of {args.repeat}:"
            )
            print("| served | req/s | p99 |\n| --- | ---: | ---: |")
            print(
                f"| nginx, plain static file (reference) | {plain['rps']:,.0f} | {plain['p99']} |"
            )
            print(
                f"| nginx, baked article (Prensa's configuration) | {baked['rps']:,.0f} | "
                f"{baked['p99']} |"
            )
            print(f"Baked / plain: {baked['rps'] / plain['rps']:.0%} (target >= 90 %)")
            print(
                "All runs (req/s): "
                + "; ".join(f"{n} " + ", ".join(f"{r['rps']:,.0f}" for r in runs[n]) for n in runs)
            )
            publish_to_visible(running, args.rounds)
    finally:
        shutil.rmtree(plain_dir, ignore_errors=True)


def wait_idle(running) -> None:  # type: ignore[no-untyped-def]
    """Until the worker has nothing queued (the demo's picture renditions)."""
    from prod_smoke import BIN

    code = (
        "from django_tasks_db.models import DBTaskResult as R; "
        "print('queued', R.objects.filter(status__in=['READY', 'RUNNING']).count())"
    )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        out = running.stack.run(str(BIN / "prensa"), "shell", "-c", code, quiet=True)
        if "queued 0" in out:
            return
        time.sleep(2)


def load(url: str, seconds: int, connections: int) -> dict:
    wrk = shutil.which("wrk")
    if wrk:
        out = subprocess.run(  # noqa: S603 (fixed argv)
            [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p99 = re.search(r"99%\s+(\S+)", out).group(1)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errors:
            raise SystemExit(f"{url}: {errors.group(1)} error responses")
        return {"rps": rps, "p99": p99, "tool": "wrk -t2"}
    return python_load(url, seconds, connections)


def python_load(url: str, seconds: int, connections: int) -> dict:
    """A small load generator, for machines without wrk (it, not nginx, is the limit)."""
    host, _, path = url.removeprefix("http://").partition("/")
    address, port = host.split(":")
    times: list[float] = []
    stop = time.monotonic() + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(address, int(port))
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", "/" + path)
            connection.getresponse().read()
            times.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    return {
        "rps": len(times) / seconds,
        "p99": f"{times[int(len(times) * 0.99)] * 1000:.1f}ms",
        "tool": "Python threads (wrk missing)",
    }


def publish_to_visible(running, rounds: int) -> None:  # type: ignore[no-untyped-def]
    from prod_smoke import baked_file, wait_for

    client, token, bake_dir = running.client, running.token, running.bake_dir
    section = __import__("json").loads(client.get("/api/sections/")[2])[0]["slugs"]["en"]
    published, updated = [], []
    for _ in range(rounds):
        headline = f"Ferry timetable changes for the winter {secrets.token_hex(3)}"
        written = client.api(
            "POST",
            "/api/stories/",
            token,
            {
                "section": section,
                "source_language": "en",
                "headline": headline,
                "body": "The ferry company said on Monday that the last crossing would leave "
                "at 22:00 from 1 June.\n\nMore than 3,000 people cross every day.",
            },
        )
        edition = written["edition"]
        client.api("POST", f"/api/editions/{edition}/transitions/submit", token, {})
        time.sleep(1)  # the worker idle again
        clicked = time.perf_counter()
        client.api("POST", f"/api/editions/{edition}/transitions/publish", token, {})
        url = client.api("GET", f"/api/editions/{edition}", token)["url"]
        path = "/" + url.split("://", 1)[1].split("/", 1)[1]
        wait_for("the baked page", lambda path=path: baked_file(bake_dir, path), 60)
        on_disk = time.perf_counter() - clicked
        wait_for(
            "nginx to serve it", lambda path=path: client.get(path)[1].get("x-prensa-baked"), 10
        )
        published.append((on_disk, time.perf_counter() - clicked))

        time.sleep(1)
        before = baked_file(bake_dir, path).read_bytes()
        revision = client.api("GET", f"/api/editions/{edition}", token).get("revision", 1)
        clicked = time.perf_counter()
        client.api(
            "PATCH",
            f"/api/editions/{edition}",
            token,
            {
                "revision": revision,
                "body": "The ferry company said on Monday that the last crossing would leave "
                "at 23:00 from 1 June.\n\nMore than 3,000 people cross every day.",
            },
        )
        wait_for(
            "the re-baked page",
            lambda path=path, before=before: baked_file(bake_dir, path).read_bytes() != before,
            60,
        )
        updated.append(time.perf_counter() - clicked)
        client.api("POST", f"/api/editions/{edition}/transitions/unpublish", token, {})

    def summary(values: list[float]) -> str:
        return f"median {statistics.median(values):.2f} s, worst {max(values):.2f} s"

    print(f"\nPublish-to-visible, {rounds} rounds, idle worker (polling every 0.2 s):")
    print(f"- publish -> baked file exists: {summary([p[0] for p in published])}")
    print(f"- publish -> nginx serves it:   {summary([p[1] for p in published])}")
    print(f"- update  -> baked file changes: {summary(updated)} (target < 1 s)")


if __name__ == "__main__":
    main()
