"""The picture library in the admin, and the lead image on each story's admin page."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from prensa.newsroom.models import Story

from . import uploads
from .models import Image, LeadImage


class ImageForm(forms.ModelForm):
    """On add, the file is checked whole before anything is stored; it never changes after."""

    licence_url = forms.URLField(label=_("licence address"), required=False, assume_scheme="https")

    class Meta:
        model = Image
        fields = [
            "original", "focal_x", "focal_y", "credit", "copyright", "licence", "licence_url",
            "source", "alt_pt", "caption_pt", "alt_es", "caption_es", "alt_en", "caption_en",
        ]  # fmt: skip

    def clean_original(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data.get("original")
        if self.instance.pk:
            return self.instance.original
        if not upload:
            raise forms.ValidationError(_("Choose a picture file."), code="required")
        self.checked = uploads.check(upload)
        existing = uploads.duplicate_of(self.checked)
        if existing is not None:
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("This picture is already in the library:"),
                    reverse("admin:media_image_change", args=[existing.pk]),
                    existing,
                ),
                code="duplicate",
            )
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit", "width", "height", "uploaded_at", "is_ready"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = [
        "caption_pt", "caption_es", "caption_en", "alt_pt", "alt_es", "alt_en",
        "credit", "copyright", "source", "embedded_caption",
    ]  # fmt: skip
    list_filter = ["format", "uploaded_at"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "preview", "width", "height", "format", "file_size", "embedded_caption",
        "content_hash", "uploaded_at", "uploaded_by",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["original", "preview", "focal_x", "focal_y"]}),
        (_("Rights"), {"fields": ["credit", "copyright", "licence", "licence_url", "source"]}),
        (
            _("Words"),
            {
                "fields": [
                    "alt_pt",
                    "caption_pt",
                    "alt_es",
                    "caption_es",
                    "alt_en",
                    "caption_en",
                    "embedded_caption",
                ]
            },
        ),
        (
            _("File"),
            {
                "fields": [
                    "width",
                    "height",
                    "format",
                    "file_size",
                    "content_hash",
                    "uploaded_at",
                    "uploaded_by",
                ]
            },
        ),
    ]
    actions = ["remake_renditions"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "original"] if obj is not None else fields

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            uploads.prefill(obj, form.checked)
            uploads.store(obj, form.checked, request.user)
            return
        super().save_model(request, obj, form, change)
        if {"focal_x", "focal_y"} & set(form.changed_data):
            pk = obj.pk
            transaction.on_commit(lambda: uploads.queue_renditions(pk, again=True))

    @admin.action(description=_("Make the renditions of the selected pictures again"))
    def remake_renditions(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        ids = list(queryset.values_list("pk", flat=True))
        for pk in ids:
            transaction.on_commit(lambda pk=pk: uploads.queue_renditions(pk, again=True))
        count = len(ids)
        self.message_user(
            request,
            ngettext(
                "%(count)d picture queued for new renditions.",
                "%(count)d pictures queued for new renditions.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("Picture"))
    def thumbnail(self, image: Image) -> str:
        rendition = image.crops("1x1")
        if not rendition:
            return _("(being prepared)")
        width, _height = rendition[0]
        return format_html(
            '<img src="{}" width="80" height="80" alt="" loading="lazy">',
            image.rendition_url("1x1", width, "jpeg"),
        )

    @admin.display(description=_("Preview"))
    def preview(self, image: Image) -> str:
        crops = image.crops("4x3")
        if not crops:
            return _("The renditions are being prepared by the worker.")
        width, height = crops[0]
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}">',
            image.rendition_url("4x3", width, "jpeg"),
            width,
            height,
            image.alt,
        )

    @admin.display(description=_("Ready"), boolean=True)
    def is_ready(self, image: Image) -> bool:
        return image.ready


class _UnchangedWhenAbsent(BaseInlineFormSet):
    """A story form posted without this inline's fields (a script, a form rendered before
    the picture library existed) leaves the lead image as it is instead of failing."""

    def __init__(self, data=None, files=None, instance=None, prefix=None, **kwargs):  # type: ignore[no-untyped-def]
        name = prefix or self.get_default_prefix()
        if data is not None and f"{name}-TOTAL_FORMS" not in data:
            data = data.copy()
            existing = (
                list(LeadImage.objects.filter(story=instance)) if instance and instance.pk else []
            )
            data[f"{name}-TOTAL_FORMS"] = data[f"{name}-INITIAL_FORMS"] = str(len(existing))
            for number, lead in enumerate(existing):
                data[f"{name}-{number}-story"] = str(lead.story_id)
                data[f"{name}-{number}-image"] = str(lead.image_id)
        super().__init__(data, files, instance=instance, prefix=prefix, **kwargs)


class LeadImageInline(admin.StackedInline):
    model = LeadImage
    formset = _UnchangedWhenAbsent
    extra = 0
    max_num = 1
    autocomplete_fields = ["image"]
    verbose_name = _("lead image")


def _add_lead_image_to_story_admin() -> None:
    """Newsroom may not import media, so the story's admin gains the inline from here."""
    story_admin = admin.site._registry.get(Story)
    if story_admin is not None and LeadImageInline not in story_admin.inlines:
        story_admin.inlines = [*story_admin.inlines, LeadImageInline]


_add_lead_image_to_story_admin()
