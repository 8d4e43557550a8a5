from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Credit, Edition, Section, Story, StoryCredit, Tag


class EditionForm(forms.ModelForm):
    """Refuses to save over a newer revision: two editors must not silently overwrite each other."""

    expected_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Edition
        fields = ("headline", "standfirst", "body")  # the admin inline sets the real list

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_revision"].initial = self.instance.revision

    def clean(self) -> dict:
        cleaned = super().clean()
        expected = cleaned.get("expected_revision")
        if self.instance.pk and expected is not None and self.has_changed():
            current = Edition.objects.filter(pk=self.instance.pk).values_list("revision", flat=True)
            if current.first() not in (None, expected):
                raise forms.ValidationError(
                    _(
                        "Someone else saved this edition while you were editing it "
                        "(now revision %(current)s, you started from %(expected)s). "
                        "Copy your changes, reload the page and apply them again."
                    ),
                    params={"current": current.first(), "expected": expected},
                )
        return cleaned


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
    form = EditionForm
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
        "expected_revision",
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
