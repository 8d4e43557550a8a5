"""Every reader page costs a small number of queries, whatever the size of the archive."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prensa.newsroom.models import Credit
from tests.factories import make_section, make_story, make_tag
from tests.pages import reverse_in

pytestmark = pytest.mark.django_db

BUDGET = 8


class Archive:
    def __init__(self) -> None:
        self.section = make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")
        self.tag = make_tag(en="Syria", pt="Síria", es="Siria")
        self.other_tag = make_tag(en="Refugees", pt="Refugiados", es="Refugiados")
        self.stories = []
        self.now = timezone.now()

    def grow_to(self, count: int) -> None:
        while len(self.stories) < count:
            self.stories.append(
                make_story(
                    section=self.section,
                    tags=(self.tag, self.other_tag),
                    published_at=self.now - timedelta(minutes=len(self.stories) + 1),
                    credits=("Nour Al-Din Al-Zenki", f"Reporter {len(self.stories) % 7}"),
                )
            )

    def url(self, page: str) -> str:
        return {
            "home": lambda: reverse_in("pt", "public:home"),
            "section": lambda: self.section.get_absolute_url("pt"),
            "tag": lambda: self.tag.get_absolute_url("pt"),
            "article": lambda: self.stories[0].edition_for("pt").get_absolute_url(),
            "author": lambda: Credit.objects.get(name="Nour Al-Din Al-Zenki").get_absolute_url(
                "pt"
            ),
        }[page]()


def queries_for(client, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("page", ["home", "section", "tag", "article", "author"])
def test_it_costs_the_same_few_queries_with_10_stories_as_with_200(client, page):
    archive = Archive()
    archive.grow_to(10)
    small = queries_for(client, archive.url(page))

    archive.grow_to(200)
    large = queries_for(client, archive.url(page))

    assert len(large) == len(small), "\n".join(large)
    assert len(large) <= BUDGET, "\n".join(large)


@pytest.mark.parametrize("page", ["home", "section", "tag", "author"])
def test_it_costs_no_more_queries_on_a_later_page(client, settings, page):
    settings.PRENSA_PAGE_SIZE = 5
    archive = Archive()
    archive.grow_to(12)

    first = queries_for(client, archive.url(page))
    html = client.get(archive.url(page)).content.decode()
    older = re.search(r'rel="next" href="([^"]+)"', html)[1].replace("&amp;", "&")
    last = queries_for(client, archive.url(page) + older)

    assert len(last) <= len(first) + 1, "\n".join(last)
