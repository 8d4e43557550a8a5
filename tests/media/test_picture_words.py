"""The lead picture's alt text and caption are desk segments of every translation: machine
drafted, reviewed, marked stale when the source's words change, and composed back into the
picture's fields in the translation's language."""

from __future__ import annotations

import pytest

from prensa.desk.actions import (
    ActionError,
    DraftEdition,
    PublishEdition,
    ReviewSegment,
    source_version,
    text_version,
)
from prensa.media.models import Image, LeadImage
from prensa.newsroom.models import Edition
from prensa.translation.staleness import State
from tests.desk.conftest import editor, english_story, rows, source_of  # noqa: F401

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db

ALT = "A pumping station beside a dry river bed, with two trucks parked in front"
CAPTION = "The station at Tell Ruman reopened in 1982 after three years of repairs."


@pytest.fixture
def pictured(english_story, ingest):  # noqa: F811
    image, _ = ingest(upload(picture_bytes()), alt_en=ALT, caption_en=CAPTION)
    LeadImage.objects.create(story=english_story, image=image)
    return english_story


def confirm(row):
    return ReviewSegment(
        row, None, True, based_on=text_version(row), source_based_on=source_version(row)
    ).execute()


def picture(story) -> Image:
    return LeadImage.objects.get(story=story).image


def test_a_translation_drafts_the_alt_text_and_caption_as_its_last_two_paragraphs(pictured):
    portuguese = DraftEdition(pictured, "pt").execute()

    last = rows(portuguese)[-2:]
    assert [row.source_text for row in last] == [ALT, CAPTION]
    assert all(row.state == State.MACHINE and row.text.strip() for row in last)
    image = picture(pictured)
    assert image.alt_pt == last[0].text  # the draft is composed into the picture
    assert "1982" in image.caption_pt
    assert portuguese.body.count("\n\n") == len(rows(portuguese)) - 5  # not in the body


def test_an_unconfirmed_machine_alt_text_keeps_the_translation_from_passing_as_reviewed(
    pictured,
):
    portuguese = DraftEdition(pictured, "pt").execute()
    for row in rows(portuguese)[:-2]:
        confirm(row)

    with pytest.raises(ActionError):  # the review gate counts the picture's words
        PublishEdition(portuguese, None).execute()
    PublishEdition(portuguese, None, allow_machine=True).execute()
    portuguese.refresh_from_db()
    assert portuguese.is_live
    assert portuguese.origin == Edition.Origin.MACHINE  # readers see the notice


def test_with_every_paragraph_and_the_picture_confirmed_the_translation_is_reviewed(pictured):
    portuguese = DraftEdition(pictured, "pt").execute()
    for row in rows(portuguese):
        confirm(row)
    PublishEdition(portuguese, None).execute()
    portuguese.refresh_from_db()
    assert portuguese.origin == Edition.Origin.REVIEWED
    assert picture(pictured).alt_pt == rows(portuguese)[-2].text


def test_changing_the_source_alt_text_marks_only_that_block_stale(pictured):
    portuguese = DraftEdition(pictured, "pt").execute()
    for row in rows(portuguese):
        confirm(row)

    image = picture(pictured)
    image.alt_en = ALT.replace("two trucks", "a tractor")
    image.save()

    after = rows(portuguese)
    assert after[-2].state == State.STALE
    assert [row.state for row in after if row.state != State.REVIEWED] == [State.STALE]


def test_a_new_caption_in_the_source_is_a_missing_block_until_drafted(english_story, ingest):  # noqa: F811
    image, _ = ingest(upload(picture_bytes()), alt_en=ALT)
    LeadImage.objects.create(story=english_story, image=image)
    portuguese = DraftEdition(english_story, "pt").execute()
    assert rows(portuguese)[-1].source_text == ALT

    image.caption_en = CAPTION
    image.save(update_fields=["caption_en"])

    assert rows(portuguese)[-1].source_text == CAPTION
    assert rows(portuguese)[-1].state == State.MISSING
    DraftEdition(english_story, "pt").execute()
    assert picture(english_story).caption_pt.strip()


def test_a_translated_alt_text_saved_on_the_picture_does_not_stale_the_source(pictured):
    portuguese = DraftEdition(pictured, "pt").execute()
    for row in rows(portuguese):
        confirm(row)
    image = picture(pictured)
    image.alt_es = "Una estación de bombeo"
    image.save(update_fields=["alt_es"])
    assert all(row.is_confirmed for row in rows(portuguese))
    assert source_of(pictured).blocks()[-2:] == [ALT, CAPTION]


def test_the_review_page_names_the_pictures_words_as_such(client, pictured, editor):  # noqa: F811
    from django.urls import reverse

    DraftEdition(pictured, "pt").execute()
    client.force_login(editor)
    page = client.get(reverse("desk:review", args=[pictured.pk, "pt"])).text
    assert "Picture: alt text" in page
    assert "Picture: caption" in page
