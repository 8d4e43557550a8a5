"""What every parser returns: plain data about one story, or a refusal saying why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class Refusal(Exception):
    """Input that cannot become a story; `message` says why, for the person importing it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = str(message)


@dataclass
class Item:
    """One story as a source describes it, before anything is written.

    `paragraphs` are CommonMark blocks (what an edition's body is made of); `key` is the
    source's stable identifier (guid, uri or address) by which a second import finds it.
    """

    headline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    standfirst: str = ""
    byline: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    date: datetime | None = None
    tags: list[str] = field(default_factory=list)
    section: str = ""
    language: str = ""  # as declared by the source ("pt-BR", "en"), "" when it says nothing
    key: str = ""
    # Other identifiers of the same story (its web address, its ninjs uri): a story imported
    # before under any of them is the same story.
    also_known_as: list[str] = field(default_factory=list)
    label: str = ""  # where it came from, for the report ("feed.xml #2")

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)
