#!/usr/bin/env python3
"""Write deploy/nginx's files with their @PLACEHOLDERS@ filled in.

    python3 deploy/render.py --out /etc/prensa/nginx \\
        --bake-dir /srv/prensa/var/baked --static-root /srv/prensa/var/static \\
        --media-root /srv/prensa/var/media --upstream unix:/run/prensa/gunicorn.sock

`--no-brotli` empties prensa-brotli.conf (nginx without the brotli_static module) and
`--no-hsts` prensa-hsts.conf (plain http, as in `make prod-smoke`). Standard library only.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def render(out: Path, values: dict[str, str], brotli: bool = True, hsts: bool = True) -> None:
    (out / "nginx").mkdir(parents=True, exist_ok=True)
    values = {**values, "DEPLOY_DIR": str(out)}
    for source in sorted((HERE / "nginx").glob("*.conf")):
        text = source.read_text()
        if (source.name == "prensa-brotli.conf" and not brotli) or (
            source.name == "prensa-hsts.conf" and not hsts
        ):
            text = "# left out by deploy/render.py\n"
        for name, value in values.items():
            text = text.replace(f"@{name}@", value)
        leftover = re.search(r"@[A-Z_]+@", text)
        if leftover:
            raise SystemExit(f"{source.name}: no value for {leftover.group()}")
        (out / "nginx" / source.name).write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="e.g. /etc/prensa")
    parser.add_argument("--bake-dir", required=True)
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    parser.add_argument("--upstream", default="unix:/run/prensa/gunicorn.sock")
    parser.add_argument("--no-brotli", action="store_true")
    parser.add_argument("--no-hsts", action="store_true")
    args = parser.parse_args()
    render(
        args.out,
        {
            "BAKE_DIR": args.bake_dir,
            "STATIC_ROOT": args.static_root,
            "MEDIA_ROOT": args.media_root,
            "UPSTREAM": args.upstream,
        },
        brotli=not args.no_brotli,
        hsts=not args.no_hsts,
    )
    print(f"nginx configuration written to {args.out / 'nginx'}")


if __name__ == "__main__":
    main()
