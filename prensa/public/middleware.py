"""Language prefixes: what Django's LocaleMiddleware does, plus two cases it guesses wrong."""

import re

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
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
