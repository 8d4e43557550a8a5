"""Prensa's admin site: every admin registered on it answers tampered input without a 500.

A tampered form, action or list URL must come back as a form error, a 400 or Django's
"invalid filter" redirect (?e=1). Django 5.2's admin lets some of them through:

- an autocomplete widget redisplaying a form filters its options by the submitted value
  unchecked, so `section=abc` raises ValueError while the form error is being shown;
- an action filters by the submitted `_selected_action` values unchecked (`abc`, `1.5`);
- a date-hierarchy year such as 9999 or 99999999999 escapes the changelist's own guard
  (fixed upstream as ticket #37357), and a lookup such as `created_at__year=-1` fails
  only when the query runs.

Rather than each admin class guarding itself, the site mixes `TamperProof` into every
ModelAdmin registered on it, Prensa's and the ones other apps bring (auth, axes, tasks).
Integers too large for the database are handled below the admin, for every query, by
prensa.lib.lookups.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import DataError, models
from django.http import HttpRequest, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prensa.lib.redirects import is_site_url


def _is_valid(field: models.Field, value: object) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class _CheckedOptions:
    """Shows only the submitted values the target field can hold as selected options.

    The form field has already refused the others with "Select a valid choice"; Django's
    widget would otherwise pass them to a query and crash while showing that error.
    """

    field: models.Field

    def optgroups(self, name: str, value: list, attr: Any = None) -> list:
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if _is_valid(target, v)], attr)  # type: ignore[misc]

    def build_attrs(self, base_attrs: dict, extra_attrs: dict | None = None) -> dict:
        attrs = super().build_attrs(base_attrs, extra_attrs)  # type: ignore[misc]
        # Django leaves the placeholder empty, and select2's box is then a combobox
        # without a name for screen readers (axe: aria-input-field-name).
        name = capfirst(str(self.field.verbose_name))
        attrs["data-placeholder"] = gettext("Search: %(name)s") % {"name": name}
        return attrs


class CheckedAutocompleteSelect(_CheckedOptions, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(_CheckedOptions, AutocompleteSelectMultiple):
    pass


class CheckedFormFields:
    """Autocomplete widgets that survive a tampered value (for admins and inlines alike)."""

    def formfield_for_foreignkey(self, db_field: models.Field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: models.Field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class CheckedInline(CheckedFormFields):
    """An inline that builds no more forms than it may save.

    Django builds up to max_num + 1000 forms when a post claims that many
    (TOTAL_FORMS=99999999999): the story form took half a minute to answer. Past
    max_num (with room for rows saved before a lower max_num), the count is refused.
    """

    SPARE_FORMS = 20

    def get_formset(self, request: HttpRequest, obj: models.Model | None = None, **kwargs):  # type: ignore[no-untyped-def]
        if "absolute_max" not in kwargs:
            limit = kwargs.get("max_num", self.get_max_num(request, obj, **kwargs))  # type: ignore[attr-defined]
            if limit:  # 0 means "no adding", not "no rows"
                kwargs["absolute_max"] = limit + self.SPARE_FORMS
        return super().get_formset(request, obj, **kwargs)  # type: ignore[misc]


class TamperProof(CheckedFormFields):
    """What the site adds to every ModelAdmin: checked selections, lookups and widgets."""

    model: type[models.Model]

    def get_changelist_instance(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        # Building the changelist runs its query: a lookup value the database or datetime
        # cannot take surfaces here, and Django answers IncorrectLookupParameters with
        # a redirect to the list marked ?e=1. PostgreSQL refuses a NUL character in any
        # text (SQLite takes it): refused here, before a query, for every database.
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            raise IncorrectLookupParameters("A NUL character in the list's parameters")
        try:
            return super().get_changelist_instance(request)  # type: ignore[misc]
        except (ValueError, OverflowError, ValidationError, DataError) as error:
            raise IncorrectLookupParameters(error) from error

    def response_action(self, request: HttpRequest, queryset: models.QuerySet) -> HttpResponse:
        pk = self.model._meta.pk
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            if not _is_valid(pk, value) or pk.to_python(value) in pk.empty_values:
                raise SuspiciousOperation(f"Invalid admin action selection: {value[:40]!r}")
        return super().response_action(request, queryset)  # type: ignore[misc]

    def get_inlines(self, request: HttpRequest, obj: models.Model | None) -> list:
        return [checked(inline) for inline in super().get_inlines(request, obj)]  # type: ignore[misc]


@cache
def checked(admin_class: type) -> type:
    """`admin_class` with TamperProof (or, for an inline, CheckedInline) mixed in."""
    if issubclass(admin_class, CheckedFormFields):
        return admin_class
    mixin = TamperProof if issubclass(admin_class, admin.ModelAdmin) else CheckedInline
    return type(
        admin_class.__name__,
        (mixin, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )


class PrensaAdminSite(admin.AdminSite):
    """The default admin site (set in prensa.apps.PrensaAdminConfig)."""

    # Apps whose packages name them in English only ("Axes", "Tasks Database Backend"):
    # named here, lazily, so the index and the breadcrumbs say it in the editor's language.
    APP_NAMES = {"axes": _("Login attempts"), "django_tasks_database": _("Background tasks")}

    def register(self, model_or_iterable, admin_class=None, **options) -> None:  # type: ignore[no-untyped-def]
        for model in (
            [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        ):
            if model._meta.app_label in self.APP_NAMES:
                model._meta.app_config.verbose_name = self.APP_NAMES[model._meta.app_label]
        super().register(model_or_iterable, checked(admin_class or admin.ModelAdmin), **options)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """Django's login, told to forget a `next` that is not a page of this site.

        Its own check lets a bare word through ("abc" is a relative URL), and the
        editor ends on /admin/login/abc, a 404; without it they land on the admin.
        """
        for data in ("GET", "POST"):
            query = getattr(request, data)
            value = query.get(REDIRECT_FIELD_NAME)
            if value is not None and not is_site_url(request, value):
                query = query.copy()
                del query[REDIRECT_FIELD_NAME]
                setattr(request, data, query)
        return super().login(request, extra_context)
