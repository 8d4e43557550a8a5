"""Reader pages carry validators and answer conditional GETs with a 304; what Django sends is
compressed; pages per user never get validators."""

import gzip

import brotli
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import http_date

from tests.factories import make_story

pytestmark = pytest.mark.django_db


def article_url() -> str:
    return make_story().edition_for("en").get_absolute_url()


def test_a_reader_page_carries_an_etag_and_a_last_modified(client):
    response = client.get(article_url())

    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith("GMT")


def test_a_reader_with_the_current_copy_gets_a_304_without_the_page_being_rendered(
    client, django_assert_num_queries
):
    url = article_url()
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "max-age" in again["Cache-Control"]


def test_if_modified_since_alone_is_answered_with_a_304_too(client):
    url = article_url()
    first = client.get(url)

    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_an_edit_changes_the_etag_so_the_old_copy_gets_the_new_page(client):
    story = make_story()
    edition = story.edition_for("en")
    first = client.get(edition.get_absolute_url())

    edition.headline = "Night trains return to the coast line"
    edition.save()
    again = client.get(edition.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Night trains return to the coast line" in again.text


def test_validators_work_with_the_page_cache_off_too(client, settings):
    settings.PRENSA_PAGE_CACHE = False
    url = article_url()
    first = client.get(url)

    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_sitemap_index_answers_a_304_as_well(client):
    make_story()
    first = client.get(reverse("sitemap"))

    assert client.get(reverse("sitemap"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_reader_pages_are_sent_with_brotli_or_gzip_as_the_browser_accepts(client):
    url = article_url()
    plain = client.get(url).content

    br = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    gz = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == plain
    assert len(gz.content) < len(plain) / 2
    assert "accept-encoding" in br["Vary"].lower()


def test_a_compressed_page_still_answers_a_304_for_its_etag(client):
    url = article_url()
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_reader_pages_vary_only_on_the_encoding(client):
    response = client.get(article_url(), HTTP_ACCEPT_ENCODING="gzip")

    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    assert varies == {"accept-encoding"}


@pytest.mark.parametrize("name", ["admin:index", "desk:index"])
def test_pages_per_user_never_get_validators_nor_a_304(client, name):
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-long-enough-1")
    client.force_login(editor)
    url = reverse(name)
    first = client.get(url)

    # Validators any copy would match: a page with an ETag or a Last-Modified would get a 304.
    again = client.get(url, HTTP_IF_NONE_MATCH="*", HTTP_IF_MODIFIED_SINCE=http_date())

    assert first.status_code == again.status_code == 200
    assert not first.has_header("ETag") and not first.has_header("Last-Modified")


@pytest.mark.parametrize("name", ["admin:index", "desk:index"])
def test_pages_with_a_persons_secrets_are_never_compressed(client, name):
    # BREACH: a CSRF token in a compressed page can be read back from its length.
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-long-enough-1")
    client.force_login(editor)

    response = client.get(reverse(name), HTTP_ACCEPT_ENCODING="gzip, br, zstd")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
