"""The newsroom admin: where editors write stories, with a guard against lost edits."""

import pytest
from django.contrib.auth.models import User
from django.forms import modelform_factory
from django.urls import reverse

from prensa.newsroom.admin import EditionForm
from prensa.newsroom.models import Edition
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def test_the_admin_links_to_the_translation_desk(client, editor):
    html = client.get("/admin/").content.decode()
    assert 'href="/desk/"' in html and "Prensa newsroom" in html


def test_a_story_opens_with_its_editions_inline(client, editor):
    story = make_story()
    html = client.get(f"/admin/newsroom/story/{story.pk}/change/").content.decode()
    assert html.count('name="editions-') > 0
    for language in ("pt", "es", "en"):
        assert story.edition_for(language).headline in html


def edition_form(edition: Edition, **changes):
    Form = modelform_factory(  # as the admin builds it
        Edition,
        form=EditionForm,
        fields=["language", "status", "headline", "slug", "standfirst", "body", "origin"],
    )
    opened = Form(instance=edition)
    data = {name: opened[name].value() for name in opened.fields}
    data.update(changes)
    return Form(data=data, instance=Edition.objects.get(pk=edition.pk))


def test_saving_over_someone_elses_newer_revision_is_refused(editor):
    edition = make_story().edition_for("en")
    mine = edition_form(edition, headline="My headline")
    theirs = edition_form(edition, headline="Their headline")
    assert theirs.is_valid(), theirs.errors
    theirs.save()

    assert not mine.is_valid()
    assert "Someone else saved this edition" in str(mine.non_field_errors())
    assert Edition.objects.get(pk=edition.pk).headline == "Their headline"


def test_a_translation_keeps_its_paragraph_count_in_the_admin(editor):
    story = make_story()
    source, translation = story.edition_for("en"), story.edition_for("es")
    translation.translated_from = source
    translation.save()
    body = translation.body

    added = edition_form(translation, body=body + "\n\nUn párrafo más escrito en el admin.")
    assert not added.is_valid()
    assert "Add or remove paragraphs in the source edition" in str(added.errors["body"])
    removed = edition_form(translation, body=body.split("\n\n")[0])
    assert not removed.is_valid()
    assert Edition.objects.get(pk=translation.pk).body == body

    within = edition_form(translation, body=body.replace("\n\n", " Añadido.\n\n", 1))
    assert within.is_valid(), within.errors


def test_an_original_edition_may_gain_paragraphs(editor):
    edition = make_story().edition_for("en")
    form = edition_form(edition, body=edition.body + "\n\nOne more paragraph.")
    assert form.is_valid(), form.errors


def test_the_story_form_speaks_the_editors_language(client, editor):
    story = make_story()
    url = f"/admin/newsroom/story/{story.pk}/change/"

    portuguese = client.get(url, HTTP_ACCEPT_LANGUAGE="pt").content.decode()
    for label in ("Título:", "Linha fina:", "Seção:", "Idioma de origem:", "Edições"):
        assert label in portuguese, label
    assert f">{story.section.name_pt}</option>" in portuguese

    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for label in ("Titular:", "Entradilla:", "Sección:", "Ediciones"):
        assert label in spanish, label
    assert f">{story.section.name_es}</option>" in spanish


def test_the_admin_speaks_brazilian_portuguese_like_the_rest_of_prensa(client):
    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="pt").content.decode()

    assert "Senha:" in login  # European Portuguese would say "Palavra-passe"
    assert "Palavra-passe" not in login


def test_repeated_wrong_passwords_lock_that_account_from_that_address(client, settings):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_superuser("editor", "editor@example.org", "right password")

    def log_in(password: str, address: str = "192.0.2.10"):  # type: ignore[no-untyped-def]
        return client.post(
            "/admin/login/?next=/admin/",
            {"username": "editor", "password": password},
            REMOTE_ADDR=address,
            HTTP_ACCEPT_LANGUAGE="pt",
        )

    for _ in range(2):
        assert log_in("guess").status_code == 200  # the form again, with its error
    assert log_in("guess").status_code == 429  # the third wrong password locks
    locked = log_in("right password")
    assert locked.status_code == 429
    assert "Muitas tentativas de login falharam" in locked.content.decode()

    elsewhere = log_in("right password", address="198.51.100.20")
    assert elsewhere.status_code == 302  # the editor, from their own address, still gets in
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert log_in("right password").status_code == 302


def test_an_edition_save_that_does_not_say_which_revision_it_edits_is_refused(editor):
    edition = make_story().edition_for("en")

    blind = edition_form(edition, headline="A blind overwrite", expected_revision="")

    assert not blind.is_valid()
    assert "does not say which revision of the edition it changes" in str(blind.non_field_errors())
    assert Edition.objects.get(pk=edition.pk).headline != "A blind overwrite"


def story_form_data(client, story) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    from tests.test_admin_fuzz import open_form

    url = reverse("admin:newsroom_story_change", args=[story.pk])
    return url, open_form(client, url, type(story))


def editions_prefix(data: dict, language: str) -> str:
    (key,) = [k for k, v in data.items() if k.endswith("-language") and v == [language]]
    return key.removesuffix("language")


def test_the_story_form_saves_an_edition_it_opened(client, editor):
    story = make_story()
    url, data = story_form_data(client, story)
    prefix = editions_prefix(data, "en")
    assert data[f"{prefix}expected_revision"]  # rendered hidden in the form

    data[f"{prefix}headline"] = ["A headline edited in the admin"]
    response = client.post(url, {**data, "_save": "Save"})

    assert response.status_code == 302, response.context["errors"]
    assert story.edition_for("en").headline == "A headline edited in the admin"


def test_the_story_form_without_the_revision_says_why_it_refuses(client, editor):
    story = make_story()
    before = story.edition_for("en").headline
    url, data = story_form_data(client, story)
    prefix = editions_prefix(data, "en")
    del data[f"{prefix}expected_revision"]

    data[f"{prefix}headline"] = ["A headline from a tampered form"]
    response = client.post(url, {**data, "_save": "Save"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "does not say which revision of the edition it changes" in response.content.decode()
    assert story.edition_for("en").headline == before


def test_the_story_list_search_finds_headlines_in_any_language_and_keys(admin_client):
    from prensa.newsroom.models import Story as _Story
    from tests.factories import make_story as _make_story

    wanted = _make_story()
    wanted.key = "wire-2026-0042"
    wanted.save()
    other = _make_story()
    es = wanted.edition_for("es")
    es.headline = "Reabre el mercado flotante de Xochimilco"
    es.save()
    url = "/admin/newsroom/story/"
    found = admin_client.get(url, {"q": "flotante"}).context["cl"].result_list
    assert [s.pk for s in found] == [wanted.pk]
    by_key = admin_client.get(url, {"q": "wire-2026-0042"}).context["cl"].result_list
    assert [s.pk for s in by_key] == [wanted.pk]
    assert other.pk in [s.pk for s in admin_client.get(url).context["cl"].result_list]
    assert _Story.objects.count() == 2
