"""A story whose lead picture has no alt text in its source language is not published."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from prensa.media.models import LeadImage
from prensa.newsroom.models import Edition
from prensa.workflow.transitions import Publish, TransitionError
from tests.factories import make_story

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")


def ready_story_with_picture(ingest, **words):  # type: ignore[no-untyped-def]
    story = make_story(languages=("en", "pt"), status=Edition.Status.READY)
    image, _ = ingest(upload(picture_bytes()), **words)
    LeadImage.objects.create(story=story, image=image)
    return story


def test_publishing_is_refused_while_the_source_language_alt_text_is_missing(ingest, editor):
    story = ready_story_with_picture(ingest, alt_pt="Barcos no cais")  # the source is English
    edition = story.editions.get(language="en")
    with pytest.raises(TransitionError) as refused:
        Publish(edition, editor).execute()
    assert "no alt text in English" in refused.value.message
    edition.refresh_from_db()
    assert edition.status == Edition.Status.READY


def test_a_translation_is_refused_too_until_the_source_has_alt_text(ingest, editor):
    story = ready_story_with_picture(ingest)
    with pytest.raises(TransitionError):
        Publish(story.editions.get(language="pt"), editor).execute()


def test_with_source_alt_text_every_edition_may_be_published(ingest, editor):
    story = ready_story_with_picture(ingest, alt_en="Boats at the quay")
    for language in ("en", "pt"):  # Portuguese alt text is drafted with the translation
        Publish(story.editions.get(language=language), editor).execute()
    assert set(story.editions.values_list("status", flat=True)) == {Edition.Status.PUBLISHED}


def test_a_story_without_a_lead_picture_is_not_held_back(editor):
    story = make_story(languages=("en",), status=Edition.Status.READY)
    Publish(story.editions.get(), editor).execute()
