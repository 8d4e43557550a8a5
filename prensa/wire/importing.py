"""Importing wire copy: each item becomes a story with its source edition as a draft.

The one entry point for the command line, the desk's upload form, the wire-drop worker
and the API is `import_bytes(data, filename, user, translate=False) -> Report`; files,
folders and addresses go through `import_source`.

Each item is imported in its own transaction, so an item is either written whole (story,
source edition, tags, credits) or not at all, and a refused item never stops the others.
A story is found again by its key (the source's guid, uri or address): a second import
of a changed item updates the source edition in place, as a new revision (which
prensa.history records); an unchanged one is skipped.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from prensa.desk.actions import ActionError
from prensa.desk.tasks import enqueue_draft
from prensa.lib.languages import codes, name_in_text
from prensa.newsroom.models import Credit, Edition, Section, Story, StoryCredit, Tag
from prensa.newsroom.textcheck import MAX_BODY_CHARS, detected_language, unserved_language
from prensa.staff.access import User, allowed

from .fetching import fetch
from .items import Item, Refusal
from .parsers import parse

logger = logging.getLogger(__name__)

CREATED, UPDATED, SKIPPED, REFUSED = "created", "updated", "skipped", "refused"
KEY_MAX_LENGTH = Story._meta.get_field("key").max_length
HEADLINE_MAX_LENGTH = Edition._meta.get_field("headline").max_length


@dataclass
class Outcome:
    """What became of one item: created, updated, skipped or refused, and why."""

    label: str
    result: str
    message: str = ""
    story: int | None = None
    edition: int | None = None
    language: str = ""
    headline: str = ""
    translations: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.result == REFUSED

    def line(self) -> str:
        """One line for a person: "feed.xml #2: refused: The headline is missing."."""
        parts = [self.label or "-", self.result]
        if self.headline:
            parts.append(f"«{self.headline}»")
        if self.message:
            parts.append(self.message)
        parts += self.translations
        return ": ".join(parts)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Everything was imported or skipped: nothing was refused."""
        return not any(outcome.refused for outcome in self.outcomes)

    def count(self, result: str) -> int:
        return sum(outcome.result == result for outcome in self.outcomes)

    def counts(self) -> dict[str, int]:
        return {result: self.count(result) for result in (CREATED, UPDATED, SKIPPED, REFUSED)}

    def extend(self, other: Report) -> None:
        self.outcomes += other.outcomes

    def as_dict(self) -> dict:
        """For an API answer: the counts and each item's outcome."""
        return {"ok": self.ok, **self.counts(), "items": [asdict(o) for o in self.outcomes]}


def max_bytes() -> int:
    return int(getattr(settings, "PRENSA_IMPORT_MAX_BYTES", 5 * 1024 * 1024))


def too_large(label: str) -> Outcome:
    return Outcome(
        label,
        REFUSED,
        _("The file is larger than the import limit of %(limit)s bytes (PRENSA_IMPORT_MAX_BYTES).")
        % {"limit": max_bytes()},
    )


# -- Entry points ------------------------------------------------------------------------


def import_bytes(
    data: bytes,
    filename: str,
    user: User = None,
    translate: bool = False,
    *,
    section: str | Section = "",
    url: str = "",
    charset: str | None = None,
) -> Report:
    """Import the items in one file's bytes as `user` (None: the system, e.g. the worker).

    `translate` queues drafts of each imported story in the other two languages;
    `section` (a slug in any language) files every story there. Never raises for bad
    input: every problem is a refused outcome with its reason.
    """
    label = filename or url
    if not allowed(user, "newsroom.add_story"):
        return Report([Outcome(label, REFUSED, _("You do not have permission to import stories."))])
    if len(data) > max_bytes():
        return Report([too_large(label)])
    try:
        items = parse(data, filename, url=url, charset=charset)
    except Refusal as exc:
        return Report([Outcome(label, REFUSED, exc.message)])
    except Exception as exc:  # a parser bug must be a refusal, never a traceback
        _log_unexpected(label, exc)
        return Report([Outcome(label, REFUSED, _unexpected(exc))])
    report = Report()
    for item in items:
        item.label = item.label or label
        report.outcomes.append(import_item(item, user, translate=translate, section=section))
    return report


