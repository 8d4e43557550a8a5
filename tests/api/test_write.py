"""Writing through the API with a token: the workflow's own actions, under each role."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from prensa.api.models import ApiToken
from prensa.desk.models import DraftJob
from prensa.newsroom.models import Edition, Section, Story
from prensa.staff import roles
from prensa.staff.models import LanguageAssignment
from prensa.workflow.models import TransitionLog
from tests.factories import make_section, make_tag

PT_BODY = (
    "A prefeitura abriu nesta terça-feira a nova estação de tratamento de água do bairro, "
    "que deve atender cerca de vinte mil moradores até o fim do ano.\n\n"
    "Segundo os engenheiros, a obra levou dois anos e custou menos do que o previsto."
)


def _token(name: str, role: str | None, languages: tuple[str, ...] = ()) -> str:
    user = User.objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    for language in languages:
        LanguageAssignment.objects.create(user=user, language=language)
    return ApiToken.issue(user, "test")[1]


def _auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def section(db):
    return make_section("City", "Cidade", "Ciudad")


@pytest.fixture
def reporter(db):
    return _token("reporter", roles.REPORTER)


@pytest.fixture
def editor(db):
    return _token("editor", roles.EDITOR)


def _create(client, token_key: str, **extra) -> object:
    payload = {
        "section": Section.objects.get().slug_pt,
        "source_language": "pt",
        "headline": "Nova estação de água abre no bairro",
        "body": PT_BODY,
        **extra,
    }
    return client.post(
        "/api/stories/", payload, content_type="application/json", headers=_auth(token_key)
    )


def test_writing_without_a_token_is_a_401_problem(client, section):
    response = client.post("/api/stories/", {}, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"
    bad = client.post(
        "/api/stories/", {}, content_type="application/json", headers=_auth("prensa_nope")
    )
    assert bad.status_code == 401


def test_a_revoked_token_no_longer_works(client, section, reporter):
    ApiToken.objects.update(revoked=True)
    assert _create(client, reporter).status_code == 401


def test_a_reporter_creates_a_draft_story_credited_to_them(client, section, reporter):
    tag = make_tag("Water", "Água", "Agua")
    response = _create(client, reporter, tags=[tag.slug_pt], standfirst="Obra levou dois anos.")
    assert response.status_code == 201
    data = response.json()
    story = Story.objects.get(pk=data["story"])
    assert story.created_by.username == "reporter"
    assert list(story.tags.all()) == [tag]
    edition = Edition.objects.get(pk=data["edition"])
    assert (edition.language, edition.status) == ("pt", Edition.Status.DRAFT)
    assert client.get(f"/api/editions/{edition.pk}").status_code == 404  # not for readers yet


def test_a_body_in_another_language_than_declared_is_refused(client, section, reporter):
    response = _create(client, reporter, source_language="en")
    assert response.status_code == 400
    assert "Portuguese" in response.json()["detail"]
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"section": "nowhere"}, "section"),
        ({"headline": "   "}, "headline"),
        ({"tags": ["no-such-tag"]}, "tags"),
        ({"source_language": "fr"}, "source_language"),
    ],
)
def test_bad_stories_are_refused_whole(client, section, reporter, change, field):
    response = _create(client, reporter, **change)
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert not Story.objects.exists() and not Edition.objects.exists()


def test_a_key_already_taken_is_a_conflict(client, section, reporter):
    assert _create(client, reporter, key="wire-123").status_code == 201
    again = _create(client, reporter, key="wire-123")
    assert again.status_code == 409
    assert Story.objects.count() == 1


def test_a_moderator_may_not_create_stories(client, section):
    key = _token("moderator", roles.MODERATOR)
    assert _create(client, key).status_code == 403
    assert not Story.objects.exists()


def test_creating_with_translate_queues_drafts_for_the_other_languages(client, section, editor):
    response = _create(client, editor, translate=True)
    assert response.status_code == 201
    queued = {t["language"] for t in response.json()["translations"] if "job" in t}
    assert queued == {"es", "en"}
    assert set(DraftJob.objects.values_list("language", flat=True)) == {"es", "en"}


def test_an_edit_must_name_the_revision_it_changes(client, section, reporter):
    edition_id = _create(client, reporter).json()["edition"]
    url = f"/api/editions/{edition_id}"
    ok = client.patch(
        url,
        {"revision": 1, "headline": "Estação de água abre"},
        content_type="application/json",
        headers=_auth(reporter),
    )
    assert ok.status_code == 200 and ok.json()["revision"] == 2
    stale = client.patch(
        url,
        {"revision": 1, "headline": "Outra versão"},
        content_type="application/json",
        headers=_auth(reporter),
    )
    assert stale.status_code == 409 and "revision 2" in stale.json()["detail"]
    missing = client.patch(
        url, {"headline": "Sem revisão"}, content_type="application/json", headers=_auth(reporter)
    )
    assert missing.status_code == 400
    assert Edition.objects.get(pk=edition_id).headline == "Estação de água abre"


def test_an_editor_runs_the_workflow_and_each_step_is_logged(client, section, reporter, editor):
    edition_id = _create(client, reporter).json()["edition"]
    base = f"/api/editions/{edition_id}/transitions"
    submit = client.post(
        f"{base}/submit", {}, content_type="application/json", headers=_auth(reporter)
    )
    assert submit.status_code == 200 and submit.json()["status"] == "in_review"
    refused = client.post(
        f"{base}/publish", {}, content_type="application/json", headers=_auth(reporter)
    )
    assert refused.status_code == 403
    published = client.post(
        f"{base}/publish",
        {"note": "Pronta"},
        content_type="application/json",
        headers=_auth(editor),
    )
    assert published.status_code == 200 and published.json()["status"] == "published"
    log = TransitionLog.objects.filter(edition_id=edition_id).order_by("pk")
    assert [(e.action, e.user.username) for e in log] == [
        ("submit", "reporter"),
        ("publish", "editor"),
    ]
    assert client.get(f"/api/editions/{edition_id}").status_code == 200


def test_scheduling_in_the_past_or_an_unknown_action_is_refused(client, section, editor):
    edition_id = _create(client, editor).json()["edition"]
    base = f"/api/editions/{edition_id}/transitions"
    client.post(f"{base}/submit", {}, content_type="application/json", headers=_auth(editor))
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    response = client.post(
        f"{base}/schedule", {"at": past}, content_type="application/json", headers=_auth(editor)
    )
    assert response.status_code == 400 and "past" in response.json()["detail"]
    unknown = client.post(f"{base}/fly", {}, content_type="application/json", headers=_auth(editor))
    assert unknown.status_code == 400
    assert Edition.objects.get(pk=edition_id).status == Edition.Status.IN_REVIEW


def test_a_translator_may_request_drafts_only_in_their_languages(client, section, editor):
    story_id = _create(client, editor).json()["story"]
    key = _token("tradutora", roles.TRANSLATOR, languages=("es",))
    response = client.post(
        f"/api/stories/{story_id}/translations",
        {"languages": ["es", "en"]},
        content_type="application/json",
        headers=_auth(key),
    )
    assert response.status_code == 202
    results = {t["language"]: t for t in response.json()["translations"]}
    assert "job" in results["es"] and "refused" in results["en"]
    assert list(DraftJob.objects.values_list("language", flat=True)) == ["es"]


def test_the_token_command_prints_a_key_that_works(client, section, capsys):
    user = User.objects.create_user("wire", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.REPORTER))
    call_command("api_token", "wire", "--name", "wire importer")
    key = capsys.readouterr().out.strip()
    assert ApiToken.objects.get().key_digest != key  # only the digest is stored
    assert _create(client, key).status_code == 201


def test_a_reporter_may_not_edit_someone_elses_story(client, section, reporter, editor):
    edition_id = _create(client, editor).json()["edition"]
    response = client.patch(
        f"/api/editions/{edition_id}",
        {"revision": 1, "headline": "Trocada"},
        content_type="application/json",
        headers=_auth(reporter),
    )
    assert response.status_code == 403
    assert Edition.objects.get(pk=edition_id).headline != "Trocada"
