"""The library's two pages: bulk upload on the desk, and renditions served by Prensa itself, for a site without nginx or a CDN in front of MEDIA_ROOT.

Only the `pictures/` folder of the default storage is served: originals live in a store
of their own and never have an address. Rendition names change whenever their content
does, so a browser or CDN may keep each one for a year.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.static import serve

from prensa.staff.access import allowed

from . import uploads

# Files taken from one upload; more are left for the next (and say so on the page).
MAX_FILES_PER_UPLOAD = 50


@require_safe
def rendition(request: HttpRequest, path: str) -> HttpResponse:
    if not settings.PRENSA_MEDIA_SERVE or not path.startswith("pictures/"):
        raise Http404("No such picture")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response.language_independent = True  # the same file whatever the reader's language
    return response


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Several pictures at once, chosen or dropped: each stored, found already in the
    library, or refused with its reason; one bad file never stops the others."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff and allowed(request.user, "media.add_image")):
        raise PermissionDenied
    results = []
    if request.method == "POST":
        files = request.FILES.getlist("files")[:MAX_FILES_PER_UPLOAD]
        for file in files:
            try:
                image, created = uploads.ingest(file, user=request.user)
            except ValidationError as error:
                results.append({"name": file.name, "refused": " ".join(error.messages)})
            else:
                results.append({"name": file.name, "image": image, "created": created})
        if not files:
            results.append({"name": "", "refused": _("Choose one or more picture files.")})
    return render(
        request,
        "media/upload.html",
        {
            "results": results,
            "max_files": MAX_FILES_PER_UPLOAD,
            "max_mb": uploads.max_bytes() // (1024 * 1024),
        },
    )
