"""Uploading pictures: each bad file refused with its own message, nothing half-stored."""

from __future__ import annotations

import io
import os

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

from prensa.media import uploads
from prensa.media.models import Image

from .conftest import picture_bytes, png_header_only, upload, with_iptc

pytestmark = pytest.mark.django_db


def stored_files(root) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(p) for p in root.rglob("*") if p.is_file()]


def refusal(file) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        uploads.ingest(file)
    return caught.value


def assert_nothing_stored(media_stores) -> None:  # type: ignore[no-untyped-def]
    assert Image.objects.count() == 0
    assert stored_files(media_stores) == []


def test_a_jpeg_is_stored_with_its_size_and_hash(media_stores):
    image, created = uploads.ingest(upload(picture_bytes(size=(640, 480))))
    assert created
    assert (image.width, image.height, image.format) == (640, 480, "jpeg")
    assert len(image.content_hash) == 64
    assert (media_stores / "originals" / image.original.name).exists()


def test_the_same_bytes_twice_give_the_picture_already_in_the_library(media_stores):
    data = picture_bytes()
    first, _ = uploads.ingest(upload(data, "one.jpg"))
    second, created = uploads.ingest(upload(data, "two.jpg"))
    assert not created
    assert second.pk == first.pk
    assert Image.objects.count() == 1
    assert len(stored_files(media_stores / "originals")) == 1


def test_a_file_that_is_not_a_picture_is_refused(media_stores):
    error = refusal(upload(os.urandom(2000), "photo.jpg"))
    assert error.code == "corrupt"
    assert "not a picture" in error.messages[0]
    assert_nothing_stored(media_stores)


