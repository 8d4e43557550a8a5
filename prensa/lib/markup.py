"""Story bodies are CommonMark; this is the one place that turns them into HTML."""

import re

import nh3
from markdown_it import MarkdownIt

# html=False: any raw HTML in the source is shown as text, never passed through.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

# What a story body may contain once rendered. nh3 is the second fence: even if a
# renderer bug let markup through, nothing outside this list reaches a reader.
_ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "a",
    "code",
    "pre",
    "hr",
    "br",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def render_markdown(source: str) -> str:
    """Render CommonMark to sanitised HTML."""
    html = _markdown.render(source or "")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


_BLANK_LINE = re.compile(r"\n[ \t]*\n+")


def paragraphs(source: str) -> list[str]:
    """Blank-line separated blocks, trimmed: the unit that translation and staleness track."""
    text = (source or "").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]
