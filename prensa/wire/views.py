"""The desk's import page: upload wire copy, see what became of each item."""

from __future__ import annotations

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prensa.newsroom.models import Section
from prensa.staff.access import allowed

from .importing import import_bytes, max_bytes


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    section = forms.ModelChoiceField(
        Section.objects.all(),
        required=False,
        label=gettext_lazy("Section"),
        empty_label=gettext_lazy("The source's own, else the default"),
    )
    translate = forms.BooleanField(
        required=False,
        label=gettext_lazy("Send the imported stories to the desk for the other two languages"),
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is larger than the import limit of %(limit)s bytes.")
                % {"limit": max_bytes()}
            )
        return upload


def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: import the file and show each item's outcome."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed(request.user, "newsroom.add_story"):
        raise PermissionDenied(_("You do not have permission to import stories."))
    report, status = None, 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            section = form.cleaned_data["section"]
            report = import_bytes(
                upload.read(),
                upload.name,
                request.user,
                form.cleaned_data["translate"],
                section=section or "",
            )
            form = ImportForm(initial={"translate": form.cleaned_data["translate"]})
        else:
            status = 400
    elif request.method == "GET":
        form = ImportForm()
    else:
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    return render(
        request,
        "wire/import.html",
        {"form": form, "report": report, "limit": max_bytes()},
        status=status,
    )
