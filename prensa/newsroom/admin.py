from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from prensa.lib.markup import paragraphs

from .models import Credit, Edition, Section, Story, StoryCredit, Tag


class EditionForm(forms.ModelForm):
    """Refuses to save over a newer revision: two editors must not silently overwrite each other."""

    expected_revision = forms.IntegerField(
        label=_("expected revision"), widget=forms.HiddenInput, required=False
    )

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
        if self.instance.pk and expected is None:
            # Without it, this save could overwrite any revision saved since the form opened.
            raise forms.ValidationError(
                _(
                    "This form does not say which revision of the edition it changes, so "
                    "saving it could overwrite someone else's work. Reload the page and "
                    "apply your changes again."
                ),
                code="no_revision",
            )
        if self.instance.pk and self.has_changed():
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
        self._keep_paragraph_count(cleaned)
        return cleaned

    def _keep_paragraph_count(self, cleaned: dict) -> None:
        """A translation is tracked paragraph by paragraph against its source.

        Adding or removing a paragraph here would leave the desk unable to tell which
        source paragraph each one renders, and its next change would drop words typed
        here; edits within paragraphs are fine and become the translator's text.
        """
        edition = self.instance
        if not edition.pk or edition.translated_from_id is None or "body" not in cleaned:
            return
        before, after = len(paragraphs(edition.body)), len(paragraphs(cleaned["body"]))
        if before != after:
            self.add_error(
                "body",
                _(
                    "This edition is a translation kept in step with its source paragraph by "
                    "paragraph: it has %(before)s paragraphs and would have %(after)s. Add or "
                    "remove paragraphs in the source edition, then draft again in the "
                    "translation desk; here, edit within paragraphs."
                )
                % {"before": before, "after": after},
            )


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
    max_num = 30  # bylines and agency lines; also bounds the forms a tampered post can ask for
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
