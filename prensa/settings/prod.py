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
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
