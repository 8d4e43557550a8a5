"""`{% picture image "16x9" sizes=... lead=True %}`: a <picture> of prepared renditions.

Width and height always come with the picture (no layout shift). The lead image of an
article loads first (fetchpriority="high"); every other picture loads lazily. A picture
whose renditions the worker has not made yet is left out rather than made on the spot.
"""

from __future__ import annotations

from django import template

from prensa.media.models import CONTENT_TYPES, Image, lead_image_of

register = template.Library()

# The width offered as `src` to browsers that read no srcset (and the one width/height describe).
_FALLBACK_WIDTH = 800


@register.filter
def lead_image(story) -> Image | None:  # type: ignore[no-untyped-def]
    """The story's lead picture once its renditions exist (select_related keeps it query-free)."""
    return lead_image_of(story)


@register.inclusion_tag("media/_picture.html")
def picture(
    image: Image | None,
    ratio: str = "16x9",
    sizes: str = "100vw",
    lead: bool = False,
    alt: str | None = None,
    css_class: str = "",
) -> dict:
    if image is None or not image.ready:
        return {"image": None}
    crops = image.crops(ratio)
    if not crops:
        return {"image": None}
    width, height = min(crops, key=lambda c: abs(c[0] - _FALLBACK_WIDTH))

    def srcset(fmt: str) -> str:
        return ", ".join(f"{image.rendition_url(ratio, w, fmt)} {w}w" for w, _h in crops)

    return {
        "image": image,
        "sources": [
            {"type": CONTENT_TYPES[fmt], "srcset": srcset(fmt)} for fmt in ("avif", "webp")
        ],
        "src": image.rendition_url(ratio, width, "jpeg"),
        "srcset": srcset("jpeg"),
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": image.alt if alt is None else alt,
        "lead": lead,
        "css_class": css_class,
    }
