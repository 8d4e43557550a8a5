"""The byline names the people who reported a story; a wire agency gets a line of its own."""

import pytest

from prensa.newsroom.models import Credit, StoryCredit
from tests.factories import make_story
from tests.pages import fetch, json_ld

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"


def credit_story(*credits: tuple[str, str, str]):  # type: ignore[no-untyped-def]
    """A story credited to (name, kind, role) triples, in that order."""
    story = make_story(credits=())
    for position, (name, kind, role) in enumerate(credits):
        credit = Credit.objects.create(name=name, kind=kind)
        StoryCredit.objects.create(story=story, credit=credit, role=role, position=position)
    return story


RUTH = ("Ruth Callaghan Moss", Credit.Kind.PERSON, StoryCredit.Role.AUTHOR)
WIRE = ("Prensa Wire", Credit.Kind.AGENCY, StoryCredit.Role.AGENCY)


def bylines(client, story, language: str) -> list[str]:  # type: ignore[no-untyped-def]
    doc = fetch(client, story.edition_for(language).get_absolute_url())
    return [line.text for line in doc.find_all(class_="byline")]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["By Ruth Callaghan Moss", "With Prensa Wire"]),
        ("pt", ["Por Ruth Callaghan Moss", "Com Prensa Wire"]),
        ("es", ["Por Ruth Callaghan Moss", "Con Prensa Wire"]),
    ],
)
def test_it_never_lists_the_agency_as_a_co_author(client, language, expected):
    story = credit_story(RUTH, WIRE)

    assert bylines(client, story, language) == expected


def test_a_wire_role_is_enough_to_put_an_agency_on_its_own_line(client):
    """The demo and the admin may credit an agency by its role only, the credit being a person."""
    story = credit_story(RUTH, ("Prensa Wire", Credit.Kind.PERSON, StoryCredit.Role.AGENCY))

    assert bylines(client, story, "en") == ["By Ruth Callaghan Moss", "With Prensa Wire"]


def test_a_story_from_the_wire_alone_is_by_the_agency(client):
    story = credit_story(WIRE)

    assert bylines(client, story, "es") == ["Por Prensa Wire"]


def test_it_keeps_authors_additional_reporting_and_the_agency_apart(client):
    story = credit_story(
        RUTH,
        ("Tomás Rayyan Ferreira", Credit.Kind.PERSON, StoryCredit.Role.AUTHOR),
        ("Marisa Acevedo Ruiz", Credit.Kind.PERSON, StoryCredit.Role.CONTRIBUTOR),
        WIRE,
    )

    assert bylines(client, story, "en") == [
        "By Ruth Callaghan Moss and Tomás Rayyan Ferreira",
        "Additional reporting by Marisa Acevedo Ruiz",
        "With Prensa Wire",
    ]


def test_json_ld_names_the_reporter_a_person_and_the_agency_an_organization(client):
    story = credit_story(RUTH, WIRE)
    edition = story.edition_for("pt")

    authors = json_ld(fetch(client, edition.get_absolute_url()))["author"]

    ruth, wire = Credit.objects.order_by("pk")
    assert authors == [
        {
            "@type": "Person",
            "name": "Ruth Callaghan Moss",
            "url": BASE + ruth.get_absolute_url("pt"),
        },
        {"@type": "Organization", "name": "Prensa Wire", "url": BASE + wire.get_absolute_url("pt")},
    ]
