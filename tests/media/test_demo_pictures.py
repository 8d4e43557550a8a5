"""Every demo story gets an original picture, drawn by the project, with credit and licence."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from prensa.demo import pictures
from prensa.media.models import Image, LeadImage
from prensa.newsroom.models import Story

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-migrate", stdout=out)
    return out.getvalue()


def test_every_demo_story_has_a_lead_picture_with_credit_licence_and_words():
    output = run_demo()
    stories = Story.objects.filter(key__startswith="demo:")
    assert stories.count() == LeadImage.objects.filter(story__in=stories).count() > 10
    assert "Demo pictures:" in output
    for lead in LeadImage.objects.select_related("image"):
        image = lead.image
        assert image.credit == "Prensa demo illustrations"
        assert image.licence.startswith("CC0 1.0")
        assert all(image.alt_in(code) and image.caption_in(code) for code in ("pt", "es", "en"))


def test_loading_the_demo_again_stores_no_second_copy():
    run_demo()
    count = Image.objects.count()
    run_demo()
    assert Image.objects.count() == count


def test_the_pictures_are_drawn_the_same_way_every_time():
    key, entry = next(iter(pictures.entries().items()))
    first = pictures.draw(key, entry["scene"])
    assert first == pictures.draw(key, entry["scene"])
    assert PILImage.open(io.BytesIO(first)).size == pictures.SIZE


def test_every_picture_names_a_story_of_the_demo():
    from prensa.newsroom.demo.loader import DEMO_DIR

    keys = {
        line.split('"')[1]
        for path in (DEMO_DIR / "stories").glob("*.toml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("key = ")
    }
    assert set(pictures.entries()) == keys