def test_a_truncated_jpeg_is_refused_as_damaged(media_stores):
    data = picture_bytes(size=(800, 600), colour=(10, 120, 200))
    error = refusal(upload(data[: len(data) // 3], "cut.jpg"))
    assert error.code == "corrupt"
    assert_nothing_stored(media_stores)


def test_a_png_named_jpg_is_refused(media_stores):
    error = refusal(upload(picture_bytes("PNG"), "photo.jpg", "image/jpeg"))
    assert error.code == "mismatch"
    assert "PNG" in error.messages[0]
    assert_nothing_stored(media_stores)


def test_a_jpeg_sent_as_png_is_refused(media_stores):
    error = refusal(upload(picture_bytes(), "photo.jpg", "image/png"))
    assert error.code == "mismatch"
    assert "image/png" in error.messages[0]
    assert_nothing_stored(media_stores)


def test_an_unknown_extension_is_refused(media_stores):
    error = refusal(upload(picture_bytes("BMP"), "photo.bmp", "image/bmp"))
    assert error.code == "extension"
    assert ".bmp" in error.messages[0]


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.png"])
def test_svg_is_refused_whatever_its_name(media_stores, name):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    error = refusal(upload(svg, name, "image/png"))
    assert error.code == "svg"
    assert "SVG" in error.messages[0]
    assert_nothing_stored(media_stores)


def test_a_decompression_bomb_of_50000_by_50000_pixels_is_refused(media_stores):
    error = refusal(upload(png_header_only(50_000, 50_000), "bomb.png", "image/png"))
    assert error.code == "too_many_pixels"
    assert "too large to open safely" in error.messages[0]
    assert_nothing_stored(media_stores)


def test_a_picture_over_the_pixel_limit_is_refused(media_stores, settings):
    settings.PRENSA_MEDIA_MAX_PIXELS = 100 * 100
    error = refusal(upload(picture_bytes(size=(200, 200))))
    assert error.code == "too_many_pixels"


def test_a_file_over_the_size_limit_is_refused(media_stores, settings):
    settings.PRENSA_MEDIA_MAX_UPLOAD_MB = 1
    noise = PILImage.frombytes("RGB", (1000, 800), os.urandom(1000 * 800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 1024 * 1024
    error = refusal(upload(buffer.getvalue(), "noise.png", "image/png"))
    assert error.code == "too_big"
    assert "1 MB" in error.messages[0]
    assert_nothing_stored(media_stores)


def test_an_animated_gif_is_refused(media_stores):
    frames = [PILImage.new("RGB", (60, 40), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    error = refusal(upload(buffer.getvalue(), "moving.gif", "image/gif"))
    assert error.code == "animated"
    assert "Animated" in error.messages[0]
    assert_nothing_stored(media_stores)


def test_a_still_gif_is_accepted(media_stores):
    image, _ = uploads.ingest(
        upload(picture_bytes("GIF", mode="P", colour=3), "still.gif", "image/gif")
    )
    assert image.format == "gif"


def test_a_cmyk_jpeg_is_accepted(media_stores):
    data = picture_bytes(mode="CMYK", colour=(0, 255, 255, 0))
    image, created = uploads.ingest(upload(data, "print.jpg"))
    assert created and image.format == "jpeg"


def test_exif_creator_copyright_and_description_prefill_the_fields(media_stores):
    exif = PILImage.Exif()
    exif[0x013B] = "Rui Matos"
    exif[0x8298] = "Copyright 2026 Rui Matos"
    exif[0x010E] = "Fishing boats leave the harbour at dawn"
    data = picture_bytes(exif=exif.tobytes())
    image, _ = uploads.ingest(upload(data), language="en")
    assert image.credit == "Rui Matos"
    assert image.copyright == "Copyright 2026 Rui Matos"
    assert image.caption_en == "Fishing boats leave the harbour at dawn"
    assert image.embedded_caption == "Fishing boats leave the harbour at dawn"


def test_iptc_credit_line_wins_over_the_exif_artist(media_stores):
    exif = PILImage.Exif()
    exif[0x013B] = "camera owner"
    data = with_iptc(
        picture_bytes(exif=exif.tobytes()),
        creator="Inês Vidal",
        credit="Inês Vidal / Agência Sul",
        copyright="Agência Sul",
        caption="Mercado de peixe em Olinda",
    )
    image, _ = uploads.ingest(upload(data), language="pt")
    assert image.credit == "Inês Vidal / Agência Sul"
    assert image.copyright == "Agência Sul"
    assert image.caption_pt == "Mercado de peixe em Olinda"


def test_xmp_rights_and_description_are_read(media_stores):
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:creator><rdf:Seq><rdf:li>Lia Prado</rdf:li></rdf:Seq></dc:creator>"
        b'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">CC BY 4.0 Lia Prado</rdf:li></rdf:Alt></dc:rights>'
        b'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Barcos al amanecer</rdf:li></rdf:Alt></dc:description>'
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    image, _ = uploads.ingest(upload(picture_bytes(xmp=xmp)), language="es")
    assert image.credit == "Lia Prado"
    assert image.copyright == "CC BY 4.0 Lia Prado"
    assert image.caption_es == "Barcos al amanecer"


def test_what_the_uploader_typed_wins_over_the_file(media_stores):
    exif = PILImage.Exif()
    exif[0x013B] = "Rui Matos"
    image, _ = uploads.ingest(upload(picture_bytes(exif=exif.tobytes())), credit="Prensa")
    assert image.credit == "Prensa"


def test_a_sideways_photo_is_measured_upright(media_stores):
    exif = PILImage.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    image, _ = uploads.ingest(upload(picture_bytes(size=(640, 480), exif=exif.tobytes())))
    assert (image.width, image.height) == (480, 640)


def test_refusals_are_said_in_the_editors_language(media_stores):
    from django.utils import translation

    with translation.override("pt"):
        error = refusal(upload(os.urandom(2000), "foto.jpg"))
        assert "não é uma imagem" in error.messages[0]
    with translation.override("es"):
        error = refusal(upload(b"<svg></svg>", "dibujo.svg", "image/svg+xml"))
        assert "No se aceptan archivos SVG" in error.messages[0]
