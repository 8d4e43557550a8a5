"""The workflow's transitions at the desk: buttons on the review page, scheduling a story.

The transitions themselves live in prensa.workflow.transitions; these views only read the
form, call them, and say what happened (or why not).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prensa.newsroom.models import Edition, Story
from prensa.workflow import transitions
from prensa.workflow.transitions import Schedule, TransitionError, parse_moment

from .views import desk_access


def _refused(request: HttpRequest, exc: TransitionError) -> None:
    if exc.status == 403:
        raise PermissionDenied(exc.message)
    messages.error(request, exc.message)


@desk_access
@require_POST
def transition(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    """Move one edition to another state: `action` names the transition, `note` says why,
    `at` is the time for a schedule."""
    edition = get_object_or_404(Edition, story_id=story_id, language=language)
    note = request.POST.get("note", "")[:2000]
    name = request.POST.get("action", "")
    try:
        entry = transitions.build(
            name,
            edition,
            request.user,
            note,
            allow_machine=request.POST.get("allow_machine") == "1",
            at=parse_moment(request.POST.get("at", "")) if name == Schedule.name else None,
        ).execute()
        messages.success(request, _("The edition was %(done)s.") % {"done": entry.described})
    except TransitionError as exc:
        _refused(request, exc)
    return redirect("desk:review", story_id=story_id, language=language)


@desk_access
@require_POST
def schedule_story(request: HttpRequest, story_id: int) -> HttpResponse:
    """Schedule every edition of a story waiting to go out, all for the same time."""
    story = get_object_or_404(Story, pk=story_id)
    back = request.POST.get("language") or story.source_language
    try:
        entries = transitions.schedule_story(
            story,
            parse_moment(request.POST.get("at", "")),
            request.user,
            request.POST.get("note", "")[:2000],
            allow_machine=request.POST.get("allow_machine") == "1",
        )
        messages.success(
            request,
            _("Scheduled: %(languages)s.")
            % {"languages": ", ".join(entry.edition.language.upper() for entry in entries)},
        )
    except TransitionError as exc:
        _refused(request, exc)
    if back not in dict(Edition._meta.get_field("language").choices):
        back = story.source_language
    return redirect("desk:review", story_id=story.pk, language=back)
