"""Reader endpoints of the comments: thread page and fragment, count, post, report.

The article page only links here: everything per reader (the form, its CSRF
token, the reader's own comments awaiting moderation) lives on these endpoints,
so the article stays the same for everyone and cacheable.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from prensa.lib.languages import reverse_in
from prensa.newsroom.models import Edition

from . import conf, privacy, ratelimit, threads
from .actions import CommentRejected, PostComment, ReportComment
from .forms import CommentForm, ReportForm
from .models import Comment, Mode, ModerationSetting

OWN_COMMENTS = "prensa_comments_own"
REMEMBERED = 20

NOT_FOUND = _("This article does not exist or does not take comments.")
COMMENT_NOT_FOUND = _("This comment is not available.")
TOO_LARGE = _("What you sent is too large.")
UNREADABLE = _("What you sent could not be read. Please try again.")
CSRF_FAILED = _(
    "Your session has expired or your browser refused our cookie. Reload the page and try again."
)
TOO_OFTEN = _("You are posting too often. Please wait a few minutes and try again.")
AWAITING = _("Thank you! Your comment is awaiting moderation.")
PUBLISHED = _("Thank you! Your comment is published.")
REPORTED = _("Thank you. A moderator will look at this comment.")


@require_safe
def thread(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The comments of one edition as a page of its own: what readers without JavaScript get."""
    edition = _published_edition(edition_id)
    if edition is None:
        return _refusal(request, NOT_FOUND, 404)
    if edition.language != request.LANGUAGE_CODE:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(_thread_url(edition) + (f"?{query}" if query else ""))
    reply_to = _reply_target(edition, request.GET.get("reply"))
    form = CommentForm(edition=edition, initial={"parent": reply_to.pk if reply_to else None})
    return _render_thread(request, edition, form, fragment=False)


