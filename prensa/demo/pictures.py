"""Original pictures for the demo stories, drawn with Pillow: no photograph, no one's rights.

Each story's entry in `pictures.toml` names a scene and gives the alt text and caption in
each language; `draw()` paints that scene the same way every time (its randomness is
seeded by the story's key), so loading the demo again finds the same bytes and the
library recognises the picture instead of storing a second copy.
`scripts/draw-demo-pictures.py` writes them to a folder for a look.
"""

from __future__ import annotations

import io
import random
import tomllib
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PICTURES_FILE = Path(__file__).resolve().parent / "pictures.toml"
SIZE = (1800, 1200)
CREDIT = "Prensa demo illustrations"
LICENCE = "CC0 1.0 (drawn for the Prensa demo by scripts/draw-demo-pictures.py)"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"

Colour = tuple[int, int, int]


def entries() -> dict[str, dict]:
    """Story key → {scene, alt: {pt, es, en}, caption: {pt, es, en}}."""
    return tomllib.loads(PICTURES_FILE.read_text(encoding="utf-8"))["pictures"]


def draw(key: str, scene: str) -> bytes:
    """The story's picture as a JPEG file."""
    rng = random.Random(key)
    width, height = SIZE
    canvas = Image.new("RGB", SIZE)
    pen = ImageDraw.Draw(canvas)
    sky_top, sky_bottom, ground = _PALETTES[scene]
    horizon = int(height * rng.uniform(0.52, 0.62))
    _gradient(pen, (0, 0, width, horizon), sky_top, sky_bottom)
    sun = (int(width * rng.uniform(0.15, 0.85)), int(horizon * rng.uniform(0.25, 0.6)))
    pen.ellipse((sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70), fill=(255, 236, 180))
    _hills(pen, rng, horizon, _shade(ground, 0.75), width, height)
    pen.rectangle((0, horizon + 40, width, height), fill=ground)
    _SCENES[scene](pen, rng, horizon, width, height)
    canvas = canvas.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def _gradient(
    pen: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top: Colour, bottom: Colour
) -> None:
    left, upper, right, lower = box
    for y in range(upper, lower):
        t = (y - upper) / max(1, lower - upper - 1)
        pen.line(
            (left, y, right, y),
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _shade(colour: Colour, factor: float) -> Colour:
    return tuple(min(255, round(c * factor)) for c in colour)  # type: ignore[return-value]


def _hills(
    pen: ImageDraw.ImageDraw,
    rng: random.Random,
    horizon: int,
    colour: Colour,
    width: int,
    height: int,
) -> None:
    points = [(0, horizon + 60)]
    for x in range(0, width + 200, 200):
        points.append((x, horizon - rng.randint(10, 110)))
    points += [(width, horizon + 60)]
    pen.polygon(points, fill=colour)


def _water(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    pen.rectangle((0, horizon + 60, width, height), fill=(52, 110, 160))
    for _ in range(60):
        x, y = rng.randint(0, width), rng.randint(horizon + 80, height)
        pen.line((x, y, x + rng.randint(40, 140), y), fill=(170, 205, 230), width=4)


def _boat(pen, x, y, colour, size=1.0):  # type: ignore[no-untyped-def]
    w, h = 260 * size, 60 * size
    pen.polygon([(x, y), (x + w, y), (x + w * 0.85, y + h), (x + w * 0.15, y + h)], fill=colour)
    pen.rectangle((x + w * 0.3, y - h * 1.2, x + w * 0.65, y), fill=(240, 240, 235))


def _scene_water_station(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    pen.rectangle((700, horizon - 180, 1100, horizon + 120), fill=(205, 190, 160))
    pen.rectangle((780, horizon - 260, 860, horizon - 180), fill=(150, 140, 120))
    for i in range(5):
        y = horizon + 160 + i * 70
        pen.rectangle((0, y, width, y + 22), fill=(90, 110, 130))
    for i in range(6):
        x = 200 + i * 260
        pen.rectangle((x, height - 260, x + 50, height - 120), fill=(60, 130, 190))


def _scene_rail(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    for offset in (-220, 220):
        pen.line(
            (width / 2 + offset / 8, horizon + 40, width / 2 + offset * 3, height),
            fill=(70, 60, 55),
            width=14,
        )
    for i in range(14):
        t = i / 14
        y = horizon + 50 + (height - horizon) * t * t
        half = 40 + 700 * t * t
        pen.line(
            (width / 2 - half, y, width / 2 + half, y), fill=(110, 80, 50), width=int(4 + 14 * t)
        )
    for i in range(4):
        x = 150 + i * 330
        pen.rectangle((x, horizon - 60, x + 300, horizon + 30), fill=(180, 60, 40))


def _scene_glacier(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    pen.polygon(
        [(200, horizon + 40), (800, horizon - 420), (1400, horizon + 40)], fill=(120, 110, 115)
    )
    pen.polygon(
        [
            (560, horizon - 240),
            (800, horizon - 420),
            (1040, horizon - 240),
            (900, horizon - 200),
            (700, horizon - 210),
        ],
        fill=(245, 250, 255),
    )
    pen.rectangle((0, horizon + 60, width, height), fill=(120, 160, 170))


def _scene_ballot(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    _water(pen, rng, horizon, width, height)
    pen.rectangle((100, horizon + 140, width - 100, horizon + 240), fill=(150, 140, 130))
    pen.rectangle((650, horizon - 280, 1150, horizon + 60), fill=(230, 220, 200))
    pen.rectangle((820, horizon - 330, 980, horizon - 290), fill=(40, 40, 40))
    pen.polygon(
        [(600, horizon - 280), (900, horizon - 420), (1200, horizon - 280)], fill=(150, 60, 50)
    )


def _scene_solar(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    for row in range(4):
        for col in range(7):
            x, y = 80 + col * 240 + row * 20, horizon + 90 + row * 130
            pen.polygon(
                [(x, y + 90), (x + 200, y + 90), (x + 230, y), (x + 30, y)],
                fill=(35, 60, 110),
                outline=(200, 210, 230),
            )
    pen.rectangle((1500, horizon - 140, 1700, horizon + 60), fill=(230, 230, 225))


def _scene_choir(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    pen.rectangle((0, horizon + 200, width, height), fill=(120, 70, 50))
    colours = [(220, 60, 60), (240, 190, 60), (60, 140, 200), (90, 170, 90), (230, 120, 40)]
    for row in range(3):
        for i in range(9):
            x, y = 160 + i * 170 + (row % 2) * 80, horizon - 60 + row * 120
            pen.ellipse((x, y, x + 70, y + 70), fill=(120, 80, 60))
            pen.rounded_rectangle(
                (x - 15, y + 70, x + 85, y + 200), radius=30, fill=colours[(i + row) % 5]
            )


def _scene_fields(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    for i in range(12):
        y = horizon + 60 + i * 45
        pen.rectangle((0, y, width, y + 30), fill=_shade((170, 140, 80), 0.8 + 0.04 * (i % 3)))
    for _ in range(6):
        x, y = rng.randint(0, width - 200), rng.randint(horizon + 80, height - 100)
        pen.line((x, y, x + 160, y + 30), fill=(120, 90, 50), width=6)
    pen.ellipse((1300, 120, 1380, 200), fill=(200, 200, 210))
    pen.rectangle((1230, 150, 1450, 170), fill=(90, 120, 200))


def _scene_barges(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    _water(pen, rng, horizon, width, height)
    pen.rectangle((0, horizon + 60, width, horizon + 120), fill=(170, 140, 100))
    for i in range(3):
        x = 200 + i * 480
        pen.rectangle((x, horizon + 300, x + 420, horizon + 380), fill=(80, 70, 60))
        pen.rectangle((x + 20, horizon + 260, x + 400, horizon + 300), fill=(200, 170, 60))


def _scene_factory(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    pen.rectangle((300, horizon - 200, 1500, horizon + 150), fill=(215, 220, 225))
    for i in range(6):
        x = 340 + i * 190
        pen.rectangle((x, horizon - 120, x + 120, horizon - 40), fill=(80, 150, 200))
    pen.rectangle((1300, horizon - 380, 1360, horizon - 200), fill=(160, 160, 165))
    pen.rectangle((0, horizon + 200, width, horizon + 280), fill=(70, 70, 75))


def _scene_film(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    pen.rectangle((0, 0, width, height), fill=(30, 28, 34))
    for reel in (600, 1200):
        pen.ellipse((reel - 260, 300, reel + 260, 820), fill=(180, 180, 185))
        pen.ellipse((reel - 60, 500, reel + 60, 620), fill=(30, 28, 34))
        for angle in range(6):
            dx, dy = [(0, -170), (150, -85), (150, 85), (0, 170), (-150, 85), (-150, -85)][angle]
            pen.ellipse(
                (reel + dx - 50, 560 + dy - 50, reel + dx + 50, 560 + dy + 50), fill=(30, 28, 34)
            )
    pen.rectangle((0, 900, width, 1060), fill=(15, 15, 15))
    for x in range(20, width, 70):
        pen.rectangle((x, 915, x + 35, 940), fill=(230, 230, 220))
        pen.rectangle((x, 1020, x + 35, 1045), fill=(230, 230, 220))


def _scene_vaccination(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    _water(pen, rng, horizon, width, height)
    pen.rectangle((0, horizon - 40, width, horizon + 60), fill=(40, 110, 60))
    _boat(pen, 500, horizon + 260, (245, 245, 240), 2.4)
    pen.rectangle((780, horizon + 170, 840, horizon + 230), fill=(210, 40, 40))
    pen.rectangle((755, horizon + 190, 865, horizon + 210), fill=(210, 40, 40))


def _scene_reef(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    _gradient(pen, (0, 0, width, height), (40, 140, 190), (10, 40, 90))
    for _ in range(40):
        x, y = rng.randint(0, width), rng.randint(height // 2, height)
        r = rng.randint(30, 110)
        pen.ellipse(
            (x - r, y - r, x + r, y + r),
            fill=rng.choice([(230, 120, 100), (240, 200, 90), (200, 90, 160), (120, 200, 150)]),
        )
    for _ in range(12):
        x, y = rng.randint(0, width), rng.randint(100, height // 2)
        pen.polygon([(x, y), (x + 60, y - 20), (x + 60, y + 20)], fill=(250, 210, 70))


def _scene_olives(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    for i in range(5):
        x = 150 + i * 340
        pen.rectangle((x + 60, horizon - 40, x + 100, horizon + 180), fill=(100, 80, 60))
        pen.ellipse((x - 40, horizon - 250, x + 200, horizon - 10), fill=(110, 135, 90))
        for _ in range(15):
            ox, oy = x + rng.randint(0, 160), horizon - rng.randint(40, 220)
            pen.ellipse((ox, oy, ox + 16, oy + 22), fill=(60, 60, 40))
    pen.rectangle((0, horizon + 260, width, horizon + 330), fill=(230, 230, 220))


def _scene_harbour(pen, rng, horizon, width, height):  # type: ignore[no-untyped-def]
    _water(pen, rng, horizon, width, height)
    for i in range(4):
        _boat(
            pen,
            120 + i * 420,
            horizon + 200 + (i % 2) * 120,
            [(200, 60, 50), (40, 90, 160), (240, 200, 70), (60, 140, 90)][i],
        )


_SCENES: dict[str, Callable] = {
    "water_station": _scene_water_station,
    "rail": _scene_rail,
    "glacier": _scene_glacier,
    "ballot": _scene_ballot,
    "solar": _scene_solar,
    "choir": _scene_choir,
    "fields": _scene_fields,
    "barges": _scene_barges,
    "factory": _scene_factory,
    "film": _scene_film,
    "vaccination": _scene_vaccination,
    "reef": _scene_reef,
    "olives": _scene_olives,
    "harbour": _scene_harbour,
}
# Sky at the top, sky at the horizon, ground.
_PALETTES: dict[str, tuple[Colour, Colour, Colour]] = {
    "water_station": ((120, 170, 220), (240, 220, 190), (190, 160, 120)),
    "rail": ((90, 150, 210), (220, 230, 240), (120, 150, 90)),
    "glacier": ((60, 110, 190), (200, 220, 240), (110, 120, 110)),
    "ballot": ((110, 130, 160), (210, 210, 215), (100, 120, 100)),
    "solar": ((70, 140, 220), (250, 220, 170), (210, 175, 130)),
    "choir": ((250, 170, 110), (255, 225, 170), (120, 90, 70)),
    "fields": ((100, 160, 220), (230, 230, 210), (170, 140, 80)),
    "barges": ((140, 170, 200), (240, 210, 170), (150, 130, 90)),
    "factory": ((120, 160, 200), (230, 235, 240), (130, 140, 120)),
    "film": ((30, 28, 34), (30, 28, 34), (30, 28, 34)),
    "vaccination": ((90, 150, 200), (230, 230, 210), (40, 110, 60)),
    "reef": ((40, 140, 190), (30, 100, 160), (10, 40, 90)),
    "olives": ((120, 170, 220), (240, 225, 200), (170, 150, 110)),
    "harbour": ((240, 150, 120), (255, 220, 180), (120, 110, 100)),
}


def attach(renditions_now: bool = False) -> tuple[int, int]:
    """Give every demo story its lead picture; (pictures new to the library, stories pictured).

    The renditions are the worker's job (`make demo` runs one); `renditions_now` makes them
    in this process instead, for a demo served without a worker.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prensa.media import renditions, uploads
    from prensa.media.models import LeadImage
    from prensa.newsroom.models import Story

    stories = {s.key: s for s in Story.objects.filter(key__startswith="demo:")}
    added = pictured = 0
    for key, entry in entries().items():
        story = stories.get(f"demo:{key}")
        if story is None:
            continue
        words = {
            f"{kind}_{code}": text
            for kind in ("alt", "caption")
            for code, text in entry[kind].items()
        }
        image, created = uploads.ingest(
            SimpleUploadedFile(f"{key}.jpg", draw(key, entry["scene"]), "image/jpeg"),
            credit=CREDIT,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            source="Prensa demo",
            **words,
        )
        added += created
        if renditions_now and not image.ready:
            renditions.make(image)
        LeadImage.objects.update_or_create(story=story, defaults={"image": image})
        pictured += 1
    return added, pictured
