from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from prensa.lib.languages import codes, reverse_in
from prensa.newsroom.models import Section

from .seo import language_links


def _home_links(language: str) -> list:
    urls = {code: reverse_in(code, "public:home") for code in codes()}
    return language_links(urls, language)


def site(request: HttpRequest) -> dict:
    """What every page's frame needs. Lazy: nothing is queried unless a template uses it."""
    language = translation.get_language()
    return {
        "site_name": settings.PRENSA_SITE_NAME,
        "demo_notice": settings.PRENSA_DEMO_NOTICE,
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.all())),
        "home_switcher": SimpleLazyObject(lambda: _home_links(language)),
    }
