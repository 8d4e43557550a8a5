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

from . import roles
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


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
