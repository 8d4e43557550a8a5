"""The read API: published editions as JSON and as IPTC ninjs, cacheable, with clear errors."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker

import prensa.api
from prensa.newsroom.models import Edition
from tests.factories import make_section, make_story, make_tag

SCHEMAS = Path(prensa.api.__file__).parent / "schemas"


def _validator(version: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"ninjs-schema_{version}.json").read_text())
    return Draft202012Validator(schema, format_checker=FormatChecker())


@pytest.fixture
def story(db):
    tag = make_tag("Ports", "Portos", "Puertos")
    return make_story(section=make_section("Economy", "Economia", "Economía"), tags=(tag,))


def test_the_openapi_document_and_docs_are_at_fixed_addresses(client, db):
    document = client.get("/api/openapi.json").json()
    assert "/api/editions/" in document["paths"]
    assert "/api/editions/{edition_id}/ninjs" in document["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()


def test_the_edition_list_filters_by_language_and_carries_ids(client, story):
    response = client.get("/api/editions/", {"language": "pt"})
    items = response.json()["items"]
    assert [item["language"] for item in items] == ["pt"]
    assert items[0]["id"] == story.edition_for("pt").pk
    assert items[0]["section"]["name"] == "Economia"
    assert items[0]["tags"][0]["slug"].startswith("portos")


def test_updated_since_returns_only_what_changed_after(client, story):
    cutoff = timezone.now()
    edition = story.edition_for("es")
    edition.body += "\n\nUn párrafo nuevo."
    edition.save()
    items = client.get("/api/editions/", {"updated_since": cutoff.isoformat()}).json()["items"]
    assert [item["id"] for item in items] == [edition.pk]


def test_section_and_tag_filters_take_a_slug_in_any_language(client, story, db):
    make_story(section=make_section("Sport", "Esporte", "Deporte"))
    by_section = client.get("/api/editions/", {"section": story.section.slug_es}).json()
    assert {item["story"] for item in by_section["items"]} == {story.pk}
    tag = story.tags.get()
    by_tag = client.get("/api/editions/", {"tag": tag.slug_pt}).json()
    assert {item["story"] for item in by_tag["items"]} == {story.pk}


def test_drafts_scheduled_and_killed_editions_do_not_exist_in_the_api(client, db):
    draft = make_story(languages=("en",), status=Edition.Status.DRAFT)
    scheduled = make_story(
        languages=("en",),
        status=Edition.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=1),
    )
    killed = make_story(languages=("en",), status=Edition.Status.KILLED)
    assert client.get("/api/editions/").json()["items"] == []
    for story in (draft, scheduled, killed):
        edition = story.edition_for("en")
        response = client.get(reverse("api:edition", args=[edition.pk]))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404


def test_lists_page_with_a_next_link_and_no_count_of_the_archive(client, db):
    for _ in range(3):
        make_story(languages=("en",))
    first = client.get("/api/editions/", {"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next"]
    path = first["next"].split("://", 1)[1].split("/", 1)[1]
    second = client.get("/" + path).json()
    assert len(second["items"]) == 1 and second["next"] is None
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_an_unchanged_resource_answers_304_to_its_etag(client, story):
    url = reverse("api:edition", args=[story.edition_for("en").pk])
    first = client.get(url)
    assert first["Cache-Control"].startswith("public")
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    edition = story.edition_for("en")
    edition.headline = "A new headline"
    edition.save()
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ({"language": "fr"}, "language"),
        ({"limit": 0}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"updated_since": "yesterday"}, "updated_since"),
    ],
)
def test_bad_parameters_get_a_problem_document_naming_them(client, db, query, word):
    response = client.get("/api/editions/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert word in response.json()["detail"]


def test_an_id_too_large_for_the_database_is_a_404(client, db):
    assert client.get(f"/api/editions/{2**70}").status_code == 404
    assert client.get(f"/api/stories/{2**70}").status_code == 404


@pytest.mark.parametrize("version", ["3.1", "2.2"])
def test_every_edition_is_a_valid_ninjs_item_in_both_versions(client, story, version):
    for edition in story.editions.all():
        url = reverse("api:edition_ninjs", args=[edition.pk])
        item = client.get(url, {"version": version[0]}).json()
        errors = sorted(_validator(version).iter_errors(item), key=str)
        assert not errors, [e.message for e in errors]
        assert item["language"] == edition.language
        assert item["headlines"][0]["value"] == edition.headline
        assert item["version"] == str(edition.revision)


def test_a_ninjs_item_links_its_siblings_and_names_section_tags_and_bylines(client, story):
    edition = story.edition_for("pt")
    item = client.get(reverse("api:edition_ninjs", args=[edition.pk])).json()
    siblings = {a["language"]: a for a in item["associations"]}
    assert set(siblings) == {"es", "en"}
    assert siblings["es"]["rel"] == "translation"
    assert siblings["es"]["uri"].endswith(reverse("api:edition", args=[story.edition_for("es").pk]))
    rels = {(s["rel"], s["name"]) for s in item["subjects"]}
    assert ("section", "Economia") in rels and ("tag", "Portos") in rels
    assert item["by"] == "Ana Lúcia Ferreira"
    assert item["versionCreated"] and item["pubStatus"] == "usable"
    old = client.get(reverse("api:edition_ninjs", args=[edition.pk]), {"version": 2}).json()
    assert "versioncreated" in old and "versionCreated" not in old


def test_a_machine_translation_says_so_in_ninjs(client, db):
    story = make_story(languages=("en", "es"))
    edition = story.edition_for("es")
    edition.origin = Edition.Origin.MACHINE
    edition.save()
    item = client.get(reverse("api:edition_ninjs", args=[edition.pk])).json()
    assert "Machine translation" in item["edNote"]
    assert {"role": "origin", "value": "machine"} in item["altIds"]


def test_stories_sections_and_tags_are_listed(client, story):
    stories = client.get("/api/stories/").json()["items"]
    assert stories[0]["id"] == story.pk
    assert {e["language"] for e in stories[0]["editions"]} == {"pt", "es", "en"}
    sections = client.get("/api/sections/").json()
    assert sections[0]["names"]["es"] == "Economía"
    assert client.get("/api/tags/").json()[0]["names"]["pt"] == "Portos"


def test_an_unknown_api_address_is_a_problem_document(client, db):
    for url in ("/api/nothing-here", "/api/editions/-1", "/api/editions/abc/ninjs"):
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert response["Content-Type"] == "application/problem+json"


def test_lists_cost_the_same_queries_for_three_editions_or_thirty(
    client, django_assert_max_num_queries, db
):
    make_story()
    with django_assert_max_num_queries(3):
        small = client.get("/api/editions/")
    with django_assert_max_num_queries(3):
        small_stories = client.get("/api/stories/")
    for _ in range(9):
        make_story(tags=(make_tag(),))
    with django_assert_max_num_queries(3):
        large = client.get("/api/editions/")
    with django_assert_max_num_queries(3):
        large_stories = client.get("/api/stories/")
    assert len(small.json()["items"]) == 3 and len(large.json()["items"]) == 30
    assert len(small_stories.json()["items"]) == 1 and len(large_stories.json()["items"]) == 10


def test_api_answers_do_not_vary_with_the_browser_language(client, story):
    response = client.get("/api/editions/", headers={"Accept-Language": "pt"})
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Content-Language" not in response
