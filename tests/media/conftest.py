"""Pictures made in the test with Pillow, stores in a temporary folder, renditions at once."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage


@pytest.fixture(autouse=True)
def media_stores(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Renditions and originals in folders of this test; the worker's task runs at once."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "originals": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "originals")},
        },
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return tmp_path


def picture_bytes(
    fmt: str = "JPEG",
    size: tuple[int, int] = (640, 480),
    mode: str = "RGB",
    colour: object = (200, 40, 40),
    **save,
) -> bytes:
    """A picture drawn here: a plain field with a darker square, so crops can be told apart."""
    picture = PILImage.new(mode, size, colour)
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):  # type: ignore[no-untyped-def]
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels in its header (a decompression bomb's shape)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def with_iptc(jpeg: bytes, **fields: str) -> bytes:
    """The JPEG with an IPTC block (APP13, Photoshop 3.0 / 8BIM 0x0404) as cameras and
    agencies write it. Fields: creator, credit, copyright, caption."""
    datasets = {"creator": 80, "credit": 110, "copyright": 116, "caption": 120}
    iim = b"".join(
        b"\x1c\x02" + bytes([datasets[name]]) + struct.pack(">H", len(value.encode()))
        + value.encode()
        for name, value in fields.items()
    )  # fmt: skip
    if len(iim) % 2:
        iim += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iim)) + iim
    body = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    return jpeg[:2] + segment + jpeg[2:]


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """uploads.ingest, then what runs when its transaction commits (the renditions task)."""
    from prensa.media import uploads

    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            image, created = uploads.ingest(*args, **kwargs)
        image.refresh_from_db()
        return image, created

    return run
