"""Segment rows ↔ pure segments, and composing an edition from its segments."""

from __future__ import annotations

from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from prensa.media.texts import shown_texts, source_fields, write_picture_texts
from prensa.newsroom.models import Correction, Edition
from prensa.translation.staleness import Segment as PureSegment
from prensa.translation.staleness import block_hash, mark_reviewed, realign_indexed

from .models import HEADLINE, STANDFIRST, Segment, SegmentState

# Row fields carried along while the block is unchanged (a review, its findings).
_CARRIED_FIELDS = ("issues", "issues_acknowledged", "suggestions", "reviewed_by_id", "reviewed_at")


def load(edition: Edition) -> list[Segment]:
    return list(Segment.objects.filter(edition=edition).order_by("position"))


@transaction.atomic
def replace_segments(
    edition: Edition, pure: list[PureSegment], carried: list[Segment | None]
) -> list[Segment]:
    """Store `pure` as the edition's segments; `carried[i]` is the old row segment i came from."""
    rows = []
    for position, (segment, old) in enumerate(zip(pure, carried, strict=True)):
        # A carried block keeps its id, so a review form open in someone's browser still
        # points at the same paragraph after the source moved around it.
        row = Segment(pk=old.pk if old is not None else None, edition=edition, position=position)
        row.take(segment)
        if old is not None:
            for field in _CARRIED_FIELDS:
                setattr(row, field, getattr(old, field))
        rows.append(row)
    Segment.objects.filter(edition=edition).delete()
    return Segment.objects.bulk_create(rows)


def realign_rows(
    rows: list[Segment], blocks: list[str]
) -> tuple[list[PureSegment], list[Segment | None]]:
    """Realign stored segments to the source's current blocks."""
    pairs = realign_indexed([row.as_pure() for row in rows], blocks)
    return [segment for segment, _ in pairs], [
        rows[index] if index is not None else None for _, index in pairs
    ]


def realign_translations(source: Edition) -> None:
    """Realign every edition translated from `source` to its current blocks."""
    blocks = source.blocks()
    for target in Edition.objects.filter(translated_from=source):
        rows = load(target)
        if rows:
            replace_segments(target, *realign_rows(rows, blocks))


def take_outside_edits(edition: Edition, previous: Edition) -> int:
    """Blocks of a translated edition changed outside the desk become the person's text.

    Without this, the desk would later recompose the edition from its segments and
    silently drop words someone typed in the admin. Only blocks that changed in this
    save are taken, so desk changes waiting to be published are left alone. A changed
    block goes to the segment that rendered its previous text, so the match holds even
    when the source gained a paragraph the edition has not been drafted for yet (the
    admin refuses to add or remove paragraphs of a translation). Returns how many
    segments took an outside edit.
    """
    rows = load(edition)
    # Notes are not edited outside the desk; an unsaved `previous` has none to compare.
    new, old = edition.content_blocks(), previous.content_blocks()
    if not rows or len(new) != len(old):
        return 0
    unclaimed = list(rows)
    changed = []
    for before, after in zip(old, new, strict=True):
        row = next((row for row in unclaimed if row.text == before), None)
        if row is None:
            continue
        unclaimed.remove(row)
        if before != after and after != row.text:
            row.human_text = after
            if row.state in (SegmentState.MACHINE, SegmentState.MEMORY):
                row.state = SegmentState.EDITED  # a person's words, not confirmed at the desk
            changed.append(row)
    Segment.objects.bulk_update(changed, ["human_text", "state"])
    return len(changed)


def compose(edition: Edition, texts: list[str]) -> None:
    """Write segment texts, in position order, into headline, standfirst and body (unsaved),
    and the last ones, one per note of the source, into the edition's correction notes
    (saved at once when the edition exists: they are rows of their own).

    A body segment never splits into two paragraphs: that would shift every block after it.
    """
    texts, pictures = _split_pictures(edition, texts)
    texts, notes = _split_notes(edition, texts)
    if edition.pk is not None:
        write_notes(edition, notes)
        write_picture_texts(edition, pictures)
    texts = [
        " ".join(text.split("\n\n")) if position > STANDFIRST else text
        for position, text in enumerate(texts)
    ]
    edition.headline = texts[HEADLINE] if texts else ""
    edition.standfirst = texts[STANDFIRST] if len(texts) > 1 else ""
    edition.body = "\n\n".join(text for text in texts[2:] if text.strip())


