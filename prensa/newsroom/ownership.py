"""Who may change which story in the admin: editors every story, reporters their own drafts.

Roles are groups (prensa.staff); newsroom sits below staff, so the rule is written with
what newsroom owns: `Story.created_by` and the permission to publish. Whoever may publish
(an editor, a superuser) sees and changes every story; anyone else who may change stories
(a reporter) sees only the stories they created, and changes them only while every edition
is still a draft. Sending a story on (review, publication) is the workflow's, not a field.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Edition, Story

PUBLISH_PERMISSION = "newsroom.publish_edition"


def sees_every_story(request: HttpRequest) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


def is_own_draft(request: HttpRequest, story: Story) -> bool:
    """Created by this person, and no edition has left the draft state."""
    return story.created_by_id == request.user.pk and all(
        edition.status == Edition.Status.DRAFT for edition in story.editions.all()
    )


class OwnStories:
    """For StoryAdmin: a reporter's list holds their own stories; another's story is a 403."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        stories = super().get_queryset(request)  # type: ignore[misc]
        return stories if sees_every_story(request) else stories.filter(created_by=request.user)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):  # type: ignore[no-untyped-def]
        story = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if story is None and not sees_every_story(request) and from_field is None:
            # Someone else's story: say "not yours" (403) rather than "does not exist".
            try:
                exists = Story.objects.filter(pk=object_id).exists()
            except (ValidationError, ValueError, OverflowError):
                exists = False
            if exists:
                raise PermissionDenied
        return story

    def has_change_permission(self, request: HttpRequest, obj: Story | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)  # type: ignore[misc]
        if not allowed or obj is None or sees_every_story(request):
            return allowed
        return is_own_draft(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Story | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)  # type: ignore[misc]
        if not allowed or obj is None or sees_every_story(request):
            return allowed
        return is_own_draft(request, obj)


class StatusForPublishers:
    """For EditionInline: the status and publication time are set by those who may publish."""

    def get_readonly_fields(self, request: HttpRequest, obj: Story | None = None) -> list:
        fields = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        if not sees_every_story(request):
            fields += [name for name in ("status", "published_at") if name not in fields]
        return fields
