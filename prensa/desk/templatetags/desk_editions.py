"""Edition helpers for desk templates: preview links, and which rows are correction notes."""

from django import template
from django.conf import settings

from prensa.media.texts import picture_fields
from prensa.newsroom import preview
from prensa.newsroom.models import Edition

register = template.Library()


@register.simple_tag
def staff_preview_url(edition: Edition) -> str:
    return f"{edition.get_absolute_url()}?{preview.PARAMETER}=1"


@register.simple_tag(takes_context=True)
def shareable_preview_url(context: template.Context, edition: Edition) -> str:
    """Absolute: it is meant to be pasted into an email to someone outside the newsroom."""
    return context["request"].build_absolute_uri(preview.shareable_url(edition))


@register.simple_tag
def preview_days() -> int:
    return max(1, settings.PRENSA_PREVIEW_MAX_AGE // 86400)


@register.filter
def is_note(row, source: Edition | None) -> bool:  # type: ignore[no-untyped-def]
    """Whether a segment row translates one of the source's correction or update notes
    (they follow the body: Edition.blocks), so the review page can name it as such."""
    if source is None or row.position < 2:
        return False
    texts = getattr(source, "_note_texts", None)
    if texts is None:
        texts = source._note_texts = set(source.note_texts())
    return row.source_text in texts


@register.filter
def picture_field(row, source: Edition | None) -> str:  # type: ignore[no-untyped-def]
    """'alt' or 'caption' when a segment row translates the lead picture's alt text or
    caption (the last blocks: Edition.blocks, prensa.media.texts), else ''."""
    if source is None or row.position < 2:
        return ""
    cached = getattr(source, "_picture_fields", None)
    if cached is None:
        fields = picture_fields(source)
        cached = source._picture_fields = (fields, len(source.blocks()) if fields else 0)
    fields, count = cached
    for offset, (name, text) in enumerate(fields):
        if row.position == count - len(fields) + offset and row.source_text == text:
            return name
    return ""
