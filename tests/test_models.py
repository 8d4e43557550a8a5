from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from prensa.lib.markup import paragraphs, render_markdown
from prensa.newsroom.models import RESERVED_SECTION_SLUGS, Edition, Section, Story
from tests.factories import make_edition, make_section, make_story, make_tag
from tests.pages import parse, reverse_in

LANGUAGES = ["pt", "es", "en"]


# Editions: revisions, slugs, one per language


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["headline", "standfirst", "body"])
def test_it_counts_a_new_revision_when_the_text_changes(field):
    edition = make_story(languages=("en",)).edition_for("en")
    before = edition.modified_at

    setattr(edition, field, getattr(edition, field) + " (corrected)")
    edition.save()

    edition.refresh_from_db()
    assert edition.revision == 2
    assert edition.modified_at > before


@pytest.mark.django_db
def test_it_counts_a_new_revision_for_an_edition_loaded_from_the_database():
    story = make_story(languages=("pt",), source_language="pt")
    edition = Edition.objects.get(story=story, language="pt")

    edition.body += "\n\nNovo parágrafo."
    edition.save()
    edition.body += "\n\nOutro parágrafo."
    edition.save()

    assert Edition.objects.get(pk=edition.pk).revision == 3


@pytest.mark.django_db
def test_it_does_not_count_a_revision_when_only_the_status_changes():
    story = make_story(languages=("es",), source_language="es", status=Edition.Status.DRAFT)
    edition = Edition.objects.get(story=story)

    edition.status = Edition.Status.PUBLISHED
    edition.save()
    edition.save()

    assert Edition.objects.get(pk=edition.pk).revision == 1


@pytest.mark.django_db
def test_it_does_not_count_a_revision_when_the_text_is_saved_unchanged():
    edition = make_story(languages=("en",)).edition_for("en")

    edition.headline = str(edition.headline)
    edition.save()

    assert Edition.objects.get(pk=edition.pk).revision == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "headline", "slug"),
    [
        ("pt", "Serviço de balsa é retomado na baía", "servico-de-balsa-e-retomado-na-baia"),
        ("es", "¿Qué pasó en Asunción? Año récord", "que-paso-en-asuncion-ano-record"),
        ("en", "Nour Al-Din Al-Zenki: “We will stay”", "nour-al-din-al-zenki-we-will-stay"),
    ],
)
def test_it_makes_an_ascii_slug_from_the_headline_when_none_is_given(language, headline, slug):
    story = make_story(languages=())

    edition = make_edition(story, language, headline=headline, slug="")

    assert edition.slug == slug
    assert edition.slug.isascii()


@pytest.mark.django_db
def test_it_keeps_a_slug_the_editor_chose():
    story = make_story(languages=())

    edition = make_edition(story, "en", headline="Long headline here", slug="short")
    edition.headline = "Another headline"
    edition.save()

    assert edition.slug == "short"


@pytest.mark.django_db
def test_it_keeps_a_slug_within_the_fields_length():
    story = make_story(languages=())

    edition = make_edition(story, "en", headline="word " * 50, slug="")

    assert 0 < len(edition.slug) <= 120
    assert not edition.slug.endswith("-")


@pytest.mark.django_db
def test_it_gives_two_stories_with_the_same_headline_different_slugs():
    section = make_section()
    first = make_edition(make_story(section, languages=()), "en", headline="Weather", slug="")

    second = make_edition(make_story(section, languages=()), "en", headline="Weather", slug="")

    assert first.slug != second.slug


@pytest.mark.django_db
def test_it_allows_only_one_edition_per_language_per_story():
    story = make_story(languages=("pt",), source_language="pt")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_edition(story, "pt", headline="Outra edição", slug="outra-edicao")


@pytest.mark.django_db
def test_it_sets_the_publication_time_when_an_edition_is_published_without_one():
    story = make_story(languages=())
    edition = make_edition(story, "es", status=Edition.Status.DRAFT, published_at=None)
    Edition.objects.filter(pk=edition.pk).update(published_at=None)
    edition.refresh_from_db()

    edition.status = Edition.Status.PUBLISHED
    edition.save()

    assert edition.published_at is not None
    assert abs(edition.published_at - timezone.now()) < timedelta(minutes=1)
    assert edition.is_published


@pytest.mark.django_db
def test_it_does_not_count_an_edition_scheduled_for_later_as_published():
    story = make_story(published_at=timezone.now() + timedelta(hours=3))

    assert not story.edition_for("en").is_published
    assert not Edition.objects.published().exists()


# Stories


@pytest.mark.django_db
def test_it_finds_a_storys_edition_in_a_language():
    story = make_story(languages=("en", "pt"))

    assert story.edition_for("pt").language == "pt"
    assert story.edition_for("en").language == "en"
    assert story.edition_for("es") is None


