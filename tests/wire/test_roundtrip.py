"""A ninjs item exported by Prensa's API, imported into a database without the story, is the
same story again: text, language, section, tags, bylines, agency, creation time and key."""

import json

import pytest
from django.urls import reverse

from prensa.newsroom.models import Credit, Edition, Story, StoryCredit
from prensa.wire.importing import CREATED, import_bytes
from tests.factories import make_section, make_story, make_tag

BODY = "\n\n".join(
    [
        "PORTO ALEGRE — The ferry across the bay returned on *Tuesday*, the port said.",
        "More than 250,000 people used it in 1982, according to [the port's records](https://port.example.org/records).",
        "## What changes",
        "- Departures every 20 minutes\n- Tickets at $2.30",
        "> “We waited ten years for this,” said Umm Yasser, 61.",
        "Repairs cost **$2.3 million** and took 14 months.",
    ]
)


@pytest.mark.parametrize("version", [3, 2])
def test_an_exported_edition_imports_as_the_same_story(client, db, version):
    section = make_section("Economy", "Economia", "Economía")
    tags = (
        make_tag("Transport", "Transporte", "Transporte"),
        make_tag("Ports", "Portos", "Puertos"),
    )
    story = make_story(
        section=section, languages=("en",), tags=tags, credits=("Ana Lúcia Ferreira",)
    )
    story.key = "demo:ferry-returns"
    story.save()
    agency = Credit.objects.create(name="Agência Sul", kind=Credit.Kind.AGENCY)
    StoryCredit.objects.create(story=story, credit=agency, role=StoryCredit.Role.AGENCY, position=1)
    edition = story.edition_for("en")
    edition.standfirst = "Service resumes after fourteen months of repairs."
    edition.body = BODY
    edition.save()
    response = client.get(reverse("api:edition_ninjs", args=[edition.pk]), {"version": version})
    assert response.status_code == 200
    exported = response.content
    before = {
        "headline": edition.headline,
        "standfirst": edition.standfirst,
        "body": edition.body,
        "language": edition.language,
        "section": section.pk,
        "tags": sorted(t.pk for t in tags),
        "credits": [("Ana Lúcia Ferreira", "author"), ("Agência Sul", "agency")],
        "created_at": story.created_at.replace(microsecond=0),
        "key": story.key,
    }

    Story.objects.all().delete()  # the story is gone; sections and tags stay
    Credit.objects.all().delete()
    report = import_bytes(exported, "edition.json", None)

    [outcome] = report.outcomes
    assert outcome.result == CREATED, outcome.line()
    story = Story.objects.get()
    [edition] = story.editions.all()
    after = {
        "headline": edition.headline,
        "standfirst": edition.standfirst,
        "body": edition.body,
        "language": edition.language,
        "section": story.section_id,
        "tags": sorted(story.tags.values_list("pk", flat=True)),
        "credits": [(c.credit.name, c.role) for c in story.story_credits.all()],
        "created_at": story.created_at,
        "key": story.key,
    }
    assert after == before
    assert edition.status == Edition.Status.DRAFT  # imported copy is a draft, whatever it was
    assert json.loads(exported)["standard"]["version"] == ("3.1" if version == 3 else "2.2")
