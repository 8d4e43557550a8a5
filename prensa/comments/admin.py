"""The moderation queue and everything else moderators use, in Django's admin.

Moderators need the "Can moderate comments" permission; the actions call the
same action objects as everything else (prensa.comments.actions).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from . import privacy
from .actions import (
    MODERATE_PERMISSION,
    ApproveComments,
    BanAuthors,
    MarkSpam,
    RejectComments,
)
from .models import Ban, BannedWord, Comment, ModerationQueue, ModerationSetting, Report

# What a bulk action tells the moderator; the number is filled in when it is shown.
APPROVED = ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count")
REJECTED = ngettext_lazy("%(count)d comment rejected.", "%(count)d comments rejected.", "count")
MARKED_SPAM = ngettext_lazy(
    "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"
)


class ReportedFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(open_reports__gt=0)
        if self.value() == "no":
            return queryset.filter(open_reports=0)
        return queryset


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    can_delete = False
    fields = ["reason", "created_at", "resolved"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "author",
        "article",
        "language",
        "state",
        "needs_review",
        "open_reports",
        "created_at",
    ]
    list_filter = ["state", "edition__language", "needs_review", ReportedFilter, "created_at"]
    list_select_related = ["edition", "parent"]
    search_fields = ["body", "name"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_spam", "ban_by_email", "ban_by_network"]
    fields = [
        "article",
        "in_reply_to",
        "name",
        "body",
        ("state", "approved", "needs_review"),
        ("open_reports", "created_at"),
        ("moderated_at", "moderated_by"),
        "email_hash",
        "ip_hash",
    ]
    # Moderators approve, hide, reject or ban; the reader's name and words are theirs and
    # never change under them (to remove a comment, reject it).
    readonly_fields = [
        "article",
        "in_reply_to",
        "name",
        "body",
        "state",
        "approved",
        "needs_review",
        "open_reports",
        "created_at",
        "moderated_at",
        "moderated_by",
        "email_hash",
        "ip_hash",
    ]
    inlines = [ReportInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MODERATE_PERMISSION)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return super().has_view_permission(request, obj) or self.has_moderate_permission(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self.has_moderate_permission(request)

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body).chars(80) or "—"

    @admin.display(description=_("name"), ordering="name")
    def author(self, comment: Comment) -> str:
        return comment.name or "—"

    @admin.display(description=_("article"))
    def article(self, comment: Comment) -> str:
        edition = comment.edition
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            comment.get_absolute_url(),
            Truncator(edition.headline).chars(60),
        )

    @admin.display(description=_("language"), ordering="edition__language")
    def language(self, comment: Comment) -> str:
        return comment.edition.language

    @admin.display(description=_("reply to"))
    def in_reply_to(self, comment: Comment) -> str:
        return Truncator(comment.parent.body).chars(120) if comment.parent else "—"

    @admin.action(description=_("Approve: publish them"), permissions=["moderate"])
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = ApproveComments(queryset, request.user).execute()
        self._report(request, APPROVED, done)

    @admin.action(description=_("Reject: take them off the site"), permissions=["moderate"])
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = RejectComments(queryset, request.user).execute()
        self._report(request, REJECTED, done)

    @admin.action(description=_("Mark as spam"), permissions=["moderate"])
    def mark_spam(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = MarkSpam(queryset, request.user).execute()
        self._report(request, MARKED_SPAM, done)

    def _report(self, request: HttpRequest, message: str, count: int) -> None:
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Reject and ban their authors by email address"), permissions=["moderate"]
    )
    def ban_by_email(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._ban(request, queryset, Ban.Kind.EMAIL)

    @admin.action(
        description=_("Reject and ban their authors by network address"), permissions=["moderate"]
    )
    def ban_by_network(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._ban(request, queryset, Ban.Kind.IP)

    def _ban(self, request: HttpRequest, queryset: QuerySet, kind: str) -> None:
        count = BanAuthors(queryset, request.user, kind=kind).execute()
        level = messages.SUCCESS if count else messages.WARNING
        self.message_user(
            request,
            ngettext(
                "%(count)d author banned; the comments were rejected.",
                "%(count)d authors banned; the comments were rejected.",
                count,
            )
            % {"count": count}
            if count
            else _(
                "Nobody new was banned: the comments have no such address "
                "(none given, or already expired) or their authors were banned already. "
                "The comments were rejected."
            ),
            level,
        )


@admin.register(ModerationQueue)
class ModerationQueueAdmin(CommentAdmin):
    """What needs a moderator: awaiting moderation, reported, or published without review."""

    list_display = [
        "excerpt",
        "author",
        "article",
        "language",
        "state",
        "open_reports",
        "created_at",
    ]
    list_filter = ["state", "edition__language", ReportedFilter]
    date_hierarchy = None
    ordering = ["created_at", "pk"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(needs_review=True)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self.has_moderate_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self.has_moderate_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_moderate_permission(request)


@admin.register(ModerationSetting)
class ModerationSettingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "scope", "mode"]
    list_filter = ["scope", "mode"]
    autocomplete_fields = ["section", "story"]


class BanForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("email address"),
        required=False,
        help_text=_("Fill this in instead of the hash: only its hash is stored."),
    )

    class Meta:
        model = Ban
        fields = ["kind", "digest", "email", "note", "until"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["digest"].required = False

    def clean(self) -> dict:
        data = super().clean()
        if data.get("email"):
            data["kind"] = Ban.Kind.EMAIL
            data["digest"] = privacy.email_hash(data["email"])
            self.instance.kind, self.instance.digest = data["kind"], data["digest"]
        if not data.get("digest"):
            raise forms.ValidationError(_("Give an email address or a hash."))
        return data


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    form = BanForm
    list_display = ["__str__", "kind", "note", "created_by", "created_at", "until"]
    list_filter = ["kind"]
    search_fields = ["digest", "note"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(
        self, request: HttpRequest, obj: Ban, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "language"]
    list_filter = ["language"]
    search_fields = ["word"]
