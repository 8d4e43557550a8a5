"""Reading revisions, comparing two of them, and restoring one as a new revision."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prensa.lib.markup import paragraphs
from prensa.lib.worddiff import WordDiff, word_diff
from prensa.newsroom.models import CONTENT_FIELDS, Edition, Story
from prensa.staff.access import User, allowed

from .models import EditionRevision

FIELD_LABELS = {
    "headline": gettext_lazy("Headline"),
    "standfirst": gettext_lazy("Standfirst"),
    "body": gettext_lazy("Body"),
}

# How a restore is noted in the revision it makes; the page says it in the reader's words.
RESTORED_PREFIX = "restored:"


class RevisionError(Exception):
    """A refused restore: `message` says why, `status` is the HTTP status a view answers."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# Desk autosaves make many revisions: the page lists this many per edition unless asked.
SHOWN = 50


def revisions_of(story: Story, everything_of: str | None = None) -> list[tuple[Edition, list, int]]:
    """Each edition of `story` (source first), its newest revisions and how many it has.

    All of them for the edition in `everything_of`, else the newest SHOWN; one or two
    queries per edition, whatever the length of its history.
    """
    editions = sorted(
        story.editions.all(),
        key=lambda e: (e.language != story.source_language, e.language),
    )
    listed = []
    for edition in editions:
        records = (
            EditionRevision.objects.filter(id=edition.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        if edition.language == everything_of:
            shown = list(records)
            listed.append((edition, shown, len(shown)))
            continue
        shown = list(records[: SHOWN + 1])
        total = records.count() if len(shown) > SHOWN else len(shown)
        listed.append((edition, shown[:SHOWN], total))
    return listed


def restored_from(record: EditionRevision) -> int | None:
    """The revision number a restore brought back, when `record` was made by one."""
    reason = record.history_change_reason or ""
    if reason.startswith(RESTORED_PREFIX) and reason[len(RESTORED_PREFIX) :].isdigit():
        return int(reason[len(RESTORED_PREFIX) :])
    return None


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    diff: WordDiff


def compare(older: object, newer: object) -> list[FieldDiff]:
    """Headline, standfirst and body of two versions (revisions or editions), word by word."""
    return [
        FieldDiff(
            name,
            str(FIELD_LABELS[name]),
            word_diff(getattr(older, name) or "", getattr(newer, name) or ""),
        )
        for name in CONTENT_FIELDS
    ]


def _person(user: User):  # type: ignore[no-untyped-def]
    return user if user is not None and user.is_authenticated else None


@dataclass
class RestoreRevision:
    """Write an old revision's headline, standfirst and body back as a new revision.

    The revisions in between stay in the history. `expected_revision` is the edition's
    revision the person saw when they chose: if someone saved since, the restore is
    refused rather than silently replacing their newer words. Status, slug and dates
    are left alone (the workflow owns them). For a translation the desk takes the
    restored text as a person's edit, paragraph by paragraph, as it does for the admin.
    """

    edition: Edition
    revision_id: int | None
    user: User = None
    expected_revision: int | None = None

    def check(self) -> EditionRevision:
        if not allowed(self.user, "newsroom.change_edition", language=self.edition.language):
            raise RevisionError(_("You do not have permission to do this."), status=403)
        record = (
            EditionRevision.objects.filter(history_id=self.revision_id).first()
            if self.revision_id
            else None
        )
        if record is None:
            raise RevisionError(_("There is no such revision; nothing was restored."), status=404)
        if record.id != self.edition.pk:
            raise RevisionError(
                _(
                    "This revision belongs to another edition, not to the %(language)s "
                    "edition; nothing was restored."
                )
                % {"language": self.edition.get_language_display()}
            )
        if self.expected_revision is None:
            raise RevisionError(
                _(
                    "This request did not say which revision of the edition it replaces, "
                    "so it could overwrite someone else's work; nothing was restored. "
                    "Reload the page and restore again."
                )
            )
        if self.expected_revision != self.edition.revision:
            raise RevisionError(
                _(
                    "Someone saved this edition after you opened the history (now revision "
                    "%(current)s, you saw %(expected)s); nothing was restored. Compare again "
                    "with the newest revision before restoring."
                )
                % {"current": self.edition.revision, "expected": self.expected_revision},
                status=409,
            )
        if all(getattr(record, f) == getattr(self.edition, f) for f in CONTENT_FIELDS):
            raise RevisionError(
                _("The edition already reads as revision %(revision)s; nothing to restore.")
                % {"revision": record.revision},
                status=409,
            )
        if self.edition.translated_from_id is not None:
            now, then = len(paragraphs(self.edition.body)), len(paragraphs(record.body))
            if now != then:
                # The desk follows a translation paragraph by paragraph; a different
                # count would leave it unable to take the restored words.
                raise RevisionError(
                    _(
                        "Revision %(revision)s has %(then)s paragraphs and this translation "
                        "now has %(now)s, so the translation desk could not follow it. "
                        "Draft the translation again in the desk, or copy the words you "
                        "need from the comparison."
                    )
                    % {"revision": record.revision, "then": then, "now": now},
                    status=409,
                )
        return record

    def execute(self) -> Edition:
        with transaction.atomic():
            # Checked again on the locked row: a save racing this one cannot slip between.
            self.edition = Edition.objects.select_for_update().get(pk=self.edition.pk)
            record = self.check()
            edition = self.edition
            for name in CONTENT_FIELDS:
                setattr(edition, name, getattr(record, name))
            edition._history_user = _person(self.user)
            edition._change_reason = f"{RESTORED_PREFIX}{record.revision}"
            edition.save()
        return edition
