"""Development: the one-command demo on a laptop."""

from prensa.lib.env import env_bool, env_secret, env_str

from .common import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_secret("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
PRENSA_DEMO_NOTICE = env_bool("PRENSA_DEMO_NOTICE", True)
# `prensa demo` adds demo-reporter, demo-translator, demo-editor, demo-moderator, demo-admin.
PRENSA_DEMO_ROLE_USERS = env_bool("PRENSA_DEMO_ROLE_USERS", True)
# Without PRENSA_BASE_URL, absolute URLs (canonical, hreflang, feeds, sitemaps) name the address
# each page was asked on, so `runserver 8401` links to port 8401. Production requires the setting.
PRENSA_BASE_URL_FROM_REQUEST = not env_str("PRENSA_BASE_URL")
PRENSA_CONTACT_EMAIL = env_str("PRENSA_CONTACT_EMAIL", "newsroom@prensa.example")
# Serve static files straight from the apps' folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "originals": PRENSA_ORIGINALS_STORAGE,  # noqa: F405
}
# With DEBUG on, a template or code edit shows at the next request: no stored pages.
PRENSA_PAGE_CACHE = env_bool("PRENSA_PAGE_CACHE", not DEBUG)
# Email goes to the console unless an SMTP server is named.
if not env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
