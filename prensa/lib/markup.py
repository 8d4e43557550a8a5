"""Story bodies are CommonMark; this is the one place that turns them into HTML."""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

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


# A picture from the library inside a body: `![alt text](prensa:image/42)`. Any other image
# address (a hotlink, a data: URL) renders nothing.
LIBRARY_IMAGE = re.compile(r"prensa:image/([1-9][0-9]{0,17})")


@dataclass(frozen=True)
class PictureRef:
    """A library picture a body refers to: its id, the alt text written in the body (may be
    empty), and whether it stands alone in its paragraph (then it is a figure)."""

    image_id: int
    alt: str
    alone: bool = False


# Given the pictures a body refers to, in order, the trusted HTML for each ("" for none).
PictureResolver = Callable[[list[PictureRef]], list[str]]


def _render_image(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    """markdown-it's image rule: a library picture becomes a placeholder only this call can
    know (its nonce), replaced after cleaning; anything else becomes nothing."""
    token = tokens[idx]
    found = LIBRARY_IMAGE.fullmatch(token.attrGet("src") or "")
    if found is None or "pictures" not in env:
        return ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    env["pictures"].append(PictureRef(int(found[1]), alt))
    return f"{env['nonce']}x{len(env['pictures']) - 1}x"


_markdown.add_render_rule("image", _render_image)


def render_markdown(source: str, pictures: PictureResolver | None = None) -> str:
    """Render CommonMark to sanitised HTML.

    Pictures from the library (`![alt](prensa:image/42)`) are rendered by `pictures`, the
    media app's resolver (lib may not know the library); without one they render nothing.
    The resolver's HTML is put in after nh3 cleaned the body, in place of placeholders an
    author cannot forge (a fresh random nonce each call).
    """
    env: dict = {"pictures": [], "nonce": "p" + secrets.token_hex(12)} if pictures else {}
    html = nh3.clean(
        _markdown.render(source or "", env),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    if not env.get("pictures"):
        return html
    refs: list[PictureRef] = env["pictures"]
    nonce = env["nonce"]
    alone = {int(n) for n in re.findall(rf"<p>{nonce}x([0-9]+)x</p>", html)}
    refs = [PictureRef(ref.image_id, ref.alt, alone=i in alone) for i, ref in enumerate(refs)]
    rendered = pictures(refs)

    def put(found: re.Match[str]) -> str:
        index = int(found[2])
        return rendered[index] if index < len(rendered) else ""

    return re.sub(rf"(<p>)?{nonce}x([0-9]+)x(?(1)</p>)", put, html)


_BLANK_LINE = re.compile(r"\n[ \t]*\n+")


def paragraphs(source: str) -> list[str]:
    """Blank-line separated blocks, trimmed: the unit that translation and staleness track."""
    text = (source or "").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]
