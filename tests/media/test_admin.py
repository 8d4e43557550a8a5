"""The picture library in the admin: upload, refusals shown on the form, a new focal point."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from prensa.media.models import Image, LeadImage
from tests.factories import make_story

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db


def add(client, file, **fields):  # type: ignore[no-untyped-def]
    data = {"original": file, "focal_x": "0.5", "focal_y": "0.5", **fields}
    return client.post(reverse("admin:media_image_add"), data)


def test_an_editor_uploads_a_picture_and_the_worker_makes_its_renditions(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = add(admin_client, upload(picture_bytes(size=(1000, 700))), credit="Prensa")
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.credit == "Prensa"
    assert image.uploaded_by.username == "admin"
    assert image.ready


def test_a_broken_file_is_refused_on_the_form_and_nothing_is_stored(admin_client, media_stores):
    response = add(admin_client, upload(os.urandom(3000), "photo.jpg"))
    assert response.status_code == 200
    assert "not a picture" in response.content.decode()
    assert not Image.objects.exists()
    assert not [p for p in media_stores.rglob("*") if p.is_file()]


def test_uploading_the_same_picture_again_points_to_the_one_in_the_library(admin_client):
    data = picture_bytes()
    add(admin_client, upload(data, "first.jpg"))
    response = add(admin_client, upload(data, "again.jpg"))
    page = response.content.decode()
    assert "This picture is already in the library" in page
    assert reverse("admin:media_image_change", args=[Image.objects.get().pk]) in page
    assert Image.objects.count() == 1


def test_a_new_focal_point_makes_the_renditions_again(
    admin_client, ingest, django_capture_on_commit_callbacks
):
    image, _ = ingest(upload(picture_bytes(size=(1200, 800))))
    url = reverse("admin:media_image_change", args=[image.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"focal_x": "0.2", "focal_y": "0.5", "credit": "X"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.rendition_version == 2


def test_the_library_is_searched_by_caption_and_credit(admin_client, ingest):
    ingest(upload(picture_bytes(colour=(1, 2, 3))), caption_en="Harbour cranes at night")
    ingest(upload(picture_bytes(colour=(9, 8, 7))), credit="Agência Sul")
    listing = reverse("admin:media_image_changelist")
    assert admin_client.get(listing, {"q": "cranes"}).context["cl"].result_count == 1
    assert admin_client.get(listing, {"q": "Agência"}).context["cl"].result_count == 1


def test_the_story_admin_page_offers_a_lead_image(admin_client, ingest):
    story = make_story()
    page = admin_client.get(reverse("admin:newsroom_story_change", args=[story.pk]))
    assert "lead_image-TOTAL_FORMS" in page.content.decode()
    image, _ = ingest(upload(picture_bytes()))
    LeadImage.objects.create(story=story, image=image)
    assert (
        admin_client.get(reverse("admin:newsroom_story_change", args=[story.pk])).status_code == 200
    )


def test_a_story_form_posted_without_the_lead_image_fields_keeps_the_picture(admin_client, ingest):
    from tests.test_admin_language import story_form_data

    story = make_story()
    image, _ = ingest(upload(picture_bytes()))
    LeadImage.objects.create(story=story, image=image)
    data = story_form_data(story)
    response = admin_client.post(reverse("admin:newsroom_story_change", args=[story.pk]), data)
    assert response.status_code == 302
    assert LeadImage.objects.get(story=story).image == image
