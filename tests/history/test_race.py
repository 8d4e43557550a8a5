"""Fifty editors save one edition at once: each save is stored or refused, none is lost.

Each writer is a real request to the admin's story form, in its own thread and database
connection. On SQLite the test moves to a database file of its own for the race (the
suite's in-memory database cannot be shared between connections that wait on locks).
"""

import sqlite3
import threading
from contextlib import closing

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from prensa.desk.actions import ActionError, DraftEdition, SaveSegment, text_version
from prensa.desk.models import Segment
from prensa.history.models import EditionRevision
from prensa.newsroom.models import Edition
from tests.factories import make_story
from tests.test_admin import editions_prefix
from tests.test_admin_fuzz import open_form

WRITERS = 50


@pytest.fixture
def race_database(transactional_db, tmp_path):
    """The test's database, reachable from other threads' connections while they wait."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "race.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)  # the suite's schema, as the test starts
    name, kept = connection.settings_dict["NAME"], connection.connection
    options = connection.settings_dict.setdefault("OPTIONS", {})
    timeout = options.get("timeout")
    connection.connection = None  # keep the in-memory database alive for the suite
    connection.settings_dict["NAME"] = str(path)
    # Twenty-five writers queue for the one write lock at once; on a busy shared machine
    # the last can wait longer than the 20 s a deployment waits for a busy file.
    options["timeout"] = 300
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        if timeout is None:
            options.pop("timeout", None)
        else:
            options["timeout"] = timeout
        connection.connection = kept


def test_fifty_concurrent_saves_are_each_stored_or_refused_and_none_is_lost(race_database):
    editor = User.objects.create_superuser("racer", "racer@example.org", "pw")
    story = make_story(languages=("en",))
    edition = story.edition_for("en")
    url = reverse("admin:newsroom_story_change", args=[story.pk])
    opener = Client()
    opener.force_login(editor)
    form = open_form(opener, url, type(story))  # the form as every writer opened it
    prefix = editions_prefix(form, "en")
    start = threading.Barrier(WRITERS // 2)
    outcomes: dict[int, str] = {}

    def write(n: int) -> None:
        try:
            data = {**form, f"{prefix}headline": [f"Headline written by editor {n}"]}
            if n % 2 == 0:
                start.wait(timeout=60)  # half of them from the first revision, at one moment
            else:  # the others from whichever revision is the newest when they start
                revision = Edition.objects.get(pk=edition.pk).revision
                data[f"{prefix}expected_revision"] = [str(revision)]
            client = Client()
            client.cookies = opener.cookies
            response = client.post(url, {**data, "_save": "Save"}, HTTP_ACCEPT_LANGUAGE="en")
            if response.status_code == 302:
                outcomes[n] = "stored"
            elif b"Someone else saved this edition" in response.content:
                outcomes[n] = "refused"
            else:
                outcomes[n] = f"HTTP {response.status_code}"
        except Exception as exc:
            outcomes[n] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert set(outcomes.values()) <= {"refused", "stored"}, outcomes
    assert len(outcomes) == WRITERS
    stored = sorted(n for n, outcome in outcomes.items() if outcome == "stored")
    assert stored, outcomes  # at least the first save goes through
    # Every save leaves a revision; one that changed the text has a new revision number
    # (a status change the workflow makes after it keeps the number).
    saves = EditionRevision.objects.filter(id=edition.pk, history_type="~").order_by("history_id")
    texts = {record.revision: record.headline for record in saves}
    assert sorted(texts) == list(range(2, 2 + len(stored)))  # one per accepted save
    assert sorted(int(headline.rsplit(" ", 1)[1]) for headline in texts.values()) == stored
    assert Edition.objects.get(pk=edition.pk).headline == texts[max(texts)]
    assert len([n for n in stored if n % 2 == 0]) <= 1, stored  # one from the first revision


def test_concurrent_desk_saves_of_one_paragraph_are_each_stored_or_refused(race_database):
    story = make_story(languages=("en",), status=Edition.Status.DRAFT)
    edition = story.edition_for("en")
    edition.body = "The ferry returned on Tuesday.\n\nMore than 250,000 people use it."
    edition.save()
    draft = DraftEdition(story, "es").execute()
    paragraph = Segment.objects.get(edition=draft, position=2)
    first_version = text_version(paragraph)
    writers = 20
    start = threading.Barrier(writers // 2)
    outcomes: dict[int, str] = {}

    def write(n: int) -> None:
        try:
            row = Segment.objects.get(pk=paragraph.pk)  # as the desk's view loads it
            based_on = first_version
            if n % 2 == 0:
                start.wait(timeout=60)  # half of them from the first version, at one moment
            else:
                based_on = text_version(row)
            SaveSegment(row, f"El ferri volvió, escribe {n}.", None, based_on=based_on).execute()
            outcomes[n] = "stored"
        except ActionError as refused:
            outcomes[n] = "refused" if refused.status == 409 else refused.message
        except Exception as exc:
            outcomes[n] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert set(outcomes.values()) <= {"refused", "stored"}, outcomes
    stored = sorted(n for n, outcome in outcomes.items() if outcome == "stored")
    assert stored, outcomes
    since = EditionRevision.objects.filter(id=draft.pk, revision__gt=draft.revision)
    bodies = {record.revision: record.body for record in since}
    assert sorted(bodies) == list(range(draft.revision + 1, draft.revision + 1 + len(stored)))
    written = sorted(int(b.split("escribe ")[1].split(".")[0]) for b in bodies.values())
    assert written == stored  # each accepted paragraph is in its own revision
    # Of the saves made from one version, one at most went through: none laid its words
    # over another's without having seen them.
    assert len([n for n in stored if n % 2 == 0]) <= 1, stored
