"""The translation desk: a stories × languages table and a side-by-side review page."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from prensa.lib.languages import codes, name_in_text
from prensa.lib.numbers import positive_int
from prensa.lib.redirects import safe_next
from prensa.newsroom.models import Edition, Story
from prensa.staff.access import allowed, languages_for, refusal
from prensa.translation.errors import TranslationError
from prensa.workflow.queries import timeline

from . import inbox, reviewing, segments, states
from .actions import (
    MAX_PARAGRAPH_CHARS,
    ActionError,
    DraftEdition,
    PublishEdition,
    ReviewSegment,
    SaveSegment,
    open_flags,
    source_edition,
    text_version,
)
from .issues import describe
from .models import DraftJob, Segment
from .queries import review_extras
from .tasks import enqueue_draft, recover_abandoned
from .workflow_buttons import workflow_actions


def desk_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff with the desk's permissions only; others go to the login page or get a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_staff and request.user.has_perm("desk.view_segment")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def require_language(request: HttpRequest, language: str, permission: str) -> None:
    """A 404 for a language the site does not publish in; a 403 saying why for one the
    person may not work in (a translator's languages are assigned to them)."""
    if language not in codes():
        raise Http404("No such language")
    message = refusal(request.user, permission, language)
    if message is not None:
        raise PermissionDenied(message)


@desk_access
def index(request: HttpRequest) -> HttpResponse:
    stories = Story.objects.select_related("section").prefetch_related("editions")
    needs_work = request.GET.get("show") == "needs-work"
    if needs_work:
        stories = states.needing_work(stories)
    # A count in the front page's table links here: stories with an edition in that state.
    in_state = request.GET.get("state", "")
    in_language = request.GET.get("language", "")
    if in_state in Edition.Status.values and in_language in codes():
        stories = stories.filter(editions__language=in_language, editions__status=in_state)
    else:
        in_state = in_language = ""
    page = Paginator(stories.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    recover_abandoned(DraftJob.objects.filter(story__in=[story.pk for story in page.object_list]))
    cells = states.cells_for(list(page.object_list), codes())
    rows = [(story, cells[story.pk]) for story in page.object_list]
    return render(
        request,
        "desk/index.html",
        {
            "page": page,
            "rows": rows,
            "languages": codes(),
            "needs_work": needs_work,
            "inbox": inbox.for_me(request.user),
            "in_state": in_state,
            "in_language": in_language,
            "in_state_label": Edition.Status(in_state).label if in_state else "",
            # A translator's cells link only in their own languages (None: every language).
            "my_languages": languages_for(request.user),
        },
    )


@desk_access
@require_POST
def draft(request: HttpRequest) -> HttpResponse:
    """Queue drafts of every missing or stale edition of the selected stories, in all languages."""
    ids = [n for value in request.POST.getlist("story") if (n := positive_int(value))]
    if not ids:
        messages.error(request, _("Select at least one story."))
        return redirect("desk:index")
    queued, refused, left = 0, [], set()
    stories = list(Story.objects.filter(pk__in=ids).prefetch_related("editions"))
    cells = states.cells_for(stories, codes())
    for story in stories:
        for cell in cells[story.pk]:
            if not cell.needs_draft:
                continue
            # A translator drafts in the languages assigned to them; the others are left.
            if not allowed(request.user, "desk.add_segment", cell.language):
                left.add(cell.language)
                continue
            try:
                enqueue_draft(story, cell.language, request.user)
                queued += 1
            except ActionError as exc:
                refused.append(f"{story} ({cell.language}): {exc.message}")
    if queued:
        messages.success(
            request,
            ngettext("%(count)s draft queued.", "%(count)s drafts queued.", queued)
            % {"count": queued},
        )
    elif not refused and not left:
        messages.info(request, _("Nothing to draft: every edition is there and up to date."))
    if left:
        messages.info(
            request,
            _("Not drafted in %(languages)s: those languages are not assigned to you.")
            % {"languages": ", ".join(name_in_text(code) for code in codes() if code in left)},
        )
    for reason in refused:
        messages.error(request, reason)
    return HttpResponseRedirect(safe_next(request, reverse("desk:index")))


@desk_access
def review(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    require_language(request, language, "desk.view_segment")
    story = get_object_or_404(Story.objects.prefetch_related("editions"), pk=story_id)
    recover_abandoned(DraftJob.objects.filter(story=story, language=language))
    return _review_page(request, story, language, view=reviewing.View.from_query(request.GET))


def _review_page(
    request: HttpRequest,
    story: Story,
    language: str,
    kept: dict[int, str] | None = None,
    status: int = 200,
    view: reviewing.View | None = None,
) -> HttpResponse:
    """The side-by-side page; `kept` holds text a person submitted that was refused."""
    view = view or reviewing.View()
    if language not in codes():
        raise Http404("No such language")
    cell = states.cell_for(story, language)
    edition = cell.edition
    rows = segments.load(edition) if edition else []
    try:
        source = source_edition(story)
        problem = None
    except ActionError as exc:
        source, problem = None, exc.message
    if problem is None and language != story.source_language:
        try:
            DraftEdition(story, language).check()
        except (ActionError, TranslationError) as exc:  # e.g. no engine for the pair
            problem = exc.message
    kept = kept or {}
    extras = review_extras(request.user, story, language, rows)
    term_spans = extras["term_spans"]
    return render(
        request,
        "desk/review.html",
        {
            "story": story,
            "language": language,
            "cell": cell,
            "edition": edition,
            "source": source,
            "problem": problem,
            "segments": [
                reviewing.ReviewRow(
                    row, _source_diff(row), kept.get(row.pk), term_spans.get(row.pk)
                )
                for row in view.shown(rows)
            ],
            "has_segments": bool(rows),
            "view": view,
            "filters": [
                (name, label, count)
                for (name, label), count in zip(
                    reviewing.FILTERS.items(), reviewing.counts(rows).values(), strict=True
                )
            ],
            "sorts": reviewing.SORTS.items(),
            "progress": reviewing.progress(rows),
            # The story's transitions, every edition (workflow/_timeline.html), and the ones
            # this person may start on this edition (desk/workflow_buttons.py).
            "timeline": timeline(story),
            "transitions": workflow_actions(edition, request.user),
            "pending_publication": bool(
                edition and rows and edition.is_live and segments.composed_differs(edition, rows)
            ),
            # Terminology check, term spans and questions for the author (desk/_queries.html).
            "desk_extras": extras,
            "may_publish": allowed(request.user, "newsroom.publish_edition", language),
        },
        status=status,
    )


@desk_access
def status(request: HttpRequest, story_id: int, language: str) -> JsonResponse:
    """An edition's state for the review page to poll while its draft is being made."""
    require_language(request, language, "desk.view_segment")
    story = get_object_or_404(Story.objects.prefetch_related("editions"), pk=story_id)
    if language not in codes():
        raise Http404("No such language")
    # A draft whose worker died is queued again or failed here, so the page stops waiting.
    recover_abandoned(DraftJob.objects.filter(story=story, language=language))
    cell = states.cell_for(story, language)
    response = JsonResponse({"state": cell.state, "active": bool(cell.job and cell.job.is_active)})
    response["Cache-Control"] = "no-store"
    return response


@desk_access
@require_POST
def draft_one(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    require_language(request, language, "desk.add_segment")
    story = get_object_or_404(Story.objects.prefetch_related("editions"), pk=story_id)
    try:
        enqueue_draft(story, language, request.user)
        messages.success(request, _("Draft queued; this page shows its progress."))
    except (ActionError, TranslationError) as exc:
        messages.error(request, exc.message)
    return redirect("desk:review", story_id=story.pk, language=language)


@desk_access
@require_POST
def segment(request: HttpRequest, segment_id: int) -> HttpResponse:
    """Save a paragraph (`action=save`, also the page's auto-save) or save and confirm it
    (`action=review`). A client that asks for JSON gets the outcome as JSON."""
    row = Segment.objects.select_related("edition__translated_from").filter(pk=segment_id).first()
    if row is None:
        if _wants_json(request):
            return JsonResponse({"error": _("This paragraph no longer exists.")}, status=409)
        return _segment_gone(request)
    edition = row.edition
    view = reviewing.View.from_query(
        {"state": request.POST.get("view_state", ""), "sort": request.POST.get("view_sort", "")}
    )
    acknowledge = request.POST.get("acknowledge") == "1"
    submitted = request.POST.get("text")
    based_on = request.POST.get("based_on") or None
    if request.POST.get("use_suggestion") == "1":
        submitted = row.machine_text  # the translator drops their words for the new draft
    try:
        if submitted is not None:
            row = SaveSegment(row, submitted, request.user, based_on=based_on).execute()
            based_on = text_version(row)  # the save itself checked the version read
        if request.POST.get("action") == "review":
            ReviewSegment(
                row,
                request.user,
                acknowledge=acknowledge,
                based_on=based_on,
                source_based_on=request.POST.get("source_based_on") or None,
            ).execute()
    except ActionError as exc:
        if _wants_json(request):
            return JsonResponse({"error": exc.message}, status=exc.status)
        if exc.status == 403:  # not theirs to change, nor to read back on the review page
            raise PermissionDenied(exc.message) from exc
        # Show the page again with the person's words in the box: nothing typed is lost.
        messages.error(request, exc.message)
        kept = {row.pk: submitted} if submitted is not None else None
        return _review_page(request, edition.story, edition.language, kept, exc.status, view)
    if _wants_json(request):
        return JsonResponse(
            {
                "version": text_version(row),
                "state": row.state,
                "label": str(row.get_state_display()),
                "issues": [describe(issue) for issue in row.issues],
            }
        )
    if request.POST.get("action") == "review":
        following = view.next_to_review(segments.load(edition), row)
        return _back_to(edition, following, view)
    return _back_to(edition, row, view)


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@desk_access
def publish(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    """GET: what publishing would do (and, when paragraphs are unconfirmed, the open risk
    flags a "publish as machine translation" would put before readers); POST: publish."""
    require_language(request, language, "newsroom.publish_edition")
    edition = get_object_or_404(Edition, story_id=story_id, language=language)
    if request.method == "POST":
        allow_machine = request.POST.get("allow_machine") == "1"
        try:
            PublishEdition(edition, request.user, allow_machine=allow_machine).execute()
            if allow_machine and edition.origin == Edition.Origin.MACHINE:
                messages.success(
                    request,
                    _("Published as machine translation: readers see the notice."),
                )
            else:
                messages.success(request, _("Published."))
        except ActionError as exc:
            messages.error(request, exc.message)
        return redirect("desk:review", story_id=story_id, language=language)
    rows = segments.load(edition)
    return render(
        request,
        "desk/publish.html",
        {
            "story": edition.story,
            "edition": edition,
            "language": language,
            "unconfirmed": [row for row in rows if not row.is_confirmed],
            "flags": open_flags(rows),
            "progress": reviewing.progress(rows),
        },
    )


def _segment_gone(request: HttpRequest) -> HttpResponse:
    """The paragraph was deleted from the source while someone was editing its translation."""
    story_id = positive_int(request.POST.get("story"))
    story = Story.objects.filter(pk=story_id).first() if story_id else None
    language = request.POST.get("language", "")
    if story is None or language not in codes():
        raise Http404("No such paragraph")
    require_language(request, language, "desk.view_segment")
    text = (request.POST.get("text") or "").strip()
    message = _("This paragraph was removed from the source while you were editing it.")
    if text:
        message = _("%(message)s Your text was: %(text)s") % {"message": message, "text": text}
    messages.error(request, message)
    return _review_page(request, story, language, status=409)


def _back_to(
    edition: Edition, row: Segment | None, view: reviewing.View | None = None
) -> HttpResponse:
    """Back to the review page, at `row` (none left to confirm: at the progress bar)."""
    response = redirect("desk:review", story_id=edition.story_id, language=edition.language)
    response["Location"] += view.query if view else ""
    response["Location"] += f"#segment-{row.position}" if row is not None else "#progress"
    return response


def _source_diff(row: Segment) -> SafeString | None:
    """Word-level diff between the source a stale segment was made from and the source now."""
    if row.previous_source_text is None:
        return None
    if len(row.previous_source_text) + len(row.source_text) > 2 * MAX_PARAGRAPH_CHARS:
        return None  # a diff's time grows faster than the text; such a paragraph shows whole
    old, new = row.previous_source_text.split(), row.source_text.split()
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old[i1:i2])))
    return format_html_join(" ", "{}", ((p,) for p in parts))
