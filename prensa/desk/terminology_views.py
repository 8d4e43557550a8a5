"""The desk's glossary pages (add or change a term, then re-apply it) and paragraph queries."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from prensa.lib.languages import codes
from prensa.lib.numbers import positive_int
from prensa.lib.redirects import safe_next
from prensa.newsroom.models import Story
from prensa.staff.access import refusal
from prensa.translation.models import GlossaryEntry

from .actions import ActionError
from .models import ParagraphQuery, Segment
from .queries import AnswerQuery, AskQuery, ResolveQuery, may_answer, visible_to
from .terminology import ReapplyTerm, enqueue_reapply
from .views import desk_access


def _staff(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in staff only (the author of a story may not be a translator); else login/403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class TermForm(forms.ModelForm):
    class Meta:
        model = GlossaryEntry
        fields = ["term", "rendering", "do_not_translate", "source_language", "target_language"]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("do_not_translate") and not (data.get("rendering") or "").strip():
            self.add_error("rendering", _("Give the rendering, or tick “do not translate”."))
        return data


def _save_term(request: HttpRequest, form: TermForm, permission: str) -> HttpResponse | None:
    """On a valid POST, save the term and go on to offer re-applying it; else `None`.

    A translator keeps the glossary of their own languages: the term's target language
    (before and after the change) must be assigned to them; a blank one means every language.
    """
    if request.method != "POST":
        return None
    if not request.user.has_perm(permission):
        raise PermissionDenied
    before = form.instance.target_language if form.instance.pk else None
    if not form.is_valid():
        return None
    for language in {before, form.cleaned_data.get("target_language", "")} - {None}:
        message = refusal(request.user, permission, language)
        if message is not None:
            raise PermissionDenied(message)
    entry = form.save()
    return redirect("desk:term_apply", entry_id=entry.pk)


@desk_access
def terms(request: HttpRequest) -> HttpResponse:
    """The glossary, and a form to add a term (then offered to open drafts)."""
    form = TermForm(request.POST or None)
    if saved := _save_term(request, form, "translation.add_glossaryentry"):
        return saved
    entries = Paginator(GlossaryEntry.objects.all(), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/terminology.html",
        {"form": form, "page": entries},
        status=400 if form.errors else 200,
    )


@desk_access
def term_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(GlossaryEntry, pk=entry_id)
    form = TermForm(request.POST or None, instance=entry)
    if saved := _save_term(request, form, "translation.change_glossaryentry"):
        return saved
    return render(
        request,
        "desk/terminology_form.html",
        {"form": form, "entry": entry},
        status=400 if form.errors else 200,
    )


@desk_access
def term_apply(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The explicit offer: which open translations the term reaches, and how; POST to run it."""
    entry = get_object_or_404(GlossaryEntry, pk=entry_id)
    back = safe_next(request, reverse("desk:terms"))
    try:
        if request.method == "POST":
            items = enqueue_reapply(entry, request.user)
            messages.success(
                request,
                ngettext(
                    "The term is being applied to %(count)s translation in the background: "
                    "paragraphs nobody touched are drafted again, the others are flagged.",
                    "The term is being applied to %(count)s translations in the background: "
                    "paragraphs nobody touched are drafted again, the others are flagged.",
                    len(items),
                )
                % {"count": len(items)},
            )
            return HttpResponseRedirect(back)
        items = ReapplyTerm(entry, request.user).check()
    except ActionError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        messages.info(request, exc.message)
        return HttpResponseRedirect(back)
    return render(
        request, "desk/terminology_apply.html", {"entry": entry, "items": items, "next": back}
    )


# -- paragraph queries ---------------------------------------------------------------------


@_staff
def queries(request: HttpRequest) -> HttpResponse:
    """Open queries a person may read (desk staff: all; an author: those addressed to them)."""
    show_all = request.GET.get("show") == "all"
    found = ParagraphQuery.objects.filter(visible_to(request.user))
    if not show_all:
        found = found.open()
    found = found.select_related("story", "asked_by", "addressed_to", "answered_by").order_by(
        "-created_at", "-pk"
    )
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    rows = [(query, may_answer(request.user, query)) for query in page.object_list]
    return render(
        request,
        "desk/terminology_queries.html",
        {"page": page, "rows": rows, "show_all": show_all},
    )


@desk_access
@require_POST
def query_ask(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    story = get_object_or_404(Story, pk=story_id)
    if language not in codes():
        raise Http404("No such language")
    segment_id = positive_int(request.POST.get("segment"))
    row = (
        Segment.objects.select_related("edition__story")
        .filter(pk=segment_id, edition__story=story, edition__language=language)
        .first()
        if segment_id
        else None
    )
    if row is None:
        raise Http404("No such paragraph in this translation")
    try:
        AskQuery(row, request.POST.get("question"), request.user).execute()
        messages.success(request, _("Your question was sent to the author."))
    except ActionError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    response = redirect("desk:review", story_id=story.pk, language=language)
    response["Location"] += f"#segment-{row.position}"
    return response


def _visible_query(request: HttpRequest, query_id: int) -> ParagraphQuery:
    query = ParagraphQuery.objects.filter(visible_to(request.user), pk=query_id).first()
    if query is None:
        raise Http404("No such query")
    return query


@_staff
@require_POST
def query_answer(request: HttpRequest, query_id: int) -> HttpResponse:
    query = _visible_query(request, query_id)
    resolve = request.POST.get("resolve") == "1"
    return _act(request, AnswerQuery(query, request.POST.get("answer"), request.user, resolve))


@_staff
@require_POST
def query_resolve(request: HttpRequest, query_id: int) -> HttpResponse:
    return _act(request, ResolveQuery(_visible_query(request, query_id), request.user))


def _act(request: HttpRequest, action: AnswerQuery | ResolveQuery) -> HttpResponse:
    try:
        action.execute()
        messages.success(request, _("Saved."))
    except ActionError as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    return HttpResponseRedirect(safe_next(request, reverse("desk:queries")))
