"""Renditions: every crop, width and format a page may ask for, written ahead of time.

Why a small module on Pillow rather than django-imagekit, easy-thumbnails or
sorl-thumbnail: those make a thumbnail when a template first asks for it (on a reader's
request) or through their own cache tables, and keep the source's metadata unless told
otherwise. Prensa's reader pages must cost a constant number of queries and never wait
on an encoder, and a source's GPS position must never reach a reader. So the worker
writes the whole set once (`make`), under names a page can compute from the Image row
alone, from pixels copied into a fresh image that has no EXIF, XMP or ICC data to leak.
"""

from __future__ import annotations

import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from .models import FORMATS, RATIOS, WIDTHS, Image

logger = logging.getLogger(__name__)

# Encoder settings: fast enough for a worker, good enough for a news page.
_SAVE_OPTIONS = {
    "avif": {"format": "AVIF", "quality": 55, "speed": 8},
    "webp": {"format": "WEBP", "quality": 78, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}
_SRGB = ImageCms.createProfile("sRGB")


def focal_crop(
    size: tuple[int, int], ratio: float, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest box of `ratio` (width/height) inside `size`, centred on the focal point
    as far as the edges allow."""
    width, height = size
    if width / height > ratio:  # too wide: keep the full height, slide across
        crop_width, crop_height = round(height * ratio), height
    else:  # too tall: keep the full width, slide down
        crop_width, crop_height = width, round(width / ratio)
    left = min(max(round(focal_x * width - crop_width / 2), 0), width - crop_width)
    top = min(max(round(focal_y * height - crop_height / 2), 0), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def to_srgb(picture: PILImage.Image) -> PILImage.Image:
    """Plain RGB pixels in sRGB: CMYK and embedded colour profiles converted, transparency
    laid on white, orientation applied."""
    picture = ImageOps.exif_transpose(picture) or picture
    profile = picture.info.get("icc_profile")
    if profile and picture.mode in ("RGB", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            picture = ImageCms.profileToProfile(picture, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            logger.warning("Unusable colour profile; converting without it")
    if picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    ):
        rgba = picture.convert("RGBA")
        white = PILImage.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return picture.convert("RGB")


def encode(picture: PILImage.Image, fmt: str) -> bytes:
    """The picture's pixels alone in `fmt`: copied into a new image, so no metadata follows."""
    clean = PILImage.new("RGB", picture.size)
    clean.paste(picture)
    buffer = io.BytesIO()
    clean.save(buffer, **_SAVE_OPTIONS[fmt])
    return buffer.getvalue()


def make(image: Image) -> list[list]:
    """Write every rendition of `image` and record them on it; return what was made.

    A picture that already has renditions gets a new version (new names), so pages and
    CDNs holding the old crop keep working until the row points at the new one.
    """
    with image.original.open("rb") as original:
        picture = PILImage.open(io.BytesIO(original.read()))
        picture.load()
    picture = to_srgb(picture)
    old = (image.rendition_version, list(image.renditions))
    version = image.rendition_version + 1 if image.renditions else image.rendition_version
    image.rendition_version = version
    made: list[list] = []
    for ratio, (across, down) in RATIOS.items():
        cropped = picture.crop(
            focal_crop(picture.size, across / down, image.focal_x, image.focal_y)
        )
        widths = [w for w in WIDTHS if w <= cropped.width] or [cropped.width]
        for width in widths:
            height = max(1, round(width * down / across))
            resized = cropped.resize((width, height), PILImage.Resampling.LANCZOS)
            for fmt in FORMATS:
                _write(image.rendition_name(ratio, width, fmt), encode(resized, fmt))
            made.append([ratio, width, height])
    image.renditions = made
    image.renditions_made_at = timezone.now()
    image.save(update_fields=["renditions", "rendition_version", "renditions_made_at"])
    if old[1] and old[0] != version:
        _delete_version(image, *old)
    return made


def _write(name: str, data: bytes) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(data))
    if stored != name:  # a store that renamed it would break the computed addresses
        raise RuntimeError(f"Storage wrote {stored!r} instead of {name!r}")


def _delete_version(image: Image, version: int, renditions: list[list]) -> None:
    current = image.rendition_version
    image.rendition_version = version
    try:
        for ratio, width, _height in renditions:
            for fmt in FORMATS:
                default_storage.delete(image.rendition_name(ratio, width, fmt))
    finally:
        image.rendition_version = current
