"""Roles: who may open every protected page and run every protected action.

The persona matrix: one user per role (the groups the staff migration creates), a
translator assigned to Spanish only, and someone signed out. Each row names a page or an
action and the personas it lets in; the others get a 403, and the signed-out visitor the
login page. To protect a new view, add a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prensa.comments.models import Comment
from prensa.desk import segments
from prensa.desk.actions import text_version
from prensa.desk.models import DraftJob, ParagraphQuery, Segment
from prensa.desk.queries import AskQuery
from prensa.newsroom.models import Edition, Story
from prensa.staff import roles
from prensa.staff.access import allowed, languages_for, refusal
from prensa.staff.models import LanguageAssignment
from prensa.translation.models import GlossaryEntry, TranslationMemoryEntry
from tests.factories import make_edition, make_story

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
PERSONAS = [ANONYMOUS, "reporter", "translator", "translator_es", "editor", "moderator", "admin"]
ROLE_OF = {
    "reporter": roles.REPORTER,
    "translator": roles.TRANSLATOR,
    "translator_es": roles.TRANSLATOR,
    "editor": roles.EDITOR,
    "moderator": roles.MODERATOR,
    "admin": roles.ADMIN,
}
ASSIGNED = {"translator": ("pt", "es", "en"), "translator_es": ("es",)}


@dataclass
class World:
    users: dict[str, User]
    own_story: Story  # a draft the reporter wrote
    story: Story  # the editor's: English published, Portuguese and Spanish drafts at the desk
    pt_row: Segment
    es_row: Segment
    memory_pt: TranslationMemoryEntry
    term_pt: GlossaryEntry
    comment: Comment
    query: ParagraphQuery


def make_user(name: str, role: str | None) -> User:
    user = User.objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    for language in ASSIGNED.get(name, ()):
        LanguageAssignment.objects.create(user=user, language=language)
    return User.objects.get(pk=user.pk)  # fresh permission cache


def paragraph(edition: Edition) -> Segment:
    return Segment.objects.get(edition=edition, position=2)  # the first body paragraph


@pytest.fixture
def world(db) -> World:
    users = {name: make_user(name, role) for name, role in ROLE_OF.items()}
    own_story = make_story(languages=("en",), status=Edition.Status.DRAFT)
    own_story.created_by = users["reporter"]
    own_story.save()
    story = make_story(languages=("en",))
    story.created_by = users["editor"]
    story.save()
    source = story.edition_for("en")
    for language in ("pt", "es"):
        target = make_edition(
            story,
            language,
            status=Edition.Status.DRAFT,
            translated_from=source,
            origin=Edition.Origin.MACHINE,
        )
        assert segments.adopt(source, target)
    pt_row = paragraph(story.edition_for("pt"))
    es_row = paragraph(story.edition_for("es"))
    return World(
        users=users,
        own_story=own_story,
        story=story,
        pt_row=pt_row,
        es_row=es_row,
        memory_pt=TranslationMemoryEntry.objects.create(
            source_language="en",
            target_language="pt",
            source_text="The ferry returned.",
            target_text="A balsa voltou.",
        ),
        term_pt=GlossaryEntry.objects.create(
            term="ferry", rendering="balsa", source_language="en", target_language="pt"
        ),
        comment=Comment.objects.create(edition=source, name="Reader", body="A comment."),
        query=AskQuery(pt_row, "Which ferry?", None).execute(),
    )


# -- the matrix ------------------------------------------------------------------------------

DESK = frozenset({"translator", "translator_es", "editor", "admin"})
PT_DESK = DESK - {"translator_es"}  # Portuguese work: not for the Spanish-only translator
PUBLISHERS = frozenset({"editor", "admin"})
STAFF = frozenset(PERSONAS) - {ANONYMOUS}
STORIES = frozenset({"reporter", "editor", "admin"})
MODERATION = frozenset({"moderator", "admin"})


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    method: str = "get"
    data: Callable[[World], dict] = lambda w: {}
    ok: int | None = None  # what an allowed persona gets (default: 200 for GET, 302 for POST)
    hidden: frozenset[str] = field(default_factory=frozenset)  # these get a 404 instead
    anonymous: int | None = None  # None: the login page; reader pages answer 404 instead

    def expected_ok(self) -> int:
        return self.ok or (200 if self.method == "get" else 302)


def _story(w: World, language: str, name: str) -> str:
    return reverse(name, args=[w.story.pk, language])


def _save(row: Callable[[World], Segment]) -> Callable[[World], dict]:
    def data(w: World) -> dict:
        segment = row(w)
        return {"text": segment.text + " (revisto)", "based_on": text_version(segment)}

    return data


def _ready(w: World, data: dict) -> dict:
    """The translations approved (ready), so that scheduling them is a question of who asks."""
    Edition.objects.filter(story=w.story, language__in=["pt", "es"]).update(
        status=Edition.Status.READY
    )
    return data


def _restorable(w: World) -> dict:
    """The Portuguese headline changed since its first revision, which a restore brings back."""
    from prensa.history.models import EditionRevision

    edition = w.story.edition_for("pt")
    edition.headline = "Outro título"
    edition.save()
    first = EditionRevision.objects.filter(id=edition.pk).order_by("history_id").first()
    return {"revision": first.history_id, "expected_revision": edition.revision}


def _admin(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(f"admin:{name}", args=[arg(w) for arg in args])


# One row per line, as a table (the formatter leaves it so).
# fmt: off
ROWS = [
    # The translation desk.
    Row("desk index", lambda w: reverse("desk:index"), DESK),
    Row("review pt", lambda w: _story(w, "pt", "desk:review"), PT_DESK),
    Row("review es", lambda w: _story(w, "es", "desk:review"), DESK),
    Row("draft status pt", lambda w: _story(w, "pt", "desk:status"), PT_DESK),
    Row("draft pt", lambda w: _story(w, "pt", "desk:draft_one"), PT_DESK, "post"),
    Row("draft es", lambda w: _story(w, "es", "desk:draft_one"), DESK, "post"),
    Row("draft selected", lambda w: reverse("desk:draft"), DESK, "post", lambda w: {"story": w.story.pk}),
    Row("save paragraph pt", lambda w: reverse("desk:segment", args=[w.pt_row.pk]), PT_DESK, "post", _save(lambda w: w.pt_row)),
    Row("save paragraph es", lambda w: reverse("desk:segment", args=[w.es_row.pk]), DESK, "post", _save(lambda w: w.es_row)),
    Row("publish page pt", lambda w: _story(w, "pt", "desk:publish"), PUBLISHERS),
    Row("publish pt", lambda w: _story(w, "pt", "desk:publish"), PUBLISHERS, "post", lambda w: {"allow_machine": "1"}),
    Row("publish es", lambda w: _story(w, "es", "desk:publish"), PUBLISHERS, "post", lambda w: {"allow_machine": "1"}),
    Row("xliff pt", lambda w: _story(w, "pt", "desk:xliff"), PT_DESK),
    Row("xliff import pt", lambda w: _story(w, "pt", "desk:xliff_import"), PT_DESK, "post", ok=400),
    Row("memory", lambda w: reverse("desk:memory"), DESK),
    Row("memory entry pt", lambda w: reverse("desk:memory_edit", args=[w.memory_pt.pk]), PT_DESK),
    Row("delete memory entry", lambda w: reverse("desk:memory_delete", args=[w.memory_pt.pk]), PUBLISHERS, "post"),
    Row("tmx", lambda w: reverse("desk:tmx"), DESK),
    Row("glossary", lambda w: reverse("desk:terms"), DESK),
    Row(
        "add term pt",
        lambda w: reverse("desk:terms"),
        PT_DESK,
        "post",
        lambda w: {"term": "pier", "rendering": "cais", "source_language": "en", "target_language": "pt"},
    ),
    Row(
        "add term es",
        lambda w: reverse("desk:terms"),
        DESK,
        "post",
        lambda w: {"term": "pier", "rendering": "muelle", "source_language": "en", "target_language": "es"},
    ),
    Row("term pt", lambda w: reverse("desk:term_edit", args=[w.term_pt.pk]), DESK),
    Row("apply term pt", lambda w: reverse("desk:term_apply", args=[w.term_pt.pk]), PT_DESK),
    Row("queries", lambda w: reverse("desk:queries"), STAFF),
    Row(
        "ask about pt",
        lambda w: _story(w, "pt", "desk:query_ask"),
        PT_DESK,
        "post",
        lambda w: {"segment": w.pt_row.pk, "question": "Which pier?"},
    ),
    Row(
        "resolve query",
        lambda w: reverse("desk:query_resolve", args=[w.query.pk]),
        PUBLISHERS,
        "post",
        hidden=frozenset({"reporter", "moderator"}),  # a query not addressed to them
    ),
    # Workflow at the desk: transitions (per language), scheduling a story, notes.
    Row("submit pt for review", lambda w: _story(w, "pt", "desk:transition"), PT_DESK, "post", lambda w: {"action": "submit"}),
    Row("kill pt", lambda w: _story(w, "pt", "desk:transition"), PUBLISHERS, "post", lambda w: {"action": "kill", "note": "Wrong story."}),
    Row("schedule story", lambda w: reverse("desk:schedule_story", args=[w.story.pk]), PUBLISHERS, "post", lambda w: _ready(w, {"at": "2999-01-01T10:00"})),
    Row("corrections and updates", lambda w: reverse("desk:notes", args=[w.story.pk]), PUBLISHERS),
    # Revisions, and the wire import page (both under /desk/).
    Row("own story's history", lambda w: reverse("history:story", args=[w.own_story.pk]), STORIES),
    Row("another's story's history", lambda w: reverse("history:story", args=[w.story.pk]), PUBLISHERS),
    Row("restore a revision", lambda w: reverse("history:restore", args=[w.story.pk, "pt"]), PUBLISHERS, "post", _restorable),
    Row("import stories", lambda w: reverse("wire:import"), STORIES),
    Row("upload pictures", lambda w: reverse("media:upload"), STORIES),
    # Previews of a draft at its address: staff who may see it; others' "?preview=1" is a
    # refused preview link (403, even signed out: reader pages never send to a login page).
    Row("preview own draft", lambda w: w.own_story.edition_for("en").get_absolute_url() + "?preview=1", STORIES, anonymous=403),
    Row("preview another's draft", lambda w: w.story.edition_for("pt").get_absolute_url() + "?preview=1", PUBLISHERS, hidden=frozenset({"reporter"}), anonymous=403),
    # Stories in the admin: reporters their own, editors all.
    Row("story list", _admin("newsroom_story_changelist"), STORIES),
    Row("new story", _admin("newsroom_story_add"), STORIES),
    Row("own draft", _admin("newsroom_story_change", lambda w: w.own_story.pk), STORIES),
    Row("someone else's story", _admin("newsroom_story_change", lambda w: w.story.pk), PUBLISHERS),
    Row("story admin history", _admin("newsroom_story_history", lambda w: w.story.pk), PUBLISHERS),
    Row("pictures", _admin("media_image_changelist"), STORIES),
    Row("new picture", _admin("media_image_add"), STORIES),
    Row("transition log", _admin("workflow_transitionlog_changelist"), PUBLISHERS),
    Row("delete story", _admin("newsroom_story_delete", lambda w: w.story.pk), PUBLISHERS),
    # Comments: moderators.
    Row("comments", _admin("comments_comment_changelist"), MODERATION),
    Row("comments to review", _admin("comments_moderationqueue_changelist"), MODERATION),
    Row("comment", _admin("comments_comment_change", lambda w: w.comment.pk), MODERATION),
    Row(
        "approve comment",
        _admin("comments_comment_changelist"),
        MODERATION,
        "post",
        lambda w: {"action": "approve", "_selected_action": [w.comment.pk], "index": "0"},
    ),
    Row("bans", _admin("comments_ban_changelist"), MODERATION),
    # People and roles: administrators.
    Row("people", _admin("auth_user_changelist"), frozenset({"admin"})),
    Row("new person", _admin("auth_user_add"), frozenset({"admin"})),
    Row("a person", _admin("auth_user_change", lambda w: w.users["translator_es"].pk), frozenset({"admin"})),
    Row("roles", _admin("auth_group_changelist"), frozenset({"admin"})),
]
# fmt: on


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_each_persona_gets_what_its_role_allows(client, world, row, persona):
    if persona != ANONYMOUS:
        client.force_login(world.users[persona])

    response = getattr(client, row.method)(row.url(world), row.data(world))

    if persona == ANONYMOUS and row.anonymous is not None:
        assert response.status_code == row.anonymous
    elif persona == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    elif persona in row.allowed:
        assert response.status_code == row.expected_ok(), response.content[:300]
    elif persona in row.hidden:
        assert response.status_code == 404
    else:
        assert response.status_code == 403


def test_every_desk_url_has_a_row():
    import prensa.urls  # noqa: F401 (registers the path converters the desk's routes use)
    from prensa.desk.urls import urlpatterns

    named = {pattern.name for pattern in urlpatterns}
    covered = {
        "index", "draft", "review", "status", "draft_one", "publish", "segment", "memory",
        "memory_edit", "memory_delete", "tmx", "xliff", "xliff_import", "terms", "term_edit",
        "term_apply", "queries", "query_ask", "query_resolve", "transition", "schedule_story",
        "notes",
    }  # fmt: skip
    # query_answer is query_resolve's twin (same access check, tested in tests/desk).
    assert named - covered <= {"query_answer"}, named - covered - {"query_answer"}


# -- the roles themselves ----------------------------------------------------------------------


def test_the_migration_creates_the_five_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.LABELS)


@pytest.mark.parametrize(
    ("role", "permission", "has"),
    [
        (roles.REPORTER, "newsroom.add_story", True),
        (roles.REPORTER, "newsroom.publish_edition", False),
        (roles.TRANSLATOR, "desk.change_segment", True),
        (roles.TRANSLATOR, "newsroom.publish_edition", False),
        (roles.TRANSLATOR, "translation.delete_translationmemoryentry", False),
        (roles.EDITOR, "newsroom.publish_edition", True),
        (roles.EDITOR, "newsroom.kill_edition", True),
        (roles.EDITOR, "newsroom.correct_edition", True),
        (roles.EDITOR, "comments.moderate_comment", False),
        (roles.EDITOR, "auth.change_user", False),
        (roles.MODERATOR, "comments.moderate_comment", True),
        (roles.MODERATOR, "desk.view_segment", False),
        (roles.ADMIN, "auth.change_user", True),
        (roles.ADMIN, "staff.add_languageassignment", True),
        (roles.REPORTER, "media.add_image", True),
        (roles.REPORTER, "newsroom.change_correction", False),
        (roles.EDITOR, "newsroom.change_correction", True),
        (roles.EDITOR, "workflow.view_transitionlog", True),
    ],
)
def test_a_role_grants_what_it_says(role, permission, has):
    user = make_user("someone", role)
    assert user.has_perm(permission) is has


@pytest.mark.parametrize(
    ("language", "name"),
    [("pt", "Tradutor"), ("es", "Traductor"), ("en", "Translator")],
)
def test_role_names_are_shown_in_the_interface_language(client, language, name):
    client.force_login(make_user("root", roles.ADMIN))
    user = make_user("maria", roles.TRANSLATOR)

    page = client.get(
        reverse("admin:auth_user_change", args=[user.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    assert f">{name}</option>" in page.content.decode()
    assert Group.objects.filter(name=roles.TRANSLATOR).exists()  # stored in English


# -- prensa.staff.access -----------------------------------------------------------------------


def test_a_translator_works_only_in_the_languages_assigned_to_them(world):
    spanish = world.users["translator_es"]

    assert allowed(spanish, "desk.change_segment", "es")
    assert not allowed(spanish, "desk.change_segment", "pt")
    assert allowed(spanish, "desk.change_segment")  # no language asked
    assert not allowed(spanish, "desk.change_segment", "")  # "" is every language
    assert not allowed(spanish, "newsroom.publish_edition", "es")  # the role lacks it
    assert languages_for(spanish) == {"es"}


def test_editors_superusers_and_the_system_work_in_every_language(world):
    root = User.objects.create_superuser("root", "root@example.org", "pw")
    for who in (world.users["editor"], world.users["admin"], root, None):
        assert languages_for(who) is None
        assert allowed(who, "desk.change_segment", "pt")
        assert allowed(who, "desk.change_segment", "")


def test_a_translator_with_no_language_assigned_works_in_none(db):
    user = make_user("new", roles.TRANSLATOR)

    assert allowed(user, "desk.view_segment")
    assert not any(allowed(user, "desk.change_segment", code) for code in ("pt", "es", "en"))


def test_signed_out_and_deactivated_people_may_do_nothing(world):
    spanish = world.users["translator_es"]
    spanish.is_active = False
    spanish.save()

    assert not allowed(AnonymousUser(), "desk.view_segment", "es")
    assert not allowed(User.objects.get(pk=spanish.pk), "desk.view_segment", "es")
    assert languages_for(AnonymousUser()) == frozenset()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "not assigned to work in Portuguese"),
        ("pt", "O idioma português não foi atribuído a você"),
    ],
)
def test_the_refusal_names_the_language_in_the_persons_language(world, language, said):
    with translation.override(language):
        message = refusal(world.users["translator_es"], "desk.change_segment", "pt")
    assert said in message
    assert refusal(world.users["translator_es"], "desk.change_segment", "es") is None


# -- a translator acting on a language not assigned to them: a 403 that says why, no change ----


@pytest.fixture
def spanish_client(client, world) -> Client:
    client.force_login(world.users["translator_es"])
    return client


def test_saving_a_paragraph_in_another_language_changes_nothing(spanish_client, world):
    before = (world.pt_row.text, world.pt_row.state)

    response = spanish_client.post(
        reverse("desk:segment", args=[world.pt_row.pk]), _save(lambda w: w.pt_row)(world)
    )

    assert response.status_code == 403
    assert "You are not assigned to work in Portuguese" in response.content.decode()
    world.pt_row.refresh_from_db()
    assert (world.pt_row.text, world.pt_row.state) == before


def test_saving_in_another_language_from_the_page_script_gets_the_reason_as_json(
    spanish_client, world
):
    response = spanish_client.post(
        reverse("desk:segment", args=[world.pt_row.pk]),
        _save(lambda w: w.pt_row)(world),
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 403
    assert "not assigned to work in Portuguese" in response.json()["error"]


def test_confirming_a_paragraph_in_another_language_changes_nothing(spanish_client, world):
    Segment.objects.filter(pk=world.pt_row.pk).update(state="machine")
    row = Segment.objects.get(pk=world.pt_row.pk)

    response = spanish_client.post(
        reverse("desk:segment", args=[row.pk]),
        {"action": "review", "based_on": text_version(row), "source_based_on": "x"},
    )

    assert response.status_code == 403
    assert Segment.objects.get(pk=row.pk).state == "machine"


def test_drafting_another_language_queues_nothing(spanish_client, world):
    response = spanish_client.post(_story(world, "pt", "desk:draft_one"))

    assert response.status_code == 403
    assert "not assigned to work in Portuguese" in response.content.decode()
    assert not DraftJob.objects.exists()


def test_drafting_the_selected_stories_drafts_only_the_translators_languages(spanish_client, world):
    story = make_story(languages=("en",))

    response = spanish_client.post(reverse("desk:draft"), {"story": [story.pk]}, follow=True)

    assert set(DraftJob.objects.values_list("language", flat=True)) <= {"es"}
    assert "Not drafted in Portuguese: those languages are not assigned to you." in [
        str(m) for m in response.context["messages"]
    ]


def test_reading_another_languages_review_page_is_refused_with_the_reason(spanish_client, world):
    response = spanish_client.get(_story(world, "pt", "desk:review"))

    assert response.status_code == 403
    assert "not assigned to work in Portuguese" in response.content.decode()


def test_a_glossary_term_for_another_language_is_not_saved(spanish_client, world):
    response = spanish_client.post(
        reverse("desk:terms"),
        {"term": "pier", "rendering": "cais", "source_language": "en", "target_language": "pt"},
    )

    assert response.status_code == 403
    assert not GlossaryEntry.objects.filter(term="pier").exists()


def test_a_term_of_another_language_cannot_be_moved_into_ones_own(spanish_client, world):
    response = spanish_client.post(
        reverse("desk:term_edit", args=[world.term_pt.pk]),
        {"term": "ferry", "rendering": "ferri", "source_language": "en", "target_language": "es"},
    )

    assert response.status_code == 403
    world.term_pt.refresh_from_db()
    assert (world.term_pt.rendering, world.term_pt.target_language) == ("balsa", "pt")


def test_a_term_for_every_language_needs_every_language(spanish_client, world):
    response = spanish_client.post(
        reverse("desk:terms"),
        {
            "term": "Tell Ruman",
            "do_not_translate": "on",
            "source_language": "",
            "target_language": "",
        },
    )

    assert response.status_code == 403
    assert "every language" in response.content.decode()
    assert not GlossaryEntry.objects.filter(term="Tell Ruman").exists()


def test_a_memory_entry_of_another_language_is_not_changed(spanish_client, world):
    response = spanish_client.post(
        reverse("desk:memory_edit", args=[world.memory_pt.pk]),
        {"source_text": "The ferry returned.", "target_text": "Outra coisa."},
    )

    assert response.status_code == 403
    world.memory_pt.refresh_from_db()
    assert world.memory_pt.target_text == "A balsa voltou."


def test_a_tmx_file_with_another_languages_units_is_refused_whole(spanish_client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prensa.translation.exchange import MemoryUnit, write_tmx

    data = write_tmx(
        [
            MemoryUnit("en", "es", "The pier is closed.", "El muelle está cerrado."),
            MemoryUnit("en", "pt", "The pier is closed.", "O cais está fechado."),
        ]
    )
    response = spanish_client.post(reverse("desk:tmx"), {"file": SimpleUploadedFile("m.tmx", data)})

    assert response.status_code == 403
    assert not TranslationMemoryEntry.objects.filter(source_text="The pier is closed.").exists()


def test_the_review_page_offers_publishing_only_to_those_who_may_publish(client, world):
    url = _story(world, "es", "desk:review")
    client.force_login(world.users["translator"])
    assert (
        reverse("desk:publish", args=[world.story.pk, "es"]) not in client.get(url).content.decode()
    )
    client.force_login(world.users["editor"])
    assert reverse("desk:publish", args=[world.story.pk, "es"]) in client.get(url).content.decode()


# -- reporters in the admin: their own drafts ---------------------------------------------------


@pytest.fixture
def reporter_client(client, world) -> Client:
    client.force_login(world.users["reporter"])
    return client


def test_a_reporter_lists_only_their_own_stories(reporter_client, world):
    response = reporter_client.get(reverse("admin:newsroom_story_changelist"))

    assert [story.pk for story in response.context["cl"].result_list] == [world.own_story.pk]


def test_a_reporter_cannot_publish_from_the_story_form(reporter_client, world):
    page = reporter_client.get(
        reverse("admin:newsroom_story_change", args=[world.own_story.pk])
    ).content.decode()

    assert 'name="editions-0-headline"' in page  # they may write
    assert 'name="editions-0-status"' not in page  # but the status is not theirs to set


def test_a_story_a_reporter_adds_is_theirs(reporter_client, world):
    from tests.test_admin_fuzz import open_form

    url = reverse("admin:newsroom_story_add")
    data = open_form(reporter_client, url, Story)
    data.update(
        {
            "section": [str(world.own_story.section_id)],
            "source_language": ["en"],
            "editions-TOTAL_FORMS": ["1"],
            "editions-0-language": ["en"],
            "editions-0-origin": ["original"],
            "editions-0-headline": ["Harbour pier reopens after repairs"],
            "editions-0-body": ["The pier reopened on Monday after a year of repairs."],
            "_save": ["Save"],
        }
    )

    response = reporter_client.post(url, data)

    assert response.status_code == 302, [
        (f.prefix, f.errors) for f in response.context["inline_admin_formsets"][0].formset.forms
    ] + [response.context["adminform"].form.errors]
    story = Story.objects.get(editions__headline="Harbour pier reopens after repairs")
    assert story.created_by == world.users["reporter"]
    assert story.editions.get().status == Edition.Status.DRAFT


def test_a_reporter_cannot_change_their_story_once_an_edition_is_out_of_draft(
    reporter_client, world
):
    edition = world.own_story.edition_for("en")
    edition.status = Edition.Status.PUBLISHED
    edition.save()
    url = reverse("admin:newsroom_story_change", args=[world.own_story.pk])

    page = reporter_client.get(url)
    response = reporter_client.post(url, {"source_language": "pt", "_save": "Save"})

    assert page.status_code == 200 and 'name="editions-0-headline"' not in page.content.decode()
    assert response.status_code == 403
    world.own_story.refresh_from_db()
    assert world.own_story.source_language == "en"


# -- people: the languages a person works in --------------------------------------------------


def test_an_administrator_assigns_languages_on_the_persons_page(client, world):
    from tests.test_admin_fuzz import open_form

    client.force_login(world.users["admin"])
    person = make_user("lucia", roles.TRANSLATOR)
    url = reverse("admin:auth_user_change", args=[person.pk])
    data = open_form(client, url, User)
    data.update(
        {
            "language_assignments-TOTAL_FORMS": ["1"],
            "language_assignments-0-language": ["pt"],
            "_save": ["Save"],
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(person.language_assignments.values_list("language", flat=True)) == ["pt"]
    assert allowed(User.objects.get(pk=person.pk), "desk.change_segment", "pt")


# -- the demo: one person per role, in development only ---------------------------------------


def run_demo() -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("demo", "--no-migrate", stdout=out)
    return out.getvalue()


def test_the_demo_in_development_has_one_user_per_role_with_the_documented_password(
    db, settings, monkeypatch
):
    monkeypatch.delenv("PRENSA_DEMO_PASSWORD", raising=False)
    settings.PRENSA_DEMO_ROLE_USERS = True

    output = run_demo()

    assert "password: prensa-demo" in output
    for username, role in [
        ("demo-reporter", roles.REPORTER),
        ("demo-translator", roles.TRANSLATOR),
        ("demo-editor", roles.EDITOR),
        ("demo-moderator", roles.MODERATOR),
        ("demo-admin", roles.ADMIN),
    ]:
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.is_staff and user.check_password("prensa-demo")
    translator = User.objects.get(username="demo-translator")
    assert languages_for(translator) == {"pt", "es"}
    assert "Demo users" not in run_demo()  # run again: nothing new, passwords kept


def test_the_demo_outside_development_creates_no_user_with_a_known_password(db, settings):
    settings.PRENSA_DEMO_ROLE_USERS = False  # as in common.py, hence prod.py and test.py

    run_demo()

    assert not User.objects.filter(username__startswith="demo-").exists()
    editor = User.objects.get(username="editor")
    assert not editor.check_password("prensa-demo")


def test_only_the_development_settings_turn_the_demo_users_on():
    from pathlib import Path

    from prensa.settings import common

    assert common.PRENSA_DEMO_ROLE_USERS is False
    # Production takes common's value and never reads it from the environment.
    assert "PRENSA_DEMO_ROLE_USERS" not in (Path(common.__file__).parent / "prod.py").read_text()


def test_the_desk_table_links_a_translator_only_to_their_own_languages(client, world):
    client.force_login(world.users["translator_es"])

    page = client.get(reverse("desk:index")).content.decode()

    assert _story(world, "es", "desk:review") in page
    assert _story(world, "pt", "desk:review") not in page
    client.force_login(world.users["editor"])
    assert _story(world, "pt", "desk:review") in client.get(reverse("desk:index")).content.decode()


def test_in_the_admin_a_translator_changes_only_glossary_terms_of_their_languages(
    spanish_client, world
):
    url = reverse("admin:translation_glossaryentry_change", args=[world.term_pt.pk])

    page = spanish_client.get(url)
    refused = spanish_client.post(
        url,
        {"term": "ferry", "rendering": "ferri", "source_language": "en", "target_language": "es"},
    )
    form = spanish_client.get(reverse("admin:translation_glossaryentry_add")).content.decode()

    assert page.status_code == 200 and 'name="rendering"' not in page.content.decode()
    assert refused.status_code == 403
    world.term_pt.refresh_from_db()
    assert world.term_pt.rendering == "balsa"
    assert '<option value="es"' in form
    assert '<option value="pt"' not in form.split('name="target_language"')[1].split("</select>")[0]


def test_in_the_admin_a_translator_cannot_change_another_languages_memory(spanish_client, world):
    url = reverse("admin:translation_translationmemoryentry_change", args=[world.memory_pt.pk])

    response = spanish_client.post(
        url,
        {
            "source_language": "en",
            "target_language": "pt",
            "source_text": "The ferry returned.",
            "target_text": "Outra coisa.",
        },
    )

    assert response.status_code == 403
    world.memory_pt.refresh_from_db()
    assert world.memory_pt.target_text == "A balsa voltou."


@pytest.mark.django_db(transaction=True)
def test_the_roles_come_back_after_a_flush():
    """flush empties the migrations' groups; transactional tests flush between them."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    editor = Group.objects.get(name=roles.EDITOR)
    assert editor.permissions.filter(codename="publish_edition").exists()  # from 0002
    assert editor.permissions.filter(codename="view_transitionlog").exists()  # from 0003
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.LABELS)
