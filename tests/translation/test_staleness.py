"""Staleness is precise: only the segments whose source block changed need attention."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from prensa.translation.staleness import (
    Segment,
    State,
    block_hash,
    mark_reviewed,
    realign,
    refresh,
)

SOURCE = [f"Paragraph {n} of the English source." for n in range(1, 11)]


def drafted(blocks: list[str]) -> list[Segment]:
    """A fresh machine draft of `blocks`."""
    return [Segment(block_hash(b), b, machine_text=f"ES: {b}") for b in blocks]


def states(segments: list[Segment]) -> list[State]:
    return [s.state for s in segments]


def test_it_marks_only_the_edited_paragraph_stale():
    edited = list(SOURCE)
    edited[6] = "Paragraph 7, now with a corrected death toll."
    result = realign(drafted(SOURCE), edited)
    assert [i for i, s in enumerate(result) if s.state is State.STALE] == [6]
    assert result[6].text == "ES: Paragraph 7 of the English source."
    assert result[6].previous_source_text == SOURCE[6]
    assert result[6].source_text == edited[6]


def test_it_keeps_translations_of_moved_paragraphs_fresh():
    moved = [SOURCE[3], *SOURCE[:3], *SOURCE[4:]]
    result = realign(drafted(SOURCE), moved)
    assert State.STALE not in states(result)
    assert [s.text for s in result] == [f"ES: {b}" for b in moved]


def test_an_inserted_paragraph_is_missing_and_its_neighbours_stay_fresh():
    inserted = [*SOURCE[:2], "A brand new second-day paragraph.", *SOURCE[2:]]
    result = realign(drafted(SOURCE), inserted)
    assert states(result)[2] is State.MISSING
    assert states(result).count(State.MACHINE) == len(SOURCE)


def test_a_deleted_paragraph_drops_its_translation_only():
    result = realign(drafted(SOURCE), SOURCE[:4] + SOURCE[5:])
    assert len(result) == 9
    assert "ES: " + SOURCE[4] not in [s.text for s in result]
    assert State.STALE not in states(result)


def test_whitespace_changes_do_not_make_a_paragraph_stale():
    reflowed = [b.replace(" of ", "  of\n") for b in SOURCE]
    assert State.STALE not in states(realign(drafted(SOURCE), reflowed))


def test_refreshing_a_stale_post_edited_segment_keeps_the_translators_words():
    reviewed = [mark_reviewed(s, human_text=f"Revisado: {s.source_text}") for s in drafted(SOURCE)]
    edited = list(SOURCE)
    edited[0] = "Paragraph 1, rewritten."
    stale = realign(reviewed, edited)[0]
    redrafted = refresh(stale, "ES: Paragraph 1, rewritten.")
    assert redrafted.text == "Revisado: Paragraph 1 of the English source."
    assert redrafted.machine_text == "ES: Paragraph 1, rewritten."
    assert redrafted.state is State.STALE
    assert mark_reviewed(redrafted).state is State.REVIEWED


def test_refreshing_a_stale_machine_segment_replaces_the_draft():
    edited = list(SOURCE)
    edited[0] = "Paragraph 1, rewritten."
    redrafted = refresh(realign(drafted(SOURCE), edited)[0], "ES: new")
    assert (redrafted.text, redrafted.state) == ("ES: new", State.MACHINE)
    assert redrafted.source_hash == block_hash(edited[0])


def test_a_reverted_edit_stays_stale_until_a_person_looks_again():
    edited = list(SOURCE)
    edited[2] = "Temporarily different."
    once = realign(drafted(SOURCE), edited)
    back = realign(once, SOURCE)
    # The stale segment still carries the old hash; reverting the text pairs it up again as stale,
    # because a person has not looked at it since the source moved under it.
    assert back[2].state is State.STALE
    assert back[2].text == "ES: " + SOURCE[2]


# --- properties over random edit sequences ------------------------------------------------

paragraph = st.integers(min_value=0, max_value=10_000).map(lambda n: f"Block number {n}.")


@st.composite
def edit_scripts(draw):
    source = draw(st.lists(paragraph, min_size=1, max_size=12, unique=True))
    operations = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["edit", "insert", "delete", "move"]),
                st.integers(min_value=0, max_value=100),
                st.integers(min_value=0, max_value=100),
            ),
            max_size=8,
        )
    )
    return source, operations


_fresh_numbers = itertools.count()


def apply(blocks: list[str], operations):
    counter = _fresh_numbers
    blocks = list(blocks)
    touched: set[str] = set()
    for op, a, b in operations:
        if op == "insert":
            blocks.insert(a % (len(blocks) + 1), f"Inserted {next(counter)}.")
        elif not blocks:
            continue
        elif op == "edit":
            i = a % len(blocks)
            touched.add(blocks[i])
            blocks[i] = f"{blocks[i]} Edited {next(counter)}."
        elif op == "delete":
            blocks.pop(a % len(blocks))
        elif op == "move":
            block = blocks.pop(a % len(blocks))
            blocks.insert(b % (len(blocks) + 1), block)
    return blocks, touched


@settings(max_examples=300, deadline=None)
@given(edit_scripts())
def test_untouched_paragraphs_always_keep_their_fresh_translation(script):
    source, operations = script
    new, _ = apply(source, operations)
    result = realign(drafted(source), new)
    assert len(result) == len(new)
    for block, segment in zip(new, result, strict=True):
        if block in source:
            assert segment.state is State.MACHINE
            assert segment.text == f"ES: {block}"
        else:
            assert segment.state in (State.STALE, State.MISSING)


@settings(max_examples=300, deadline=None)
@given(edit_scripts())
def test_a_segment_is_fresh_exactly_when_its_hash_matches_its_block(script):
    source, operations = script
    new, _ = apply(source, operations)
    for block, segment in zip(new, realign(drafted(source), new), strict=True):
        fresh = segment.state in (State.MACHINE, State.MEMORY, State.REVIEWED)
        assert fresh == (segment.source_hash == block_hash(block))
        assert segment.source_text == block


@settings(max_examples=200, deadline=None)
@given(edit_scripts(), edit_scripts())
def test_human_words_survive_any_sequence_of_edits_until_their_block_is_deleted(first, second):
    source, operations = first
    reviewed = [mark_reviewed(s, human_text=f"H {s.source_text}") for s in drafted(source)]
    middle, _ = apply(source, operations)
    after = realign(reviewed, middle)
    final, _ = apply(middle, second[1])
    again = realign(after, final)
    human = {s.human_text for s in again if s.human_text}
    assert all(text.startswith("H ") for text in human)
    # Every block that never changed still shows the translator's words.
    for block, segment in zip(final, again, strict=True):
        if block in source:
            assert segment.text == f"H {block}"
