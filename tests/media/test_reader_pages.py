"""Pictures where readers see them: the article's lead image, teasers, cards, JSON-LD."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from prensa.media.models import LeadImage
from tests.factories import make_story, make_tag

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictured(ingest):  # type: ignore[no-untyped-def]
    """A published story whose lead picture has its renditions, words in pt and en."""

    def make(**story):  # type: ignore[no-untyped-def]
        image, _ = ingest(
            upload(picture_bytes(size=(2000, 1400))),
            credit="Marta Quiroga / Prensa",
            alt_pt="Barcos de pesca no cais ao amanhecer",
            alt_en="Fishing boats at the quay at dawn",
            caption_pt="Pescadores preparam as redes no cais de Itapuã.",
            caption_en="Fishermen prepare their nets on the Itapuã quay.",
        )
        found = make_story(**story)
        LeadImage.objects.create(story=found, image=image)
        return found, image

    return make


def article_html(client, story, language: str) -> str:  # type: ignore[no-untyped-def]
    edition = story.editions.get(language=language)
    with translation.override(language):
        response = client.get(edition.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_article_shows_its_lead_picture_first_with_sizes_and_every_format(client, pictured):
    story, _image = pictured()
    html = article_html(client, story, "pt")
    figure = re.search(r'<figure class="lead-figure">.*?</figure>', html, re.S).group(0)
    assert '<source type="image/avif"' in figure
    assert '<source type="image/webp"' in figure
    assert 'fetchpriority="high"' in figure
    assert 'loading="lazy"' not in figure
    assert re.search(
        r'<img src="[^"]+\.jpg" srcset="[^"]+ 480w, [^"]+ 1600w" sizes="[^"]+" width="800" height="450"',
        figure,
    )
    assert 'alt="Barcos de pesca no cais ao amanhecer"' in figure
    assert " style=" not in figure  # the CSP allows no inline style


def test_caption_and_credit_are_in_the_readers_language(client, pictured):
    story, _ = pictured()
    pt = article_html(client, story, "pt")
    en = article_html(client, story, "en")
    assert "Pescadores preparam as redes no cais de Itapuã." in pt
    assert "Fishermen prepare their nets on the Itapuã quay." in en
    assert "Fishermen" not in pt
    assert "Image: Marta Quiroga / Prensa" in en
    assert "Imagem: Marta Quiroga / Prensa" in pt


def test_a_picture_still_waiting_for_its_renditions_is_left_out(
    client, ingest, django_capture_on_commit_callbacks
):
    from prensa.media import uploads

    image, _ = uploads.ingest(upload(picture_bytes()))  # the worker has not run
    story = make_story()
    LeadImage.objects.create(story=story, image=image)
    html = article_html(client, story, "en")
    assert "<picture" not in html
    assert "og:image" not in html


def test_cards_name_the_picture_with_its_size_and_alt_text(client, pictured):
    story, _image = pictured()
    html = article_html(client, story, "en")
    url = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert url.startswith("https://news.example.org/media/pictures/")
    assert url.endswith("/16x9-1200.jpg")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="675">' in html
    assert '<meta property="og:image:alt" content="Fishing boats at the quay at dawn">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_json_ld_has_three_crops_at_least_1200_wide_the_logo_and_author_pages(client, pictured):
    story, _image = pictured()
    data = json_ld(article_html(client, story, "es"))
    crops = data["image"]
    assert [c["url"].rsplit("/", 1)[-1] for c in crops] == [
        "16x9-1600.jpg",
        "4x3-1600.jpg",
        "1x1-1200.jpg",
    ]
    assert all(c["width"] >= 1200 and c["url"].startswith("https://") for c in crops)
    assert data["publisher"]["logo"]["url"] == "https://news.example.org/static/prensa/logo.png"
    assert all(
        author["url"].startswith("https://news.example.org/es/") for author in data["author"]
    )


def test_teasers_on_home_section_tag_and_search_load_lazily(client, pictured):
    tag = make_tag()
    story, _ = pictured(tags=(tag,))
    pictured()  # a second story: the first is no longer home's lead
    section = story.section
    with translation.override("en"):
        pages = [
            reverse("public:home"),
            section.get_absolute_url("en"),
            tag.get_absolute_url("en"),
            reverse("public:search") + "?q=ferry",
        ]
    for url in pages:
        html = client.get(url).content.decode()
        teaser = re.search(r'<article class="teaser">.*?</article>', html, re.S)
        assert teaser, url
        assert 'loading="lazy"' in teaser.group(0), url
        assert "<picture" in teaser.group(0), url
        assert "fetchpriority" not in teaser.group(0), url


def test_renditions_are_served_with_a_long_cache_and_originals_are_not(client, pictured):
    _story, image = pictured()
    url = image.rendition_url("4x3", 480, "webp")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]
    assert client.get(f"/media/{image.original.name}").status_code == 404
    assert client.get("/media/../originals/x.jpg").status_code == 404


def test_pictures_add_no_query_to_reader_pages(client, pictured, settings):
    settings.PRENSA_PAGE_CACHE = False
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_section

    plain, pictures = make_section(), make_section()
    for _ in range(3):
        make_story(section=plain)
        pictured(section=pictures)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with translation.override("en"):
        assert count(pictures.get_absolute_url("en")) == count(plain.get_absolute_url("en"))
        story = pictures.stories.first()
        other = plain.stories.first()
        assert count(story.editions.get(language="en").get_absolute_url()) == count(
            other.editions.get(language="en").get_absolute_url()
        )
