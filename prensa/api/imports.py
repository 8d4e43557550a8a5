"""POST /api/imports/: a file of stories in (ninjs, NewsML-G2, RSS/Atom, text, HTML).

The same import as `prensa import` and the desk's import page (prensa.wire), acting as
the token's person. The API takes uploaded bytes only: it never fetches an address a
caller names, so nobody can make the server reach inside the network.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile

from prensa.wire.importing import import_bytes, max_bytes

from .api import Problem, api, problem
from .writes import token


class ImportItem(Schema):
    label: str
    result: str
    message: str
    story: int | None = None
    edition: int | None = None
    language: str | None = None
    headline: str | None = None
    translations: list = []


class ImportReport(Schema):
    ok: bool
    # On a 422 the report is also a problem document (RFC 9457): these say what went wrong.
    type: str | None = None
    title: str | None = None
    status: int | None = None
    detail: str | None = None
    created: int
    updated: int
    skipped: int
    refused: int
    items: list[ImportItem]


@api.post(
    "/imports/",
    auth=token,
    response={200: ImportReport, 401: Problem, 422: ImportReport},
    url_name="imports",
)
def create_import(
    request: HttpRequest,
    file: File[UploadedFile],
    translate: Form[bool] = False,
    section: Form[str] = "",
) -> Status | HttpResponse:
    """Import every story in the file; 422 with the same report when any item was refused.

    A story imported before (same guid, uri or address) is updated as a new revision or
    skipped when unchanged; `translate` queues drafts in the other two languages.
    """
    limit = max_bytes()
    data = file.read(limit + 1)
    report = import_bytes(data, file.name or "upload", request.user, translate, section=section)
    body = report.as_dict()
    if report.ok:
        return Status(200, body)
    # A problem document (RFC 9457) whose extension members are the whole report.
    detail = "; ".join(
        f"{item['label']}: {item['message']}"
        for item in body["items"]
        if item["result"] == "refused"
    )
    return problem(request, 422, "Items refused", detail, **body)
