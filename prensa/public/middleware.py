"""Language prefixes: what Django's LocaleMiddleware does, plus two cases it guesses wrong."""

import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from prensa.lib.languages import codes

# A first path segment that looks like a BCP 47 tag: "fr", "pt-BR", "es_419", "zh-Hant-TW".
_LANGUAGE_TAG = re.compile(
    r"^/(?P<tag>(?P<primary>[a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*)(?P<rest>/.*|)$"
)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """/pt-BR/... redirects to /pt/...; /fr/... is a 404, not a redirect to /en/fr/.

    Django would redirect any unknown first segment to the same path under the
    default language when that path resolves, and since sections live at
    /<lang>/<slug>/ an unsupported language such as /fr/ would "resolve" as a
    section and bounce the reader to an English 404.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(response, "language_independent", False):
            return response  # no Vary: Accept-Language, no Content-Language: see below
        match = _LANGUAGE_TAG.match(request.path_info) if response.status_code == 404 else None
        # A bare three-letter segment is more likely a word than a language tag.
        looks_like_language = match and (
            len(match["primary"]) == 2 or match["tag"] != match["primary"]
        )
        if looks_like_language and match["tag"] not in codes():
            primary = match["primary"].lower()
            if primary in codes():
                query = request.META.get("QUERY_STRING", "")
                target = f"/{primary}{match['rest'] or '/'}" + (f"?{query}" if query else "")
                return HttpResponsePermanentRedirect(target)
            patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)


def language_independent(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose answer is the same in every language (sitemaps, robots.txt, favicon).

    Outside the /<lang>/ prefixes Django takes the language from Accept-Language and marks
    every response `Vary: Accept-Language`, which would make caches keep one copy per
    browser language. These views run in the default language whatever the request asks,
    so the middleware above leaves their responses alone.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        with translation.override(settings.LANGUAGE_CODE):
            response = view(request, *args, **kwargs)
        response.language_independent = True
        return response

    return wrapped
