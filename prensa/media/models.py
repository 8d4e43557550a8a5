"""The picture library: one Image per file, its renditions, and each story's lead image.

An Image's original is kept in a private store (`STORAGES["originals"]`, else the default
one): it may carry EXIF and GPS data that must never reach readers. Readers only ever get
renditions, which the background worker writes ahead of time without any metadata
(prensa/media/renditions.py), under names that change when the crop does.

Newsroom may not import this app, so the link from a story to its picture lives here
(`LeadImage`, one-to-one with the story) and newsroom needs no migration.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, default_storage, storages
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from prensa.newsroom.models import Story

# Crops every picture is cut to, around its focal point (name: width and height ratio).
RATIOS: dict[str, tuple[int, int]] = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
# Widths of each crop, in pixels; never wider than the crop cut from the original.
WIDTHS = (480, 800, 1200, 1600)
# Formats of each rendition, best first: a <picture> offers them in this order.
FORMATS = ("avif", "webp", "jpeg")
CONTENT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


class _OriginalsStorage(LazyObject):
    """Where originals are kept: a store of their own when configured (never served),
    looked up when first used, and again after a test changes the settings."""

    def _setup(self) -> None:
        self._wrapped = storages["originals" if "originals" in settings.STORAGES else "default"]


originals = _OriginalsStorage()


@receiver(setting_changed)
def _forget_originals_storage(setting: str, **kwargs: object) -> None:
    if setting in ("STORAGES", "MEDIA_ROOT"):
        originals._wrapped = empty


def originals_storage() -> Storage:
    return originals  # type: ignore[return-value]


def original_name(image: Image, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"originals/{image.content_hash[:2]}/{image.content_hash}.{extension}"


def _language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language[:2]


class Image(models.Model):
    """One picture: its file, its rights, its focal point, its words in each language."""

    original = models.FileField(
        _("file"), upload_to=original_name, storage=originals_storage, max_length=200
    )
    format = models.CharField(_("format"), max_length=10, editable=False)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    focal_x = models.FloatField(
        _("focal point, across"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right; crops keep this point in view."),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("e.g. “Ana Souza / Prensa”")
    )
    copyright = models.CharField(_("copyright notice"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “CC BY 4.0”, “All rights reserved”"),
    )
    licence_url = models.URLField(_("licence address"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the picture came from: staff, agency, handout, reader."),
    )
    alt_pt = models.CharField(_("alt text (Portuguese)"), max_length=300, blank=True)
    alt_es = models.CharField(_("alt text (Spanish)"), max_length=300, blank=True)
    alt_en = models.CharField(_("alt text (English)"), max_length=300, blank=True)
    caption_pt = models.TextField(_("caption (Portuguese)"), blank=True)
    caption_es = models.TextField(_("caption (Spanish)"), blank=True)
    caption_en = models.TextField(_("caption (English)"), blank=True)
    embedded_caption = models.TextField(
        _("caption in the file"),
        blank=True,
        editable=False,
        help_text=_("As read from the file's IPTC, XMP or EXIF data on upload."),
    )
    content_hash = models.CharField(
        _("content hash (SHA-256)"), max_length=64, unique=True, editable=False
    )
    file_size = models.PositiveIntegerField(_("file size"), editable=False)
    # What the worker made: [[ratio, width, height], ...] for crop version `rendition_version`.
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    rendition_version = models.PositiveIntegerField(default=1, editable=False)
    renditions_made_at = models.DateTimeField(null=True, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.alt or self.caption_in(_language()) or self.original.name.rsplit("/", 1)[-1]

    def alt_in(self, language: str) -> str:
        return getattr(self, f"alt_{language}", "")

    def caption_in(self, language: str) -> str:
        return getattr(self, f"caption_{language}", "")

    @property
    def alt(self) -> str:
        """The alt text in the active language (templates call this)."""
        return self.alt_in(_language())

    @property
    def caption(self) -> str:
        return self.caption_in(_language())

    @property
    def ready(self) -> bool:
        """The worker has made this picture's renditions: pages may show it."""
        return bool(self.renditions)

    def rendition_name(self, ratio: str, width: int, fmt: str) -> str:
        return (
            f"pictures/{self.content_hash[:2]}/{self.content_hash[:20]}"
            f"/v{self.rendition_version}/{ratio}-{width}.{EXTENSIONS[fmt]}"
        )

    def rendition_url(self, ratio: str, width: int, fmt: str) -> str:
        return default_storage.url(self.rendition_name(ratio, width, fmt))

    def crops(self, ratio: str) -> list[tuple[int, int]]:
        """(width, height) of each rendition made of this crop, narrowest first."""
        return sorted((w, h) for r, w, h in self.renditions if r == ratio)


class LeadImage(models.Model):
    """The picture at the top of a story, on its page, its teasers, its cards and feeds."""

    story = models.OneToOneField(
        Story,
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="lead_image",
    )
    image = models.ForeignKey(
        Image, verbose_name=_("picture"), on_delete=models.PROTECT, related_name="lead_of"
    )

    class Meta:
        verbose_name = _("lead image")
        verbose_name_plural = _("lead images")

    def __str__(self) -> str:
        return str(self.image)


# What a reader page's query adds to fetch each story's lead picture in the same query.
LEAD_IMAGE_RELATION = "lead_image__image"


def with_lead_images(editions: models.QuerySet) -> models.QuerySet:
    """Editions with their story's lead picture joined in (no query per teaser)."""
    return editions.select_related(f"story__{LEAD_IMAGE_RELATION}")


def lead_image_of(story: Story) -> Image | None:
    """The story's lead picture once its renditions exist; None otherwise."""
    try:
        image = story.lead_image.image
    except LeadImage.DoesNotExist:
        return None
    return image if image.ready else None
