from django.contrib import admin

from .models import Credit, Edition, Section, Story, StoryCredit, Tag


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_pt", "name_es", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_pt", "name_es"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_pt", "name_es"]
    search_fields = ["name_en", "name_pt", "name_es", "slug_en", "slug_pt", "slug_es"]


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class EditionInline(admin.StackedInline):
    model = Edition
    fk_name = "story"
    extra = 0
    max_num = 3
    fields = [
        ("language", "status", "published_at"),
        "headline",
        "slug",
        "standfirst",
        "body",
        ("origin", "revision"),
    ]
    readonly_fields = ["revision"]


class StoryCreditInline(admin.TabularInline):
    model = StoryCredit
    extra = 1
    autocomplete_fields = ["credit"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "source_language", "languages", "updated_at"]
    list_filter = ["section", "source_language", "editions__status", "tags"]
    search_fields = ["editions__headline", "key"]
    filter_horizontal = ["tags"]
    inlines = [EditionInline, StoryCreditInline]
    date_hierarchy = "created_at"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("editions").select_related("section")

    @admin.display(description="Editions")
    def languages(self, story: Story) -> str:
        return " ".join(
            f"{e.language}{'' if e.status == Edition.Status.PUBLISHED else '*'}"
            for e in story.editions.all()
        )
