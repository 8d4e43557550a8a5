"""Writing through the API: the same actions the admin, the desk and the CLI use.

A bearer token (`prensa api_token USERNAME`) acts as its person, with that person's
role: a reporter may create stories and edit their drafts, a translator request and
edit translations in their languages, an editor run every workflow transition.
Every write names the revision it edits, so nothing saved meanwhile is overwritten.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from prensa.desk.actions import ActionError
from prensa.desk.tasks import enqueue_draft
from prensa.lib.languages import codes, name_in_text
from prensa.lib.numbers import MAX_ID
from prensa.newsroom.models import Edition, Language, Section, Story, Tag
from prensa.newsroom.textcheck import MAX_BODY_CHARS, detected_language
from prensa.staff.access import allowed
from prensa.workflow import transitions
from prensa.workflow.transitions import TransitionError

from .api import Problem, _slug_match, api, problem
from .models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


token = TokenAuth()


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(
        request,
        401,
        "Authentication required",
        "Send a valid API token as 'Authorization: Bearer <token>' (see `prensa api_token`).",
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


class StoryIn(Schema):
    section: str
    source_language: Language
    headline: str
    standfirst: str = ""
    body: str
    tags: list[str] = []
    key: str | None = None
    translate: bool = False


class EditionPatch(Schema):
    revision: int
    headline: str | None = None
    standfirst: str | None = None
    body: str | None = None


class TransitionIn(Schema):
    note: str = ""
    at: datetime | None = None
    allow_machine: bool = False


class TranslationsIn(Schema):
    languages: list[str]


class Written(Schema):
    story: int
    edition: int
    language: str
    status: str
    revision: int
    translations: list[dict] = []


def _refuse_unless(request: HttpRequest, permission: str, language: str | None = None) -> None:
    if not allowed(request.user, permission, language):
        raise HttpError(
            403, "Your role does not allow this" + (f" in {language}." if language else ".")
        )


def _refuse_unless_may_edit(request: HttpRequest, edition: Edition) -> None:
    """Translations: in the person's languages. Source text: editors, or the story's reporter."""
    if edition.language != edition.story.source_language:
        _refuse_unless(request, "newsroom.change_edition", edition.language)
        return
    _refuse_unless(request, "newsroom.change_edition")
    if not allowed(request.user, "newsroom.publish_edition") and (
        edition.story.created_by_id != request.user.pk
    ):
        raise HttpError(403, "Reporters may change only the stories they created.")


def _written(edition: Edition, translations: list[dict] | None = None) -> dict:
    return {
        "story": edition.story_id,
        "edition": edition.pk,
        "language": edition.language,
        "status": edition.status,
        "revision": edition.revision,
        "translations": translations or [],
    }


def _check_text(language: str, headline: str, body: str) -> None:
    if not headline.strip():
        raise HttpError(400, "headline: a story needs a headline.")
    longest = Edition._meta.get_field("headline").max_length
    if len(headline) > longest:
        raise HttpError(400, f"headline: too long ({longest} characters at most).")
    if len(body) > MAX_BODY_CHARS:
        raise HttpError(400, f"body: too long ({MAX_BODY_CHARS} characters at most).")
    if "\x00" in headline + body:
        raise HttpError(400, "The text contains a NUL character.")
    found = detected_language(body)
    if found is not None and found != language:
        raise HttpError(
            400,
            f"body: the text reads as {name_in_text(found)}, not {name_in_text(language)}; "
            "declare the language it is written in.",
        )


def _request_drafts(request: HttpRequest, story: Story, languages: list[str]) -> list[dict]:
    """Queue drafts; each language reports its job or why it was refused."""
    results = []
    for language in languages:
        try:
            job = enqueue_draft(story, language, request.user)
        except ActionError as exc:
            results.append({"language": language, "refused": exc.message})
        else:
            results.append({"language": language, "job": job.pk, "status": job.status})
    return results


@api.post(
    "/stories/",
    auth=token,
    response={201: Written, 400: Problem, 401: Problem, 403: Problem, 409: Problem},
    url_name="story_create",
)
def create_story(request: HttpRequest, data: StoryIn) -> Status:
    """Create a story with its source edition (a draft); optionally queue its translations."""
    _refuse_unless(request, "newsroom.add_story")
    _check_text(data.source_language, data.headline, data.body)
    section = Section.objects.filter(_slug_match("slug", data.section)).first()
    if section is None:
        raise HttpError(400, f"section: no section has the slug {data.section!r}.")
    tags = []
    for slug in data.tags:
        tag = Tag.objects.filter(_slug_match("slug", slug)).first()
        if tag is None:
            raise HttpError(400, f"tags: no tag has the slug {slug!r}.")
        tags.append(tag)
    try:
        with transaction.atomic():
            story = Story.objects.create(
                section=section,
                source_language=data.source_language,
                key=data.key or None,
                created_by=request.user,
            )
            story.tags.set(tags)
            edition = Edition.objects.create(
                story=story,
                language=data.source_language,
                headline=data.headline.strip(),
                standfirst=data.standfirst.strip(),
                body=data.body.strip(),
            )
    except IntegrityError:
        raise HttpError(409, f"key: a story with the key {data.key!r} exists already.") from None
    drafts = []
    if data.translate:
        others = [code for code in codes() if code != data.source_language]
        drafts = _request_drafts(request, story, others)
    return Status(201, _written(edition, drafts))


def _edition_for_write(edition_id: int) -> Edition:
    if not 0 < edition_id <= MAX_ID:
        raise Http404(f"No edition has the id {edition_id}.")
    edition = Edition.objects.select_related("story").filter(pk=edition_id).first()
    if edition is None:
        raise Http404(f"No edition has the id {edition_id}.")
    return edition


@api.patch(
    "/editions/{edition_id}",
    auth=token,
    response={200: Written, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    url_name="edition_update",
)
def update_edition(request: HttpRequest, edition_id: int, data: EditionPatch) -> dict:
    """Change an edition's words; `revision` must be the one the change was made from."""
    edition = _edition_for_write(edition_id)
    _refuse_unless_may_edit(request, edition)
    if edition.status == Edition.Status.KILLED:
        raise HttpError(409, "This edition was killed; it cannot be changed.")
    with transaction.atomic():
        current = Edition.objects.select_for_update().get(pk=edition.pk)
        if current.revision != data.revision:
            raise HttpError(
                409,
                f"revision: the edition is at revision {current.revision}, not "
                f"{data.revision}; someone saved it meanwhile. Fetch it, merge, and send "
                "the new revision.",
            )
        changes = {
            name: value
            for name in ("headline", "standfirst", "body")
            if (value := getattr(data, name)) is not None
        }
        _check_text(
            current.language,
            changes.get("headline", current.headline),
            changes.get("body", current.body),
        )
        for name, value in changes.items():
            setattr(current, name, value.strip())
        current.save()
    return _written(current)


