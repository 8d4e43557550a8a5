from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from prensa.translation.models import GlossaryEntry, TranslationMemoryEntry


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ["term", "rendering", "do_not_translate", "source_language", "target_language"]
    list_filter = ["do_not_translate", "source_language", "target_language"]
    search_fields = ["term", "rendering"]

    # A term added or changed here is offered to the open drafts it reaches: the desk's
    # confirmation page lists them (by URL name: the engine room never imports the desk).
    def response_add(self, request: HttpRequest, obj: GlossaryEntry, *args) -> HttpResponse:  # type: ignore[no-untyped-def]
        return self._offer(request, obj) or super().response_add(request, obj, *args)

    def response_change(self, request: HttpRequest, obj: GlossaryEntry) -> HttpResponse:
        return self._offer(request, obj) or super().response_change(request, obj)

    def _offer(self, request: HttpRequest, obj: GlossaryEntry) -> HttpResponse | None:
        if "_continue" in request.POST or "_addanother" in request.POST or "_popup" in request.POST:
            return None
        self.message_user(request, _("The glossary entry “%(entry)s” was saved.") % {"entry": obj})
        back = reverse("admin:translation_glossaryentry_changelist")
        apply = reverse("desk:term_apply", kwargs={"entry_id": obj.pk})
        return HttpResponseRedirect(f"{apply}?{urlencode({'next': back})}")


@admin.register(TranslationMemoryEntry)
class TranslationMemoryEntryAdmin(admin.ModelAdmin):
    list_display = [
        "source_text",
        "target_text",
        "source_language",
        "target_language",
        "approved_at",
    ]
    list_filter = ["source_language", "target_language"]
    search_fields = ["source_text", "target_text"]
    readonly_fields = ["source_hash"]
    date_hierarchy = "approved_at"
