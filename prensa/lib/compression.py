"""Compression of what Django serves: only pages that are the same for every reader.

django-compression-middleware sends zstd, brotli or gzip as the client accepts. A page
that carries a secret of one person (a CSRF token, a session's data: the admin, the
desk, the comment form's endpoint) is left uncompressed, so that an attacker who can
inject text into it cannot read the secret back from the compressed length (BREACH);
the library, unlike Django's GZipMiddleware, adds no random padding. What Prensa marks
`Cache-Control: public` is the same for everyone and holds no secret.
"""

from __future__ import annotations

from compression_middleware.middleware import CompressionMiddleware
from django.http import HttpRequest, HttpResponse


class PublicCompressionMiddleware(CompressionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        directives = {d.strip().lower() for d in response.get("Cache-Control", "").split(",")}
        if "public" not in directives:
            return response
        return super().process_response(request, response)