@api.post(
    "/editions/{edition_id}/transitions/{name}",
    auth=token,
    response={200: Written, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    url_name="edition_transition",
)
def transition(request: HttpRequest, edition_id: int, name: str, data: TransitionIn) -> dict:
    """Run a workflow transition: submit, approve, schedule (with `at`), publish, unpublish…"""
    edition = _edition_for_write(edition_id)
    try:
        transitions.build(
            name, edition, request.user, data.note, allow_machine=data.allow_machine, at=data.at
        ).execute()
    except TransitionError as exc:
        raise HttpError(exc.status, str(exc.message)) from None
    edition.refresh_from_db()
    return _written(edition)


@api.post(
    "/stories/{story_id}/translations",
    auth=token,
    response={202: Written, 400: Problem, 401: Problem, 404: Problem},
    url_name="story_translations",
)
def request_translations(request: HttpRequest, story_id: int, data: TranslationsIn) -> Status:
    """Queue machine drafts of the story in `languages` for the translation desk."""
    story = Story.objects.filter(pk=story_id).first() if 0 < story_id <= MAX_ID else None
    if story is None:
        raise Http404(f"No story has the id {story_id}.")
    unknown = [code for code in data.languages if code not in codes()]
    if unknown or not data.languages:
        raise HttpError(400, f"languages: choose among {', '.join(codes())}.")
    source = story.edition_for(story.source_language)
    if source is None:
        raise HttpError(400, "This story has no edition in its source language.")
    return Status(202, _written(source, _request_drafts(request, story, data.languages)))
