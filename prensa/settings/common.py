"""Settings shared by every environment; dev, test and prod refine them."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from prensa.lib import languages
from prensa.lib.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "prensa.apps.PrensaAdminConfig",  # django.contrib.admin, with prensa.admin's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "prensa.newsroom",
    "prensa.staff",
    "prensa.workflow",  # after newsroom: its admin gives the story page transitions
    "prensa.media",  # after newsroom: its admin adds the lead image to the story's page
    "simple_history",
    "prensa.history",  # after newsroom: it records every save of an edition
    "prensa.translation",
    "prensa.desk",
    "prensa.comments",
    "prensa.public",
    "ninja",  # the API's interactive docs (Swagger UI, served from static files)
    "prensa.wire",  # `prensa import`, the desk's import page, the wire-drop folder
    "prensa.api",
    "prensa.baking",  # reader pages baked to files for nginx, CDN purge on publish
    "prensa.demo",  # `prensa demo`: the top layer, may use every app below
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # zstd, brotli or gzip, as the client accepts, on what Django serves (not static files:
    # WhiteNoise answers those above, precompressed). Adds Vary: Accept-Encoding.
    "prensa.lib.compression.PublicCompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prensa.public.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Lets the revision recorded on each save of an edition name the person who saved it.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Staff logins (admin, desk): after PRENSA_LOGIN_FAILURE_LIMIT wrong passwords for one
# account from one address, that pair waits PRENSA_LOGIN_COOLOFF_MINUTES (django-axes).
# Locking the pair, not the account, keeps an attacker elsewhere from locking editors out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff sign in on the admin's login page (the desk sends them there and it sends them
# back); a login without a usable `next` ends on the admin's index.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
AXES_FAILURE_LIMIT = env_int("PRENSA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PRENSA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # keep failures only, not a log of every staff login
AXES_CLIENT_IP_CALLABLE = "prensa.comments.privacy.client_ip"  # honours trusted proxies
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
# Failed staff logins keep the raw address and User-Agent: the daily housekeeping task
# (prensa/comments/tasks.py) deletes them after this many days (never within the cool-off).
PRENSA_LOGIN_RECORD_RETENTION_DAYS = env_int("PRENSA_LOGIN_RECORD_RETENTION_DAYS", 30)
# Days a comment's hashed network address is kept. Set here, once, because the privacy
# page (public) says it and the comments app acts on it; neither may read the other.
PRENSA_COMMENTS_IP_RETENTION_DAYS = env_int("PRENSA_COMMENTS_IP_RETENTION_DAYS", 30)

# Content-Security-Policy: scripts, styles and images only from this site, no plugins,
# no framing, forms post only here. Prensa has no inline script or style (JSON-LD is
# data, not script), so an injected one would not run even if sanitising ever failed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "prensa.urls"
WSGI_APPLICATION = "prensa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prensa.public.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'prensa.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the translation worker write to one file: a transaction takes
    # the write lock when it starts, so two of them never both read and then both write
    # (e.g. two identical comments racing past the duplicate check), and a busy file is
    # waited for instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "prensa",
    }
}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }

# Background work (translation drafts): a database-backed queue, run by `prensa db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker drafting a translation shows it is alive after each batch of paragraphs; a
# draft silent for longer than this many seconds lost its worker and is queued again
# (or failed after PRENSA_DRAFT_MAX_ATTEMPTS). Keep it above one engine call's timeout.
PRENSA_DRAFT_LEASE_SECONDS = env_int("PRENSA_DRAFT_LEASE_SECONDS", 300)
# Paragraphs sent to the translation engine at a time (one heartbeat per batch).
PRENSA_DRAFT_BATCH_PARAGRAPHS = env_int("PRENSA_DRAFT_BATCH_PARAGRAPHS", 16)
# Besides the task queued for each scheduled time, the worker looks for scheduled editions
# whose time has come this often, so none is published more than a minute late.
PRENSA_SCHEDULE_SWEEP_SECONDS = env_int("PRENSA_SCHEDULE_SWEEP_SECONDS", 30)

# Email (notices to moderators) over SMTP, configured from the environment.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "prensa@localhost")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the order is the switcher's order (Português / Español / English).
LANGUAGE_CODE = env_str("PRENSA_DEFAULT_LANGUAGE", "en")
_LANGUAGE_NAMES = {"pt": _("Portuguese"), "es": _("Spanish"), "en": _("English")}
LANGUAGES = [(code, _LANGUAGE_NAMES[code]) for code in languages.CODES]
LOCALE_PATHS = [BASE_DIR / "locale"]
if env_str("PRENSA_PORTUGUESE_VARIANT", "pt_BR") == "pt_BR":
    # Django's own strings (the admin, forms) in the same Brazilian Portuguese as
    # Prensa's; `make` builds this from Django's pt_BR catalogues
    # (scripts/brazilian-django-catalogue.sh). Prensa's own catalogue still wins.
    LOCALE_PATHS.append(PROJECT_DIR / "var" / "locale")
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Pictures (prensa/media): renditions readers get are written to the default storage
# (MEDIA_ROOT, served under MEDIA_URL); uploaded originals, which may carry EXIF and GPS
# data, go to a private "originals" storage that is never served. An S3-compatible store
# (django-storages) may take either role (see the README).
MEDIA_URL = env_str("PRENSA_MEDIA_URL", "/media/")
MEDIA_ROOT = env_str("PRENSA_MEDIA_ROOT", str(PROJECT_DIR / "var" / "media"))
PRENSA_ORIGINALS_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": env_str("PRENSA_ORIGINALS_ROOT", str(PROJECT_DIR / "var" / "originals")),
        "base_url": "/never-served/",
    },
}
STORAGES["originals"] = PRENSA_ORIGINALS_STORAGE
# Prensa serves MEDIA_URL itself from MEDIA_ROOT (renditions only) unless nginx or a CDN does.
PRENSA_MEDIA_SERVE = env_bool("PRENSA_MEDIA_SERVE", True)
# Uploads larger than this many megabytes, or of more than this many pixels, are refused.
PRENSA_MEDIA_MAX_UPLOAD_MB = env_int("PRENSA_MEDIA_MAX_UPLOAD_MB", 40)
PRENSA_MEDIA_MAX_PIXELS = env_int("PRENSA_MEDIA_MAX_PIXELS", 80_000_000)
# An S3-compatible object store (AWS S3, MinIO, Garage, Cloudflare R2...) through
# django-storages (`pip install 'prensa[s3]'`) when PRENSA_S3_BUCKET is set: renditions
# under media/ in that bucket, readable by anyone; originals under originals/ in
# PRENSA_S3_ORIGINALS_BUCKET (default: the same bucket), reached only through signed URLs.
if env_str("PRENSA_S3_BUCKET"):
    _S3 = {
        "bucket_name": env_str("PRENSA_S3_BUCKET"),
        "endpoint_url": env_str("PRENSA_S3_ENDPOINT_URL") or None,
        "region_name": env_str("PRENSA_S3_REGION") or None,
        "access_key": env_secret("PRENSA_S3_ACCESS_KEY_ID"),
        "secret_key": env_secret("PRENSA_S3_SECRET_ACCESS_KEY"),
        "file_overwrite": True,  # names are made from content hashes
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
            "location": "media",
            "querystring_auth": False,  # public addresses pages can name and CDNs keep
            "custom_domain": env_str("PRENSA_S3_CUSTOM_DOMAIN") or None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    PRENSA_ORIGINALS_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
            "bucket_name": env_str("PRENSA_S3_ORIGINALS_BUCKET", _S3["bucket_name"]),
            "location": "originals",
            "querystring_auth": True,
            "default_acl": "private",
        },
    }
    STORAGES["originals"] = PRENSA_ORIGINALS_STORAGE
    PRENSA_MEDIA_SERVE = False
# Where readers' browsers fetch renditions from when that is not this site (a bucket's or
# CDN's origin, e.g. https://media.example.org): the Content-Security-Policy allows it.
PRENSA_MEDIA_ORIGIN = env_str("PRENSA_MEDIA_ORIGIN", "")
if PRENSA_MEDIA_ORIGIN:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(PRENSA_MEDIA_ORIGIN)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # the comment script sends the token from the form
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Prensa itself.
PRENSA_SITE_NAME = env_str("PRENSA_SITE_NAME", "Prensa")
# Absolute base for canonical URLs, hreflang alternates, JSON-LD and Open Graph.
# Reader pages must not depend on the request's Host so they can be cached and baked.
PRENSA_BASE_URL = env_str("PRENSA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
PRENSA_PAGE_SIZE = env_int("PRENSA_PAGE_SIZE", 20)
# Seconds a CDN or browser may keep a reader page.
PRENSA_PAGE_MAX_AGE = env_int("PRENSA_PAGE_MAX_AGE", 60)
# Keep rendered reader pages in Django's cache (see prensa/public/caching.py).
PRENSA_PAGE_CACHE = env_bool("PRENSA_PAGE_CACHE", True)
# Seconds a shareable preview link (a signed token, prensa/newsroom/preview.py) stays good.
PRENSA_PREVIEW_MAX_AGE = env_int("PRENSA_PREVIEW_MAX_AGE", 3 * 24 * 3600)
# URLs per sitemap file (the protocol's limit is 50,000) and per news sitemap file.
PRENSA_SITEMAP_LIMIT = env_int("PRENSA_SITEMAP_LIMIT", 50_000)
PRENSA_NEWS_SITEMAP_LIMIT = env_int("PRENSA_NEWS_SITEMAP_LIMIT", 1000)
PRENSA_DEMO_NOTICE = env_bool("PRENSA_DEMO_NOTICE", False)
# `prensa demo` adds one user per role with a documented password: development only (dev.py).
PRENSA_DEMO_ROLE_USERS = False
# Baked pages (prensa/baking): published reader pages rendered to files under
# PRENSA_BAKE_DIR by the task worker, for nginx to serve (deploy/nginx); off unless asked.
PRENSA_BAKE = env_bool("PRENSA_BAKE", False)
PRENSA_BAKE_DIR = env_str("PRENSA_BAKE_DIR", str(PROJECT_DIR / "var" / "baked"))
PRENSA_BAKE_MAX_ATTEMPTS = env_int("PRENSA_BAKE_MAX_ATTEMPTS", 5)
# CDN purge after each bake: "log" (only logs the URLs), "cloudflare" or "fastly".
PRENSA_CDN_PURGE = env_str("PRENSA_CDN_PURGE", "log")
PRENSA_CDN_API_URL = env_str("PRENSA_CDN_API_URL", "")  # the provider's API by default
PRENSA_CDN_API_TOKEN = env_secret("PRENSA_CDN_API_TOKEN") or ""
PRENSA_CDN_ZONE = env_str("PRENSA_CDN_ZONE", "")  # Cloudflare zone id or Fastly service id
# Where readers write to the newsroom (contact, corrections and privacy pages); unset: not shown.
PRENSA_CONTACT_EMAIL = env_str("PRENSA_CONTACT_EMAIL", "")
# Wire import (prensa.wire): the largest file or page imported, in bytes; seconds to wait for
# an address; the section stories go to when neither the import nor the source names one
# (a slug; empty: the first section); a folder the worker imports from (the wire drop), how
# often it looks, and whether dropped stories are sent to the desk for translation.
PRENSA_IMPORT_MAX_BYTES = env_int("PRENSA_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
PRENSA_IMPORT_TIMEOUT = env_int("PRENSA_IMPORT_TIMEOUT", 10)
PRENSA_IMPORT_SECTION = env_str("PRENSA_IMPORT_SECTION", "")
PRENSA_WIRE_DROP_DIR = env_str("PRENSA_WIRE_DROP_DIR", "")
PRENSA_WIRE_DROP_SECONDS = env_int("PRENSA_WIRE_DROP_SECONDS", 60)
PRENSA_WIRE_DROP_TRANSLATE = env_bool("PRENSA_WIRE_DROP_TRANSLATE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
