"""Each format read from an original sample, and each kind of bad input refused with a reason."""

from datetime import UTC, datetime

import pytest

from prensa.newsroom.models import Edition, Story
from prensa.wire.importing import REFUSED, import_bytes
from prensa.wire.items import Refusal
from prensa.wire.parsers import parse
from tests.wire.conftest import sample

EXPECTED = {
    "ninjs1.json": (
        "Harbour crane returns to work",
        "en",
        "urn:prensa-sample:ninjs1:harbour-crane",
    ),
    "ninjs2.json": (
        "Una biblioteca sobre ruedas",
        "es",
        "urn:prensa-sample:ninjs2:biblioteca-movil",
    ),
    "ninjs3.json": (
        "Feira do livro de Rio Claro",
        "pt-BR",
        "urn:prensa-sample:ninjs3:feira-do-livro",
    ),
    "newsml-xhtml.xml": ("New tram line links", "en", "urn:prensa-sample:newsml:tram-line"),
    "newsml-nitf.xml": (
        "Un huerto escolar abastece",
        "es",
        "urn:prensa-sample:newsml:huerto-escolar",
    ),
    "rss.xml": ("Ponte de madeira de São Bento", "pt-br", "urn:prensa-sample:rss:ponte-sao-bento"),
    "atom.xml": ("Volunteers count a record number", "en", "urn:prensa-sample:atom:turtles"),
    "story.txt": ("Padaria comunitária de Vila Aurora", "", "sha256:"),
    "story.md": ("Un festival de cometas", "", "sha256:"),
    "page.html": (
        "Night market brings the old station",
        "en",
        "https://herald.example.net/city/night-market",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sample_gives_a_headline_paragraphs_and_its_identifier(name):
    headline, language, key = EXPECTED[name]
    item = parse(sample(name), name)[0]
    assert item.headline.startswith(headline)
    assert item.language == language
    assert item.key.startswith(key)
    assert len(item.paragraphs) >= 2
    assert all("<" not in p for p in item.paragraphs)  # Markdown, never raw HTML


def test_ninjs_3_keeps_standfirst_byline_date_section_and_tags():
    item = parse(sample("ninjs3.json"), "ninjs3.json")[0]
    assert item.standfirst == "Organizadores contaram mais de 85.000 visitantes em cinco dias."
    assert item.byline == ["Renato Figueiredo"]
    assert item.date == datetime(2026, 5, 20, 19, 0, tzinfo=UTC)
    assert item.section == "cultura"
    assert item.tags == ["livros"]


def test_newsml_reads_the_nitf_headline_and_byline_when_the_metadata_has_none():
    item = parse(sample("newsml-nitf.xml"), "newsml-nitf.xml")[0]
    assert item.headline == "Un huerto escolar abastece el comedor de un colegio de Valdeolmos"
    assert item.byline == ["Inés Bartolomé"]
    assert item.paragraphs[0].startswith("VALDEOLMOS — Los alumnos")


def test_a_feed_gives_one_item_per_entry_with_its_own_guid():
    items = parse(sample("rss.xml"), "rss.xml")
    assert [i.key for i in items] == [
        "urn:prensa-sample:rss:ponte-sao-bento",
        "urn:prensa-sample:rss:entreposto-pesca",
    ]
    assert items[0].standfirst == "A travessia estava fechada desde a cheia de maio."
    assert items[0].byline == ["Camila Rezende"] and items[0].tags == ["Cidades"]


def test_markdown_keeps_its_emphasis_and_drops_the_headline_marker():
    item = parse(sample("story.md"), "story.md")[0]
    assert item.headline == "Un festival de cometas llena de color la playa de Arenales"
    assert "**400 cometas**" in item.paragraphs[0]


def test_a_web_page_gives_the_article_without_navigation_related_links_or_comments():
    item = parse(sample("page.html"), "page.html")[0]
    text = "\n".join(item.paragraphs)
    assert item.byline == ["Owen Castellanos"]
    assert item.date is not None and item.date.date().isoformat() == "2026-09-12"
    assert "Markets" in item.tags
    assert "PEDRA NEGRA — More than sixty stalls" in text
    for noise in (
        "Weather",
        "Related stories",
        "Bus timetable",
        "corn was fantastic",
        "newsletter",
    ):
        assert noise not in text


# -- Bad input: one clear reason each, nothing written -----------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"><contentMeta><headline>&lol3;</headline></contentMeta></newsItem>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&secret;</title></item></channel></rss>"""
FRENCH = (
    "Le marché de nuit redonne vie à la vieille gare\n\n"
    "Plus de soixante stands ont rempli les quais de l'ancienne gare samedi soir, "
    "et les organisateurs ont compté près de sept mille visiteurs venus de toute la vallée."
).encode()
NO_ARTICLE = b"<!doctype html><html lang='en'><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
LATIN1_UNDECLARED = "Padaria comunitária distribui pães\n\nA associação informou que a padaria já distribui milhares de pães às famílias do bairro.".encode(
    "latin-1"
)
WRONG_DECLARED = sample("rss.xml").replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.json", b'{"uri": "urn:x", "headlines": [', "Invalid JSON"),
        ("broken.xml", b"<newsItem><contentMeta><headline>Half", "Invalid XML"),
        ("bomb.xml", BOMB, "XML bomb"),
        ("xxe.xml", XXE, "XML bomb"),
        ("latin1.txt", LATIN1_UNDECLARED, "does not declare its encoding and is not UTF-8"),
        ("wrong.xml", WRONG_DECLARED, "declares the encoding ISO-8859-1 but is written in UTF-8"),
        ("empty.html", NO_ARTICLE, "No article was found"),
        ("other.xml", b"<catalog><book/></catalog>", "neither NewsML-G2 nor an RSS or Atom feed"),
        ("item.pdf", b"%PDF-1.7 binary", "Unknown file type .pdf"),
    ],
)
def test_bad_files_are_refused_with_a_clear_reason(name, data, reason):
    with pytest.raises(Refusal) as refused:
        parse(data, name)
    assert reason in refused.value.message


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("french.txt", FRENCH, "language Prensa does not publish (fr)"),
        (
            "nohead.json",
            b'{"uri": "urn:x", "body_text": "Just a body with words in it."}',
            "headline is missing",
        ),
        (
            "declared.json",
            b'{"uri": "urn:y", "language": "de", "headline": "Ein Titel", "body_text": "Text."}',
            "does not publish (de)",
        ),
        (
            "mismatch.json",
            b'{"uri": "urn:z", "language": "es", "headline": "A harbour crane", "body_text": "The oldest crane in the harbour lifted its first container in four months on Friday."}',
            "declares Spanish but reads as English",
        ),
    ],
)
def test_bad_items_are_refused_and_nothing_is_written(section, reporter, name, data, reason):
    report = import_bytes(data, name, reporter)
    [outcome] = report.outcomes
    assert outcome.result == REFUSED and reason in outcome.message
    assert not Story.objects.exists() and not Edition.objects.exists()


def test_a_file_over_the_size_limit_is_refused_unread(section, reporter, settings):
    settings.PRENSA_IMPORT_MAX_BYTES = 100
    [outcome] = import_bytes(sample("story.txt"), "story.txt", reporter).outcomes
    assert (
        outcome.result == REFUSED and "larger than the import limit of 100 bytes" in outcome.message
    )
    assert not Story.objects.exists()
