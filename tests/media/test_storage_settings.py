"""Storage settings: the local filesystem by default, an S3-compatible store on request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import storages
default, originals = storages["default"], storages["originals"]
print(json.dumps({
    "default": type(default).__name__,
    "originals": type(originals).__name__,
    "url": default.url("pictures/ab/abc/v1/16x9-1200.jpg"),
    "originals_location": getattr(originals, "location", ""),
    "originals_signed": getattr(originals, "querystring_auth", None),
    "serve": settings.PRENSA_MEDIA_SERVE,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def probe(**env: str) -> dict:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("PRENSA_S3", "PRENSA_MEDIA"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="prensa.settings.common", SECRET_KEY="x", **env)
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], env=environment, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_by_default_pictures_live_on_the_local_filesystem_and_prensa_serves_them():
    found = probe()
    assert found["default"] == found["originals"] == "FileSystemStorage"
    assert found["url"] == "/media/pictures/ab/abc/v1/16x9-1200.jpg"
    assert found["originals_location"].endswith("var/originals")
    assert found["serve"] is True


def test_an_s3_bucket_takes_renditions_publicly_and_originals_privately():
    found = probe(
        PRENSA_S3_BUCKET="prensa-media",
        PRENSA_S3_ENDPOINT_URL="https://s3.example.net",
        PRENSA_S3_ACCESS_KEY_ID="key",
        PRENSA_S3_SECRET_ACCESS_KEY="secret",
        PRENSA_S3_CUSTOM_DOMAIN="media.example.org",
        PRENSA_MEDIA_ORIGIN="https://media.example.org",
    )
    assert found["default"] == found["originals"] == "S3Storage"
    assert found["url"] == "https://media.example.org/media/pictures/ab/abc/v1/16x9-1200.jpg"
    assert found["originals_location"] == "originals"
    assert found["originals_signed"] is True
    assert found["serve"] is False
    assert "https://media.example.org" in found["img_src"]
