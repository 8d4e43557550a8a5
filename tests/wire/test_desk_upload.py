"""The desk's import page: people who may add stories upload a file and see each item's fate."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prensa.newsroom.models import Story
from tests.wire.conftest import sample


@pytest.fixture
def csrf_client(reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    return client


def _token(client) -> str:
    page = client.get(reverse("wire:import"))
    assert page.status_code == 200
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def _upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample(name) if data is None else data)


def test_a_reporter_uploads_a_feed_and_sees_what_was_created(csrf_client, section, reporter):
    token = _token(csrf_client)
    response = csrf_client.post(
        reverse("wire:import"),
        {"csrfmiddlewaretoken": token, "file": _upload("rss.xml")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Created: 2 · updated: 0 · skipped: 0 · refused: 0" in html
    assert "Ponte de madeira de São Bento do Vale" in html
    assert Story.objects.filter(created_by=reporter).count() == 2


def test_the_upload_shows_refusals_and_can_send_stories_to_translation(csrf_client, section):
    token = _token(csrf_client)
    response = csrf_client.post(
        reverse("wire:import"),
        {"csrfmiddlewaretoken": token, "file": _upload("bad.json", b'{"uri": "x", "head')},
    )
    assert response.status_code == 200
    assert "Invalid JSON" in response.content.decode()
    assert not Story.objects.exists()
    response = csrf_client.post(
        reverse("wire:import"),
        {"csrfmiddlewaretoken": token, "file": _upload("ninjs1.json"), "translate": "on"},
    )
    # A reporter may import but not order translations: the page says so, per language.
    assert "no draft in Portuguese" in response.content.decode()
    assert Story.objects.get().draft_jobs.count() == 0


def test_an_editor_sends_imported_stories_to_the_desk_for_the_other_languages(
    client, django_user_model, section
):
    client.force_login(django_user_model.objects.create_superuser("editor", password="pw"))
    response = client.post(
        reverse("wire:import"), {"file": _upload("ninjs1.json"), "translate": "on"}
    )
    assert "draft in Spanish queued" in response.content.decode()
    assert set(Story.objects.get().draft_jobs.values_list("language", flat=True)) == {"pt", "es"}


def test_a_post_without_the_csrf_token_is_refused(csrf_client, section):
    response = csrf_client.post(reverse("wire:import"), {"file": _upload("story.txt")})
    assert response.status_code == 403
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "tamper",
    [
        {"section": "999999"},
        {"file": ""},
        {"translate": ["on", "off"], "section": "not-a-number"},
    ],
)
def test_tampered_posts_are_a_400_and_import_nothing(csrf_client, section, tamper):
    data = {"csrfmiddlewaretoken": _token(csrf_client), "file": _upload("story.txt"), **tamper}
    response = csrf_client.post(reverse("wire:import"), data)
    assert response.status_code == 400
    assert not Story.objects.exists()


def test_a_file_over_the_limit_is_a_400(csrf_client, section, settings):
    token = _token(csrf_client)
    settings.PRENSA_IMPORT_MAX_BYTES = 50
    response = csrf_client.post(
        reverse("wire:import"), {"csrfmiddlewaretoken": token, "file": _upload("story.txt")}
    )
    assert response.status_code == 400
    assert "larger than the import limit of 50 bytes" in response.content.decode()


def test_other_methods_are_a_405(client, reporter):
    client.force_login(reporter)
    assert client.put(reverse("wire:import")).status_code == 405


def test_only_people_who_may_add_stories_see_the_page(client, django_user_model, db):
    assert client.get(reverse("wire:import")).status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user("moderator", is_staff=True))
    assert client.get(reverse("wire:import")).status_code == 403
    assert client.post(reverse("wire:import"), {"file": _upload("story.txt")}).status_code == 403
    assert not Story.objects.exists()


def test_the_desk_front_page_links_to_the_import_page(client, django_user_model, db):
    client.force_login(django_user_model.objects.create_superuser("editor", password="pw"))
    assert reverse("wire:import") in client.get(reverse("desk:index")).content.decode()


def test_the_page_and_its_reasons_are_in_the_editors_language(client, reporter, section):
    client.force_login(reporter)
    response = client.post(
        reverse("wire:import"),
        {"file": _upload("bad.json", b'{"uri": "x", "head')},
        HTTP_ACCEPT_LANGUAGE="pt",
    )
    html = response.content.decode()
    assert "Importar material de agências" in html
    assert "JSON inválido" in html and "recusada" in html


def test_the_form_files_the_stories_in_the_chosen_section(client, reporter, section, culture):
    client.force_login(reporter)
    client.post(reverse("wire:import"), {"file": _upload("atom.xml"), "section": culture[0].pk})
    assert Story.objects.get().section == culture[0]
