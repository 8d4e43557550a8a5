"""The site's answer when something fails: 503 while the database is out of reach, else 500.

Django calls `handler500` (prensa/urls.py) for any exception nobody caught, wherever it
was raised: in a view, in a template, or in a middleware such as the session lookup of
the admin and the desk. A middleware of our own could only see the exceptions of the
views, since Django turns each middleware's exceptions into a response before the next
one out sees them; the handler sees them all, so it is the one place to tell an outage
from a bug.

While the database cannot be reached, readers, the admin and the desk get a 503 with
Retry-After (never cached), as JSON where JSON is expected (count.json, the desk's
polling, any client asking for application/json) and otherwise as a short page in the
reader's language that needs no database. Nothing has to be reset afterwards: the next
request opens a new connection.
"""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults

RETRY_AFTER_SECONDS = 30

UNAVAILABLE = _("The site is briefly unavailable. Please try again in a minute.")

# SQLite reports a missing table or column as an OperationalError too; that is a bug
# (a migration not run), not an outage.
_SCHEMA_ERRORS = ("no such table", "no such column")


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a 503 when the failure is the database being out of reach, else the 500 page."""
    error = sys.exc_info()[1]
    if database_unreachable(error):
        return unavailable(request)
    return defaults.server_error(request, template_name)


def database_unreachable(error: BaseException | None) -> bool:
    """Whether `error` says the database cannot be reached now (down, refusing, locked out)."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    return not str(error).lower().startswith(_SCHEMA_ERRORS)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After, JSON or HTML as the client expects, rendered without the database."""
    with translation.override(_language_of(request)):
        message = gettext(UNAVAILABLE)
        if wants_json(request):
            response = HttpResponse(
                json.dumps({"error": message}, ensure_ascii=False),
                content_type="application/json",
                status=503,
            )
        else:
            # No request, so no context processor runs: nothing here touches the database.
            page = render_to_string(
                "503.html",
                {
                    "language": translation.get_language(),
                    "site_name": settings.PRENSA_SITE_NAME,
                    "retry_path": request.get_full_path(),
                },
            )
            response = HttpResponse(page, status=503)
            response["Content-Language"] = translation.get_language()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # a CDN must not keep the outage
    patch_vary_headers(response, ("Accept",))
    return response


def wants_json(request: HttpRequest) -> bool:
    if request.path_info.endswith(".json"):
        return True
    preferred = request.get_preferred_type(["text/html", "application/json"])
    return preferred == "application/json"


def _language_of(request: HttpRequest) -> str:
    """The reader's language: the URL's prefix, else what the browser asks for."""
    return (
        translation.get_language_from_path(request.path_info)
        or getattr(request, "LANGUAGE_CODE", None)
        or translation.get_language_from_request(request)
    )
