import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from prensa.lib.markup import paragraphs
from prensa.lib.worddiff import word_diff

from . import preview as preview_links
from . import search
from .models import (
    CONTENT_FIELDS,
    LANGUAGE_CODES,
    Credit,
    Edition,
    Section,
    Story,
    StoryCredit,
    Tag,
)
from .ownership import OwnStories, StatusForPublishers
from .textcheck import detected_language


def language_name(code: str) -> str:
    """The language's name in the editor's interface language ("inglês" for en in pt).

    Portuguese and Spanish write language names in lower case within a sentence.
    """
    name = str(translation.get_language_info(code)["name_translated"])
    return name.lower() if (translation.get_language() or "")[:2] in ("pt", "es") else name


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
        theirs = self._current() if self.instance.pk else None
        if theirs is not None and expected is None:
            # Without it, this save could overwrite any revision saved since the form opened.
            self._conflict(
                theirs,
                cleaned,
                _(
                    "This form does not say which revision of the edition it changes, so "
                    "saving it could overwrite someone else's work; nothing was saved. The "
                    "edition as it is now and your version are compared below, and your text "
                    "is still in the form: save again to replace the current version with it."
                ),
                code="no_revision",
            )
        # All three must agree: the revision the person started from, the one this request
        # loaded and the one stored now (read under a row lock, see _current).
        stale = theirs is not None and expected != self.instance.revision
        if theirs is not None and self.has_changed() and (stale or expected != theirs.revision):
            self._conflict(
                theirs,
                cleaned,
                _(
                    "Someone else saved this edition while you were editing it (now "
                    "revision %(current)s, you started from %(expected)s); nothing was "
                    "saved. Their version and yours are compared below, and your text is "
                    "still in the form: merge what you need and save again, or reload "
                    "the page to drop your changes."
                )
                % {"current": theirs.revision, "expected": expected},
            )
        self._keep_paragraph_count(cleaned)
        self._check_body_language(cleaned)
        return cleaned

    def _current(self) -> Edition | None:
        """The edition as stored now. Inside a transaction (the admin saves in one) its row
        stays locked until the save is done, so two saves from one revision cannot both
        pass this check: the second waits, then sees the first one's revision."""
        editions = Edition.objects.filter(pk=self.instance.pk)
        if connection.in_atomic_block:
            editions = editions.select_for_update()
        return editions.first()

    def _conflict(self, theirs: Edition, cleaned: dict, message: str, code: str = "conflict"):  # type: ignore[no-untyped-def]
        """Refuse the save with both versions side by side; the form keeps the person's text.

        The form's expected revision becomes the current one, so saving again after
        reading the comparison is a choice made knowingly, not another blind overwrite.
        """
        fields = []
        for name in CONTENT_FIELDS:
            if name not in self.fields:
                continue
            mine, current = cleaned.get(name) or "", getattr(theirs, name) or ""
            diff = word_diff(current, mine)
            fields.append({"label": self.fields[name].label, "theirs": current, "diff": diff})
        self.data = self.data.copy()
        self.data[self.add_prefix("expected_revision")] = str(theirs.revision)
        html = render_to_string(
            "newsroom/edition_conflict.html",
            {
                "message": message,
                "fields": fields,
                "current": theirs.revision,
                "language": theirs.language,
            },
        )
        raise forms.ValidationError(mark_safe(html), code=code)  # noqa: S308 (escaped by the template)

    def _check_body_language(self, cleaned: dict) -> None:
        """A body written in another language than the edition says is refused.

        The desk drafts translations from the declared language: a Portuguese body marked
        English would be sent to the engines as English and come back as nonsense.
        """
        declared, body = cleaned.get("language"), cleaned.get("body")
        if not declared or not body or ("body" not in self.changed_data and self.instance.pk):
            return
        found = detected_language(body)
        if found is not None and found != declared:
            self.add_error(
                "body",
                _(
                    "This text looks written in %(found)s, but the edition's language is "
                    "%(declared)s. Choose %(found)s as the language, or paste the "
                    "%(declared)s text."
                )
                % {"found": language_name(found), "declared": language_name(declared)},
            )

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


