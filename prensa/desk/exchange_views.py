"""Translator tools: concordance search in the memory, its entries, TMX and XLIFF files."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from prensa.lib.languages import codes
from prensa.lib.redirects import safe_next
from prensa.newsroom.models import Edition
from prensa.staff.access import refusal
from prensa.translation.exchange import MAX_FILE_BYTES
from prensa.translation.models import TranslationMemoryEntry

from .actions import MAX_PARAGRAPH_CHARS, ActionError
from .exchange import (
    ExportEdition,
    ExportMemory,
    ImportEdition,
    ImportMemory,
    ImportRefused,
    xliff_filename,
)
from .views import desk_access, require_language

logger = logging.getLogger(__name__)

PER_PAGE = 25
MAX_WORDS = 8


def highlight(text: str, words: list[str]) -> SafeString:
    """`text` escaped, with every occurrence of `words` (any case) inside <mark>."""
    if not words:
        return conditional_escape(text)
    pattern = re.compile(
        "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    parts, end = [], 0
    for match in pattern.finditer(text):
        parts.append(conditional_escape(text[end : match.start()]))
        parts.append(mark_safe(f"<mark>{conditional_escape(match.group())}</mark>"))  # noqa: S308
        end = match.end()
    parts.append(conditional_escape(text[end:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


def _pair(value: str) -> tuple[str, str]:
    """ "en-pt" → ("en", "pt"); anything else → ("", "") (every pair)."""
    source, _dash, target = (value or "").partition("-")
    if source in codes() and target in codes() and source != target:
        return source, target
    return "", ""


def _pairs() -> list[tuple[str, str]]:
    return [(s, t) for s in codes() for t in codes() if s != t]


@desk_access
def memory(request: HttpRequest) -> HttpResponse:
    """Concordance: memory entries that contain the words asked, on either side."""
    query = request.GET.get("q", "")[:200]
    words = query.split()[:MAX_WORDS]
    side = request.GET.get("side") if request.GET.get("side") in ("source", "target") else "both"
    source, target = _pair(request.GET.get("pair", ""))
    entries = (
        TranslationMemoryEntry.objects.for_pair(source, target)
        .concordance(words, side)
        .order_by("-approved_at", "-pk")
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    mark_source = words if side in ("both", "source") else []
    mark_target = words if side in ("both", "target") else []
    rows = [
        (
            entry,
            highlight(entry.source_text, mark_source),
            highlight(entry.target_text, mark_target),
        )
        for entry in page.object_list
    ]
    keep = urlencode({"q": query, "pair": f"{source}-{target}" if source else "", "side": side})
    return render(
        request,
        "desk/memory.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "side": side,
            "pair": f"{source}-{target}" if source else "",
            "pairs": _pairs(),
            "keep": keep,
            "here": request.get_full_path(),
            "can_change": request.user.has_perm("translation.change_translationmemoryentry"),
            "can_delete": request.user.has_perm("translation.delete_translationmemoryentry"),
        },
    )


class EntryForm(forms.ModelForm):
    class Meta:
        model = TranslationMemoryEntry
        fields = ["source_text", "target_text"]
        widgets = {
            "source_text": forms.Textarea(attrs={"rows": 3}),
            "target_text": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        for name in ("source_text", "target_text"):
            value = (data.get(name) or "").strip()
            if len(value) > MAX_PARAGRAPH_CHARS:
                self.add_error(name, gettext_lazy("This text is too long."))
            data[name] = value
        return data

    def _post_clean(self) -> None:
        super()._post_clean()  # copies the cleaned text onto the instance first
        if self.instance.source_text and self.instance.clashes() is not None:
            self.add_error(
                "source_text",
                gettext_lazy(
                    "Another entry of this language pair already holds this source sentence; "
                    "edit or delete that one instead."
                ),
            )


def _entry_or_403(request: HttpRequest, entry_id: int, permission: str) -> TranslationMemoryEntry:
    if not request.user.has_perm(permission):
        raise PermissionDenied
    entry = get_object_or_404(TranslationMemoryEntry, pk=entry_id)
    # A translator keeps the memory of the languages assigned to them.
    message = refusal(request.user, permission, entry.target_language)
    if message is not None:
        raise PermissionDenied(message)
    return entry


@desk_access
def memory_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_403(request, entry_id, "translation.change_translationmemoryentry")
    back = safe_next(request, reverse("desk:memory"))
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()  # save() re-hashes the source: the memory now answers for the new sentence
        logger.info("Memory entry %s edited by %s", entry.pk, request.user.get_username())
        messages.success(request, _("Memory entry saved."))
        return HttpResponseRedirect(back)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/memory_edit.html",
        {"entry": entry, "form": form, "back": back},
        status=status,
    )


@desk_access
def memory_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_403(request, entry_id, "translation.delete_translationmemoryentry")
    back = safe_next(request, reverse("desk:memory"))
    if request.method == "POST":
        logger.info(
            "Memory entry %s deleted by %s: %r → %r",
            entry.pk,
            request.user.get_username(),
            entry.source_text,
            entry.target_text,
        )
        entry.delete()
        messages.success(request, _("Memory entry deleted."))
        return HttpResponseRedirect(back)
    return render(request, "desk/memory_delete.html", {"entry": entry, "back": back})


def _attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _upload(request: HttpRequest) -> bytes | None:
    upload = request.FILES.get("file")
    if upload is None:
        return None
    # One byte past the bound is enough for the reader to refuse the file as too large.
    return upload.read(MAX_FILE_BYTES + 1)


@desk_access
def tmx(request: HttpRequest) -> HttpResponse:
    """TMX: export (GET with ?export=1) and import (POST) of the memory."""
    if request.GET.get("export"):
        source, target = _pair(request.GET.get("pair", ""))
        try:
            data = ExportMemory(source, target, request.user).execute()
        except ActionError as exc:
            raise PermissionDenied(exc.message) if exc.status == 403 else Http404 from exc
        name = f"prensa-memory-{source}-{target}.tmx" if source else "prensa-memory.tmx"
        return _attachment(data, name, "application/x-tmx+xml")
    problems, status = [], 200
    if request.method == "POST":
        data = _upload(request)
        try:
            if data is None:
                raise ImportRefused([_("Choose a TMX file to import.")])
            added, replaced = ImportMemory(data, request.user).execute()
            messages.success(
                request,
                _("Memory imported. New entries: %(added)s; replaced: %(replaced)s.")
                % {"added": added, "replaced": replaced},
            )
            return redirect("desk:memory")
        except ImportRefused as exc:
            messages.error(request, exc.message)
            problems, status = exc.problems, exc.status
        except ActionError as exc:
            raise PermissionDenied(exc.message) from exc
    return render(
        request, "desk/exchange_tmx.html", {"problems": problems, "pairs": _pairs()}, status=status
    )


@desk_access
def xliff(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    """An edition's XLIFF: the page with both forms; ?export=1 downloads the file."""
    require_language(request, language, "desk.view_segment")
    edition = get_object_or_404(
        Edition.objects.select_related("story", "translated_from"),
        story_id=story_id,
        language=language,
    )
    if request.GET.get("export"):
        try:
            data = ExportEdition(edition, request.user).execute()
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("desk:review", story_id=story_id, language=language)
        name = xliff_filename(edition, edition.translated_from.language)
        return _attachment(data, name, "application/xliff+xml")
    return render(
        request,
        "desk/exchange_xliff.html",
        {"edition": edition, "story": edition.story, "problems": []},
    )


@desk_access
@require_POST
def xliff_import(request: HttpRequest, story_id: int, language: str) -> HttpResponse:
    require_language(request, language, "desk.change_segment")
    edition = get_object_or_404(
        Edition.objects.select_related("story", "translated_from"),
        story_id=story_id,
        language=language,
    )
    data = _upload(request)
    try:
        if data is None:
            raise ImportRefused([_("Choose an XLIFF file to import.")])
        count = ImportEdition(edition, data, request.user).execute()
    except ImportRefused as exc:
        messages.error(request, exc.message)
        return render(
            request,
            "desk/exchange_xliff.html",
            {"edition": edition, "story": edition.story, "problems": exc.problems},
            status=exc.status,
        )
    except ActionError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
        return redirect("desk:review", story_id=story_id, language=language)
    messages.success(
        request,
        ngettext(
            "%(count)s segment took the file's text. It counts as edited, not confirmed: "
            "confirm it here.",
            "%(count)s segments took the file's text. They count as edited, not confirmed: "
            "confirm each one here.",
            count,
        )
        % {"count": count},
    )
    return redirect("desk:review", story_id=story_id, language=language)
