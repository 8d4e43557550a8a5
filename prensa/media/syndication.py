"""RSS and Atom feeds that carry each item's picture as Media RSS `media:content`.

An RSS enclosure must state the file's length in bytes, which would mean asking the
storage about every file on every feed; Media RSS needs only the address, type and size,
which the Image row already knows. Feed readers and aggregators read both.
"""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"


class _MediaElements:
    """Adds the media namespace and, for items given a `picture`, its media:content."""

    def root_attributes(self) -> dict[str, str]:
        attributes = super().root_attributes()  # type: ignore[misc]
        attributes["xmlns:media"] = MEDIA_NAMESPACE
        return attributes

    def add_item_elements(self, handler, item) -> None:  # type: ignore[no-untyped-def]
        super().add_item_elements(handler, item)  # type: ignore[misc]
        picture = item.get("picture")
        if not picture:
            return
        handler.startElement(
            "media:content",
            {
                "url": picture["url"],
                "medium": "image",
                "type": picture["type"],
                "width": str(picture["width"]),
                "height": str(picture["height"]),
            },
        )
        if picture.get("alt"):
            handler.addQuickElement("media:description", picture["alt"], {"type": "plain"})
        if picture.get("credit"):
            handler.addQuickElement("media:credit", picture["credit"])
        handler.endElement("media:content")


class MediaRssFeed(_MediaElements, Rss201rev2Feed):
    pass


class MediaAtomFeed(_MediaElements, Atom1Feed):
    pass
