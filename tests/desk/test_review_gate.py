"""The review gate: paragraph states that tell the truth, confirmation per paragraph, and
publishing unconfirmed text only as machine translation, recorded and kept out of the memory."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from prensa.desk.actions import (
    ActionError,
    DraftEdition,
    PublishEdition,
    ReviewSegment,
    SaveSegment,
    source_version,
    text_version,
)
from prensa.desk.models import Segment
from prensa.desk.states import cell_for
from prensa.newsroom.models import Edition
from prensa.translation.models import TranslationMemoryEntry
from prensa.workflow.models import TransitionLog
from tests.desk.conftest import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(english_story):
    return DraftEdition(english_story, "es").execute()


def confirm(row, user):
    return ReviewSegment(
        row, user, True, based_on=text_version(row), source_based_on=source_version(row)
    ).execute()


def review_page(client, user, edition, query=""):
    client.force_login(user)
    url = reverse("desk:review", args=[edition.story_id, edition.language]) + query
    return client.get(url).content.decode()


# 1. States


def test_a_saved_but_unconfirmed_edit_shows_edited_not_machine(client, draft, translator):
    row = rows(draft)[3]
    SaveSegment(
        row, "Más de 250.000 personas huyeron en 2012.", translator, text_version(row)
    ).execute()
    row.refresh_from_db()
    assert row.state == "edited"
    page = review_page(client, translator, draft)
    assert '<span class="badge badge--edited" data-badge>edited, not confirmed</span>' in page
    assert cell_for(draft.story, "es").state == "in_review"


def test_editing_a_confirmed_paragraph_makes_it_unconfirmed_again(draft, translator):
    row = rows(draft)[3]
    confirm(row, translator)
    row.refresh_from_db()
    assert row.state == "reviewed"
    SaveSegment(row, "Otras palabras, 250.000 y 2012.", translator, text_version(row)).execute()
    row.refresh_from_db()
    assert row.state == "edited"


def test_saving_the_machine_words_back_returns_a_paragraph_to_machine(draft, translator):
    row = rows(draft)[3]
    machine = row.machine_text
    SaveSegment(
        row, "Palabras de la traductora 250.000 2012.", translator, text_version(row)
    ).execute()
    row.refresh_from_db()
    SaveSegment(row, machine, translator, text_version(row)).execute()
    row.refresh_from_db()
    assert (row.human_text, row.state) == (None, "machine")


def test_an_edited_paragraph_whose_source_changes_goes_stale_and_keeps_the_words(
    draft, translator, english_story
):
    row = rows(draft)[6]
    SaveSegment(row, "Cerca del 38 % de las casas.", translator, text_version(row)).execute()
    source = Edition.objects.get(story=english_story, language="en")
    source.body = source.body.replace("About 38%", "About 39%")
    source.save()
    row = rows(draft)[6]
    assert (row.state, row.human_text) == ("stale", "Cerca del 38 % de las casas.")


def test_the_migration_marks_old_unconfirmed_edits_as_edited(draft):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "prensa.desk.migrations.0005_segment_edited_state_and_events"
    )
    Segment.objects.filter(pk=rows(draft)[2].pk).update(human_text="Palabras", state="machine")
    migration.mark_unconfirmed_edits(apps, None)
    states = [row.state for row in rows(draft)]
    assert states[2] == "edited"
    assert states.count("edited") == 1


# 2. The gate


def test_there_is_no_one_click_review_of_a_whole_edition(client, draft, editor):
    with pytest.raises(NoReverseMatch):
        reverse("desk:review_all", args=[draft.story_id, "es"])
    page = review_page(client, editor, draft)
    assert "Mark the whole edition reviewed" not in page
    assert "Publish as machine translation…" in page


def test_publishing_unconfirmed_text_asks_first_and_lists_the_open_risk_flags(
    client, draft, editor
):
    client.force_login(editor)
    page = client.get(reverse("desk:publish", args=[draft.story_id, "es"])).content.decode()
    assert "Publish as machine translation?" in page
    assert "7 of 7 paragraphs have not been confirmed by a person." in page
    assert "Names changed or missing: Tell Ruman." in page
    assert not Edition.objects.get(pk=draft.pk).is_published


def test_bulk_publish_keeps_the_reader_notice_and_writes_nothing_to_the_memory(
    client, draft, editor
):
    client.force_login(editor)
    response = client.post(
        reverse("desk:publish", args=[draft.story_id, "es"]), {"allow_machine": "1"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and draft.origin == Edition.Origin.MACHINE
    with translation.override("es"):
        article = client.get(draft.get_absolute_url()).content.decode()
    assert "traducido automáticamente" in article
    assert TranslationMemoryEntry.objects.count() == 0
    assert all(row.state == "machine" for row in rows(draft))
    event = TransitionLog.objects.get(edition=draft, action="publish")
    assert (event.to_state, event.user, event.detail["machine"]) == ("published", editor, True)
    assert event.detail["unconfirmed"] == 7
    assert any(flag["check"] == "names" for flag in event.detail["flags"])
    page = review_page(client, editor, draft)
    assert (
        "ES</span> published as machine translation — editor (7 paragraphs not confirmed)" in page
    )


def test_saved_but_unconfirmed_edits_still_publish_only_as_machine_translation(draft, editor):
    for row in rows(draft):
        SaveSegment(row, row.text + " ", editor, text_version(row)).execute()
        row.refresh_from_db()
        SaveSegment(row, f"{row.text} (revisado)", editor, text_version(row)).execute()
    with pytest.raises(ActionError, match="not confirmed by a person"):
        PublishEdition(draft, editor).execute()
    PublishEdition(draft, editor, allow_machine=True).execute()
    draft.refresh_from_db()
    assert draft.origin == Edition.Origin.MACHINE
    assert TranslationMemoryEntry.objects.count() == 0


def test_an_edition_confirmed_paragraph_by_paragraph_publishes_as_reviewed(client, draft, editor):
    for row in rows(draft):
        confirm(row, editor)
    client.force_login(editor)
    page = client.get(reverse("desk:publish", args=[draft.story_id, "es"])).content.decode()
    assert "Every paragraph is confirmed by a person" in page
    client.post(reverse("desk:publish", args=[draft.story_id, "es"]))
    draft.refresh_from_db()
    assert draft.origin == Edition.Origin.REVIEWED
    event = TransitionLog.objects.get(edition=draft, action="publish")
    assert event.detail["machine"] is False
    assert TranslationMemoryEntry.objects.count() > 0  # confirmed paragraphs feed the memory


# 3. Conflicts


def test_confirming_a_paragraph_whose_source_changed_meanwhile_is_a_conflict(
    client, draft, translator, english_story
):
    row = rows(draft)[6]
    read_source, read_text = source_version(row), text_version(row)  # the page is loaded
    source = Edition.objects.get(story=english_story, language="en")
    source.body = source.body.replace("About 38%", "About 39%")
    source.save()
    client.force_login(translator)
    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {
            "action": "review",
            "acknowledge": "1",
            "based_on": read_text,
            "source_based_on": read_source,
        },
    )
    assert response.status_code == 409
    assert "The source of this paragraph changed after you opened the page" in (
        response.content.decode()
    )
    assert rows(draft)[6].state == "stale"


def test_a_confirmation_that_does_not_say_which_source_it_read_is_refused(
    client, draft, translator
):
    row = rows(draft)[3]
    client.force_login(translator)
    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {"action": "review", "text": row.text, "based_on": text_version(row)},
    )
    assert response.status_code == 400
    assert rows(draft)[3].state == "machine"


def test_confirming_without_new_words_still_needs_the_text_version(draft, translator):
    row = rows(draft)[3]
    with pytest.raises(ActionError) as caught:
        ReviewSegment(row, translator, source_based_on=source_version(row)).execute()
    assert caught.value.status == 400


# 4. The review page as a work list


def test_confirming_moves_on_to_the_next_paragraph_to_confirm(client, draft, translator):
    first, second = rows(draft)[0], rows(draft)[1]
    confirm(second, translator)
    client.force_login(translator)
    response = client.post(
        reverse("desk:segment", args=[first.pk]),
        {
            "action": "review",
            "acknowledge": "1",
            "text": first.text,
            "based_on": text_version(first),
            "source_based_on": source_version(first),
        },
    )
    assert response["Location"].endswith("#segment-2")  # 1 was confirmed already


def test_the_last_confirmation_lands_on_the_progress_bar(client, draft, translator):
    *others, last = rows(draft)
    for row in others:
        confirm(row, translator)
    client.force_login(translator)
    response = client.post(
        reverse("desk:segment", args=[last.pk]),
        {
            "action": "review",
            "based_on": text_version(last),
            "source_based_on": source_version(last),
        },
    )
    assert response["Location"].endswith("#progress")
    page = review_page(client, translator, draft)
    assert "7 of 7 paragraphs confirmed" in page
    assert '<progress id="progress-bar" max="7" value="7">' in page
    assert cell_for(draft.story, "es").state == "reviewed"


def test_the_progress_bar_counts_confirmed_paragraphs(client, draft, translator):
    confirm(rows(draft)[3], translator)
    page = review_page(client, translator, draft)
    assert "1 of 7 paragraphs confirmed" in page
    assert '<progress id="progress-bar" max="7" value="1">' in page


@pytest.mark.parametrize(
    ("state", "positions"),
    [
        ("machine", ["0", "1", "2", "4", "5"]),
        ("edited", ["6"]),
        ("confirmed", ["3"]),
        ("flagged", ["0", "1", "2", "4", "5"]),
        ("stale", []),
        ("memory", []),
    ],
)
def test_the_review_page_filters_paragraphs_by_state(client, draft, translator, state, positions):
    import re

    confirm(rows(draft)[3], translator)
    row = rows(draft)[6]
    SaveSegment(row, "Cerca del 38 % de las casas.", translator, text_version(row)).execute()
    page = review_page(client, translator, draft, f"?state={state}")
    assert re.findall(
        r'id="segment-\d+" tabindex="-1" data-segment data-position="(\d+)"', page
    ) == (positions)


def test_the_review_page_sorts_riskiest_first_and_says_why(client, draft, translator):
    import re

    page = review_page(client, translator, draft, "?sort=risk")
    risks = [int(r) for r in re.findall(r'data-risk="(\d+)"', page)]
    assert risks == sorted(risks, reverse=True) and risks[0] > 0
    assert re.findall(r'data-position="(\d+)"', page)[0] == "2"  # a lost name, two unknown words
    assert "Names changed or missing: Tell Ruman." in page
    assert "risk 14" in page  # names 8, engine 5 + 1 for its second word


def test_an_unknown_filter_or_order_shows_the_whole_edition_in_order(client, draft, translator):
    import re

    page = review_page(client, translator, draft, "?state=<b>&sort=evil")
    assert re.findall(r'data-position="(\d+)"', page) == [str(i) for i in range(7)]


def test_autosave_answers_json_with_the_new_version_and_state(client, draft, translator):
    row = rows(draft)[3]
    client.force_login(translator)
    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {"action": "save", "text": "Más de 250.000 personas, 2012.", "based_on": text_version(row)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert response.json()["version"] == text_version(row)
    assert (response.json()["state"], response.json()["label"]) == (
        "edited",
        "edited, not confirmed",
    )
    stale = client.post(
        reverse("desk:segment", args=[row.pk]),
        {"action": "save", "text": "Otra cosa.", "based_on": "0" * 16},
        HTTP_ACCEPT="application/json",
    )
    assert stale.status_code == 409 and "Someone else changed" in stale.json()["error"]


def test_words_saved_while_a_redraft_runs_are_not_overwritten_by_it(
    draft, translator, english_story
):
    source = Edition.objects.get(story=english_story, language="en")
    source.body = source.body.replace("Tuesday", "Monday")
    source.save()
    saved = []

    def meanwhile():  # the translator's auto-save lands while the engine is drafting
        if not saved:
            row = rows(draft)[6]
            saved.append(
                SaveSegment(row, "Cerca del 38% de las casas.", translator, text_version(row))
            )
            saved[0].execute()

    DraftEdition(english_story, "es", progress=meanwhile).execute()
    row = rows(draft)[6]
    assert (row.human_text, row.state) == ("Cerca del 38% de las casas.", "edited")
    assert rows(draft)[2].state == "machine"  # the stale paragraph was drafted again