class LabelledWidgets:
    """Gives every input a name a screen reader can say (axe: label, select-name).

    Django's date and time boxes sit after plain "Date:" and "Time:" text, not labels;
    each gets an aria-label with its field's name. (Inlines are stacked, not tabular, so
    their inputs keep their own labels.)
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if field is None:
            return field
        name = capfirst(str(db_field.verbose_name))
        widget = field.widget
        widget = getattr(widget, "widget", widget)  # inside the related-object wrapper
        if isinstance(widget, AdminSplitDateTime):
            date, time = widget.widgets
            date.attrs["aria-label"] = gettext("%(field)s: date") % {"field": name}
            time.attrs["aria-label"] = gettext("%(field)s: time") % {"field": name}
        return field


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


class EditionFormSet(forms.BaseInlineFormSet):
    """The story's source language must be one its editions are written in.

    Otherwise the desk has no source to draft translations from and refuses to, so the
    mistake is named here, where it is made.
    """

    def clean(self) -> None:
        super().clean()
        languages = {
            form.cleaned_data["language"]
            for form in self.forms
            if form.cleaned_data.get("language") and not form.cleaned_data.get("DELETE")
        }
        source = self.instance.source_language
        if languages and source not in languages:
            raise forms.ValidationError(
                _(
                    "The story's source language is %(source)s, but none of its editions "
                    "is in %(source)s. Choose the language its original text is written "
                    "in as the source language."
                )
                % {"source": language_name(source)},
                code="no_source_edition",
            )


class EditionInline(StatusForPublishers, LabelledWidgets, admin.StackedInline):
    model = Edition
    form = EditionForm
    formset = EditionFormSet
    fk_name = "story"
    extra = 0
    max_num = 3
    fields = [
        ("language", "status", "published_at"),
        "headline",
        "slug",
        "standfirst",
        "body",
        ("origin", "revision", "revisions"),
        "expected_revision",
        "preview",
    ]

    class Media:  # the conflict view's comparison (EditionForm._conflict)
        css = {"all": ["newsroom/conflict.css"]}

    readonly_fields = ["revision", "revisions", "preview"]

    @admin.display(description=_("Preview"))
    def preview(self, edition: Edition) -> str:
        """Links to see the edition as readers will, and to share with someone signed out."""
        if edition.pk is None:
            return "—"
        url = edition.get_absolute_url()
        days = max(1, settings.PRENSA_PREVIEW_MAX_AGE // 86400)
        return format_html(
            '<a href="{}?{}=1">{}</a> · <a href="{}">{}</a> ({})',
            url,
            preview_links.PARAMETER,
            _("Preview"),
            preview_links.shareable_url(edition),
            _("Shareable preview link"),
            ngettext(
                "anyone with it can read this edition for %(days)s day",
                "anyone with it can read this edition for %(days)s days",
                days,
            )
            % {"days": days},
        )

    @admin.display(description=_("Revisions"))
    def revisions(self, edition: Edition) -> str:
        """The story's history page (prensa.history, above this layer: found by name)."""
        if edition.pk is None:
            return "—"
        try:
            url = reverse("history:story", kwargs={"story_id": edition.story_id})
        except NoReverseMatch:
            return "—"
        return format_html(
            '<a href="{}#edition-{}">{}</a>', url, edition.language, _("Compare and restore")
        )


class StoryCreditInline(admin.StackedInline):
    # Stacked rather than tabular: each field keeps its own label for screen readers.
    model = StoryCredit
    extra = 1
    max_num = 30  # bylines and agency lines; also bounds the forms a tampered post can ask for
    autocomplete_fields = ["credit"]


