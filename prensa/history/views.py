"""The history page of a story: every revision of each edition, compared and restored."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prensa.lib.numbers import positive_int
from prensa.newsroom.models import Story
from prensa.newsroom.ownership import sees_every_story
from prensa.staff.access import allowed

from .models import EditionRevision
from .revisions import RestoreRevision, RevisionError, compare, restored_from, revisions_of


def _staff(request: HttpRequest) -> HttpResponse | None:
    """Staff who may see editions; others go to the login page or get a 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff and allowed(request.user, "newsroom.view_edition")):
        raise PermissionDenied
    return None


def _own_or_403(request: HttpRequest, story: Story) -> None:
    """Reporters read the history of their own stories only, as in the admin; the desk's
    people (who see every story there) and editors read any story's."""
    if sees_every_story(request) or request.user.has_perm("desk.view_segment"):
        return
    if story.created_by_id != request.user.pk:
        raise PermissionDenied


def story_history(request: HttpRequest, story_id: int) -> HttpResponse:
    if (refusal := _staff(request)) is not None:
        return refusal
    story = get_object_or_404(Story.objects.prefetch_related("editions"), pk=story_id)
    _own_or_403(request, story)
    return _page(request, story)


def _page(request: HttpRequest, story: Story, status: int = 200) -> HttpResponse:
    everything_of = request.GET.get("all")
    editions = revisions_of(story, everything_of)
    comparison, problem = _comparison(request, [edition for edition, *_rest in editions])
    return render(
        request,
        "history/story.html",
        {
            "story": story,
            "editions": [
                {
                    "edition": edition,
                    "records": [(r, restored_from(r)) for r in records],
                    "total": total,
                    "everything": edition.language == everything_of,
                    "may_restore": allowed(
                        request.user, "newsroom.change_edition", language=edition.language
                    ),
                }
                for edition, records, total in editions
            ],
            "comparison": comparison,
            "problem": problem,
        },
        status=400 if problem and status == 200 else status,
    )


def _comparison(request: HttpRequest, editions: list) -> tuple[dict | None, str | None]:
    """The two revisions chosen in `?a=&b=` (older first), compared; or why they cannot be."""
    a, b = positive_int(request.GET.get("a")), positive_int(request.GET.get("b"))
    if not (a or b):
        return None, None
    ours = {
        record.history_id: record
        for record in EditionRevision.objects.filter(
            history_id__in=[n for n in (a, b) if n], id__in=[e.pk for e in editions]
        )
    }
    if a not in ours or b not in ours:
        return None, _("Choose two revisions of this story to compare.")
    older, newer = sorted((ours[a], ours[b]), key=lambda r: (r.history_date, r.history_id))
    if older.id != newer.id:
        return None, _("Choose two revisions of the same edition to compare.")
    return {"older": older, "newer": newer, "fields": compare(older, newer)}, None


@require_POST
def restore(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    if (refusal := _staff(request)) is not None:
        return refusal
    story = get_object_or_404(Story.objects.prefetch_related("editions"), pk=story_id)
    _own_or_403(request, story)
    edition = story.edition_for(language)
    if edition is None:
        raise Http404("No such edition")
    action = RestoreRevision(
        edition,
        positive_int(request.POST.get("revision")),
        request.user,
        expected_revision=positive_int(request.POST.get("expected_revision")),
    )
    try:
        restored = action.execute()
    except RevisionError as exc:
        messages.error(request, exc.message)
        return _page(request, story, status=exc.status)
    record = EditionRevision.objects.filter(id=restored.pk).order_by("-history_id").first()
    messages.success(
        request,
        _("Restored: the %(language)s edition now reads as before, as revision %(revision)s.")
        % {"language": restored.get_language_display(), "revision": restored.revision},
    )
    response = redirect("history:story", story_id=story.pk)
    response["Location"] += f"#revision-{record.history_id}" if record else ""
    return response
