"""Reader search: per language, ranked, safe with any input, cacheable."""

import pytest

from prensa.newsroom.search import uses_postgres
from tests.factories import make_edition, make_section, make_story
from tests.pages import query_counts, reverse_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    section = make_section()
    harbour = make_story(section=section, languages=())
    make_edition(harbour, "en", headline="Harbour cranes return to work", body="Dockers cheered.")
    make_edition(
        harbour, "pt", headline="Guindastes voltam ao porto", body="Estivadores comemoram."
    )
    water = make_story(section=section, languages=())
    make_edition(
        water, "en", headline="Water station reopens", body="The harbour town drinks again."
    )
    make_edition(water, "pt", headline="Estação de água reabre", body="A cidade volta a ter água.")
    draft = make_story(section=section, languages=())
    make_edition(draft, "en", headline="Harbour secret plan", status="draft")
    return harbour, water


def results(client, language: str, query: str) -> list[str]:
    response = client.get(reverse_in(language, "public:search"), {"q": query})
    assert response.status_code == 200
    assert not response.cookies and "csrfmiddlewaretoken" not in response.content.decode()
    html = response.content.decode()
    return [
        line.split(">", 2)[2].split("<")[0] for line in html.split('class="teaser__headline"')[1:]
    ]


def test_it_finds_published_stories_in_the_readers_language_only(client, archive):
    found = results(client, "en", "harbour")
    assert set(found) == {"Harbour cranes return to work", "Water station reopens"}
    assert results(client, "pt", "harbour") == []
    assert results(client, "pt", "porto") == ["Guindastes voltam ao porto"]


def test_every_word_must_match(client, archive):
    assert results(client, "en", "harbour cranes") == ["Harbour cranes return to work"]


def test_a_headline_match_ranks_above_a_body_match_on_postgresql(client, archive):
    found = results(client, "en", "harbour")
    if uses_postgres():
        assert found[0] == "Harbour cranes return to work"
    else:  # SQLite: newest first
        assert found[0] == "Water station reopens"


def test_postgresql_stems_words_in_the_editions_language(client, archive):
    if not uses_postgres():
        pytest.skip("stemming needs PostgreSQL's text search configurations")
    assert results(client, "en", "reopening") == ["Water station reopens"]
    assert results(client, "pt", "estivador") == ["Guindastes voltam ao porto"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00\x01",
        "<script>alert(1)</script>",
        "'; DROP TABLE x; --",
        "a" * 5000,
        '"unclosed',
        "-",
        "OR OR",
        "%_%",
        "água & ! | :*",
    ],
)
def test_any_query_gives_a_page_not_an_error(client, archive, query):
    response = client.get(reverse_in("en", "public:search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_search_page_has_a_localized_address_and_form(client, archive):
    assert reverse_in("pt", "public:search") == "/pt/busca/"
    assert reverse_in("es", "public:search") == "/es/buscar/"
    html = client.get("/es/").content.decode()
    assert 'action="/es/buscar/"' in html and 'role="search"' in html


def test_search_costs_the_same_queries_for_few_and_many_matches(client):
    section = make_section()

    def grow(count: int) -> None:
        for _ in range(count):
            make_story(section=section)

    search = lambda: client.get(reverse_in("en", "public:search"), {"q": "ferry"})  # noqa: E731
    counts = query_counts(search, grow)
    assert counts[0] == counts[1]


def snippets(client, language: str, query: str) -> list[str]:
    html = client.get(reverse_in(language, "public:search"), {"q": query}).content.decode()
    return [part.split("</p>")[0] for part in html.split('class="teaser__snippet">')[1:]]


def test_each_result_shows_where_the_words_are_marked(client):
    story = make_story(languages=())
    body = (
        "Farmers in the valley waited through a dry spring.\n\n"
        + "Nothing else happened in the long months before the rains. " * 6
        + "\n\nThe Refugees committee said 1,200 families came back to the valley."
    )
    make_edition(story, "en", headline="A quiet valley", body=body)

    (shown,) = snippets(client, "en", "refugee families")

    assert "<mark>Refugees</mark> committee said 1,200 <mark>families</mark>" in shown
    assert shown.startswith("…")  # the passage, not the whole body
    assert len(shown) < 400


def test_snippets_ignore_accents_and_case():
    from prensa.newsroom.search import snippet

    assert (
        str(snippet("A ÁGUA voltou às cisternas.", "agua"))
        == "A <mark>ÁGUA</mark> voltou às cisternas."
    )
    assert "<mark>Refugiados</mark>" in str(snippet("Refugiados voltam.", "refugiado"))
    assert str(snippet("Nothing to see here.", "water")) == ""


def test_a_snippet_never_turns_text_into_markup(client):
    story = make_story(languages=())
    make_edition(
        story, "en", headline="Code", body="Water <script>alert(1)</script> & <b>more</b> water."
    )

    (shown,) = snippets(client, "en", "water")

    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;" in shown and "&amp;" in shown


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "NEAR(", "a OR", "-", "title:x", "^start", "(((", "\\", "a\x00b", "'"],
)
def test_search_syntax_in_a_query_is_only_words(client, db, query):
    """FTS5 has its own query language; a reader's query must never reach it as syntax."""
    make_story()
    response = client.get(reverse_in("en", "public:search"), {"q": query})
    assert response.status_code == 200


def test_an_edited_edition_is_found_by_its_new_words_and_not_its_old(client, db):
    story = make_story(languages=("pt",))
    edition = story.edition_for("pt")
    edition.body = "A ponte levadiça voltou a funcionar."
    edition.save()
    url = reverse_in("pt", "public:search")
    assert edition.headline in client.get(url, {"q": "levadiça"}).content.decode()
    if not uses_postgres():  # SQLite's index folds accents; PostgreSQL's configs keep them
        assert edition.headline in client.get(url, {"q": "levadica"}).content.decode()
    edition.body = "O cais flutuante foi reaberto."
    edition.save()
    assert edition.headline not in client.get(url, {"q": "levadiça"}).content.decode()
    assert edition.headline in client.get(url, {"q": "flutuante"}).content.decode()
