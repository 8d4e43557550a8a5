"""Stories, their per-language editions, and the taxonomy they are filed under."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prensa.lib.languages import reverse_in
from prensa.lib.markup import paragraphs, render_markdown
from prensa.newsroom import search
from prensa.newsroom.signals import edition_content_changed


class Language(models.TextChoices):
    """Publishing languages, in the switcher's order (a test holds it to `languages.CODES`)."""

    PT = "pt", "Português"
    ES = "es", "Español"
    EN = "en", "English"


LANGUAGE_CODES = tuple(Language.values)

# First path segments that belong to Prensa's own routes under /<lang>/, so a
# section may not take them (its page lives at /<lang>/<slug>/).
RESERVED_SECTION_SLUGS = frozenset(
    {"tag", "tema", "etiqueta", "search", "busca", "buscar", "feed", "feeds", "api", "static"}
    | {"sitemap", "comments", "comentarios", "admin", "desk", "page"}
    # Author pages and the site's own pages (about, contact, corrections, privacy).
    | {"author", "autor", "about", "sobre", "quienes-somos", "contact", "contato", "contacto"}
    | {"corrections", "correcoes", "correcciones", "privacy", "privacidade", "privacidad"}
)


class Named(models.Model):
    """One object with a name and a slug per language (sections, tags)."""

    name_pt = models.CharField(_("name (Portuguese)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    slug_pt = models.SlugField(_("slug (Portuguese)"), max_length=80)
    slug_es = models.SlugField(_("slug (Spanish)"), max_length=80)
    slug_en = models.SlugField(_("slug (English)"), max_length=80)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        """The name in the active language (the admin's, the desk's), else any name it has."""
        return self.name or self.name_en or self.name_pt or self.name_es

    def name_in(self, language: str) -> str:
        return getattr(self, f"name_{language}")

    def slug_in(self, language: str) -> str:
        return getattr(self, f"slug_{language}")

    @property
    def name(self) -> str:
        """The name in the active language (templates call this)."""
        return self.name_in(_active_language())

    @property
    def slug(self) -> str:
        return self.slug_in(_active_language())

    @classmethod
    def slug_field(cls, language: str) -> str:
        return f"slug_{language}"


def _slug_constraints(model: str) -> list[models.UniqueConstraint]:
    return [
        models.UniqueConstraint(fields=[f"slug_{code}"], name=f"{model}_unique_slug_{code}")
        for code in LANGUAGE_CODES
    ]


def _active_language() -> str:
    language = translation.get_language() or "en"
    return language if language in LANGUAGE_CODES else "en"


class Section(Named):
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name_en"]
        constraints = _slug_constraints("section")

    def clean(self) -> None:
        taken = [
            slug
            for code in LANGUAGE_CODES
            if (slug := self.slug_in(code)) in RESERVED_SECTION_SLUGS
        ]
        if taken:
            raise ValidationError(
                _("These slugs are reserved for the site's own pages: %(slugs)s"),
                params={"slugs": ", ".join(taken)},
            )

    def get_absolute_url(self, language: str | None = None) -> str:
        language = language or _active_language()
        return reverse_in(language, "public:section", section=self.slug_in(language))


class Tag(Named):
    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name_en"]
        constraints = _slug_constraints("tag")

    def get_absolute_url(self, language: str | None = None) -> str:
        language = language or _active_language()
        return reverse_in(language, "public:tag", slug=self.slug_in(language))


class Credit(models.Model):
    """A byline: a person or an agency such as a wire service."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        AGENCY = "agency", _("Agency")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERSON)
    url = models.URLField(_("web address"), blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("The address of the author page; made from the name when left empty."),
    )
    bio_pt = models.TextField(_("bio (Portuguese)"), blank=True)
    bio_es = models.TextField(_("bio (Spanish)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not self.slug:
            self.slug = unique_credit_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    @property
    def is_agency(self) -> bool:
        return self.kind == self.Kind.AGENCY

    def bio_in(self, language: str) -> str:
        return getattr(self, f"bio_{language}", "")

    def get_absolute_url(self, language: str | None = None) -> str:
        """The author page in `language` (the active one by default)."""
        language = language or _active_language()
        return reverse_in(language, "public:author", slug=self.slug)


def unique_credit_slug(name: str, exclude_pk: int | None = None) -> str:
    """An ASCII slug for a credit's name, unique among credits (suffix -2, -3… if taken)."""
    base = slugify(name)[:130].strip("-") or "author"
    taken = set(
        Credit.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class Story(models.Model):
    """The language-independent unit; it has at most one edition per language."""

    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable external identifier (import source, demo key); optional."),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="stories"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="stories")
    credits = models.ManyToManyField(
        Credit, verbose_name=_("credits"), through="StoryCredit", blank=True
    )
    source_language = models.CharField(
        _("source language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories_created",
        editable=False,
    )

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        edition = self.edition_for(self.source_language)
        if edition:
            return edition.headline
        # Said in the editor's language: the admin shows it in its save message.
        return gettext("Story %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().save(*args, **kwargs)
        # Editions carry their story's section for fast listings: a move moves them too.
        self.editions.exclude(section_id=self.section_id).update(section_id=self.section_id)

    def edition_for(self, language: str) -> Edition | None:
        """The edition in `language`, using prefetched editions when present."""
        for edition in self.editions.all():
            if edition.language == language:
                return edition
        return None


class StoryCredit(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        CONTRIBUTOR = "contributor", _("Additional reporting")
        AGENCY = "agency", _("Agency")

    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="story_credits"
    )
    credit = models.ForeignKey(
        Credit, verbose_name=_("credit"), on_delete=models.PROTECT, related_name="story_credits"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("story credit")
        verbose_name_plural = _("story credits")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "credit"], name="storycredit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.credit} ({self.get_role_display()})"

    @property
    def is_agency(self) -> bool:
        """Wire copy: credited on its own line and as an Organization, never as a co-author."""
        return self.role == self.Role.AGENCY or self.credit.is_agency


class EditionQuerySet(models.QuerySet):
    def published(self) -> EditionQuerySet:
        """What readers may see: live (published or updated) and past its publication time."""
        return self.filter(status__in=Edition.LIVE_STATUSES, published_at__lte=timezone.now())

    def in_language(self, language: str) -> EditionQuerySet:
        return self.filter(language=language)

    def for_listing(self) -> EditionQuerySet:
        """What a list of teasers needs, in one query: story and section joined."""
        return self.select_related("story__section").order_by("-published_at", "-pk")


CONTENT_FIELDS = ("headline", "standfirst", "body")


# An article's slug sits after its section's (/<lang>/<section>/<slug>/), where the
# section's feed also lives.
RESERVED_EDITION_SLUGS = frozenset({"feed"})


def unique_slug(language: str, text: str, exclude_pk: int | None = None) -> str:
    """An ASCII slug for `text`, unique among editions in `language` (suffix -2, -3… if taken)."""
    base = slugify(text)[:110].strip("-") or "story"
    taken = set(
        Edition.objects.filter(language=language, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken or slug in RESERVED_EDITION_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


class Edition(models.Model):
    """A story in one language: what readers of that language see."""

    class Status(models.TextChoices):
        """The workflow's states (prensa.workflow holds the transitions between them)."""

        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        READY = "ready", _("Ready")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UPDATED = "updated", _("Updated")
        UNPUBLISHED = "unpublished", _("Unpublished")
        KILLED = "killed", _("Killed")

    # The states readers may see (once `published_at` has passed).
    LIVE_STATUSES = (Status.PUBLISHED, Status.UPDATED)

    class Origin(models.TextChoices):
        ORIGINAL = "original", _("Original")
        MACHINE = "machine", _("Machine translation")
        REVIEWED = "reviewed", _("Reviewed translation")

    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="editions"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    # The story's section, copied here (save() keeps it in step) so a section's listing is
    # one range of one index, newest first, at any archive size.
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="editions",
        null=True,
        editable=False,
    )
    headline = models.CharField(_("headline"), max_length=250)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(
        _("body"), blank=True, help_text=_("CommonMark; raw HTML is not allowed.")
    )
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    modified_at = models.DateTimeField(_("modified at"), default=timezone.now)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.ORIGINAL
    )
    translated_from = models.ForeignKey(
        "self",
        verbose_name=_("translated from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
    )
    source_revision = models.PositiveIntegerField(_("source revision"), null=True, blank=True)
    # Weighted full-text vector, maintained on PostgreSQL only (see prensa/newsroom/search.py).
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["story", "language"]
        constraints = [
            models.UniqueConstraint(fields=["story", "language"], name="edition_one_per_language"),
            models.UniqueConstraint(fields=["language", "slug"], name="edition_unique_slug"),
        ]
        indexes = [
            models.Index(
                fields=["language", "status", "-published_at"], name="edition_listing_idx"
            ),
            # Without the status: live is two states (published, updated), and an IN on a
            # column before the date would make the database sort the whole section.
            models.Index(
                fields=["language", "section", "-published_at"],
                name="edition_section_listing_idx",
            ),
        ]
        permissions = [
            ("publish_edition", _("Can publish, schedule, update and unpublish editions")),
            ("review_edition", _("Can review and confirm translations")),
            ("correct_edition", _("Can add corrections and update notes")),
            ("kill_edition", _("Can kill editions")),
        ]

    def __str__(self) -> str:
        return f"[{self.language}] {self.headline}"

    @classmethod
    def from_db(cls, db, field_names, values):  # type: ignore[no-untyped-def]
        instance = super().from_db(db, field_names, values)
        instance._loaded_content = {
            name: getattr(instance, name) for name in CONTENT_FIELDS if name in field_names
        }
        return instance

    def clean(self) -> None:
        if self.slug in RESERVED_EDITION_SLUGS:
            raise ValidationError(
                {"slug": _("This slug is reserved for the section's feed: choose another.")}
            )

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not self.slug:
            self.slug = unique_slug(self.language, self.headline, exclude_pk=self.pk)
        self.section_id = self.story.section_id
        loaded = getattr(self, "_loaded_content", None)
        changed = loaded is not None and any(getattr(self, k) != v for k, v in loaded.items())
        if changed:
            self.revision += 1
            self.modified_at = timezone.now()
        if self.status in self.LIVE_STATUSES and self.published_at is None:
            self.published_at = timezone.now()
        created = self._state.adding
        super().save(*args, **kwargs)
        if changed or created or loaded is None:
            search.index(Edition.objects.filter(pk=self.pk), self.language)
        self._loaded_content = {name: getattr(self, name) for name in CONTENT_FIELDS}
        if changed:
            previous = Edition(**{**{k: getattr(self, k) for k in CONTENT_FIELDS}, **loaded})
            edition_content_changed.send(sender=Edition, edition=self, previous=previous)

    @property
    def last_modified(self) -> datetime | None:
        """When readers last saw the text change: never before its publication."""
        if self.published_at is None:
            return self.modified_at
        return max(self.modified_at, self.published_at)

    @property
    def is_live(self) -> bool:
        """Published or updated: readers see it once its publication time has passed."""
        return self.status in self.LIVE_STATUSES

    @property
    def is_published(self) -> bool:
        return (
            self.is_live and self.published_at is not None and self.published_at <= timezone.now()
        )

    def get_absolute_url(self) -> str:
        section = self.story.section.slug_in(self.language)
        return reverse_in(self.language, "public:article", section=section, slug=self.slug)

    @cached_property
    def body_html(self) -> str:
        return render_markdown(self.body)

    def blocks(self) -> list[str]:
        """The units translation works on: headline, standfirst, each body block, the text
        of each correction or update note (oldest first), then texts other apps attach
        (the lead picture's alt text and caption), so that the desk drafts, marks stale and
        reviews them all exactly like a paragraph."""
        return [*self.content_blocks(), *self.note_texts(), *self.attached_texts()]

    def content_blocks(self) -> list[str]:
        """Headline, standfirst, then each body block: the edition's own fields."""
        return [self.headline, self.standfirst, *paragraphs(self.body)]

    def note_texts(self) -> list[str]:
        if self.pk is None:
            return []
        return [note.text for note in self.notes.all()]

    def attached_texts(self) -> list[str]:
        """Texts other apps attach after the notes (the lead picture's alt text and caption,
        registered by prensa.media in ATTACHED_BLOCKS), translated like paragraphs."""
        if self.pk is None:
            return []
        return [text for blocks_of in ATTACHED_BLOCKS for text in blocks_of(self)]

    @property
    def is_machine_translation(self) -> bool:
        return self.origin == self.Origin.MACHINE


# Functions (edition -> texts in its language) adding blocks after an edition's notes; an
# app above newsroom registers them when it starts (newsroom may not import it).
ATTACHED_BLOCKS: list[Callable[[Edition], list[str]]] = []


class Correction(models.Model):
    """A correction or update note at the end of one edition, dated, shown to its readers.

    An editor writes it on the story's source edition, with an internal reason; the desk
    translates it into the other editions like a paragraph (it is one of their `blocks()`),
    and each translation's note is a row of its own sharing the source note's `key`.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="notes"
    )
    # One note in every language: the translated rows carry their source note's key.
    key = models.UUIDField(_("key"), default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("note"), help_text=_("Shown to readers at the end of the story."))
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("For the newsroom only: never shown to readers.")
    )
    # When the story was corrected or updated (a translated note keeps its source's time).
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["published_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="correction_one_per_edition"),
        ]

    def __str__(self) -> str:
        return f"[{self.edition.language}] {self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_correction(self) -> bool:
        return self.kind == self.Kind.CORRECTION