@require_safe
def fragment(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The same thread without the page around it, loaded in place by comments.js."""
    edition = _published_edition(edition_id)
    if edition is None or edition.language != request.LANGUAGE_CODE:
        return _refusal(request, NOT_FOUND, 404, fragment=True)
    return _render_thread(request, edition, CommentForm(edition=edition), fragment=True)


@require_safe
def count(request: HttpRequest, edition_id: int) -> JsonResponse:
    """How many comments are published, and the button label that says so. Public, cacheable."""
    if not Edition.objects.published().filter(pk=edition_id).exists():
        return JsonResponse({"error": gettext(NOT_FOUND)}, status=404)
    number = threads.published_count(edition_id)
    response = JsonResponse({"count": number, "label": _show_label(number)})
    patch_cache_control(response, public=True, max_age=conf.count_max_age())
    return response


@csrf_exempt  # checked in _guard_post, after the size check and with a message readers understand
@require_POST
def post(request: HttpRequest, edition_id: int) -> HttpResponse:
    wants_fragment = _wants_fragment(request)
    refused = _guard_post(request)
    if refused is not None:
        return refused
    edition = _published_edition(edition_id)
    if edition is None or edition.language != request.LANGUAGE_CODE:
        return _refusal(request, NOT_FOUND, 404)
    wait = _rate_limited(request, "post")
    if wait is not None:
        form = CommentForm(edition=edition, initial=_carried_over(request))
        response = _render_thread(
            request, edition, form, fragment=wants_fragment, status=429, error=TOO_OFTEN
        )
        response["Retry-After"] = str(wait)
        return response

    form = CommentForm(request.POST, edition=edition)
    if not form.is_valid():
        form.prepare_for_another_try()
        return _render_thread(request, edition, form, fragment=wants_fragment, status=400)
    data = form.cleaned_data
    key = privacy.browser_key(request) or privacy.new_browser_key()
    action = PostComment(
        edition=edition,
        name=data["name"],
        body=data["body"],
        email_hash=privacy.email_hash(data["email"]),
        ip_hash=privacy.request_ip_hash(request),
        browser_hash=privacy.browser_hash(key),
        earlier_hashes=privacy.earlier_identity_hashes(request, data["email"]),
        parent=data["parent"],
        session_comment_ids=tuple(_own_ids(request)),
    )
    try:
        comment = action.execute()
    except CommentRejected as rejected:
        return _render_thread(
            request,
            edition,
            form,
            fragment=wants_fragment,
            status=rejected.status,
            error=rejected.message,
        )

    _remember(request, comment)
    messages.success(request, PUBLISHED if comment.is_visible else AWAITING)
    page = threads.page_of(comment, _own_ids(request))
    if wants_fragment:
        response = _render_thread(
            request, edition, CommentForm(edition=edition), fragment=True, status=201, page=page
        )
    else:
        response = _see_other(f"{_thread_url(edition)}{_page_query(page)}#comment-{comment.pk}")
    privacy.keep_browser_key(response, key)
    return response


@csrf_exempt  # checked in _guard_post
@require_POST
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    refused = _guard_post(request)
    if refused is not None:
        return refused
    comment = Comment.objects.select_related("edition").filter(pk=comment_id).first()
    edition = comment and _published_edition(comment.edition_id)
    if comment is None or edition is None or edition.language != request.LANGUAGE_CODE:
        return _refusal(request, COMMENT_NOT_FOUND, 404)
    wait = _rate_limited(request, "report")
    if wait is not None:
        response = _refusal(request, TOO_OFTEN, 429)
        response["Retry-After"] = str(wait)
        return response
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    reporter = privacy.request_ip_hash(request) or _session_hash(request, create=True)
    try:
        ReportComment(comment, reporter_hash=reporter, reason=reason or "other").execute()
    except CommentRejected as rejected:
        return _refusal(request, rejected.message, rejected.status)
    if _wants_fragment(request):
        return _notice(REPORTED, status=200)
    messages.success(request, REPORTED)
    page = threads.page_of(comment, _own_ids(request))
    return _see_other(f"{_thread_url(edition)}{_page_query(page)}#comment-{comment.pk}")


# Rendering


def _render_thread(
    request: HttpRequest,
    edition: Edition,
    form: CommentForm,
    *,
    fragment: bool,
    status: int = 200,
    error: str | Promise | None = None,
    page: int | None = None,
) -> HttpResponse:
    own = _own_ids(request)
    page_obj, nodes = threads.load(edition, str(page) if page else request.GET.get("page"), own)
    mode = ModerationSetting.mode_for(edition)
    number = threads.published_count(edition.pk)
    parent_id = form["parent"].value() if form.is_bound else form.initial.get("parent")
    context = {
        "edition": edition,
        "article_url": edition.get_absolute_url(),
        "nodes": nodes,
        "page": page_obj,
        "count": number,
        "show_label": _show_label(number),
        "mode": mode,
        "accepting": mode != Mode.CLOSED,
        "form": form,
        "reply_to": _reply_target(edition, parent_id),
        "error": error,
        "thread_url": _thread_url(edition),
        "fragment_url": reverse("comments:fragment", kwargs={"edition_id": edition.pk}),
        "post_url": reverse("comments:post", kwargs={"edition_id": edition.pk}),
    }
    template = "comments/_thread.html" if fragment else "comments/thread_page.html"
    response = render(request, template, context, status=status)
    response["X-Prensa-Comments"] = "thread"
    add_never_cache_headers(response)
    return response


def _refusal(
    request: HttpRequest, message: str | Promise, status: int, fragment: bool | None = None
) -> HttpResponse:
    """A refusal with a message in the reader's language: a notice for JS, else a page."""
    if fragment if fragment is not None else _wants_fragment(request):
        return _notice(message, status, error=True)
    response = render(request, "comments/refusal.html", {"message": message}, status=status)
    add_never_cache_headers(response)
    return response


def _notice(message: str | Promise, status: int, error: bool = False) -> HttpResponse:
    html = render_to_string("comments/_notice.html", {"message": message, "error": error})
    response = HttpResponse(html, status=status)
    response["X-Prensa-Comments"] = "notice"
    add_never_cache_headers(response)
    return response


def _show_label(number: int) -> str:
    return gettext("Show comments (%(count)s)") % {"count": number}


# Request helpers


def _guard_post(request: HttpRequest) -> HttpResponse | None:
    """Refuse oversized, unreadable or forged posts before doing anything with them."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > conf.max_request_bytes():
        return _refusal(request, TOO_LARGE, 413)
    try:
        request.POST  # noqa: B018 - parse now, so that a bad body is a 400 with a message
    except (SuspiciousOperation, MultiPartParserError, OSError):
        return _refusal(request, UNREADABLE, 400)
    # Checked here rather than by the middleware (the views are csrf_exempt) so that a
    # refusal comes with a message in the reader's language. The callback passed must
    # not be exempt itself.
    if CsrfViewMiddleware(_no_response).process_view(request, _no_response, (), {}) is not None:
        return _refusal(request, CSRF_FAILED, 403)
    return None


def _no_response(request: HttpRequest) -> HttpResponse:
    raise AssertionError("only process_view is used")


def _wants_fragment(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _rate_limited(request: HttpRequest, scope: str) -> int | None:
    """Seconds to wait when this network or browser session has been too busy."""
    by_ip = ratelimit.hit(scope + ":ip", privacy.request_ip_hash(request), conf.rate_per_ip())
    by_session = ratelimit.hit(scope + ":session", _session_hash(request), conf.rate_per_session())
    waits = [wait for wait in (by_ip, by_session) if wait is not None]
    return max(waits) if waits else None


def _session_hash(request: HttpRequest, create: bool = False) -> str:
    key = request.session.session_key
    if key is None and create:
        request.session.save()
        key = request.session.session_key
    return privacy.keyed_hash("session", key) if key else ""


def _own_ids(request: HttpRequest) -> list[int]:
    """Comments this browser posted lately, so their author sees them while they wait."""
    stored = request.session.get(OWN_COMMENTS, [])
    return [pk for pk in stored if isinstance(pk, int)] if isinstance(stored, list) else []


def _remember(request: HttpRequest, comment: Comment) -> None:
    request.session[OWN_COMMENTS] = [*_own_ids(request), comment.pk][-REMEMBERED:]


def _carried_over(request: HttpRequest) -> dict:
    """What the reader typed, to show it again in a fresh form."""
    return {
        name: request.POST.get(name, "")[: conf.max_length() * 2]
        for name in ("name", "email", "body", "parent", "started")
    }


def _published_edition(edition_id: int) -> Edition | None:
    return (
        Edition.objects.published().select_related("story__section").filter(pk=edition_id).first()
    )


def _reply_target(edition: Edition, raw: object) -> Comment | None:
    try:
        pk = int(str(raw))
    except (TypeError, ValueError):
        return None
    return Comment.objects.published().filter(pk=pk, edition=edition).first()


def _thread_url(edition: Edition) -> str:
    return reverse_in(edition.language, "comments:thread", edition_id=edition.pk)


def _page_query(page: int) -> str:
    return f"?page={page}" if page > 1 else ""


def _see_other(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
