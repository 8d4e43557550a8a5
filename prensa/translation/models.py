"""The glossary and the translation memory, as the newsroom edits and grows them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prensa.lib.languages import CODES, NATIVE_NAMES
from prensa.translation.glossary import Glossary, Term
from prensa.translation.segmenting import segment_hash

LANGUAGE_CHOICES = [(code, NATIVE_NAMES[code]) for code in CODES]


class GlossaryEntryQuerySet(models.QuerySet):
    def for_pair(
        self, source: str | None = None, target: str | None = None
    ) -> GlossaryEntryQuerySet:
        """Entries that apply from `source` to `target` (blank languages apply to all)."""
        entries = self
        if source:
            entries = entries.filter(
                models.Q(source_language=source) | models.Q(source_language="")
            )
        if target:
            entries = entries.filter(
                models.Q(target_language=target) | models.Q(target_language="")
            )
        return entries

    def glossary(self) -> Glossary:
        """These entries as the pipeline's `Glossary`."""
        return Glossary(entry.as_term() for entry in self)


class GlossaryEntry(models.Model):
    """A term and its required rendering, or a do-not-translate entry.

    Leave a language blank to apply the entry to every source or target.
    """

    source_language = models.CharField(
        _("source language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True
    )
    target_language = models.CharField(
        _("target language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True
    )
    term = models.CharField(_("term"), max_length=200)
    rendering = models.CharField(
        _("rendering"),
        max_length=200,
        blank=True,
        help_text=_("How the term must come out; ignored for do-not-translate entries."),
    )
    do_not_translate = models.BooleanField(
        _("do not translate"),
        default=False,
        help_text=_("Names and organisations that stay exactly as written."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = GlossaryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary entries")
        ordering = ["term", "source_language", "target_language"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "term"],
                name="glossaryentry_unique_term_per_pair",
            )
        ]

    def __str__(self) -> str:
        if self.do_not_translate:
            return f"{self.term} (do not translate)"
        pair = f"{self.source_language or '*'}→{self.target_language or '*'}"
        return f"{self.term} → {self.rendering} ({pair})"

    def as_term(self) -> Term:
        return Term(
            term=self.term,
            rendering=self.rendering,
            source=self.source_language or None,
            target=self.target_language or None,
            do_not_translate=self.do_not_translate,
        )


class TranslationMemoryEntryQuerySet(models.QuerySet):
    def for_pair(self, source: str = "", target: str = "") -> TranslationMemoryEntryQuerySet:
        """Entries from `source` to `target`; a blank language means any."""
        entries = self
        if source:
            entries = entries.filter(source_language=source)
        if target:
            entries = entries.filter(target_language=target)
        return entries

    def concordance(self, words: list[str], side: str = "both") -> TranslationMemoryEntryQuerySet:
        """Entries containing every word (any case), on the source side, the target side or either."""
        entries = self
        for word in words:
            # SQLite folds case for ASCII letters only: "Março" would miss "março". Asking
            # for the usual casings too finds them there; PostgreSQL folds all letters.
            casings = {word, word.lower(), word.upper(), word.capitalize()}
            on_source, on_target = models.Q(), models.Q()
            for form in casings:
                on_source |= models.Q(source_text__icontains=form)
                on_target |= models.Q(target_text__icontains=form)
            entries = entries.filter(
                on_source
                if side == "source"
                else on_target
                if side == "target"
                else on_source | on_target
            )
        return entries


class TranslationMemoryEntry(models.Model):
    """An approved translation of one source segment, reused for the same segment later.

    Entries are keyed by the hash of their source text (`segment_hash`): any change to
    the source text must go through `save()` (or `rehash()` before a bulk write), or
    the memory would answer for the old sentence.
    """

    source_language = models.CharField(_("source language"), max_length=2, choices=LANGUAGE_CHOICES)
    target_language = models.CharField(_("target language"), max_length=2, choices=LANGUAGE_CHOICES)
    source_hash = models.CharField(max_length=64, editable=False)
    source_text = models.TextField(_("source text"))
    target_text = models.TextField(_("target text"))
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)

    objects = TranslationMemoryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory entries")
        ordering = ["-approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_hash"],
                name="tm_unique_segment_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"[{self.source_language}→{self.target_language}] {self.source_text[:60]}"

    def rehash(self) -> str:
        self.source_hash = segment_hash(self.source_text)
        return self.source_hash

    def clashes(self) -> TranslationMemoryEntry | None:
        """Another entry of the same pair that already holds this source sentence."""
        return (
            TranslationMemoryEntry.objects.for_pair(self.source_language, self.target_language)
            .filter(source_hash=segment_hash(self.source_text))
            .exclude(pk=self.pk)
            .first()
        )

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.rehash()
        super().save(*args, **kwargs)
