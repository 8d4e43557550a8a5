"""Renditions: every crop, width and format, made by the worker, with no metadata left."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from prensa.media import renditions
from prensa.media.models import FORMATS, Image

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db


def opened(image: Image, ratio: str, width: int, fmt: str) -> PILImage.Image:
    with default_storage.open(image.rendition_name(ratio, width, fmt)) as stored:
        picture = PILImage.open(io.BytesIO(stored.read()))
        picture.load()
    return picture


def with_gps() -> bytes:
    exif = PILImage.Exif()
    exif[0x013B] = "Source who must stay hidden"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (23.0, 33.0, 1.0)  # latitude
    gps[3], gps[4] = "W", (46.0, 37.0, 59.0)  # longitude
    return picture_bytes(size=(2000, 1200), exif=exif.tobytes())


def test_the_worker_makes_three_crops_at_several_widths_in_avif_webp_and_jpeg(ingest):
    image, _ = ingest(upload(picture_bytes(size=(2000, 1200))))
    assert image.ready
    assert image.crops("16x9") == [(480, 270), (800, 450), (1200, 675), (1600, 900)]
    assert image.crops("1x1")[-1] == (1200, 1200)  # never wider than the crop itself
    for fmt in FORMATS:
        picture = opened(image, "4x3", 800, fmt)
        assert picture.size == (800, 600)
        assert picture.format == {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_served_renditions_carry_no_exif_and_no_gps(ingest, fmt):
    image, _ = ingest(upload(with_gps()))
    original = PILImage.open(image.original.open("rb"))
    assert original.getexif().get_ifd(0x8825), "the test's original must carry GPS"
    picture = opened(Image.objects.get(pk=image.pk), "16x9", 1200, fmt)
    assert len(picture.getexif()) == 0
    assert not picture.getexif().get_ifd(0x8825)
    assert "exif" not in picture.info
    assert "xmp" not in picture.info


def test_originals_are_not_in_the_served_store(ingest, media_stores):
    image, _ = ingest(upload(with_gps()))
    served = [p for p in (media_stores / "media").rglob("*") if p.is_file()]
    assert served
    assert all(not str(p.relative_to(media_stores)).startswith("media/originals") for p in served)
    assert (media_stores / "originals" / image.original.name).exists()
    assert not default_storage.exists(image.original.name)


def test_a_cmyk_jpeg_becomes_srgb_with_its_colours(ingest):
    red_in_cmyk = picture_bytes(mode="CMYK", colour=(0, 255, 255, 0), size=(800, 600))
    image, _ = ingest(upload(red_in_cmyk, "print.jpg"))
    picture = opened(Image.objects.get(pk=image.pk), "4x3", 480, "jpeg")
    assert picture.mode == "RGB"
    red, green, blue = picture.getpixel((240, 180))
    assert red > 200 and green < 60 and blue < 60


def test_crops_keep_the_focal_point_in_view(ingest):
    # A grey field with a black block near the right edge, where the focal point is.
    picture = PILImage.new("RGB", (1600, 800), (180, 180, 180))
    picture.paste((0, 0, 0), (1400, 300, 1500, 400))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image, _ = ingest(
        upload(buffer.getvalue(), "block.png", "image/png"), focal_x=0.9, focal_y=0.45
    )
    square = opened(Image.objects.get(pk=image.pk), "1x1", 800, "jpeg")
    darkest = square.convert("L").getextrema()[0]
    assert darkest < 30, "the black block must be inside the square crop"


def test_focal_crop_slides_to_the_edge_rather_than_past_it():
    assert renditions.focal_crop((1600, 800), 1.0, 1.0, 0.5) == (800, 0, 1600, 800)
    assert renditions.focal_crop((1600, 800), 1.0, 0.0, 0.5) == (0, 0, 800, 800)
    assert renditions.focal_crop((1000, 1000), 16 / 9, 0.5, 0.5) == (0, 219, 1000, 781)


def test_a_new_focal_point_makes_new_files_and_removes_the_old_ones(ingest):
    image, _ = ingest(upload(picture_bytes(size=(1600, 900))))
    image.refresh_from_db()
    old = image.rendition_name("1x1", 480, "jpeg")
    image.focal_x = 0.1
    image.save()
    renditions.make(image)
    image.refresh_from_db()
    assert image.rendition_version == 2
    assert default_storage.exists(image.rendition_name("1x1", 480, "jpeg"))
    assert not default_storage.exists(old)
