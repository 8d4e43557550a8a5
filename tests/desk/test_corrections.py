"""Corrections and updates: an editor's note on a published story reaches readers in every
language, through the desk like any paragraph, and readers, search engines and feeds see it."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from prensa.desk.actions import (
    ActionError,
    DraftEdition,
    PublishEdition,
    ReviewSegment,
    source_version,
    text_version,
)
from prensa.desk.corrections import WriteNote
from prensa.newsroom.models import Correction, Edition
from prensa.translation.staleness import State
from prensa.workflow.models import TransitionLog
from tests.desk.conftest import _user, rows, run_worker, source_of
from tests.pages import reverse_in

pytestmark = pytest.mark.django_db

NOTE = "An earlier version said the station was built in 1980; it was built in 1982."
REASON = "Reader email, checked against the ministry's records."


@pytest.fixture
def published(english_story):
    """The English story with a reviewed, published Portuguese translation."""
    translation = DraftEdition(english_story, "pt").execute()
    for row in rows(translation):
        confirm(row)
    PublishEdition(translation, None).execute()
    return english_story


def confirm(row, user=None):
    return ReviewSegment(
        row, user, True, based_on=text_version(row), source_based_on=source_version(row)
    ).execute()


def soon() -> datetime:
    """A moment after the stories' publication (an hour ago), the same all test long."""
    return _SOON


_SOON = (datetime.now(ZoneInfo("UTC")) + timedelta(minutes=10)).replace(microsecond=0)


def correct(story, user, text=NOTE, kind="correction", reason=REASON, note=None):
    return WriteNote(story, kind=kind, text=text, reason=reason, user=user, note=note).execute()


def article(client, edition):
    edition.refresh_from_db()
    return client.get(edition.get_absolute_url())


def json_ld(page) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.S)
    return json.loads(found.group(1))


# The source edition


def test_a_correction_shows_on_the_article_dated_and_the_edition_is_updated(
    client, published, editor
):
    source = source_of(published)

    with time_machine.travel(soon()):
        correct(published, editor)
    page = article(client, source)

    source.refresh_from_db()
    assert source.status == Edition.Status.UPDATED
    assert "Corrected on" in page.text
    assert NOTE in page.text
    assert REASON not in page.text  # the reason is the newsroom's, never the readers'
    entry = TransitionLog.objects.filter(edition=source).latest("pk")
    assert (entry.action, entry.to_state, entry.note) == ("update", "updated", REASON)


def test_an_update_note_says_updated_not_corrected(client, published, editor):
    correct(published, editor, text="Adds the mayor's reply.", kind="update")

    page = article(client, source_of(published))

    assert "Updated on" in page.text
    assert "Corrected on" not in page.text


def test_the_note_is_dated_in_the_readers_language_and_the_newsrooms_zone(
    client, published, editor, settings
):
    settings.TIME_ZONE = "America/Sao_Paulo"
    source = source_of(published)
    spanish = DraftEdition(published, "es").execute()
    with time_machine.travel(soon()):
        correct(published, editor)
    DraftEdition(published, "es").execute()
    for row in rows(spanish):
        confirm(row)
    PublishEdition(spanish, None, allow_machine=True).execute()

    english = article(client, source).text
    castilian = article(client, spanish).text

    local = soon().astimezone(ZoneInfo("America/Sao_Paulo")).strftime("%H:%M")
    assert local in english  # the newsroom's time, not UTC
    assert "Corregido el" in castilian
    assert local in castilian


def test_json_ld_carries_the_correction_and_date_modified(client, published, editor):
    source = source_of(published)
    with time_machine.travel(soon()):
        correct(published, editor)

    data = json_ld(article(client, source))

    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": NOTE, "datePublished": soon().isoformat()}
    ]
    assert data["dateModified"] == soon().isoformat()


def test_an_update_note_moves_date_modified_but_is_no_correction(client, published, editor):
    correct(published, editor, text="Adds the mayor's reply.", kind="update")

    data = json_ld(article(client, source_of(published)))

    assert "correction" not in data
    assert data["dateModified"] > data["datePublished"]


def test_the_feeds_carry_the_update_date_and_the_note(client, published, editor):
    with time_machine.travel(soon()):
        correct(published, editor)

    atom = client.get(reverse_in("en", "public:feed_atom")).text
    rss = client.get(reverse_in("en", "public:feed")).text

    assert f"<updated>{soon().isoformat()}</updated>" in atom
    assert NOTE in atom
    assert NOTE in rss
    assert "Corrected on" in rss


def test_a_changed_page_is_not_served_from_the_page_cache(client, published, editor):
    source = source_of(published)
    before = article(client, source)
    assert NOTE not in before.text

    correct(published, editor)

    assert NOTE in article(client, source).text


# The translations, through the desk


def test_the_note_is_a_missing_paragraph_in_each_translation_until_drafted(published, editor):
    portuguese = published.edition_for("pt")

    correct(published, editor)

    last = rows(portuguese)[-1]
    assert last.source_text == NOTE
    assert last.state == State.MISSING
    with pytest.raises(ActionError):  # the review gate: nothing missing reaches readers
        PublishEdition(portuguese, None, allow_machine=True).execute()


def test_the_worker_machine_drafts_the_note_in_each_translation(
    published, editor, django_capture_on_commit_callbacks
):
    portuguese = published.edition_for("pt")

    with django_capture_on_commit_callbacks(execute=True):
        correct(published, editor)
    run_worker()

    last = rows(portuguese)[-1]
    assert last.state == State.MACHINE
    assert "1982" in last.text
    assert not portuguese.notes.exists()  # live: readers see it once it is published


