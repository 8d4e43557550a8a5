"""People in the admin: their roles (groups) named in the interface language, and the
languages each one works in at the desk (an inline on the user's page)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from prensa.newsroom.models import Language
from prensa.translation import admin as translation_admin  # noqa: F401 (registers its admins)
from prensa.translation.models import GlossaryEntry, TranslationMemoryEntry

from . import roles
from .access import allowed, languages_for
from .models import LanguageAssignment


class LanguageAssignmentInline(admin.StackedInline):
    # Stacked rather than tabular: each field keeps its own label for screen readers.
    model = LanguageAssignment
    extra = 0
    max_num = len(Language.choices)
    verbose_name = _("language assignment")
    verbose_name_plural = _("languages this person works in at the desk")


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Group) -> str:
        return roles.label(obj)


class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, LanguageAssignmentInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "role_names"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("groups")

    def formfield_for_manytomany(self, db_field: models.Field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "groups":
            kwargs.setdefault("form_class", RoleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("roles"))
    def role_names(self, user: User) -> str:
        return ", ".join(roles.label(group) for group in user.groups.all()) or "—"


class RoleGroupAdmin(GroupAdmin):
    list_display = ["name", "role"]

    @admin.display(description=_("role"))
    def role(self, group: Group) -> str:
        return roles.label(group)


class AssignedLanguagesOnly:
    """For the glossary's and the memory's admins: a translator reads every entry but adds,
    changes and deletes only those whose target language is assigned to them (as at the
    desk); an entry for every language (blank target) is for whoever works in all of them.
    """

    def _may(self, request: HttpRequest, action: str, obj: models.Model | None) -> bool:
        if obj is None:
            return True
        opts = self.model._meta  # type: ignore[attr-defined]
        return allowed(
            request.user, f"{opts.app_label}.{action}_{opts.model_name}", obj.target_language
        )  # type: ignore[attr-defined]

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._may(request, "change", obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._may(request, "delete", obj)  # type: ignore[misc]

    def formfield_for_choice_field(self, db_field: models.Field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        languages = languages_for(request.user)
        if db_field.name == "target_language" and languages is not None:
            kwargs["choices"] = [
                (code, name) for code, name in db_field.choices if code in languages
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)  # type: ignore[misc]


def _limit_to_assigned_languages(model: type[models.Model]) -> None:
    """Register `model` again with its admin limited by AssignedLanguagesOnly."""
    registered = type(admin.site._registry[model])
    original = next(c for c in registered.__mro__ if c.__module__ == "prensa.translation.admin")
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(original.__name__, (AssignedLanguagesOnly, original), {"__module__": __name__}),
    )


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
# The engine room's admin is registered when its module is imported (it comes after staff
# in INSTALLED_APPS): imported here first, then limited.
for _model in (GlossaryEntry, TranslationMemoryEntry):
    _limit_to_assigned_languages(_model)
