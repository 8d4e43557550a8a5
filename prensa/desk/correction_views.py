"""The desk's page for a story's corrections and updates: the notes it has, and a form to
add or change one (prensa.desk.corrections does the work)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from prensa.newsroom.models import Correction, Story
from prensa.staff.access import allowed

from .actions import ActionError
from .corrections import PERMISSION, WriteNote
from .views import desk_access


@desk_access
def notes(request: HttpRequest, story_id: int) -> HttpResponse:
    """GET: the story's notes and the form; POST: add a note (or change `note`)."""
    story = get_object_or_404(Story.objects.prefetch_related("editions"), pk=story_id)
    if not allowed(request.user, PERMISSION):
        raise PermissionDenied(_("You do not have permission to do this."))
    if request.method != "POST":
        return _page(request, story)
    note = None
    if note_id := request.POST.get("note", "").strip():
        note = Correction.objects.filter(pk=int(note_id)).first() if note_id.isdigit() else None
        if note is None:
            return _page(request, story, error=_("This note no longer exists."), status=409)
    action = WriteNote(
        story,
        kind=request.POST.get("kind", ""),
        text=request.POST.get("text", ""),
        reason=request.POST.get("reason", ""),
        user=request.user,
        note=note,
    )
    try:
        action.execute()
    except ActionError as exc:
        return _page(request, story, error=exc.message, status=exc.status)
    messages.success(
        request,
        _(
            "The note is published on the original edition; the translations get it as a "
            "paragraph to draft and review."
        ),
    )
    return redirect("desk:notes", story_id=story.pk)


def _page(request: HttpRequest, story: Story, error: str = "", status: int = 200) -> HttpResponse:
    source = story.edition_for(story.source_language)
    editions = list(story.editions.prefetch_related("notes"))
    return render(
        request,
        "desk/notes.html",
        {
            "story": story,
            "source": source,
            "editions": editions,
            "notes": list(source.notes.all()) if source else [],
            "kinds": Correction.Kind.choices,
            "error": error,
            "posted": request.POST if error else {},
        },
        status=status,
    )
