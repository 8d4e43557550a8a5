"""Tests: fast hashing, plain static storage; DATABASE_URL picks SQLite or PostgreSQL."""

from .common import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PRENSA_BASE_URL = "https://news.example.org"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "originals": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PROJECT_DIR / "var" / "test-originals")},  # noqa: F405
    },
}
MEDIA_ROOT = str(PROJECT_DIR / "var" / "test-media")  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Neural models a developer installed with `prensa engines add` must not change which
# engine the tests draft with; the neural engine's own tests install theirs per test.
PRENSA_MT_MODELS_DIR = str(PROJECT_DIR / "var" / "test-mt-models")  # noqa: F405
