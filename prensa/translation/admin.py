from django.contrib import admin

from prensa.translation.models import GlossaryEntry, TranslationMemoryEntry


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ["term", "rendering", "do_not_translate", "source_language", "target_language"]
    list_filter = ["do_not_translate", "source_language", "target_language"]
    search_fields = ["term", "rendering"]


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
