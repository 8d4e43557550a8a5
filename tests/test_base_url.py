"""Absolute URLs name the address the site is served on: PRENSA_BASE_URL, or in development
the port runserver listens on (`PORT=8401 make demo`, `prensa runserver 8401`)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import make_section, make_story, make_tag
from tests.pages import reverse_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
DEMO = "http://127.0.0.1:8401"
# Every absolute http(s) URL in a page or a feed, except the vocabularies' own addresses.
URL = re.compile(r"https?://[^\s\"'<>]+")
VOCABULARIES = (
    "http://www.w3.org/",
    "http://www.sitemaps.org/",
    "http://www.google.com/schemas/",
    "https://schema.org",
    "http://purl.org/dc/",
    "http://search.yahoo.com/mrss/",  # Media RSS, for feed pictures
)


def absolute_urls(text: str) -> list[str]:
    return [url for url in URL.findall(text) if not url.startswith(VOCABULARIES)]


@pytest.fixture
def story():
    section = make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")
    tag = make_tag(en="Water", pt="Água", es="Agua")
    return make_story(section=section, tags=(tag,))


def reader_documents(client, story, **headers) -> dict[str, str]:  # type: ignore[no-untyped-def]
    paths = {
        "article": story.edition_for("pt").get_absolute_url(),
        "feed": reverse_in("pt", "public:feed"),
        "atom": reverse_in("es", "public:feed_atom"),
        "sitemap": reverse("sitemap"),
        "sitemap of articles": reverse("sitemap_section", kwargs={"section": "articles"}),
        "sitemap of listings": reverse("sitemap_section", kwargs={"section": "listings"}),
        "news sitemap": reverse("news_sitemap"),
        "news sitemap file": reverse("news_sitemap_file", kwargs={"page": 1}),
        "robots": reverse("robots"),
    }
    documents = {}
    for name, path in paths.items():
        response = client.get(path, **headers)
        assert response.status_code == 200, (name, response.status_code)
        documents[name] = response.content.decode()
    return documents


def test_in_development_every_absolute_url_names_the_port_the_page_was_asked_on(
    client, settings, story
):
    settings.PRENSA_BASE_URL = "http://127.0.0.1:8000"  # the default, never set by hand
    settings.PRENSA_BASE_URL_FROM_REQUEST = True

    documents = reader_documents(client, story, HTTP_HOST="127.0.0.1:8401")

    for name, text in documents.items():
        urls = absolute_urls(text)
        assert urls, name
        assert all(url.startswith(f"{DEMO}/") for url in urls), (name, urls)
    article = documents["article"]
    for marker in ('rel="canonical"', 'hreflang="es"', 'property="og:url"', '"url": "'):
        assert marker in article
    assert f'"url": "{DEMO}/pt/' in article  # JSON-LD


def test_a_page_stored_for_one_address_is_not_served_for_another(client, settings, story):
    settings.PRENSA_BASE_URL_FROM_REQUEST = True
    url = story.edition_for("en").get_absolute_url()

    client.get(url, HTTP_HOST="127.0.0.1:8401")
    other = client.get(url, HTTP_HOST="localhost:9000").content.decode()

    assert "http://localhost:9000/en/" in other
    assert "127.0.0.1:8401" not in other


def test_a_configured_base_url_wins_over_the_requests_address(client, settings, story):
    settings.PRENSA_BASE_URL = "https://news.example.org"

    documents = reader_documents(client, story, HTTP_HOST="127.0.0.1:8401")

    for name, text in documents.items():
        assert all(u.startswith("https://news.example.org/") for u in absolute_urls(text)), name


def settings_value(module: str, name: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "PRENSA_BASE_URL"} | env
    code = f"import {module} as s; print(s.{name})"
    return subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_development_settings_follow_the_request_only_when_no_base_url_is_set():
    assert settings_value("prensa.settings.dev", "PRENSA_BASE_URL_FROM_REQUEST") == "True"
    assert (
        settings_value(
            "prensa.settings.dev",
            "PRENSA_BASE_URL_FROM_REQUEST",
            PRENSA_BASE_URL="https://news.example.org",
        )
        == "False"
    )


def test_production_settings_still_require_a_base_url():
    environment = {k: v for k, v in os.environ.items() if k != "PRENSA_BASE_URL"}
    environment |= {"SECRET_KEY": "x" * 50, "PRENSA_COMMENTS_HASH_SALT": "y" * 40}
    result = subprocess.run(
        [sys.executable, "-c", "import prensa.settings.prod"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "PRENSA_BASE_URL" in result.stderr


def test_make_demo_gives_the_server_its_own_port_as_base_url_and_a_newsroom_time_zone():
    environment = {k: v for k, v in os.environ.items() if k not in ("PRENSA_BASE_URL", "TIME_ZONE")}
    environment["PORT"] = "8401"
    dry_run = subprocess.run(
        ["make", "-n", "demo"],  # noqa: S607
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (server,) = [line for line in dry_run.splitlines() if "runserver" in line]
    assert f"PRENSA_BASE_URL={DEMO}" in server
    assert "TIME_ZONE=America/Sao_Paulo" in server
    assert server.rstrip().endswith("runserver 127.0.0.1:8401")
