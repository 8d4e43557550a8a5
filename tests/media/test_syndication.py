"""Pictures in feeds (Media RSS) and sitemaps (the image extension)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from prensa.media.models import LeadImage
from tests.factories import make_story

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db

MEDIA = "{http://search.yahoo.com/mrss/}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def pictured_story(ingest):  # type: ignore[no-untyped-def]
    image, _ = ingest(
        upload(picture_bytes(size=(1600, 1000))),
        credit="Davi Moreira / Prensa",
        alt_en="A ferry crossing a calm bay",
    )
    story = make_story()
    LeadImage.objects.create(story=story, image=image)
    make_story()  # and one without a picture
    return story


def test_rss_items_carry_their_picture_as_media_content(client, pictured_story):
    with translation.override("en"):
        response = client.get(reverse("public:feed"))
    items = ET.fromstring(response.content).findall("./channel/item")
    pictures = [item.find(f"{MEDIA}content") for item in items]
    content = next(p for p in pictures if p is not None)
    assert sum(p is not None for p in pictures) == 1
    assert content.get("url").startswith("https://news.example.org/media/pictures/")
    assert (content.get("medium"), content.get("type")) == ("image", "image/jpeg")
    assert (content.get("width"), content.get("height")) == ("1200", "675")
    assert content.find(f"{MEDIA}description").text == "A ferry crossing a calm bay"
    assert content.find(f"{MEDIA}credit").text == "Davi Moreira / Prensa"


def test_atom_entries_carry_their_picture_too(client, pictured_story):
    with translation.override("en"):
        response = client.get(reverse("public:feed_atom"))
    assert b"<media:content" in response.content
    ET.fromstring(response.content)  # still well-formed


def test_the_article_sitemap_names_each_lead_picture(client, pictured_story):
    response = client.get(reverse("sitemap_section", kwargs={"section": "articles"}))
    root = ET.fromstring(response.content)
    urls = root.findall(f"{SITEMAP}url")
    images = [u.find(f"{IMAGE}image/{IMAGE}loc") for u in urls]
    assert sum(i is not None for i in images) == 3  # the pictured story, in three languages
    assert all(i.text.endswith("/16x9-1200.jpg") for i in images if i is not None)


def test_the_news_sitemap_names_each_lead_picture(client, pictured_story):
    response = client.get(reverse("news_sitemap_file", kwargs={"page": 1}))
    root = ET.fromstring(response.content)
    assert len(root.findall(f"{SITEMAP}url/{IMAGE}image")) == 3
