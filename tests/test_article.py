from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from prensa.newsroom.models import Credit, Edition, StoryCredit
from tests.factories import make_edition, make_section, make_story, make_tag
from tests.pages import (
    alternates,
    fetch,
    json_ld,
    meta_property,
    parse,
    switcher,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["pt", "es", "en"]
BASE = "https://news.example.org"
PUBLISHED = datetime(2025, 11, 17, 6, 40, tzinfo=UTC)


@pytest.fixture
def story():
    Credit.objects.create(name="Prensa Wire", kind=Credit.Kind.AGENCY)
    section = make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")
    tags = (make_tag(en="News", pt="Notícias", es="Noticias"), make_tag("Syria", "Síria", "Siria"))
    return make_story(
        section=section,
        tags=tags,
        published_at=PUBLISHED,
        credits=("Nour Al-Din Al-Zenki", "Prensa Wire"),
    )


def article(client, story, language: str, **kwargs):  # type: ignore[no-untyped-def]
    return fetch(client, story.edition_for(language).get_absolute_url(), **kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_edition_in_the_readers_language(client, story, language):
    edition = story.edition_for(language)

    doc = article(client, story, language)

    assert doc.one("html").get("lang") == language
    assert doc.one("h1").text == edition.headline
    assert doc.one(class_="article__standfirst").text == edition.standfirst
    assert edition.headline in doc.one("title").text
    for other in set(LANGUAGES) - {language}:
        assert story.edition_for(other).headline not in doc.text


def test_it_offers_the_languages_in_the_order_portugues_espanol_english(client, story):
    doc = article(client, story, "en")

    entries = [li.text for li in switcher(doc).find_all("li")]
    assert entries == ["Português", "Español", "English"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_links_the_switcher_to_the_same_storys_other_editions(client, story, language):
    doc = article(client, story, language)

    links = {a.get("lang"): a.get("href") for a in switcher(doc).find_all("a")}
    assert links == {code: story.edition_for(code).get_absolute_url() for code in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_marks_the_current_language_in_the_switcher(client, story, language):
    doc = article(client, story, language)

    current = switcher(doc).find_all(aria_current=True)
    assert [(el.tag, el.get("lang"), el.get("aria-current")) for el in current] == [
        ("a", language, "page")
    ]


def test_it_marks_a_missing_edition_unavailable_and_links_to_a_page_saying_so(client):
    story = make_story(languages=("en", "pt"))

    doc = article(client, story, "en")

    nav = switcher(doc)
    available = [
        a.get("lang")
        for a in nav.find_all("a")
        if "switcher__unavailable" not in a.attrs.get("class", "")
    ]
    assert available == ["pt", "en"]
    unavailable = nav.one("a", lang="es", class_="switcher__unavailable")
    assert unavailable.text == "Español (not available)"
    assert unavailable.get("rel") == "nofollow"
    assert client.get(unavailable.get("href")).status_code == 404  # a page that says so


def test_it_marks_an_unpublished_edition_unavailable_too(client):
    story = make_story(languages=("en", "pt"))
    make_edition(story, "es", status=Edition.Status.DRAFT)

    doc = article(client, story, "pt")

    nav = switcher(doc)
    spanish = nav.one(lang="es")
    assert "switcher__unavailable" in spanish.get("class")
    assert spanish.get("href") != story.edition_for("es").get_absolute_url()


@pytest.mark.parametrize(
    ("language", "section", "tags"),
    [
        ("pt", "Oriente Médio", ["Notícias", "Síria"]),
        ("es", "Oriente Medio", ["Noticias", "Siria"]),
        ("en", "Middle East", ["News", "Syria"]),
    ],
)
def test_it_links_the_section_and_tags_named_in_the_readers_language(
    client, story, language, section, tags
):
    doc = article(client, story, language)

    filed = doc.one("dl", class_="filed")
    section_link = filed.find_all("a")[0]
    assert section_link.text == section
    assert section_link.get("href") == story.section.get_absolute_url(language)
    tag_links = filed.find_all("a", rel="tag")
    assert [a.text for a in tag_links] == tags
    assert [a.get("href") for a in tag_links] == [
        tag.get_absolute_url(language) for tag in story.tags.order_by("name_en")
    ]


@pytest.mark.parametrize(
    ("language", "byline", "wire"),
    [
        ("pt", "Por Nour Al-Din Al-Zenki", "Com Prensa Wire"),
        ("es", "Por Nour Al-Din Al-Zenki", "Con Prensa Wire"),
        ("en", "By Nour Al-Din Al-Zenki", "With Prensa Wire"),
    ],
)
def test_it_credits_the_author_and_then_the_agency_on_its_own_line_in_the_readers_language(
    client, story, language, byline, wire
):
    doc = article(client, story, language)

    author, agency = doc.find_all(class_="byline")
    assert author.text == byline
    assert agency.text == wire
    assert [el.text for el in author.find_all(class_="byline__name")] == ["Nour Al-Din Al-Zenki"]


def test_it_credits_additional_reporting_on_a_line_of_its_own(client):
    story = make_story(credits=("Ana Lúcia Ferreira",))
    helper = Credit.objects.create(name="Ibrahim Haddad")
    StoryCredit.objects.create(
        story=story, credit=helper, role=StoryCredit.Role.CONTRIBUTOR, position=1
    )

    doc = article(client, story, "en")

    author, more = doc.find_all(class_="byline")
    assert author.text == "By Ana Lúcia Ferreira"
    assert "Ibrahim Haddad" in more.text
    assert "Ibrahim Haddad" not in author.text


@pytest.mark.parametrize(
    ("language", "month"), [("pt", "novembro"), ("es", "noviembre"), ("en", "nov")]
)
def test_it_shows_the_publication_date_in_the_readers_language(client, story, language, month):
    doc = article(client, story, language)

    published = doc.one(class_="meta").find("time")
    assert datetime.fromisoformat(published.get("datetime")) == PUBLISHED
    assert "17" in published.text
    assert month in published.text.lower()
    assert "2025" in published.text


@pytest.mark.parametrize(
    ("language", "updated"), [("pt", "Atualizado em"), ("es", "Actualizado el"), ("en", "Updated")]
)
def test_it_says_when_a_published_edition_was_corrected(client, story, language, updated):
    edition = story.edition_for(language)
    before = article(client, story, language)
    edition.body += "\n\nCorrection."
    edition.save()

    after = article(client, story, language)

    assert len(before.one(class_="meta").find_all("time")) == 1
    _published, modified = after.one(class_="meta").find_all("time")
    assert modified.text.startswith(updated)
    assert datetime.fromisoformat(modified.get("datetime")) > PUBLISHED


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_lists_every_published_edition_as_an_alternate_of_every_other(client, story, language):
    doc = article(client, story, language)

    expected = {code: BASE + story.edition_for(code).get_absolute_url() for code in LANGUAGES}
    assert alternates(doc) == {**expected, "x-default": expected["en"]}


def test_it_does_not_list_an_unpublished_edition_as_an_alternate(client):
    story = make_story(languages=("en", "es"))
    make_edition(story, "pt", status=Edition.Status.DRAFT)

    for language in ("en", "es"):
        doc = article(client, story, language)
        assert set(alternates(doc)) == {"en", "es", "x-default"}


def test_it_does_not_list_an_edition_scheduled_for_later_as_an_alternate(client):
    story = make_story(languages=("pt", "es"), source_language="pt")
    make_edition(story, "en", published_at=timezone.now() + timedelta(days=1))

    doc = article(client, story, "pt")

    assert alternates(doc) == {
        "pt": BASE + story.edition_for("pt").get_absolute_url(),
        "es": BASE + story.edition_for("es").get_absolute_url(),
        "x-default": BASE + story.edition_for("pt").get_absolute_url(),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_declares_its_own_absolute_url_as_canonical(client, story, language):
    doc = article(client, story, language)

    canonical = doc.one("link", rel="canonical").get("href")
    assert canonical == BASE + story.edition_for(language).get_absolute_url()


@pytest.mark.parametrize(
    ("language", "section", "keywords"),
    [
        ("pt", "Oriente Médio", ["Notícias", "Síria"]),
        ("es", "Oriente Medio", ["Noticias", "Siria"]),
        ("en", "Middle East", ["News", "Syria"]),
    ],
)
def test_it_describes_the_article_as_a_news_article_in_json_ld(
    client, story, language, section, keywords
):
    edition = story.edition_for(language)

    data = json_ld(article(client, story, language))

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == edition.headline
    assert data["inLanguage"] == language
    assert data["url"] == BASE + edition.get_absolute_url()
    assert datetime.fromisoformat(data["datePublished"]) == PUBLISHED
    assert datetime.fromisoformat(data["dateModified"]) >= PUBLISHED
    assert [(a["@type"], a["name"]) for a in data["author"]] == [
        ("Person", "Nour Al-Din Al-Zenki"),
        ("Organization", "Prensa Wire"),
    ]
    assert data["publisher"]["name"] == "Prensa"
    assert data["articleSection"] == section
    assert sorted(data["keywords"]) == keywords


def test_it_keeps_a_headline_with_markup_inside_the_json_ld(client):
    story = make_story(languages=("en",))
    edition = story.edition_for("en")
    edition.headline = "</script><script>alert(1)</script> & more"
    edition.save()

    doc = article(client, story, "en")

    inline_scripts = [script for script in doc.find_all("script") if not script.get("src")]
    assert [script.get("type") for script in inline_scripts] == ["application/ld+json"]
    assert json_ld(doc)["headline"] == "</script><script>alert(1)</script> & more"


@pytest.mark.parametrize(
    ("language", "locale"), [("pt", "pt_BR"), ("es", "es_ES"), ("en", "en_US")]
)
def test_it_describes_the_article_for_open_graph(client, story, language, locale):
    edition = story.edition_for(language)

    doc = article(client, story, language)

    assert meta_property(doc, "og:type") == ["article"]
    assert meta_property(doc, "og:title") == [edition.headline]
    assert meta_property(doc, "og:url") == [BASE + edition.get_absolute_url()]
    assert meta_property(doc, "og:locale") == [locale]
    assert len(meta_property(doc, "og:locale:alternate")) == 2


def test_it_renders_the_body_as_paragraphs(client):
    story = make_story(languages=("en",))
    edition = story.edition_for("en")
    edition.body = "BEIRUT — First paragraph.\n\nSecond paragraph with *emphasis*.\n\nThird."
    edition.save()

    doc = article(client, story, "en")

    body = doc.one(class_="article__body")
    assert [p.text for p in body.find_all("p")] == [
        "BEIRUT — First paragraph.",
        "Second paragraph with emphasis.",
        "Third.",
    ]
    assert body.one("em").text == "emphasis"


def test_it_shows_raw_html_in_the_body_as_text_instead_of_running_it(client):
    story = make_story(languages=("en",))
    edition = story.edition_for("en")
    edition.body = (
        "<script>alert(1)</script>\n\n"
        'A photo <img src="x" onerror="alert(2)"> and a [link](javascript:alert(3)).'
    )
    edition.save()

    response = client.get(edition.get_absolute_url())

    body = parse(response.content).one(class_="article__body")
    assert body.find_all("script") == []
    assert body.find_all("img") == []
    assert all(not (a.get("href") or "").startswith("javascript") for a in body.find_all("a"))
    assert "<script>alert(1)</script>" in body.text
    assert b"<script>alert(1)</script>" not in response.content


def test_it_warns_readers_of_a_machine_translation_and_links_the_original(client):
    story = make_story(languages=("en",))
    make_edition(story, "pt", origin=Edition.Origin.MACHINE)

    doc = article(client, story, "pt")

    notice = doc.one(class_="notice--machine")
    original = notice.one("a")
    assert original.get("href") == story.edition_for("en").get_absolute_url()
    assert original.get("hreflang") == "en"


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_does_not_warn_about_machine_translation_for_original_or_reviewed_editions(
    client, story, language
):
    doc = article(client, story, language)

    assert doc.find(class_="notice--machine") is None


@pytest.mark.parametrize(
    ("language", "label"),
    [("pt", "Mostrar comentários"), ("es", "Mostrar comentarios"), ("en", "Show comments")],
)
def test_it_keeps_the_comments_collapsed_behind_a_show_comments_button(
    client, story, language, label
):
    doc = article(client, story, language)

    comments = doc.one("section", id="comments")
    controls = [el for el in comments.find_all() if el.text == label]
    assert [el.tag for el in controls] in (["summary"], ["button"], ["a"])
    details = comments.find("details")
    if details is not None:
        assert "open" not in details.attrs
    else:
        assert comments.find_all(hidden=True), "the thread is not hidden until asked for"


def test_it_answers_404_for_a_draft(client):
    story = make_story(status=Edition.Status.DRAFT)

    response = client.get(story.edition_for("pt").get_absolute_url())

    assert response.status_code == 404


def test_it_answers_404_for_an_edition_scheduled_for_later(client):
    story = make_story(published_at=timezone.now() + timedelta(hours=1))

    response = client.get(story.edition_for("es").get_absolute_url())

    assert response.status_code == 404


def related_headlines(client, edition) -> list[str]:  # type: ignore[no-untyped-def]
    html = client.get(edition.get_absolute_url()).content.decode()
    if 'class="related"' not in html:
        return []
    block = html.split('class="related"', 1)[1].split("</aside>", 1)[0]
    return [part.split(">", 1)[1].split("</a>", 1)[0] for part in block.split("<a ")[1:]]


@pytest.mark.django_db
def test_it_suggests_the_newest_stories_sharing_a_tag_in_the_readers_language(client):
    water, other = make_tag(), make_tag("Elections", "Eleições", "Elecciones")
    story = make_story(tags=(water,))
    now = timezone.now()
    sharing = [
        make_story(tags=(water,), published_at=now - timedelta(hours=hours))
        for hours in range(2, 8)
    ]
    make_story(tags=(other,))  # no shared tag
    draft = make_story(tags=(water,), status=Edition.Status.DRAFT)

    shown = related_headlines(client, story.edition_for("pt"))

    assert shown == [s.edition_for("pt").headline for s in sharing[:4]]
    assert story.edition_for("pt").headline not in shown
    assert draft.edition_for("pt").headline not in shown


@pytest.mark.django_db
def test_a_story_without_tags_suggests_its_sections_newest(client):
    story = make_story()
    neighbour = make_story(section=story.section)
    make_story()  # another section

    assert related_headlines(client, story.edition_for("es")) == [
        neighbour.edition_for("es").headline
    ]


@pytest.mark.django_db
def test_a_rare_shared_tag_outranks_a_catch_all_tag_however_new(client):
    news = make_tag("News", "Notícias", "Noticias")
    dams = make_tag("Dams", "Barragens", "Presas")
    now = timezone.now()
    story = make_story(tags=(news, dams), published_at=now - timedelta(minutes=5))
    # "News" is on nearly every story; "Dams" on two.
    kin = make_story(tags=(news, dams), published_at=now - timedelta(days=30))
    crowd = [
        make_story(tags=(news,), published_at=now - timedelta(hours=hours))
        for hours in range(1, 11)
    ]

    shown = related_headlines(client, story.edition_for("en"))

    assert shown[0] == kin.edition_for("en").headline
    assert shown[1:] == [s.edition_for("en").headline for s in crowd[:3]]


@pytest.mark.django_db
def test_with_equal_tags_the_same_section_comes_before_recency(client):
    news = make_tag("News", "Notícias", "Noticias")
    section = make_section()
    now = timezone.now()
    story = make_story(section=section, tags=(news,))
    elsewhere = make_story(tags=(news,), published_at=now - timedelta(minutes=10))
    neighbour = make_story(section=section, tags=(news,), published_at=now - timedelta(days=3))
    untagged_neighbour = make_story(section=section, published_at=now - timedelta(minutes=1))

    shown = related_headlines(client, story.edition_for("pt"))

    assert shown == [
        neighbour.edition_for("pt").headline,
        elsewhere.edition_for("pt").headline,
        untagged_neighbour.edition_for("pt").headline,
    ]
