"""The word-level comparison every history and conflict view shows."""

from prensa.lib.worddiff import word_diff


def test_changed_words_are_marked_and_unchanged_ones_left_plain():
    diff = word_diff("The ferry returned on Tuesday.", "The ferry returned on Wednesday.")

    assert str(diff.html) == (
        'The ferry returned on <del><span class="visually-hidden">deleted: </span>Tuesday.</del>'
        ' <ins><span class="visually-hidden">inserted: </span>Wednesday.</ins>'
    )
    assert (diff.inserted, diff.deleted) == (1, 1)


def test_markup_in_either_text_is_escaped():
    diff = word_diff("<b>bold</b>", '<img src=x onerror="alert(1)">')

    assert "<b>" not in diff.html and "<img" not in diff.html
    assert "&lt;img" in diff.html


def test_paragraph_breaks_are_kept_and_equal_texts_are_no_change():
    diff = word_diff("One.\n\nTwo birds flew", "One.\n\nTwo birds flew away")

    assert str(diff.html).startswith("One.\n\nTwo birds flew <ins>")
    assert not word_diff("Same words.", "Same words.").changed


def test_a_change_of_whitespace_alone_is_no_change():
    assert not word_diff("One.\n\nTwo.", "One.\r\n\r\nTwo.").changed
