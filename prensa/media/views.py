"""Renditions served by Prensa itself, for a site without nginx or a CDN in front of MEDIA_ROOT.

Only the `pictures/` folder of the default storage is served: originals live in a store
of their own and never have an address. Rendition names change whenever their content
does, so a browser or CDN may keep each one for a year.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def rendition(request: HttpRequest, path: str) -> HttpResponse:
    if not settings.PRENSA_MEDIA_SERVE or not path.startswith("pictures/"):
        raise Http404("No such picture")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response.language_independent = True  # the same file whatever the reader's language
    return response