@admin.register(Story)
class StoryAdmin(OwnStories, LabelledWidgets, admin.ModelAdmin):
    list_display = ["__str__", "section", "source_language", "languages", "updated_at"]
    # A date filter, not date_hierarchy: the hierarchy reads the year of every story to
    # draw its links (a second per page at 100,000 stories).
    list_filter = ["section", "source_language", "editions__status", "created_at", "tags"]
    search_fields = ["editions__headline", "key"]  # see get_search_results
    show_full_result_count = False  # no COUNT(*) of the whole archive next to a search
    # Not filter_horizontal: its widget puts aria-label on a bare span (axe: aria-prohibited-attr).
    autocomplete_fields = ["tags"]
    inlines = [EditionInline, StoryCreditInline]

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        """Headlines and text through the search index (all languages), or a story's key.

        LIKE over every edition's headline took seconds at 100,000 stories.
        """
        term = search.clean_query(search_term)
        if not term:
            return queryset, False
        matching = search.matching(Edition.objects.all(), term).values("story_id")
        return queryset.filter(Q(key=term) | Q(pk__in=matching)), False

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("editions").select_related("section")

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        """A new story is written in the editor's interface language, unless the URL says."""
        initial = super().get_changeform_initial_data(request)
        language = (translation.get_language() or "")[:2]
        if language in LANGUAGE_CODES:
            initial.setdefault("source_language", language)
        return initial

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if "delete_selected" in actions:  # "reportagens selecionadas", not "selecionados"
            function, name, _description = actions["delete_selected"]
            description = pgettext_lazy("story", "Delete selected %(verbose_name_plural)s")
            actions["delete_selected"] = (function, name, description)
        return actions

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().message_user(request, gendered(self.model, message), level, *args, **kwargs)

    @admin.display(description=_("Editions"))
    def languages(self, story: Story) -> str:
        return " ".join(f"{e.language}{'' if e.is_live else '*'}" for e in story.editions.all())


# Django's own save messages agree with a masculine noun in Portuguese ("O reportagem …
# foi alterado"). Each is said again with the model as context, so each language can
# give each model's name its gender: msgctxt "story" in the catalogues.
_DJANGO_MESSAGES = (
    "The {name} “{obj}” was added successfully.",
    "The {name} “{obj}” was changed successfully.",
    "The {name} “{obj}” was added successfully. You may edit it again below.",
    "The {name} “{obj}” was changed successfully. You may edit it again below.",
    "The {name} “{obj}” was added successfully. You may add another {name} below.",
    "The {name} “{obj}” was changed successfully. You may add another {name} below.",
)
_DJANGO_DELETED = "The %(name)s “%(obj)s” was deleted successfully."


def _pattern(template: str, name: str) -> re.Pattern:
    """A regex matching `template` (one {obj}, {name} as given) filled in by Django."""
    parts = re.split(r"(\{name\}|\{obj\})", template)
    regex = "".join(
        re.escape(name) if p == "{name}" else "(?P<obj>.*?)" if p == "{obj}" else re.escape(p)
        for p in parts
    )
    return re.compile(regex + "$")


def gendered(model: type, message: object) -> object:
    """`message` from Django's admin, said again in the model's own grammatical gender."""
    context = model._meta.model_name
    name = str(model._meta.verbose_name)
    text = str(message)
    for template in _DJANGO_MESSAGES:
        found = _pattern(str(gettext(template)), name).match(text)
        if found and pgettext(context, template) == template != gettext(template):
            return message  # this language has no gendered version: keep Django's
        if found:
            # Django built `message` with format_html: its link is already escaped.
            obj = mark_safe(found["obj"]) if isinstance(message, SafeData) else found["obj"]  # noqa: S308
            return format_html(pgettext(context, template), name=name, obj=obj)
    deleted = (
        str(gettext(_DJANGO_DELETED)).replace("%(name)s", "{name}").replace("%(obj)s", "{obj}")
    )
    found = _pattern(deleted, name).match(text)
    if found:
        return pgettext(context, _DJANGO_DELETED) % {"name": name, "obj": found["obj"]}
    return message
