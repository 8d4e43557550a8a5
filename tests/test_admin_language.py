"""The admin speaks the editor's language: defaults, a language check, and its own words."""

import re

import pytest
from django.contrib.auth.models import User
from django.forms import modelform_factory
from django.urls import reverse

from prensa.newsroom.admin import EditionForm
from prensa.newsroom.models import Edition, Story
from tests.factories import make_section, make_story

pytestmark = pytest.mark.django_db

PORTUGUESE_BODY = (
    "A prefeitura abriu nesta manhã uma nova biblioteca no bairro, com salas de leitura "
    "para crianças e um pequeno jardim onde os vizinhos podem estudar à sombra."
)
SPANISH_BODY = (
    "El ayuntamiento abrió esta mañana una nueva biblioteca en el barrio, con salas de "
    "lectura para niños y un pequeño jardín donde los vecinos pueden estudiar a la sombra."
)
ENGLISH_BODY = (
    "The council opened a new library in the neighbourhood this morning, with reading "
    "rooms for children and a small garden where neighbours can study in the shade."
)

# English words the pt and es admin showed before it was translated.
ENGLISH_LEFTOVERS = [
    "Editions",
    "Axes",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Tasks Database Backend",
    "Task Results",
    "Delete selected",
    "Story ",
]


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def selected_source_language(html: str) -> str:
    select = re.search(r'(?s)<select name="source_language".*?</select>', html)[0]
    return re.search(r'<option value="(\w+)" selected>', select)[1]


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_a_new_story_starts_in_the_editors_language(client, editor, language):
    html = client.get(
        reverse("admin:newsroom_story_add"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert selected_source_language(html) == language


def edition_form(language: str, body: str, edition: Edition | None = None):
    Form = modelform_factory(
        Edition,
        form=EditionForm,
        fields=["language", "status", "headline", "slug", "standfirst", "body", "origin"],
    )
    data = {
        "language": language,
        "status": Edition.Status.DRAFT,
        "headline": "Biblioteca",
        "slug": "biblioteca",
        "standfirst": "",
        "body": body,
        "origin": Edition.Origin.ORIGINAL,
        "expected_revision": edition.revision if edition else "",
    }
    instance = edition or Edition(story=make_story(languages=()), language=language)
    return Form(data=data, instance=instance)


def test_a_body_in_another_language_than_the_edition_is_refused_naming_both(settings):
    from django.utils import translation

    with translation.override("pt"):
        form = edition_form("en", PORTUGUESE_BODY)
        assert not form.is_valid()
        message = str(form.errors["body"])
    assert "parece escrito em português" in message
    assert "o idioma da edição é inglês" in message


@pytest.mark.parametrize(
    ("language", "body"), [("pt", PORTUGUESE_BODY), ("es", SPANISH_BODY), ("en", ENGLISH_BODY)]
)
def test_a_body_in_the_editions_own_language_is_accepted(language, body):
    form = edition_form(language, body)
    assert form.is_valid(), form.errors


def test_a_spanish_body_marked_portuguese_is_refused():
    form = edition_form("pt", SPANISH_BODY)
    assert not form.is_valid()
    assert "Spanish" in str(form.errors["body"]) and "Portuguese" in str(form.errors["body"])


def test_a_short_text_is_not_checked():
    # Too short to tell reliably: a name or a few words pass whatever the language.
    form = edition_form("en", "Biblioteca nova no bairro.")
    assert form.is_valid(), form.errors


def admin_pages(story: Story) -> list[str]:
    return [
        reverse("admin:index"),
        reverse("admin:newsroom_story_changelist"),
        reverse("admin:newsroom_story_add"),
        reverse("admin:newsroom_story_change", args=[story.pk]),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
    ]


@pytest.mark.parametrize("language", ["pt", "es"])
def test_the_admin_shows_no_english_words_in_portuguese_or_spanish(client, editor, language):
    story = make_story(languages=())  # no edition yet: named by its number
    for url in admin_pages(story):
        text = visible_text(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
        assert [word for word in ENGLISH_LEFTOVERS if word in text] == [], url


def story_form_data(story: Story, **changes) -> dict:
    data = {
        "key": "",
        "section": story.section_id,
        "source_language": story.source_language,
        "created_at_0": "2026-03-04",
        "created_at_1": "10:00:00",
        "editions-TOTAL_FORMS": "0",
        "editions-INITIAL_FORMS": "0",
        "editions-MIN_NUM_FORMS": "0",
        "editions-MAX_NUM_FORMS": "3",
        "story_credits-TOTAL_FORMS": "0",
        "story_credits-INITIAL_FORMS": "0",
        "story_credits-MIN_NUM_FORMS": "0",
        "story_credits-MAX_NUM_FORMS": "30",
    }
    data.update(changes)
    return data


def save_story(client, story: Story, language: str) -> str:
    data = story_form_data(story)
    response = client.post(
        reverse("admin:newsroom_story_change", args=[story.pk]),
        data,
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )
    return " ".join(str(m) for m in response.context["messages"])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pt", "A reportagem “Reportagem {pk}” foi alterada com sucesso."),
        ("es", "La noticia “Noticia {pk}” fue modificada correctamente."),
        ("en", "The story “Story {pk}” was changed successfully."),
    ],
)
def test_the_save_message_names_the_story_in_the_editors_language_and_gender(
    client, editor, language, expected
):
    story = make_story(languages=(), section=make_section())
    message = (
        visible_text(save_story(client, story, language)).replace("“ ", "“").replace(" ”", "”")
    )
    assert expected.format(pk=story.pk) in message


def test_a_source_language_none_of_the_editions_is_in_is_refused(client, editor):
    story = make_story(languages=(), section=make_section())
    edition = {
        "editions-TOTAL_FORMS": "1",
        "editions-0-language": "pt",
        "editions-0-status": Edition.Status.DRAFT,
        "editions-0-headline": "Biblioteca nova no bairro",
        "editions-0-slug": "biblioteca-nova",
        "editions-0-standfirst": "",
        "editions-0-body": PORTUGUESE_BODY,
        "editions-0-origin": Edition.Origin.ORIGINAL,
    }
    url = reverse("admin:newsroom_story_change", args=[story.pk])
    refused = client.post(
        url, story_form_data(story, source_language="en", **edition), HTTP_ACCEPT_LANGUAGE="pt"
    )
    assert refused.status_code == 200
    assert "O idioma de origem da reportagem é inglês" in refused.content.decode()
    assert not story.editions.exists()

    saved = client.post(url, story_form_data(story, source_language="pt", **edition))
    assert saved.status_code == 302
    assert story.editions.get().language == "pt"
