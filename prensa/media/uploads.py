"""Taking a picture into the library: check everything first, then store it whole or not at all.

`check()` reads the upload with Pillow (the bytes, never the name or the browser's word
alone) and refuses, each with its own message: an over-size file, SVG, a file that is
not a picture or is broken, a name or MIME type that disagrees with the content, a
decompression bomb, an animated picture. `ingest()` then stores it, or returns the
picture already in the library with the same bytes (by SHA-256), and queues its
renditions for the worker once the row is committed.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from . import metadata
from .models import Image, _language

# Pillow format → extensions and MIME types accepted for it.
ACCEPTED = {
    "JPEG": (("jpg", "jpeg"), ("image/jpeg", "image/pjpeg")),
    "PNG": (("png",), ("image/png",)),
    "WEBP": (("webp",), ("image/webp",)),
    "GIF": (("gif",), ("image/gif",)),
    "AVIF": (("avif",), ("image/avif",)),
}
# Browsers and tools send these when they do not know better: they prove nothing either way.
_VAGUE_TYPES = {"", "application/octet-stream", "binary/octet-stream"}
# Orientations (EXIF 0x0112) that turn the picture a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}


def max_bytes() -> int:
    return settings.PRENSA_MEDIA_MAX_UPLOAD_MB * 1024 * 1024


def refusal(message: str, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


@dataclass
class Checked:
    """An upload that passed every check, with what the library stores about it."""

    data: bytes
    format: str
    extension: str
    width: int
    height: int
    content_hash: str
    embedded: metadata.Embedded


def check(upload) -> Checked:  # type: ignore[no-untyped-def]
    """Read and check an uploaded file (a Django File); raise ValidationError if refused."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise refusal(_too_big(), "too_big")
    upload.seek(0)
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise refusal(_too_big(), "too_big")
    if not data:
        raise refusal(_("The file is empty."), "empty")
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if extension == "svg" or content_type == "image/svg+xml" or _looks_like_svg(data):
        raise refusal(
            _("SVG files are not accepted: they can carry scripts. Upload a JPEG, PNG or WebP."),
            "svg",
        )
    known = {ext for extensions, _types in ACCEPTED.values() for ext in extensions}
    if extension not in known:
        raise refusal(
            _(
                "Files ending in “.%(extension)s” are not accepted: upload a JPEG, PNG, WebP, GIF or AVIF picture."
            ),
            "extension",
            extension=extension or "?",
        )
    picture = _open(data)
    kind = picture.format or ""
    if kind not in ACCEPTED:
        raise refusal(_("This kind of picture (%(kind)s) is not accepted."), "format", kind=kind)
    extensions, types = ACCEPTED[kind]
    if extension not in extensions:
        raise refusal(
            _(
                "The file is named “.%(extension)s” but holds a %(kind)s picture: rename it and try again."
            ),
            "mismatch",
            extension=extension,
            kind=kind,
        )
    if content_type not in _VAGUE_TYPES and content_type not in types:
        raise refusal(
            _("The file was sent as %(type)s but holds a %(kind)s picture."),
            "mismatch",
            type=content_type,
            kind=kind,
        )
    if getattr(picture, "n_frames", 1) > 1:
        raise refusal(
            _("Animated pictures are refused: upload a single still frame instead."),
            "animated",
        )
    width, height = picture.size
    try:
        picture.load()  # decode everything now: a truncated or garbled file fails here
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P", "CMYK", "I;16", "I", "1", "PA"):
            raise ValueError(picture.mode)
        picture.convert("RGB")  # CMYK and the like must convert before they are accepted
    except (OSError, SyntaxError, ValueError) as error:
        raise refusal(
            _("The picture is damaged and cannot be read (%(reason)s)."),
            "corrupt",
            reason=str(error)[:120] or type(error).__name__,
        ) from error
    if _orientation(picture) in _QUARTER_TURNS:
        width, height = height, width
    return Checked(
        data=data,
        format=kind.lower(),
        extension=extensions[0],
        width=width,
        height=height,
        content_hash=hashlib.sha256(data).hexdigest(),
        embedded=metadata.read(picture),
    )