def composed_differs(edition: Edition, rows: list[Segment]) -> bool:
    """True when the desk holds changes the published edition does not show yet."""
    probe = Edition(headline=edition.headline, standfirst=edition.standfirst, body=edition.body)
    texts, pictures = _split_pictures(edition, [row.text for row in rows])
    texts, notes = _split_notes(edition, texts)
    compose(probe, texts)
    shown = {note.key: note.text for note in edition.notes.all()}
    held = {source.key: text for source, text in notes if text.strip()}
    held_pictures = {name: text.strip() for name, text in pictures.items() if text.strip()}
    shown_pictures = dict(
        zip(held_pictures, shown_texts(edition, list(held_pictures)), strict=True)
    )
    return (probe.headline, probe.standfirst, probe.body, held, held_pictures) != (
        edition.headline,
        edition.standfirst,
        edition.body,
        shown,
        shown_pictures,
    )


T = TypeVar("T")


def _split_pictures(edition: Edition, texts: list[str]) -> tuple[list[str], dict[str, str]]:
    """The texts before the lead picture's, and the picture's texts by field.

    A translation's last blocks are its source's lead picture alt text and caption (those
    the source has words for: Edition.blocks, prensa.media.texts), after the notes.
    """
    source = edition.translated_from if edition.translated_from_id else None
    texts, tail = _split_tail(texts, source_fields(source))
    return texts, dict(tail)


def _split_notes(
    edition: Edition, texts: list[str]
) -> tuple[list[str], list[tuple[Correction, str]]]:
    """Texts of the edition's own fields, and each source note with its translation's text.

    A translation's segments follow its source's blocks, whose last ones are the source's
    notes (Edition.blocks), so the last texts belong to those notes, in the same order.
    """
    source = edition.translated_from if edition.translated_from_id else None
    return _split_tail(texts, list(source.notes.all()) if source is not None else [])


def _split_tail(texts: list[str], owners: list[T]) -> tuple[list[str], list[tuple[T, str]]]:
    """The last texts paired with `owners` (the blocks after the body), and those before.

    Never takes the headline and standfirst, however few texts there are.
    """
    count = min(len(owners), max(0, len(texts) - 2))
    if not count:
        return texts, []
    return texts[:-count], list(zip(owners[-count:], texts[-count:], strict=True))


def write_notes(edition: Edition, notes: list[tuple[Correction, str]]) -> bool:
    """Make the edition's notes the translations given (a source note with no text yet is
    left out), dated as their source notes; returns whether anything changed."""
    current = {note.key: note for note in edition.notes.all()}
    changed = False
    for source, text in notes:
        text = text.strip()
        if not text:
            continue
        note = current.pop(source.key, None)
        if note is None:
            Correction.objects.create(
                edition=edition,
                key=source.key,
                kind=source.kind,
                text=text,
                published_at=source.published_at,
            )
            changed = True
        elif (note.text, note.kind) != (text, source.kind):
            note.text, note.kind = text, source.kind
            note.save(update_fields=["text", "kind"])
            changed = True
    kept = {source.key for source, _text in notes}
    gone = [note.pk for key, note in current.items() if key not in kept]
    if gone:
        Correction.objects.filter(pk__in=gone).delete()
        changed = True
    if changed:
        edition.modified_at = timezone.now()  # readers' "updated" time (saved by the caller)
    return changed


def adopt(source: Edition, target: Edition) -> bool:
    """Record a translation made outside the desk (import, demo) as reviewed segments.

    Only when its blocks line up one to one with the source's; returns whether it did.
    Afterwards, editing the source flags exactly the affected blocks stale.
    """
    # The edition's own fields; notes it lacks then come up as missing and get drafted.
    source_blocks, target_blocks = source.content_blocks(), target.content_blocks()
    if len(source_blocks) != len(target_blocks):
        return False
    pure = [
        mark_reviewed(PureSegment(block_hash(s), s, machine_text="", human_text=t))
        for s, t in zip(source_blocks, target_blocks, strict=True)
    ]
    replace_segments(target, pure, [None] * len(pure))
    return True
