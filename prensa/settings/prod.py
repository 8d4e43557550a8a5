"""Production: refuses to start without its secrets; DEBUG stays off."""

from django.core.exceptions import ImproperlyConfigured

from prensa.lib.env import env_bool, env_int, env_secret

from .common import *  # noqa: F403
from .common import PRENSA_BASE_URL, SECRET_KEY

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) to run Prensa in production.")
if not env_secret("PRENSA_COMMENTS_HASH_SALT"):
    raise ImproperlyConfigured(
        "Set PRENSA_COMMENTS_HASH_SALT (or _FILE): commenters' addresses are stored only as "
        "hashes salted with it."
    )
if PRENSA_BASE_URL.startswith("http://127.0.0.1"):
    raise ImproperlyConfigured("Set PRENSA_BASE_URL to the public address of the site.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: browsers use https only, for a year by default. Subdomains and the browsers'
# preload list are opt-in: both reach beyond this site (every subdomain must serve https,
# and leaving the preload list takes months). Preloading requires subdomains and a year.
SECURE_HSTS_SECONDS = env_int(
    "PRENSA_HSTS_SECONDS", env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
)
SECURE_HSTS_PRELOAD = env_bool("PRENSA_HSTS_PRELOAD", False)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD or env_bool(
    "PRENSA_HSTS_INCLUDE_SUBDOMAINS", False
)
if SECURE_HSTS_PRELOAD and SECURE_HSTS_SECONDS < 365 * 24 * 3600:
    raise ImproperlyConfigured(
        "PRENSA_HSTS_PRELOAD needs PRENSA_HSTS_SECONDS of at least 31536000 (one year)."
    )
