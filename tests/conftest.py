import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright's own base_url fixture triggers this; nothing in Prensa can fix it.
    config.addinivalue_line(
        "filterwarnings", "ignore:Session-scoped fixtures defined as instance methods"
    )


@pytest.fixture(scope="session")
def playwright(playwright):  # type: ignore[no-untyped-def]
    """Close the database connections opened while Playwright's event loop was running.

    Playwright's sync API runs an asyncio loop in the main thread. While it is running,
    Django's connection handler (asgiref's Local) keeps this thread's connections in a
    separate, context-local slot, so the connection opened there is not the one the
    test database teardown closes, and PostgreSQL refused to drop a database "being
    accessed by other users". Closing them here, before the loop stops, fixes that.
    """
    yield playwright
    from django.db import connections

    connections.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium; Playwright's own browser download does not work here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("PRENSA_CHROMIUM", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A Redis server of the suite's own (Debian's redis-server) on a free port."""
    import shutil
    import socket
    import subprocess
    import time

    import redis

    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: run scripts/install-system-deps.sh"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    workdir = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(  # noqa: S603 (fixed argv)
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Stored reader pages and rate-limit counters belong to the test that made them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /pt/ must not leak into the next."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True, scope="session")
def _patient_expectations():
    """Browser assertions wait up to 15 s: CI runs on 2 busy cores, and a slow answer is
    not a wrong one (a wrong one still fails, after the wait)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