def ingest(upload, user=None, language: str | None = None, **fields) -> tuple[Image, bool]:  # type: ignore[no-untyped-def]
    """Store an upload as an Image; (existing picture, False) when its bytes are known.

    Fields read from the file prefill what `fields` leaves empty; the embedded caption
    goes to `language` (the uploader's). Nothing is left behind if storing fails.
    """
    checked = check(upload)
    existing = duplicate_of(checked)
    if existing is not None:
        return existing, False
    image = Image(**{name: value for name, value in fields.items() if value not in (None, "")})
    prefill(image, checked, language)
    stored = store(image, checked, user)
    return stored, stored.pk == image.pk


def duplicate_of(checked: Checked) -> Image | None:
    return Image.objects.filter(content_hash=checked.content_hash).first()


def prefill(image: Image, checked: Checked, language: str | None = None) -> None:
    """Fill what the uploader left empty from what the file says about itself."""
    language = (language or _language())[:2]
    embedded = checked.embedded
    image.embedded_caption = embedded.caption
    for name, value in (
        ("credit", embedded.credit_line[:200]),
        ("copyright", embedded.copyright[:200]),
        ("source", embedded.source[:200]),
        (f"caption_{language}", embedded.caption),
    ):
        if hasattr(image, name) and not getattr(image, name):
            setattr(image, name, value)


def store(image: Image, checked: Checked, user=None) -> Image:  # type: ignore[no-untyped-def]
    """Save the file and the row together: if the row fails, the file goes too.

    Returns `image`, or the picture that won a race to store the same bytes.
    """
    image.format = checked.format
    image.width, image.height = checked.width, checked.height
    image.content_hash = checked.content_hash
    image.file_size = len(checked.data)
    if user is not None and getattr(user, "is_authenticated", False):
        image.uploaded_by = user
    field = image.original.field
    storage = field.storage
    name = field.generate_filename(image, f"upload.{checked.extension}")
    # Names are made of the content's hash: a file already there holds these very bytes
    # (left by a deleted picture, or a database loaded afresh), so it is used, not copied.
    written = not storage.exists(name)
    stored = storage.save(name, ContentFile(checked.data)) if written else name
    image.original.name = stored
    try:
        with transaction.atomic():
            image.full_clean(exclude=["original"])
            image.save()
    except IntegrityError:  # the same bytes arrived at the same moment: keep theirs
        if written:
            storage.delete(stored)
        return Image.objects.get(content_hash=checked.content_hash)
    except BaseException:
        if written:
            storage.delete(stored)
        raise
    transaction.on_commit(lambda: queue_renditions(image.pk))
    return image


def queue_renditions(image_id: int, again: bool = False) -> None:
    from .tasks import make_renditions  # imported late: the task module loads Pillow's encoders

    make_renditions.enqueue(image_id, again)


def _open(data: bytes) -> PILImage.Image:
    limit = settings.PRENSA_MEDIA_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data))
            width, height = picture.size
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise _bomb() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refusal(
            _("This file is not a picture, or it is damaged: it could not be read."), "corrupt"
        ) from error
    if width * height > limit:
        raise _bomb(width=width, height=height)
    return picture


def _bomb(width: int | None = None, height: int | None = None) -> ValidationError:
    if width is None:
        return refusal(
            _("The picture is too large to open safely (over %(limit)s pixels)."),
            "too_many_pixels",
            limit=f"{settings.PRENSA_MEDIA_MAX_PIXELS:,}",
        )
    return refusal(
        _("The picture is %(width)s × %(height)s pixels: more than the %(limit)s pixels accepted."),
        "too_many_pixels",
        width=width,
        height=height,
        limit=f"{settings.PRENSA_MEDIA_MAX_PIXELS:,}",
    )


def _too_big() -> str:
    return _("The file is larger than %(limit)s MB.") % {
        "limit": settings.PRENSA_MEDIA_MAX_UPLOAD_MB
    }


def _looks_like_svg(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def _orientation(picture: PILImage.Image) -> int:
    try:
        return int(picture.getexif().get(0x0112, 1))
    except Exception:
        return 1