@pytest.mark.django_db
def test_it_finds_editions_without_querying_again_once_they_are_prefetched(
    django_assert_num_queries,
):
    make_story()
    story = Story.objects.prefetch_related("editions").get()

    with django_assert_num_queries(0):
        found = [story.edition_for(code) for code in LANGUAGES]

    assert [e.language for e in found] == LANGUAGES


# Sections and tags


@pytest.mark.django_db
def test_it_names_a_section_and_a_tag_in_each_language():
    section = make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")
    tag = make_tag(en="Syria", pt="Síria", es="Siria")

    assert [section.name_in(c) for c in LANGUAGES] == [
        "Oriente Médio",
        "Oriente Medio",
        "Middle East",
    ]
    assert [tag.name_in(c) for c in LANGUAGES] == ["Síria", "Siria", "Syria"]
    assert section.slug_in("pt") == section.slug_pt
    assert section.slug_in("es") == section.slug_es
    assert tag.slug_in("en") == tag.slug_en


@pytest.mark.django_db
def test_it_names_a_section_in_the_active_language():
    section = make_section(en="Economy", pt="Economia", es="Economía")

    names = {}
    for code in LANGUAGES:
        with translation.override(code):
            names[code] = (section.name, section.get_absolute_url())

    assert names == {
        code: (section.name_in(code), section.get_absolute_url(code)) for code in LANGUAGES
    }


def valid_section(**slugs: str) -> Section:
    values = {"slug_pt": "mundo", "slug_es": "mundo", "slug_en": "world", **slugs}
    return Section(name_pt="Mundo", name_es="Mundo", name_en="World", **values)


@pytest.mark.django_db
def test_it_accepts_an_ordinary_section_slug():
    valid_section().full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("slugs", [{"slug_en": "tag"}, {"slug_pt": "tema"}, {"slug_es": "feed"}])
def test_it_refuses_a_section_slug_reserved_for_the_sites_own_pages(slugs):
    with pytest.raises(ValidationError) as raised:
        valid_section(**slugs).full_clean()

    assert next(iter(slugs.values())) in str(raised.value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_reserves_the_tag_pages_path_word_in_every_language(language):
    word = reverse_in(language, "public:tag", slug="x").strip("/").split("/")[1]

    assert word in RESERVED_SECTION_SLUGS


# Markup


def test_it_renders_paragraphs_and_emphasis():
    html = render_markdown("First *para*.\n\nSecond **para**.")

    doc = parse(html)
    assert [p.text for p in doc.find_all("p")] == ["First para.", "Second para."]
    assert doc.one("em").text == "para"
    assert doc.one("strong").text == "para"


def test_it_shows_raw_html_as_text():
    html = render_markdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> hi')

    doc = parse(html)
    assert doc.find_all("script") == []
    assert doc.find_all("img") == []
    assert "<script>alert(1)</script>" in doc.text


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](  javascript:alert(1))",
        "<javascript:alert(1)>",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_it_drops_links_that_would_run_code(source):
    doc = parse(render_markdown(source))

    hrefs = [a.get("href") or "" for a in doc.find_all("a")]
    assert not any(h.strip().lower().startswith(("javascript", "data")) for h in hrefs)


def test_it_keeps_ordinary_links_and_opens_them_safely():
    doc = parse(render_markdown("Read [the report](https://example.org/report)."))

    link = doc.one("a")
    assert link.get("href") == "https://example.org/report"
    assert set((link.get("rel") or "").split()) >= {"noopener", "noreferrer"}


def test_it_splits_a_body_into_paragraphs_on_blank_lines():
    body = "One.\r\n\r\nTwo,\nstill two.\n\n\n\nThree.\n\n   \n"

    assert paragraphs(body) == ["One.", "Two,\nstill two.", "Three."]


def test_every_list_of_languages_is_the_one_list():
    from django.conf import settings

    from prensa.lib.languages import CODES
    from prensa.newsroom.models import Language
    from prensa.translation.engines import LANGUAGES

    assert tuple(Language.values) == CODES
    assert tuple(code for code, _ in settings.LANGUAGES) == CODES
    assert LANGUAGES == CODES


@pytest.mark.django_db
def test_a_headline_that_slugifies_to_feed_does_not_hide_behind_the_sections_feed():
    story = make_story(languages=())
    edition = Edition.objects.create(story=story, language="en", headline="Feed", body="Text.")

    assert edition.slug == "feed-2"


@pytest.mark.django_db
def test_an_editor_cannot_choose_the_slug_of_the_sections_feed():
    story = make_story(languages=())
    edition = Edition(story=story, language="en", headline="Grain", body="Text.", slug="feed")

    with pytest.raises(ValidationError) as refused:
        edition.full_clean()

    assert "slug" in refused.value.message_dict
