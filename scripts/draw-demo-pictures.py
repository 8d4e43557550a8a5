#!/usr/bin/env python3
"""Draw the demo stories' pictures into a folder, to look at them (the demo draws its own).

    .venv/bin/python scripts/draw-demo-pictures.py [FOLDER]   # default: var/demo-pictures

Every picture is drawn with Pillow by prensa/demo/pictures.py: original work, released
under CC0 1.0, credited "Prensa demo illustrations". Alt text and captions in Portuguese,
Spanish and English are in prensa/demo/pictures.toml.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prensa.demo.pictures import draw, entries


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "var/demo-pictures")
    folder.mkdir(parents=True, exist_ok=True)
    for key, entry in entries().items():
        path = folder / f"{key}.jpg"
        path.write_bytes(draw(key, entry["scene"]))
        print(path)


if __name__ == "__main__":
    main()
