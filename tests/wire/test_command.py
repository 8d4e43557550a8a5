"""`prensa import SOURCE`: files, folders and addresses, served here by a real HTTP server on
127.0.0.1 (never the internet); exit 0 when nothing was refused, else one line per refusal."""

import contextlib
import http.server
import threading
import time
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prensa.newsroom.models import Story
from tests.wire.conftest import SAMPLES, sample

ROUTES = {
    "/city/night-market": (200, "text/html; charset=utf-8", sample("page.html")),
    "/feed.xml": (200, "application/rss+xml", sample("rss.xml")),
    "/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    "/huge": (200, "text/html", b"<p>" + b"word " * 50_000 + b"</p>"),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/feed.xml")
            self.end_headers()
            return
        status, kind, body = ROUTES.get(self.path, (404, "text/html", b"<h1>Not found</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the importer stopped at its size limit
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(capsys, *args):
    """The command as the shell runs it: its exit status, what it printed, no traceback."""
    from django.core.management import ManagementUtility

    # run_from_argv closes every database connection when the command ends, which in a test
    # would close the connection holding the test's transaction (PostgreSQL notices): that
    # one call is disabled; the rest is the command line's own code.
    with (
        pytest.raises(SystemExit) as exited,
        mock.patch("django.core.management.base.connections.close_all"),
    ):
        # --skip-checks: the test settings' own warnings are not this command's output.
        ManagementUtility(["prensa", "import", "--skip-checks", *args]).execute()
        raise SystemExit(0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return exited.value.code, out, err


def test_a_folder_of_samples_imports_and_exits_zero(section, capsys):
    status, out, err = run(capsys, str(SAMPLES))
    assert status == 0, err
    assert "11 created, 0 updated, 0 skipped, 0 refused" in out
    status, out, _err = run(capsys, str(SAMPLES))
    assert status == 0 and "0 created, 0 updated, 11 skipped, 0 refused" in out


def test_refused_items_exit_non_zero_with_one_line_each(section, tmp_path, capsys):
    (tmp_path / "good.txt").write_bytes(sample("story.txt"))
    (tmp_path / "broken.json").write_text('{"uri": "urn:x", "headlines": [')
    (tmp_path / "latin1.txt").write_bytes(
        "Título\n\nTexto em português com acentuação.".encode("latin-1")
    )
    status, out, err = run(capsys, str(tmp_path))
    assert status == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{tmp_path / 'broken.json'}: refused: Invalid JSON")
    assert lines[1].startswith(
        f"{tmp_path / 'latin1.txt'}: refused: The text does not declare its encoding"
    )
    assert lines[-1] == "CommandError: 2 items refused."
    assert "1 created" in out and Story.objects.count() == 1


def test_a_web_page_is_fetched_and_its_address_is_the_key(section, server):
    call_command("import", f"{server}/city/night-market")
    story = Story.objects.get()
    assert story.key == f"{server}/city/night-market"
    assert story.editions.get().headline == "Night market brings the old station back to life"


def test_a_feed_at_an_address_is_imported_with_translate_and_a_section(section, culture, server):
    call_command("import", f"{server}/feed.xml", "--translate", "--section", "cultura")
    assert Story.objects.filter(section=culture[0]).count() == 2
    assert {j.language for j in Story.objects.first().draft_jobs.all()} == {"es", "en"}


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/logo.png", "answered with image/png, which is neither a web page nor a news format"),
        ("/slow", "no answer within 0.5 seconds"),
        ("/huge", "larger than the import limit of 100000 bytes"),
        ("/moved", "which is not http or https"),
    ],
)
def test_an_address_that_cannot_be_fetched_is_a_clear_refusal(
    section, server, settings, capsys, path, reason
):
    settings.PRENSA_IMPORT_TIMEOUT = 0.5
    settings.PRENSA_IMPORT_MAX_BYTES = 100_000
    status, _out, err = run(capsys, f"{server}{path}")
    assert status == 1
    assert reason in err.splitlines()[0]
    assert not Story.objects.exists()


def test_only_http_and_https_addresses_are_fetched(db, capsys):
    with pytest.raises(CommandError):
        call_command("import", "file:///etc/passwd")
    assert "Only http and https addresses" in capsys.readouterr().err
