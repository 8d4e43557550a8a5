"""Precise staleness: which translated segments a change to the source affects.

A translated edition is a list of segments, one per source block (paragraph,
heading). Each segment remembers the hash of the source block it was made
from. When the source changes, `realign` maps the old segments onto the new
blocks:

- a block whose text is unchanged keeps its segment untouched, wherever it
  moved to;
- an edited block keeps the old segment (the translator's words are never
  thrown away) but marks it stale, remembering the source text it was made
  from so the desk can show the diff;
- an inserted block gets an empty segment that needs drafting;
- a deleted block's segment is dropped.

Machine output and a person's post-edit are separate layers (`machine_text`,
`human_text`), so re-drafting a stale segment can refresh the machine layer
without overwriting anything a person wrote.

Everything here is pure: the desk's models store `Segment` fields in columns.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from enum import StrEnum

from prensa.translation.segmenting import segment_hash


class State(StrEnum):
    MACHINE = "machine"  # drafted by an engine, not yet reviewed
    MEMORY = "memory"  # reused from approved translation memory
    REVIEWED = "reviewed"  # a person approved it
    STALE = "stale"  # its source block changed since it was made
    MISSING = "missing"  # a new source block that has no translation yet


# A stable fingerprint of a source block; whitespace differences do not count. The same hash
# keys the translation memory.
block_hash = segment_hash


@dataclass(frozen=True)
class Segment:
    """One translated block and where it came from."""

    source_hash: str  # of the block it was translated from; "" when not translated yet
    source_text: str  # the current source block
    machine_text: str = ""
    human_text: str | None = None
    state: State = State.MACHINE
    # For a stale segment: the source text the translation was made from
    # (source_text then holds the current source block).
    previous_source_text: str | None = None

    @property
    def text(self) -> str:
        """What readers see: the person's words when there are any, else the machine's."""
        return self.human_text if self.human_text is not None else self.machine_text


def realign(segments: list[Segment], new_blocks: list[str]) -> list[Segment]:
    """Map `segments` (made from the previous source) onto `new_blocks` (the edited source).

    Returns one segment per new block, in order. Unchanged blocks keep their
    segment and state, even when moved; edited blocks keep their old
    translation marked stale; inserted blocks are MISSING; deleted blocks'
    segments are dropped.
    """
    return [segment for segment, _ in realign_indexed(segments, new_blocks)]


def realign_indexed(
    segments: list[Segment], new_blocks: list[str]
) -> list[tuple[Segment, int | None]]:
    """`realign`, also telling for each result which old segment it came from (None: new)."""
    new_hashes = [block_hash(block) for block in new_blocks]
    result: list[Segment | None] = [None] * len(new_blocks)
    origin: list[int | None] = [None] * len(new_blocks)
    used = [False] * len(segments)

    # 1. Same text: reuse the segment, in order, wherever the block now sits.
    by_hash: dict[str, deque[int]] = defaultdict(deque)
    for index, segment in enumerate(segments):
        if segment.state is not State.STALE:
            by_hash[segment.source_hash].append(index)
    for position, digest in enumerate(new_hashes):
        if by_hash[digest]:
            index = by_hash[digest].popleft()
            used[index] = True
            origin[position] = index
            result[position] = replace(segments[index], source_text=new_blocks[position])

    # 2. Edited blocks: pair what is left by position within each changed region.
    old_hashes = [segment.source_hash for segment in segments]
    matcher = SequenceMatcher(a=old_hashes, b=new_hashes, autojunk=False)
    # "equal" regions count too: a segment already stale has the hash of the text it was
    # made from, so a reverted edit lands there and stays stale until a person looks.
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_left = [i for i in range(i1, i2) if not used[i]]
        new_left = [j for j in range(j1, j2) if result[j] is None]
        for i, j in zip(old_left, new_left, strict=False):
            used[i] = True
            origin[j] = i
            result[j] = _stale(segments[i], new_blocks[j])

    # 3. Anything still unmatched is new.
    return [
        (segment, origin[j])
        if segment is not None
        else (Segment("", new_blocks[j], state=State.MISSING), None)
        for j, segment in enumerate(result)
    ]


def _stale(segment: Segment, new_block: str) -> Segment:
    previous = segment.previous_source_text if segment.state is State.STALE else segment.source_text
    return replace(segment, source_text=new_block, state=State.STALE, previous_source_text=previous)


def refresh(segment: Segment, machine_text: str, state: State = State.MACHINE) -> Segment:
    """Give a stale or missing segment a new machine draft of its current source block.

    A segment a person had edited keeps their words and stays stale, with the
    new machine suggestion beside it, until a person reviews it; a purely
    machine segment takes the new draft.
    """
    fresh_hash = block_hash(segment.source_text)
    if segment.human_text is not None:
        return replace(segment, machine_text=machine_text)
    return replace(
        segment,
        source_hash=fresh_hash,
        machine_text=machine_text,
        state=state,
        previous_source_text=None,
    )


def mark_reviewed(segment: Segment, human_text: str | None = None) -> Segment:
    """A person approves the segment (optionally with their own wording) for its current source."""
    return replace(
        segment,
        source_hash=block_hash(segment.source_text),
        human_text=human_text if human_text is not None else segment.human_text,
        state=State.REVIEWED,
        previous_source_text=None,
    )