def import_source(
    source: str, user: User = None, translate: bool = False, *, section: str = ""
) -> Report:
    """A file, every file in a folder (sorted, hidden ones skipped) or an http(s) address."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
        try:
            page = fetch(source, max_bytes())
        except Refusal as exc:
            return Report([Outcome(source, REFUSED, exc.message)])
        return import_bytes(
            page.data,
            page.filename,
            user,
            translate,
            section=section,
            url=page.url,
            charset=page.charset,
        )
    path = Path(source)
    if path.is_dir():
        report = Report()
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))
        )
        for file in files:
            report.extend(import_file(file, user, translate, section=section))
        if not files:
            report.outcomes.append(Outcome(source, REFUSED, _("The folder holds no files.")))
        return report
    if not path.is_file():
        return Report([Outcome(source, REFUSED, _("No such file, folder or address."))])
    return import_file(path, user, translate, section=section)


def import_file(
    path: Path, user: User = None, translate: bool = False, *, section: str = ""
) -> Report:
    """One file, refused unread when it is over the size limit."""
    try:
        if path.stat().st_size > max_bytes():
            return Report([too_large(str(path))])
        data = path.read_bytes()
    except OSError as exc:
        return Report(
            [
                Outcome(
                    str(path),
                    REFUSED,
                    _("The file cannot be read: %(error)s") % {"error": exc.strerror},
                )
            ]
        )
    return import_bytes(data, str(path), user, translate, section=section)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _log_unexpected(label: str, exc: Exception) -> None:
    """A bug, not bad input: one line in the log (the command line shows no traceback); the
    traceback at debug level."""
    logger.error("Import of %s failed: %s: %s", label, exc.__class__.__name__, exc)
    logger.debug("Import of %s failed", label, exc_info=exc)


def _unexpected(exc: Exception) -> str:
    return _("Unexpected error (%(error)s); nothing was imported.") % {
        "error": exc.__class__.__name__
    }


# -- One item ----------------------------------------------------------------------------


def import_item(
    item: Item, user: User = None, *, translate: bool = False, section: str | Section = ""
) -> Outcome:
    """Write one item whole, or nothing; what became of it."""
    outcome = Outcome(item.label, REFUSED, headline=item.headline[:80])
    try:
        language = _check(item)
        outcome.language = language
        with transaction.atomic():
            _write(item, language, user, section, outcome)
    except Refusal as exc:
        outcome.result, outcome.message = REFUSED, exc.message
        outcome.story = outcome.edition = None
        return outcome
    except Exception as exc:  # the report must say why, never end in a traceback
        _log_unexpected(item.label, exc)
        outcome.result, outcome.message = REFUSED, _unexpected(exc)
        outcome.story = outcome.edition = None
        return outcome
    if translate and outcome.result in (CREATED, UPDATED):
        outcome.translations = _request_drafts(outcome.story, language, user)
    return outcome


def _check(item: Item) -> str:
    """Refuse what would make a bad story; the language the story is written in."""
    item.headline = " ".join(item.headline.split())
    item.standfirst = " ".join(item.standfirst.split())
    item.paragraphs = [p.strip() for p in item.paragraphs if p.strip()]
    # Names and identifiers go into lookups and rows: no NUL (PostgreSQL refuses it), no blanks.
    item.byline, item.agencies, item.tags, item.also_known_as = (
        [" ".join(v.replace("\x00", "").split()) for v in values if v.replace("\x00", "").strip()]
        for values in (item.byline, item.agencies, item.tags, item.also_known_as)
    )
    item.key, item.section = item.key.replace("\x00", ""), item.section.replace("\x00", "")
    if not item.headline:
        raise Refusal(_("The headline is missing."))
    if len(item.headline) > HEADLINE_MAX_LENGTH:
        raise Refusal(
            _("The headline is too long (%(length)s characters; %(limit)s at most).")
            % {"length": len(item.headline), "limit": HEADLINE_MAX_LENGTH}
        )
    if not item.paragraphs:
        raise Refusal(_("The story has no text besides its headline."))
    text = "\n\n".join([item.headline, item.standfirst, item.body])
    if len(item.body) > MAX_BODY_CHARS:
        raise Refusal(
            _("The text is too long (%(limit)s characters at most).") % {"limit": MAX_BODY_CHARS}
        )
    if "\x00" in text:
        raise Refusal(_("The text contains a NUL character."))
    return _language(item, text)


def _language(item: Item, text: str) -> str:
    """The declared language, checked against the text; else the detected one."""
    served = codes()
    declared = item.language.strip().lower().replace("_", "-").split("-")[0]
    if declared and declared not in served:
        raise Refusal(
            _("The story is in a language Prensa does not publish (%(language)s).")
            % {"language": item.language[:20]}
        )
    foreign = unserved_language(text, served)
    if foreign:
        raise Refusal(
            _("The text reads as a language Prensa does not publish (%(language)s).")
            % {"language": foreign}
        )
    found = detected_language(text)
    if declared:
        if found is not None and found != declared:
            raise Refusal(
                _("The story declares %(declared)s but reads as %(found)s.")
                % {"declared": name_in_text(declared), "found": name_in_text(found)}
            )
        return declared
    if found is None:
        raise Refusal(
            _("The text is too short to tell its language, and the source does not declare it.")
        )
    return found


def _key(item: Item) -> str:
    """The story's key: the source's identifier, else a digest of its text."""
    return _fit(item.key) or _fit("text:" + item.headline + "\n\n" + item.body, digest=True)


def _fit(identifier: str, digest: bool = False) -> str:
    """An identifier as a key: a digest when it is longer than a key may be."""
    identifier = " ".join(identifier.split())
    if identifier and (digest or len(identifier) > KEY_MAX_LENGTH):
        return "sha256:" + hashlib.sha256(identifier.encode()).hexdigest()[:40]
    return identifier


def _person(user: User):  # type: ignore[no-untyped-def]
    return user if user is not None and user.is_authenticated else None


def _write(item: Item, language: str, user: User, section: str | Section, outcome: Outcome) -> None:
    key = _key(item)
    # Found again by its key, or by another name of the same story (its web address…).
    known = [key, *filter(None, (_fit(name) for name in item.also_known_as))]
    story = Story.objects.select_for_update().filter(key__in=known).order_by("pk").first()
    if story is not None:
        _update(story, item, language, user, outcome)
        return
    if not allowed(user, "newsroom.add_story"):
        raise Refusal(_("You do not have permission to import stories."))
    now = timezone.now()
    try:
        with transaction.atomic():
            story = Story.objects.create(
                key=key,
                section=_section(section, item.section),
                source_language=language,
                created_by=_person(user),
                created_at=item.date if item.date and item.date <= now else now,
            )
    except IntegrityError:
        raise Refusal(
            _("Another import took this story's key meanwhile; import it again.")
        ) from None
    tags, unknown = _tags(item.tags)
    story.tags.set(tags)
    for position, name in enumerate(item.byline + item.agencies):
        agency = name in item.agencies
        credit, _created = Credit.objects.get_or_create(
            name=name[:120],
            defaults={"kind": Credit.Kind.AGENCY if agency else Credit.Kind.PERSON},
        )
        StoryCredit.objects.get_or_create(
            story=story,
            credit=credit,
            defaults={
                "position": position,
                "role": StoryCredit.Role.AGENCY if agency else StoryCredit.Role.AUTHOR,
            },
        )
    edition = Edition(
        story=story,
        language=language,
        headline=item.headline,
        standfirst=item.standfirst,
        body=item.body,
        status=Edition.Status.DRAFT,
    )
    edition._history_user = _person(user)
    edition.save()
    outcome.result, outcome.story, outcome.edition = CREATED, story.pk, edition.pk
    outcome.message = _("A draft in %(language)s.") % {"language": name_in_text(language)}
    if unknown:
        outcome.message += " " + _("Tags not found, left out: %(tags)s.") % {
            "tags": ", ".join(unknown[:10])
        }


def _update(story: Story, item: Item, language: str, user: User, outcome: Outcome) -> None:
    """A duplicate: its source edition takes the new text as a new revision, if it changed."""
    outcome.story = story.pk
    if language != story.source_language:
        raise Refusal(
            _(
                "A story with this identifier was imported already, written in %(language)s; "
                "this item is in %(other)s."
            )
            % {"language": name_in_text(story.source_language), "other": name_in_text(language)}
        )
    edition = Edition.objects.select_for_update().filter(story=story, language=language).first()
    if edition is None:
        raise Refusal(_("A story with this identifier exists but has no source edition."))
    outcome.edition = edition.pk
    new = {"headline": item.headline, "standfirst": item.standfirst, "body": item.body}
    if all(getattr(edition, name) == value for name, value in new.items()):
        outcome.result = SKIPPED
        outcome.message = _("Already imported and unchanged.")
        return
    if edition.status == Edition.Status.KILLED:
        raise Refusal(_("This story was killed: its edition is not updated."))
    # The source text, as in the API: editors, or the reporter who created the story.
    may_change = allowed(user, "newsroom.change_edition") and (
        user is None
        or allowed(user, "newsroom.publish_edition")
        or story.created_by_id == getattr(user, "pk", None)
    )
    if not may_change:
        raise Refusal(_("You do not have permission to change this story."))
    for name, value in new.items():
        setattr(edition, name, value)
    edition._history_user = _person(user)
    edition.save()
    outcome.result = UPDATED
    outcome.message = _("Updated in place: revision %(revision)s.") % {"revision": edition.revision}


def _named(model: type[Section] | type[Tag], text: str) -> Section | Tag | None:
    """The section or tag with this name or slug in any language, ignoring case."""
    text = text.strip()
    if not text:
        return None
    query = Q()
    for code in codes():
        query |= Q(**{f"slug_{code}__iexact": text}) | Q(**{f"name_{code}__iexact": text})
    return model.objects.filter(query).first()


def _section(requested: str | Section, declared: str) -> Section:
    """The section asked for, else the source's own if it exists here, else the default."""
    if isinstance(requested, Section):
        return requested
    if requested:
        section = _named(Section, requested)
        if section is None:
            raise Refusal(_("No section is called %(section)s.") % {"section": requested[:80]})
        return section
    if declared:
        section = _named(Section, declared)
        if section is not None:
            return section
    default = getattr(settings, "PRENSA_IMPORT_SECTION", "")
    section = _named(Section, default)
    section = section or Section.objects.order_by("position", "pk").first()
    if section is None:
        raise Refusal(_("There is no section to file the story under: create one first."))
    return section


def _tags(names: list[str]) -> tuple[list[Tag], list[str]]:
    """Existing tags matching the source's (by name or slug, in any language); the rest."""
    found, unknown = [], []
    for name in names:
        tag = _named(Tag, name[:80])
        if tag is None:
            unknown.append(name)
        elif tag not in found:
            found.append(tag)
    return found, unknown


def _request_drafts(story_id: int | None, language: str, user: User) -> list[str]:
    """Queue drafts in the other languages; one note per language (queued, or why not)."""
    story = Story.objects.get(pk=story_id)
    notes = []
    for other in codes():
        if other == language:
            continue
        try:
            enqueue_draft(story, other, user)
        except ActionError as exc:
            notes.append(
                _("no draft in %(language)s: %(reason)s")
                % {"language": name_in_text(other), "reason": exc.message}
            )
        else:
            notes.append(_("draft in %(language)s queued") % {"language": name_in_text(other)})
    return notes
