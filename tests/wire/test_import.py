"""Importing writes whole stories through the newsroom's models: drafts, keys, revisions."""

import re

import pytest

from prensa.desk.models import DraftJob
from prensa.history.models import EditionRevision
from prensa.newsroom.models import Edition, Story
from prensa.wire.importing import CREATED, REFUSED, SKIPPED, UPDATED, import_bytes, import_source
from tests.factories import make_tag
from tests.wire.conftest import SAMPLES, sample


def test_an_imported_story_is_a_draft_credited_to_the_importer_with_its_source_key(
    section, reporter, culture
):
    report = import_bytes(sample("ninjs3.json"), "ninjs3.json", reporter)
    [outcome] = report.outcomes
    assert outcome.result == CREATED and report.ok
    story = Story.objects.get(pk=outcome.story)
    assert story.key == "urn:prensa-sample:ninjs3:feira-do-livro"
    assert story.created_by == reporter
    assert story.source_language == "pt"
    assert story.section == culture[0]  # the source's section, found by its slug
    assert list(story.tags.all()) == [culture[1]]
    assert [c.name for c in story.credits.all()] == ["Renato Figueiredo"]
    [edition] = story.editions.all()
    assert edition.status == Edition.Status.DRAFT and edition.language == "pt"
    assert edition.headline == "Feira do livro de Rio Claro do Norte bate recorde de público"
    assert edition.standfirst.startswith("Organizadores contaram")
    assert edition.body.count("\n\n") == 2
    assert EditionRevision.objects.get(id=edition.pk).history_user == reporter


def test_an_undeclared_language_is_detected(section, reporter):
    [outcome] = import_bytes(sample("story.txt"), "story.txt", reporter).outcomes
    assert outcome.result == CREATED and outcome.language == "pt"
    [outcome] = import_bytes(sample("story.md"), "story.md", reporter).outcomes
    assert outcome.result == CREATED and outcome.language == "es"


def test_importing_again_unchanged_is_skipped(section, reporter):
    import_bytes(sample("atom.xml"), "atom.xml", reporter)
    report = import_bytes(sample("atom.xml"), "atom.xml", reporter)
    assert [o.result for o in report.outcomes] == [SKIPPED] and report.ok
    assert Story.objects.count() == 1
    assert Edition.objects.get().revision == 1


def test_a_changed_duplicate_is_updated_in_place_as_a_new_revision(section, reporter):
    first = import_bytes(sample("newsml-xhtml.xml"), "newsml-xhtml.xml", reporter).outcomes[0]
    changed = sample("newsml-xhtml.xml").replace(b"212 passengers", b"230 passengers")
    [outcome] = import_bytes(changed, "newsml-xhtml.xml", reporter).outcomes
    assert outcome.result == UPDATED and outcome.story == first.story
    edition = Edition.objects.get()
    assert edition.revision == 2 and "230 passengers" in edition.body
    assert EditionRevision.objects.filter(id=edition.pk).count() == 2
    assert Story.objects.count() == 1


def test_one_bad_entry_in_a_feed_is_refused_and_the_others_are_imported(section, reporter):
    broken = sample("rss.xml").replace(
        b"<title>Cooperativa de pescadores inaugura entreposto no litoral norte</title>",
        b"<title></title>",
    )
    report = import_bytes(broken, "rss.xml", reporter)
    assert [o.result for o in report.outcomes] == [CREATED, REFUSED]
    assert "headline is missing" in report.outcomes[1].message
    assert not report.ok
    assert Story.objects.count() == 1 and Edition.objects.count() == 1


def test_unknown_tags_are_left_out_and_said_so(section, reporter):
    make_tag("Environment", "Meio ambiente", "Medio ambiente")
    [outcome] = import_bytes(sample("newsml-xhtml.xml"), "newsml-xhtml.xml", reporter).outcomes
    assert "Tags not found, left out: Transport, Cities" in outcome.message
    [outcome] = import_bytes(sample("atom.xml"), "atom.xml", reporter).outcomes
    assert [t.name_en for t in Story.objects.get(pk=outcome.story).tags.all()] == ["Environment"]


def test_translate_sends_the_story_to_the_desk_for_the_other_two_languages(section, reporter):
    [outcome] = import_bytes(sample("ninjs1.json"), "ninjs1.json", None, translate=True).outcomes
    assert outcome.result == CREATED
    assert set(
        DraftJob.objects.filter(story_id=outcome.story).values_list("language", flat=True)
    ) == {
        "pt",
        "es",
    }


def test_someone_without_permission_to_add_stories_imports_nothing(section, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw")
    [outcome] = import_bytes(sample("story.txt"), "story.txt", nobody).outcomes
    assert outcome.result == REFUSED and "permission" in outcome.message
    assert not Story.objects.exists()


def test_a_section_can_be_chosen_and_an_unknown_one_is_refused(section, reporter, culture):
    [outcome] = import_bytes(sample("story.txt"), "story.txt", reporter, section="cultura").outcomes
    assert Story.objects.get(pk=outcome.story).section == culture[0]
    [outcome] = import_bytes(sample("story.md"), "story.md", reporter, section="nowhere").outcomes
    assert outcome.result == REFUSED and "No section is called nowhere" in outcome.message


def test_a_folder_imports_every_sample(section, reporter):
    report = import_source(str(SAMPLES), reporter)
    assert report.ok, [o.line() for o in report.outcomes if o.refused]
    assert report.count(CREATED) == 11  # ten files, the feed has two items
    assert Edition.objects.filter(status=Edition.Status.DRAFT).count() == 11


@pytest.mark.parametrize("source", ["/no/such/file.json", "ftp://example.org/x.xml"])
def test_a_source_that_does_not_exist_is_refused(db, source):
    [outcome] = import_source(source).outcomes
    assert outcome.result == REFUSED


def test_a_feed_entry_linking_to_a_page_imported_before_is_the_same_story(section, reporter):
    """The page's address is its key; the Atom entry's link names the same story."""
    first = import_bytes(sample("page.html"), "page.html", reporter).outcomes[0]
    entry = sample("atom.xml").replace(
        b"https://wire.example.net/science/turtles", b"https://herald.example.net/city/night-market"
    )
    [outcome] = import_bytes(entry, "atom.xml", reporter).outcomes
    assert outcome.result == UPDATED and outcome.story == first.story
    assert Story.objects.count() == 1
    assert "Volunteers counted 1,240 turtle nests" in Edition.objects.get().body


def test_an_entry_without_guid_or_link_is_still_found_again_by_its_text(section, reporter):
    bare = re.sub(rb"<guid[^>]*>[^<]*</guid>|<link>[^<]*</link>", b"", sample("rss.xml"))
    assert b"<guid" not in bare and b"wire.example.net/2026" not in bare
    assert [o.result for o in import_bytes(bare, "rss.xml", reporter).outcomes] == [CREATED] * 2
    assert [o.result for o in import_bytes(bare, "rss.xml", reporter).outcomes] == [SKIPPED] * 2


def test_nul_characters_in_names_and_tags_are_dropped_not_stored(section, reporter):
    data = sample("ninjs1.json").replace(b'"Marta Quintal"', b'"Marta\\u0000 Quintal"')
    data = data.replace(b'"Ports"', b'"Po\\u0000rts"')
    [outcome] = import_bytes(data, "ninjs1.json", reporter).outcomes
    assert outcome.result == CREATED, outcome.line()
    assert [c.name for c in Story.objects.get().credits.all()] == ["Marta Quintal"]
