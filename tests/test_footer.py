"""The footer: the site's own pages, the feeds and the three editions, in the reader's language."""

import pytest

from tests.factories import make_story
from tests.pages import alternates, fetch, reverse_in

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"

FOOTER_LINKS = {
    "pt": {
        "Quem somos": "/pt/sobre/",
        "Contato": "/pt/contato/",
        "Política de correções": "/pt/correcoes/",
        "Privacidade": "/pt/privacidade/",
    },
    "es": {
        "Quiénes somos": "/es/quienes-somos/",
        "Contacto": "/es/contacto/",
        "Política de correcciones": "/es/correcciones/",
        "Privacidad": "/es/privacidad/",
    },
    "en": {
        "About us": "/en/about/",
        "Contact": "/en/contact/",
        "Corrections policy": "/en/corrections/",
        "Privacy": "/en/privacy/",
    },
}
HEADINGS = {
    "pt": ["Sobre o Prensa", "Fale com a redação", "Política de correções", "Privacidade"],
    "es": ["Acerca de Prensa", "Escriba a la redacción", "Política de correcciones", "Privacidad"],
    "en": ["About Prensa", "Contact the newsroom", "Corrections policy", "Privacy"],
}


def footer_of(client, url: str):  # type: ignore[no-untyped-def]
    return fetch(client, url).one("footer", class_="site-footer")


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_every_page_links_the_sites_own_pages_in_the_readers_language(client, language):
    story = make_story()
    for url in (
        reverse_in(language, "public:home"),
        story.edition_for(language).get_absolute_url(),
    ):
        nav = footer_of(client, url).one("nav", class_="site-footer__nav")
        assert {a.text: a.get("href") for a in nav.find_all("a")} == FOOTER_LINKS[language]


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_each_footer_page_exists_in_the_readers_language(client, language):
    for path, heading in zip(FOOTER_LINKS[language].values(), HEADINGS[language], strict=True):
        doc = fetch(client, path)
        assert doc.one("html").get("lang") == language
        assert doc.one("h1").text == heading


def test_a_site_page_names_its_editions_in_the_other_languages(client):
    doc = fetch(client, "/es/correcciones/")

    assert alternates(doc) == {
        "pt": BASE + "/pt/correcoes/",
        "es": BASE + "/es/correcciones/",
        "en": BASE + "/en/corrections/",
        "x-default": BASE + "/en/corrections/",
    }


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_the_footer_offers_this_languages_feeds(client, language):
    footer = footer_of(client, reverse_in(language, "public:home"))

    feeds = footer.one("p", class_="site-footer__feeds")
    assert {a.text: a.get("href") for a in feeds.find_all("a")} == {
        "RSS": reverse_in(language, "public:feed"),
        "Atom": reverse_in(language, "public:feed_atom"),
    }


def test_the_footer_links_the_front_page_of_every_edition_each_in_its_own_language(client):
    footer = footer_of(client, reverse_in("es", "public:home"))

    links = footer.one("nav", class_="site-footer__editions").find_all("a")
    assert [(a.text, a.get("href"), a.get("lang")) for a in links] == [
        ("Português", "/pt/", "pt"),
        ("Español", "/es/", "es"),
        ("English", "/en/", "en"),
    ]


@pytest.mark.parametrize(
    ("language", "days"),
    [("pt", "depois de 45 dias"), ("es", "a los 45 días"), ("en", "after 45 days")],
)
def test_the_privacy_page_says_what_comments_store_and_for_how_long(
    client, settings, language, days
):
    settings.PRENSA_COMMENTS_IP_RETENTION_DAYS = 45

    text = fetch(client, reverse_in(language, "public:privacy")).one("main").text

    assert days in text
    assert "prensa_commenter" in text
    assert "/64" in text


def test_the_contact_page_gives_the_newsrooms_address(client, settings):
    settings.PRENSA_CONTACT_EMAIL = "redacao@example.org"

    doc = fetch(client, reverse_in("pt", "public:contact"))

    assert doc.one("main").find("a", href="mailto:redacao@example.org") is not None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_author_and_site_pages_have_no_accessibility_violations(live_server, page, width):
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_accessibility import RULES

    story = make_story(credits=("Ruth Callaghan Moss",))
    author = story.credits.get()
    page.set_viewport_size({"width": width, "height": 844})
    urls = [author.get_absolute_url("pt"), story.edition_for("es").get_absolute_url()]
    urls += [
        reverse_in(lang, f"public:{name}")
        for lang, name in (
            ("pt", "about"),
            ("es", "contact"),
            ("en", "corrections"),
            ("pt", "privacy"),
        )
    ]
    for url in urls:
        page.goto(live_server.url + url)
        found = Axe().run(page, options=RULES).response["violations"]
        assert [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found] == [], url


def test_the_privacy_page_and_the_comments_read_the_same_retention_from_the_environment():
    # The page used its own default and missed the environment variable the comments obey.
    import os
    import subprocess
    import sys

    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "from prensa.comments import conf; "
        "print(settings.PRENSA_COMMENTS_IP_RETENTION_DAYS, conf.ip_retention_days())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prensa.settings.test",
        "PRENSA_COMMENTS_IP_RETENTION_DAYS": "14",
    }
    out = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()

    assert out == ["14", "14"]
