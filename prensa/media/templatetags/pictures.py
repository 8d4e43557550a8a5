"""`{% picture image "16x9" sizes=... lead=True %}`: a <picture> of prepared renditions.

Width and height always come with the picture (no layout shift). The lead image of an
article loads first (fetchpriority="high"); every other picture loads lazily. A picture
whose renditions the worker has not made yet is left out rather than made on the spot.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from prensa.lib.markup import PictureRef, render_markdown
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


def body_pictures(refs: list[PictureRef]) -> list[str]:
    """HTML for each library picture a body refers to: a figure with caption and credit when
    it stands alone in its paragraph, else the picture alone; nothing for an id that is not
    in the library (or whose renditions are not made yet). The alt text written in the body
    wins over the library's in the reader's language."""
    images = Image.objects.in_bulk({ref.image_id for ref in refs})
    html = []
    for ref in refs:
        image = images.get(ref.image_id)
        if image is None or not image.ready:
            html.append("")
            continue
        html.append(
            render_to_string(
                "media/_body_figure.html",
                {"image": image, "alt": ref.alt.strip() or image.alt, "figure": ref.alone},
            ).strip()
        )
    return html


@register.filter
def body_with_pictures(edition) -> SafeString:  # type: ignore[no-untyped-def]
    """The edition's body as HTML, with the library pictures it refers to
    (`![alt](prensa:image/42)`) rendered as <picture>s; cleaned by nh3 all the same."""
    return mark_safe(render_markdown(edition.body, pictures=body_pictures))  # noqa: S308
