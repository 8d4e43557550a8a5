"""Times on reader pages: in the newsroom's time zone, the zone named in the reader's language,
and to the second in machine-readable form (the Nu Html Checker rejects microseconds)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from prensa.newsroom.models import Edition
from tests.factories import make_section, make_story, make_tag
from tests.pages import fetch, json_ld, meta_property, reverse_in

pytestmark = pytest.mark.django_db

# Saved by the admin or the desk: timezone.now(), microseconds and all.
PUBLISHED = datetime(2026, 12, 2, 13, 15, 0, 123456, tzinfo=UTC)
# ISO 8601 to the second with an offset: what <time datetime> and JSON-LD must carry.
SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture
def story(settings):
    settings.TIME_ZONE = "America/Sao_Paulo"
    tag = make_tag()
    story = make_story(section=make_section(), tags=(tag,), published_at=PUBLISHED)
    make_story(section=story.section, tags=(tag,), published_at=PUBLISHED - timedelta(hours=1))
    for edition in Edition.objects.filter(story=story):
        edition.body += "\n\nCorrected."
        edition.save()  # modified_at = now, with microseconds
    return story


def test_every_machine_readable_time_on_an_article_is_to_the_second_with_its_offset(client, story):
    doc = fetch(client, story.edition_for("pt").get_absolute_url())

    stamps = [el.get("datetime") for el in doc.find_all("time")]
    stamps += meta_property(doc, "article:published_time")
    stamps += meta_property(doc, "article:modified_time")
    data = json_ld(doc)
    stamps += [data["datePublished"], data["dateModified"]]
    assert len(stamps) >= 6  # published, updated, a related story, OG twice, JSON-LD twice
    for stamp in stamps:
        assert SECONDS.match(stamp), stamp
    assert data["datePublished"] == "2026-12-02T10:15:00-03:00"


@pytest.mark.parametrize("listing", ["section", "tag", "home"])
def test_teasers_carry_times_to_the_second(client, story, listing):
    url = {
        "section": story.section.get_absolute_url("es"),
        "tag": story.tags.first().get_absolute_url("es"),
        "home": reverse_in("es", "public:home"),
    }[listing]
    doc = fetch(client, url)

    stamps = [el.get("datetime") for el in doc.find_all("time")]
    assert stamps
    assert all(SECONDS.match(stamp) for stamp in stamps), stamps


def test_the_news_sitemap_dates_are_to_the_second(client, settings):
    settings.TIME_ZONE = "America/Sao_Paulo"
    make_story(published_at=datetime.now(UTC) - timedelta(minutes=5, microseconds=-1234))

    body = client.get(reverse("news_sitemap_file", kwargs={"page": 1})).content.decode()

    dates = re.findall(r"<news:publication_date>([^<]+)<", body)
    assert dates and all(SECONDS.match(d) for d in dates), dates


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("pt", "2 de dezembro de 2026 às 10:15 (Horário de Brasília)"),
        ("es", "2 de diciembre de 2026 a las 10:15 (hora de Brasilia)"),
        ("en", "Dec. 2, 2026, 10:15 a.m. (Brasilia Time)"),
    ],
)
def test_it_shows_the_time_in_the_newsrooms_zone_named_in_the_readers_language(
    client, story, language, shown
):
    doc = fetch(client, story.edition_for(language).get_absolute_url())

    published = doc.one(class_="meta").find("time")
    assert published.text == shown
    assert "UTC" not in doc.one(class_="meta").text


def test_the_updated_line_names_the_zone_too(client, story):
    doc = fetch(client, story.edition_for("es").get_absolute_url())

    _published, updated = doc.one(class_="meta").find_all("time")
    assert updated.text.startswith("Actualizado el ")
    assert updated.text.endswith("(hora de Brasilia)")


def test_the_zone_is_the_newsrooms_whatever_the_reader_asks_for(client, story):
    url = story.edition_for("en").get_absolute_url()

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="pt-PT", HTTP_COOKIE="django_timezone=UTC")

    assert "10:15 a.m. (Brasilia Time)" in page.content.decode()


def test_feed_dates_are_to_the_second_too(client, story):
    body = client.get(reverse_in("pt", "public:feed_atom")).content.decode()

    stamps = re.findall(r"<(?:updated|published)>([^<]+)<", body)
    assert stamps
    assert all(SECONDS.match(stamp) for stamp in stamps), stamps
