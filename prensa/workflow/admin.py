"""The story's admin page, with the workflow: status is read-only, transitions are buttons.

Newsroom's admin cannot import the workflow (it sits below it), so this module takes the
StoryAdmin newsroom registered, subclasses it and registers the subclass in its place.
Whatever other apps added to the registered instance (inlines, e.g. media's lead image)
is carried over, so the order of the apps in INSTALLED_APPS does not matter.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prensa.newsroom.admin import EditionInline, StoryAdmin
from prensa.newsroom.models import Edition, Story

from . import transitions
from .models import TransitionLog
from .queries import timeline
from .transitions import Schedule, TransitionError, parse_moment


class WorkflowEditionInline(EditionInline):
    """The edition form without a status to type in: states change through transitions."""

    def get_readonly_fields(self, request: HttpRequest, obj: Story | None = None) -> list:
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [name for name in ("status", "published_at") if name not in fields]


class _ChangedWhileLive(transitions.Update):
    """Words the admin saved into a published edition: readers see them at once, so the
    log records an update. The admin's own permissions allowed the save; the desk's gate
    does not apply to words typed here (it would put the desk's words back)."""

    def _may(self) -> bool:
        return True

    def _check_more(self, edition: Edition) -> None:
        pass

    def _apply(self, edition: Edition) -> None:
        self.detail = {"admin": True}


class WorkflowStoryAdmin(StoryAdmin):
    change_form_template = "admin/workflow/story_change_form.html"

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        if formset.model is not Edition:
            return super().save_formset(request, form, formset, change)
        loaded = {f.instance.pk: f.instance.revision for f in formset.forms if f.instance.pk}
        super().save_formset(request, form, formset, change)
        for edition in Edition.objects.filter(pk__in=loaded):
            if edition.is_live and edition.revision != loaded[edition.pk]:
                note = _("Changed in the admin while published.")
                _ChangedWhileLive(edition, request.user, note).execute()
        return None

    def get_urls(self):  # type: ignore[no-untyped-def]
        own = [
            path(
                "<path:object_id>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name="newsroom_story_transition",
            )
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        extra_context = dict(extra_context or {})
        story = self.get_object(request, object_id)
        if story is not None:
            editions = list(story.editions.order_by("language"))
            extra_context["workflow"] = {
                "editions": [
                    (
                        edition,
                        [  # dicts: a template would call a class it is given
                            {"name": cls.name, "label": cls.label}
                            for cls in transitions.available(edition, request.user)
                        ],
                    )
                    for edition in editions
                ],
                "timeline": timeline(story),
                "action": reverse("admin:newsroom_story_transition", args=[story.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _step(edition: Edition, request: HttpRequest) -> transitions.Transition:
        action = request.POST.get("action", "")
        return transitions.build(
            action,
            edition,
            request.user,
            request.POST.get("note", "")[:2000],
            allow_machine=request.POST.get("allow_machine") == "1",
            at=parse_moment(request.POST.get("at", "")) if action == Schedule.name else None,
        )

    def transition_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return require_POST(self._transition)(request, object_id)

    def _transition(self, request: HttpRequest, object_id: str) -> HttpResponse:
        story = self.get_object(request, object_id)
        if story is None:
            raise Http404
        if not self.has_view_or_change_permission(request, story):
            raise PermissionDenied
        edition = get_object_or_404(Edition, story=story, pk=request.POST.get("edition") or 0)
        try:
            entry: TransitionLog = self._step(edition, request).execute()
            messages.success(
                request,
                _("The %(language)s edition was %(done)s.")
                % {"language": edition.language.upper(), "done": entry.described},
            )
        except TransitionError as exc:
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("admin:newsroom_story_change", args=[story.pk]))


def _replace_story_admin() -> None:
    registered = admin.site._registry.get(Story)
    inlines = [
        WorkflowEditionInline if i is EditionInline else i for i in WorkflowStoryAdmin.inlines
    ]
    if registered is not None:
        admin.site.unregister(Story)
        # Keep what other apps added to the registered admin (its inlines).
        inlines = [WorkflowEditionInline if i is EditionInline else i for i in registered.inlines]
    admin.site.register(Story, WorkflowStoryAdmin)
    admin.site._registry[Story].inlines = inlines


_replace_story_admin()


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    """The log, to read: nobody edits what happened."""

    list_display = ["at", "edition", "action", "from_state", "to_state", "user"]
    list_filter = ["action", "to_state", "edition__language"]
    search_fields = ["edition__headline", "note"]
    date_hierarchy = "at"
    list_select_related = ["edition", "user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
