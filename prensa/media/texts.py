"""The lead picture's words as translation blocks: its alt text and caption.

A story's translations draft, review and mark stale the picture's alt text and caption like
any paragraph. They are the last blocks of an edition (`Edition.blocks()`: after the body
and the correction notes), in the edition's language, each only when the source language
has words for it: an empty caption is not a paragraph to review. The desk composes the
reviewed texts back into `Image.alt_<language>` / `Image.caption_<language>`.
"""

from __future__ import annotations

from prensa.newsroom.models import Edition

from .models import Image, LeadImage

# The picture's fields that are translated, in block order.
FIELDS = ("alt", "caption")


def lead_picture(edition: Edition) -> Image | None:
    lead = LeadImage.objects.filter(story_id=edition.story_id).select_related("image").first()
    return lead.image if lead is not None else None


def picture_fields(edition: Edition, language: str | None = None) -> list[tuple[str, str]]:
    """(field, text) of the lead picture's words in `language` (the edition's by default)
    that have words in it, in block order."""
    image = lead_picture(edition)
    if image is None:
        return []
    language = language or edition.language
    pairs = [(name, getattr(image, f"{name}_{language}", "").strip()) for name in FIELDS]
    return [(name, text) for name, text in pairs if text]


def picture_blocks(edition: Edition) -> list[str]:
    """Registered in newsroom's ATTACHED_BLOCKS (see MediaConfig.ready)."""
    return [text for _name, text in picture_fields(edition)]


def source_fields(source: Edition | None) -> list[str]:
    """The fields a translation of `source` has blocks for, in order."""
    if source is None:
        return []
    return [name for name, _text in picture_fields(source)]


def shown_texts(edition: Edition, fields: list[str]) -> list[str]:
    """What readers of `edition` see now for each of `fields`."""
    image = lead_picture(edition)
    if image is None:
        return ["" for _ in fields]
    return [getattr(image, f"{name}_{edition.language}", "") for name in fields]


def write_picture_texts(edition: Edition, texts: dict[str, str]) -> bool:
    """Put the translated `texts` ({field: text}) on the lead picture in the edition's
    language; an empty text leaves the field alone. Returns whether anything changed."""
    image = lead_picture(edition)
    if image is None:
        return False
    changed = []
    for name, text in texts.items():
        attribute = f"{name}_{edition.language}"
        text = text.strip()
        if name not in FIELDS or not text or getattr(image, attribute) == text:
            continue
        if name == "alt":
            text = text[: Image._meta.get_field(attribute).max_length]
        setattr(image, attribute, text)
        changed.append(attribute)
    if changed:
        image.save(update_fields=changed)
    return bool(changed)
