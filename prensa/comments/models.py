"""Reader comments: one thread per edition, moderated, with no personal data in the clear."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prensa.lib.languages import reverse_in
from prensa.newsroom.models import Edition, Language, Section, Story

from . import conf, text


class Mode(models.TextChoices):
    """How new comments are treated: per site, section or story."""

    PRE = "pre", _("Pre-moderation: first-time commenters wait for review")
    STRICT = "strict", _("Pre-moderation for everyone")
    POST = "post", _("Post-moderation: published at once, reviewed later")
    CLOSED = "closed", _("Closed: no new comments")


class ModerationSetting(models.Model):
    """The moderation mode for the whole site, one section or one story.

    The most specific wins: story, then section, then site, then the
    PRENSA_COMMENTS_DEFAULT_MODE setting.
    """

    class Scope(models.TextChoices):
        SITE = "site", _("Whole site")
        SECTION = "section", _("Section")
        STORY = "story", _("Story")

    scope = models.CharField(_("applies to"), max_length=10, choices=Scope.choices)
    section = models.OneToOneField(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_setting",
    )
    story = models.OneToOneField(
        Story,
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_setting",
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)

    class Meta:
        verbose_name = _("moderation setting")
        verbose_name_plural = _("moderation settings")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="site", section__isnull=True, story__isnull=True)
                    | Q(scope="section", section__isnull=False, story__isnull=True)
                    | Q(scope="story", story__isnull=False, section__isnull=True)
                ),
                name="comments_setting_scope_matches_target",
            ),
            models.UniqueConstraint(
                fields=["scope"], condition=Q(scope="site"), name="comments_one_site_setting"
            ),
        ]

    def __str__(self) -> str:
        target = self.story or self.section or self.get_scope_display()
        return f"{target}: {self.get_mode_display()}"

    @classmethod
    def mode_for(cls, edition: Edition) -> str:
        """The mode that applies to `edition`, in one query."""
        story = edition.story
        rules = {
            setting.scope: setting.mode
            for setting in cls.objects.filter(
                Q(story_id=story.pk) | Q(section_id=story.section_id) | Q(scope=cls.Scope.SITE)
            )
        }
        for scope in (cls.Scope.STORY, cls.Scope.SECTION, cls.Scope.SITE):
            if scope in rules:
                return rules[scope]
        return conf.default_mode()


class CommentQuerySet(models.QuerySet):
    def published(self) -> CommentQuerySet:
        return self.filter(state=Comment.State.PUBLISHED)

    def in_language(self, language: str) -> CommentQuerySet:
        return self.filter(edition__language=language)

    def needing_review(self) -> CommentQuerySet:
        return self.filter(needs_review=True)

    def by_email(self, email: str) -> CommentQuerySet:
        """Comments given this address, hashed under the current or any previous salt."""
        from .privacy import email_hashes

        digests = email_hashes(email)
        return self.filter(email_hash__in=digests) if digests else self.none()


class Comment(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden after reports")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed at the commenter's request")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    # The top-level comment of the thread (null for top-level ones): a page of
    # threads and all their replies load in two queries.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="descendants"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(_("name"), max_length=100)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    needs_review = models.BooleanField(_("needs review"), default=True)
    open_reports = models.PositiveIntegerField(_("open reports"), default=0)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A moderator said yes to this comment: the browser that posted it skips
    # pre-moderation next time.
    approved = models.BooleanField(_("approved by a moderator"), default=False)
    email_hash = models.CharField(_("email (hashed)"), max_length=64, blank=True, db_index=True)
    browser_hash = models.CharField(
        _("browser (hashed)"), max_length=64, blank=True, db_index=True, editable=False
    )
    ip_hash = models.CharField(_("network address (hashed)"), max_length=64, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [
            models.Index(fields=["edition", "state", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["edition", "fingerprint"], name="comment_duplicate_idx"),
            models.Index(fields=["needs_review", "created_at"], name="comment_queue_idx"),
        ]

    def __str__(self) -> str:
        return Truncator(self.body).chars(60) or f"#{self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.state == self.State.PUBLISHED

    @cached_property
    def body_html(self) -> SafeString:
        return text.render_body(self.body, conf.max_links())

    def get_absolute_url(self) -> str:
        url = reverse_in(self.edition.language, "comments:thread", edition_id=self.edition_id)
        return f"{url}#comment-{self.pk}"


class ModerationQueue(Comment):
    """The comments a moderator has to look at, oldest first (an admin view of Comment)."""

    class Meta:
        proxy = True
        verbose_name = _("comment to review")
        verbose_name_plural = _("comments to review")


class Report(models.Model):
    """A reader's "this comment breaks the rules"."""

    class Reason(models.TextChoices):
        SPAM = "spam", pgettext_lazy("report reason", "Spam or advertising")
        ABUSE = "abuse", pgettext_lazy("report reason", "Abusive or hateful")
        OFF_TOPIC = "off-topic", pgettext_lazy("report reason", "Off topic")
        OTHER = "other", pgettext_lazy("report reason", "Something else")

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(
        _("reason"), max_length=10, choices=Reason.choices, default=Reason.OTHER
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    # One report per network per comment; cleared after the retention period.
    reporter_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_hash"], name="comments_one_report_per_reader"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.comment}"


class Ban(models.Model):
    """An author who may not comment, known only by the hash of an email or network address."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email address")
        IP = "ip", _("Network address")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    digest = models.CharField(_("hash"), max_length=64)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("banned"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("banned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    until = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: the ban does not expire.")
    )

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "digest"], name="comments_one_ban_per_hash"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.digest[:12]}…"

    @classmethod
    def applies_to(cls, email_hash: str, ip_hash: str, earlier: tuple[str, ...] = ()) -> bool:
        """Whether a ban in force matches; `earlier` holds hashes under previous salts.

        Email and network hashes are keyed by purpose, so one can never equal the other:
        the earlier ones are matched whatever their kind.
        """
        who = Q(pk__in=[])
        if email_hash:
            who |= Q(kind=cls.Kind.EMAIL, digest=email_hash)
        if ip_hash:
            who |= Q(kind=cls.Kind.IP, digest=ip_hash)
        if earlier:
            who |= Q(digest__in=earlier)
        current = Q(until__isnull=True) | Q(until__gt=timezone.now())
        return cls.objects.filter(who).filter(current).exists()


class BannedWord(models.Model):
    """A word or phrase refused in comments of one language, or of all of them."""

    ALL_LANGUAGES = ""

    language = models.CharField(
        _("language"),
        max_length=2,
        blank=True,
        choices=Language.choices,
        help_text=_("Empty: every language."),
    )
    word = models.CharField(_("word or phrase"), max_length=100)

    class Meta:
        verbose_name = _("banned word")
        verbose_name_plural = _("banned words")
        ordering = ["language", "word"]
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="comments_unique_word"),
        ]

    def __str__(self) -> str:
        return f"{self.word} ({self.language or '*'})"

    @classmethod
    def for_language(cls, language: str) -> list[str]:
        stored = cls.objects.filter(language__in=[language, cls.ALL_LANGUAGES])
        configured = conf.banned_words()
        return [
            *stored.values_list("word", flat=True),
            *configured.get(language, []),
            *configured.get("*", []),
        ]
