"""Small text helpers for reader-facing strings."""

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext


def _conjunction(last: str) -> str:
    """The active language's "and" before `last`.

    Spanish writes "e" instead of "y" before a word that starts with the sound
    /i/ ("Ana e Isabel"), which a translated "and" alone cannot express.
    """
    word = last.lower()
    sounds_like_i = word.startswith(("i", "hi")) and not word.startswith(("hia", "hie", "hio"))
    if translation.get_language() == "es" and sounds_like_i:
        return "e"
    return gettext("and")


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C" in the active language."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_conjunction(names[-1])} {names[-1]}"


def join_links_html(links: list[tuple[str, str]], css_class: str) -> SafeString:
    """`join_names` of (name, url) pairs, each name escaped and linked with `css_class`."""
    anchors = [
        format_html('<a class="{}" href="{}">{}</a>', css_class, url, name) for name, url in links
    ]
    if len(anchors) <= 1:
        return format_html_join("", "{}", ((a,) for a in anchors))
    head = format_html_join(", ", "{}", ((a,) for a in anchors[:-1]))
    return format_html("{} {} {}", head, _conjunction(links[-1][0]), anchors[-1])
