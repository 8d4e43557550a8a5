"""With the database out of reach, every page answers 503 with Retry-After, and comes back alone.

A real server (`manage.py runserver`, the whole middleware stack) runs in a subprocess
against a database of its own, which the test then takes away for real: the SQLite
file's directory is moved aside (SQLite cannot open the file), or the PostgreSQL server
is stopped (connections are refused). Nothing in Django is mocked.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers import free_port, serving

PROJECT = Path(__file__).resolve().parent.parent
SESSION = "x" * 32  # a well-formed session key: looking it up needs the database


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@contextmanager
def prensa_server(database_url: str, log: Path) -> Iterator[int]:
    """Prensa migrated onto `database_url` and served on a free port; the port."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "PRENSA_", "DEBUG"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="prensa.settings.test",
        DATABASE_URL=database_url,
        PRENSA_PAGE_CACHE="0",
        PYTHONUNBUFFERED="1",
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    port = free_port()
    # The server logs every failure with its traceback: into a file, as a pipe nobody
    # reads would fill up and stall it.
    with (
        log.open("w") as output,
        serving(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            port,
            output=lambda _: log.read_text(),
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        ),
    ):
        yield port


class SQLite:
    """A SQLite file in a directory that can be moved away and back."""

    def __init__(self, tmp_path: Path) -> None:
        self.directory = tmp_path / "db"
        self.away = tmp_path / "db-away"
        self.directory.mkdir()
        self.url = f"sqlite:///{self.directory / 'prensa.sqlite3'}"

    def stop(self) -> None:
        self.directory.rename(self.away)

    def start(self) -> None:
        self.away.rename(self.directory)


class PostgreSQL:
    """A PostgreSQL server of the test's own (as scripts/with-postgres.sh), stopped at will."""

    def __init__(self) -> None:
        bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bindirs or not (bindirs[-1] / "initdb").exists():
            pytest.skip("PostgreSQL server binaries are not installed")
        self.bin = bindirs[-1]
        # initdb refuses to run as root, so root runs the server as `postgres`, in a
        # directory of its own that user can reach (pytest's tmp_path is root's only).
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.data = Path(tempfile.mkdtemp(prefix="prensa-down-"))
        if os.getuid() == 0:
            shutil.chown(self.data, "postgres")
        self.port = free_port()
        self._pg("initdb", "-D", str(self.data), "-U", "prensa", "--auth=trust", "-E", "UTF8")
        try:
            self.start()
        except BaseException:
            self.remove()
            raise
        self.url = f"postgres://prensa@127.0.0.1:{self.port}/postgres"

    def _pg(self, program: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 (fixed argv, no shell)
            [*self.run_as, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.data} -c fsync=off"
        )
        log = str(self.data / "server.log")  # else the server keeps our pipes open
        self._pg(
            "pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "-t", "60", "start"
        )

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        pg_ctl = str(self.bin / "pg_ctl")
        subprocess.run(  # noqa: S603 (fixed argv, no shell)
            [*self.run_as, pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.data, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):  # type: ignore[no-untyped-def]
    """A database of the engine the suite runs on (`make test` runs it on both)."""
    suite_engine = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    if request.param != suite_engine:
        pytest.skip(f"the suite's {request.param} run covers it")
    if request.param == "sqlite":
        yield SQLite(tmp_path)
        return
    server = PostgreSQL()
    yield server
    server.remove()


def assert_unavailable(response: tuple[int, dict[str, str], str]) -> None:
    status, headers, _body = response
    assert status == 503
    assert headers["Retry-After"].isdigit()
    assert "no-store" in headers["Cache-Control"]


def test_with_the_database_down_every_page_says_503_and_comes_back_alone(database, tmp_path):
    with prensa_server(database.url, tmp_path / "server.log") as port:
        assert get(port, "/en/comments/1/count.json")[0] == 404  # up: no such edition

        database.stop()

        for path in ("/en/", "/pt/", "/es/some-section/", "/en/search/?q=water"):
            assert_unavailable(get(port, path))
        home = get(port, "/pt/")
        assert home[1]["Content-Type"].startswith("text/html")
        assert '<html lang="pt">' in home[2]
        assert "Temporariamente indisponível" in home[2]

        count = get(port, "/es/comments/1/count.json")
        assert_unavailable(count)
        assert count[1]["Content-Type"] == "application/json"
        assert json.loads(count[2]) == {
            "error": "El sitio no está disponible por unos instantes. Vuelva a intentarlo en un minuto."
        }
        asked_for_json = get(port, "/en/", Accept="application/json")
        assert_unavailable(asked_for_json)
        assert "error" in json.loads(asked_for_json[2])

        # Staff: the admin and the desk look their session up in the database.
        for path in ("/admin/", "/desk/"):
            staff = get(port, path, Cookie=f"sessionid={SESSION}", **{"Accept-Language": "es"})
            assert_unavailable(staff)
            assert "Temporalmente no disponible" in staff[2]

        database.start()

        assert get(port, "/en/comments/1/count.json")[0] == 404
        assert get(port, "/en/")[0] == 200
        assert get(port, "/admin/", Cookie=f"sessionid={SESSION}")[0] == 302  # to the login


@pytest.mark.django_db
def test_a_broken_query_is_still_a_server_error_not_an_outage():
    from django.db import DatabaseError, connection

    from prensa.errors import database_unreachable

    with pytest.raises(DatabaseError) as caught, connection.cursor() as cursor:
        cursor.execute("SELECT * FROM prensa_no_such_table")

    assert not database_unreachable(caught.value)
