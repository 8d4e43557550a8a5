"""POST /api/imports/: wire copy in through the API, with the token's permissions."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from prensa.api.models import ApiToken
from prensa.desk.models import DraftJob
from prensa.newsroom.models import Edition, Story
from prensa.staff import roles
from tests.factories import make_section
from tests.wire.conftest import sample


@pytest.fixture
def key(db):
    make_section("World", "Mundo", "Mundo")
    user = User.objects.create_user("wire", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return ApiToken.issue(user, "wire")[1]


def _post(client, key: str, name: str, data: bytes, **fields):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/imports/",
        {"file": SimpleUploadedFile(name, data), **fields},
        headers={"Authorization": f"Bearer {key}"},
    )


def test_a_ninjs_file_becomes_a_draft_story_and_a_second_upload_is_skipped(client, key):
    first = _post(client, key, "item.json", sample("ninjs3.json"))
    assert first.status_code == 200
    report = first.json()
    assert (report["ok"], report["created"]) == (True, 1)
    edition = Edition.objects.get(pk=report["items"][0]["edition"])
    assert edition.status == Edition.Status.DRAFT
    assert edition.story.created_by.username == "wire"
    again = _post(client, key, "item.json", sample("ninjs3.json")).json()
    assert (again["skipped"], again["created"]) == (1, 0)
    assert Story.objects.count() == 1


def test_translate_sends_the_imported_story_to_the_desk(client, key):
    response = _post(client, key, "feed.xml", sample("rss.xml"), translate="true")
    assert response.status_code == 200
    created = response.json()["created"]
    assert created >= 1
    assert DraftJob.objects.count() == 2 * created


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("item.json", b'{"uri": "urn:x", "headlines": ['),
        ("item.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
        ("item.json", sample("ninjs3.json")[:50]),
    ],
)
def test_a_broken_file_is_a_422_with_the_reason_and_nothing_imported(client, key, name, data):
    response = _post(client, key, name, data)
    assert response.status_code == 422
    report = response.json()
    assert report["refused"] == 1 and report["items"][0]["message"]
    assert not Story.objects.exists()


def test_importing_needs_a_token_and_a_role_that_may_add_stories(client, db):
    anonymous = client.post("/api/imports/", {"file": SimpleUploadedFile("a.txt", b"x")})
    assert anonymous.status_code == 401
    make_section()
    moderator = User.objects.create_user("mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name=roles.MODERATOR))
    response = _post(client, ApiToken.issue(moderator, "m")[1], "story.txt", sample("story.txt"))
    assert response.status_code == 422
    assert "permission" in response.json()["items"][0]["message"]
    assert not Story.objects.exists()


def test_a_refusal_is_a_problem_document_carrying_the_report(client, key):
    response = _post(client, key, "item.json", b"{")
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and "item.json" in body["detail"]
    assert body["items"][0]["result"] == "refused"
