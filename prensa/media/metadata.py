"""What a picture file says about itself: creator, credit line, copyright notice, caption.

Read from IPTC (IIM), XMP and EXIF, in that order of trust, with Pillow alone: its
IptcImagePlugin, `getxmp()` (parsed by defusedxml, already a dependency) and `getexif()`.
The values only prefill the library's fields; an editor confirms them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import IptcImagePlugin

# IPTC IIM record 2 datasets.
_IPTC = {
    "creator": (2, 80),  # By-line
    "credit": (2, 110),  # Credit
    "source": (2, 115),  # Source
    "copyright": (2, 116),  # Copyright Notice
    "caption": (2, 120),  # Caption/Abstract
}
# EXIF 0th IFD tags.
_EXIF = {"caption": 0x010E, "creator": 0x013B, "copyright": 0x8298}


@dataclass
class Embedded:
    creator: str = ""
    credit: str = ""
    source: str = ""
    copyright: str = ""
    caption: str = ""

    @property
    def credit_line(self) -> str:
        """What the credit field starts with: the credit line, else the creator."""
        return self.credit or self.creator


def read(picture: PILImage.Image) -> Embedded:
    """The metadata of an opened picture; missing or unreadable parts are left empty."""
    found = Embedded()
    for reader in (_from_iptc, _from_xmp, _from_exif):
        try:
            values = reader(picture)
        except Exception:  # noqa: S112 - a broken metadata block must not refuse the picture
            continue
        for name, value in values.items():
            if value and not getattr(found, name):
                setattr(found, name, value)
    return found


def _text(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return " ".join(str(value or "").replace("\x00", " ").split())[:1000]


def _from_iptc(picture: PILImage.Image) -> dict[str, str]:
    info = IptcImagePlugin.getiptcinfo(picture) or {}
    return {name: _text(info.get(key)) for name, key in _IPTC.items()}


def _from_exif(picture: PILImage.Image) -> dict[str, str]:
    exif = picture.getexif()
    return {name: _text(exif.get(tag)) for name, tag in _EXIF.items()}


def _from_xmp(picture: PILImage.Image) -> dict[str, str]:
    if not hasattr(picture, "getxmp"):
        return {}
    xmp = picture.getxmp() or {}
    description = xmp.get("xmpmeta", {}).get("RDF", {}).get("Description", {})
    if isinstance(description, list):  # several rdf:Description blocks: merge them
        merged: dict = {}
        for block in description:
            merged.update(block)
        description = merged
    return {
        "creator": _xmp_value(description.get("creator")),
        "credit": _xmp_value(description.get("Credit")),
        "source": _xmp_value(description.get("Source")),
        "copyright": _xmp_value(description.get("rights")),
        "caption": _xmp_value(description.get("description")),
    }


def _xmp_value(value: object) -> str:
    """An XMP property as Pillow gives it: a string, or an rdf:Seq/Alt/Bag of `li`."""
    if isinstance(value, dict):
        for container in ("Seq", "Alt", "Bag"):
            if container in value:
                items = value[container].get("li", "")
                if isinstance(items, list):
                    items = items[0] if items else ""
                if isinstance(items, dict):
                    items = items.get("text", "")
                return _text(items)
        return _text(value.get("text", ""))
    return _text(value)
