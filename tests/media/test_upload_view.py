"""Bulk upload on the desk: several files at once, each with its own outcome."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from prensa.media.models import Image

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db


def test_readers_are_sent_to_sign_in(client):
    response = client.get(reverse("media:upload"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_without_the_permission_to_add_pictures_are_refused(client):
    user = get_user_model().objects.create_user("intern", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("media:upload")).status_code == 403


def test_the_page_offers_a_file_input_and_a_drop_zone(admin_client):
    page = admin_client.get(reverse("media:upload")).content.decode()
    assert 'type="file" name="files" multiple' in page
    assert "data-drop-zone" in page
    assert "media/upload.js" in page


def test_several_files_each_get_their_outcome_and_a_bad_one_stops_no_other(admin_client, ingest):
    known, _ = ingest(upload(picture_bytes(colour=(5, 5, 5))), alt_en="Known picture")
    files = [
        upload(picture_bytes(colour=(250, 250, 0)), "new.jpg"),
        upload(picture_bytes(colour=(5, 5, 5)), "again.jpg"),
        upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "image/svg+xml"),
        upload(picture_bytes(colour=(0, 250, 250)), "other.jpg"),
    ]
    response = admin_client.post(reverse("media:upload"), {"files": files})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>new.jpg</strong>: added to the library." in page
    assert "<strong>again.jpg</strong>: already in the library:" in page
    assert reverse("admin:media_image_change", args=[known.pk]) in page
    assert "<strong>logo.svg</strong>: SVG files are not accepted" in page
    assert "<strong>other.jpg</strong>: added to the library." in page
    assert Image.objects.count() == 3


def test_an_upload_without_files_says_so(admin_client):
    page = admin_client.post(reverse("media:upload"), {}).content.decode()
    assert "Choose one or more picture files." in page
