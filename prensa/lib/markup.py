"""Story bodies are CommonMark; this is the one place that turns them into HTML."""

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


def paragraphs(source: str) -> list[str]:
    """Blank-line separated blocks, the unit that translation and staleness track."""
    return [
        block.strip()
        for block in (source or "").replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]