def test_a_reviewed_note_reaches_the_translations_readers_and_marks_it_updated(
    client, published, editor
):
    portuguese = published.edition_for("pt")
    correct(published, editor)
    DraftEdition(published, "pt").execute()
    confirm(rows(portuguese)[-1])

    PublishEdition(portuguese, editor).execute()

    portuguese.refresh_from_db()
    note = portuguese.notes.get()
    assert note.key == source_of(published).notes.get().key
    assert note.kind == Correction.Kind.CORRECTION
    assert portuguese.status == Edition.Status.UPDATED
    page = article(client, portuguese).text
    assert "Corrigido em" in page
    assert note.text in page
    assert portuguese.body == source_body_translation(portuguese)


def source_body_translation(edition):
    """The body as the desk composes it, without the note (which is a row of its own)."""
    return "\n\n".join(row.text for row in rows(edition)[2:-1])


def test_changing_the_note_marks_only_that_block_stale(published, editor):
    portuguese = published.edition_for("pt")
    note = correct(published, editor)
    DraftEdition(published, "pt").execute()
    confirm(rows(portuguese)[-1])

    correct(published, editor, text=NOTE.replace("1980", "1981"), note=note)

    after = rows(portuguese)
    assert after[-1].state == State.STALE
    assert all(row.is_confirmed for row in after[:-1])


def test_the_review_page_names_the_note_as_such(client, published, editor):
    correct(published, editor)
    DraftEdition(published, "pt").execute()
    client.force_login(editor)

    page = client.get(reverse("desk:review", args=[published.pk, "pt"])).text

    last = rows(published.edition_for("pt"))[-1]
    label = page.split(f'id="segment-{last.position}-kind">', 1)[1].split("<", 1)[0]
    assert label == "Correction or update note"


def test_the_desk_says_when_a_reviewed_note_waits_for_publication(client, published, editor):
    portuguese = published.edition_for("pt")
    correct(published, editor)
    DraftEdition(published, "pt").execute()
    confirm(rows(portuguese)[-1])
    client.force_login(editor)

    page = client.get(reverse("desk:review", args=[published.pk, "pt"])).text

    assert "publish again to show them" in page


# Each language's corrections page


def test_each_language_lists_its_corrected_stories_newest_first(client, published, editor):
    from tests.desk.conftest import EN_BODY
    from tests.factories import make_story

    other = make_story(languages=("en",))
    other_source = other.edition_for("en")
    other_source.body = EN_BODY
    other_source.save()
    correct(published, editor)
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        correct(other, editor, text="The name of the engineer was misspelled.")

    page = client.get(reverse_in("en", "public:corrections")).text

    newer, older = other_source.headline, source_of(published).headline
    assert newer in page and older in page
    assert page.index(newer) < page.index(older)
    # The Portuguese translation has not published the note yet: nothing to list there.
    portuguese = client.get(reverse_in("pt", "public:corrections")).text
    assert "Nenhuma reportagem foi corrigida até agora." in portuguese


# Bad input: clear message, 4xx, nothing changes


def _nothing_changed(story):
    source = source_of(story)
    source.refresh_from_db()
    assert not Correction.objects.exists()
    assert source.status == Edition.Status.PUBLISHED


def test_a_story_that_is_not_published_cannot_be_corrected(client, english_story, editor):
    source = source_of(english_story)
    source.status = Edition.Status.DRAFT
    source.save()
    client.force_login(editor)

    page = client.post(
        reverse("desk:notes", args=[english_story.pk]),
        {"kind": "correction", "text": NOTE, "reason": REASON},
    )

    assert page.status_code == 409
    assert "This story is not published" in page.text
    assert not Correction.objects.exists()
    source.refresh_from_db()
    assert source.status == Edition.Status.DRAFT


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "correction", "text": "   ", "reason": REASON}, "it cannot be empty"),
        ({"kind": "correction", "text": NOTE, "reason": ""}, "Say why"),
        ({"kind": "apology", "text": NOTE, "reason": REASON}, "correction or an update"),
    ],
)
def test_an_empty_or_malformed_note_is_refused(client, published, editor, fields, message):
    client.force_login(editor)

    page = client.post(reverse("desk:notes", args=[published.pk]), fields)

    assert page.status_code == 400
    assert message in page.text
    _nothing_changed(published)


def test_someone_who_may_not_correct_gets_a_403_and_nothing_changes(client, published, translator):
    client.force_login(translator)

    page = client.post(
        reverse("desk:notes", args=[published.pk]),
        {"kind": "correction", "text": NOTE, "reason": REASON},
    )

    assert page.status_code == 403
    _nothing_changed(published)
    with pytest.raises(ActionError) as refused:
        correct(published, translator)
    assert refused.value.status == 403
    _nothing_changed(published)


def test_signed_out_people_go_to_the_login_page(client, published):
    page = client.post(
        reverse("desk:notes", args=[published.pk]),
        {"kind": "correction", "text": NOTE, "reason": REASON},
    )

    assert page.status_code == 302
    assert "/login/" in page["Location"]
    _nothing_changed(published)


def test_an_editor_adds_a_note_from_the_desk(client, published):
    corrector = _user(
        "corrector",
        staff=True,
        perms=("desk.view_segment", "newsroom.correct_edition", "newsroom.view_edition"),
    )
    client.force_login(corrector)

    form = client.get(reverse("desk:notes", args=[published.pk]))
    sent = client.post(
        reverse("desk:notes", args=[published.pk]),
        {"kind": "correction", "text": NOTE, "reason": REASON},
    )

    assert form.status_code == 200
    assert sent.status_code == 302
    note = Correction.objects.get()
    assert (note.text, note.reason, note.created_by) == (NOTE, REASON, corrector)
    assert isinstance(note.created_by, User)
