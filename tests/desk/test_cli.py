"""`prensa translate STORY` and `prensa fidelity STORY`."""

import json

import pytest
from django.core.management import CommandError, call_command

from prensa.desk.models import Segment
from prensa.newsroom.models import Edition

pytestmark = pytest.mark.django_db


def test_translate_drafts_the_editions_and_prints_a_json_summary(english_story, capsys):
    call_command("translate", str(english_story.pk), "--to", "pt,es", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert [entry["language"] for entry in summary] == ["pt", "es"]
    assert all(entry["ok"] and entry["segments"] == 7 for entry in summary)
    assert Edition.objects.filter(story=english_story, language__in=["pt", "es"]).count() == 2


def test_translate_finds_a_story_by_the_slug_of_an_edition(english_story, capsys):
    slug = english_story.edition_for("en").slug
    call_command("translate", slug, "--to", "es")
    assert "es: drafted 7 of 7 blocks" in capsys.readouterr().out


def test_translate_explains_an_unknown_story_or_language(english_story):
    for reference in ("no-such-story", "99999999999999999999999"):
        with pytest.raises(CommandError, match="No story"):
            call_command("translate", reference)
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("translate", str(english_story.pk), "--to", "fr")


def test_fidelity_passes_a_faithful_translation_and_fails_a_lost_number(english_story, capsys):
    call_command("translate", str(english_story.pk), "--to", "es")
    capsys.readouterr()
    edition = Edition.objects.get(story=english_story, language="es")
    # Make the translation lose "250.000" the way a careless edit would.
    edition.body = edition.body.replace("250.000", "muchas")
    edition.save()
    with pytest.raises(SystemExit) as exited:
        call_command("fidelity", str(english_story.pk), "--json")
    assert exited.value.code == 1
    report = json.loads(capsys.readouterr().out)
    issues = report[0]["issues"]
    assert any("250,000" in issue["message"] and issue["position"] == 3 for issue in issues)


def test_a_failed_draft_exits_non_zero_with_the_reason(english_story, settings, capsys):
    settings.PRENSA_MT_ENGINES = {"en-pt": []}
    with pytest.raises(CommandError):
        call_command("translate", str(english_story.pk), "--to", "pt")
    assert "No translation engine" in capsys.readouterr().out
    assert not Segment.objects.exists()


def test_translate_to_pt_pt_drafts_the_portuguese_edition_in_the_european_variant(settings):
    from io import StringIO

    from tests.factories import make_story

    settings.PRENSA_PORTUGUESE_VARIANT = "pt_BR"
    story = make_story(languages=("en",), source_language="en")
    source = story.edition_for("en")
    source.headline, source.standfirst = "Sectors of the city", ""
    source.body = "The sectors of the city will be protected."
    source.save()

    call_command("translate", str(story.pk), "--to", "pt-PT", stdout=StringIO())

    assert "sectores" in Edition.objects.get(story=story, language="pt").body


def test_translate_refuses_a_variant_it_does_not_know(english_story):
    with pytest.raises(CommandError, match="pt-PT"):
        call_command("translate", str(english_story.pk), "--to", "pt-AO")
