"""nginx serves a baked page with copies of the headers Django sends on it
(deploy/nginx/prensa-baked.conf): a change to Django's must show up here, not in
production as a page whose headers depend on which of the two answered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prensa.lib.languages import codes

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
# Headers nginx makes itself for a file (or, Content-Language, from the address).
NGINX_OWN = {"content-type", "content-length", "etag", "last-modified", "content-language"}
NGINX_ONLY = {"x-prensa-baked"}


def nginx_headers() -> dict[str, str]:
    text = (DEPLOY / "prensa-baked.conf").read_text()
    found = re.findall(r'^add_header\s+(\S+)\s+"?(.*?)"?\s+always;', text, re.MULTILINE)
    return {name.lower(): value for name, value in found if name.lower() not in NGINX_ONLY}


def normal(name: str, value: str) -> object:
    """A CSP's directives in any order are the same policy."""
    if name == "content-security-policy":
        return {directive.strip() for directive in value.split(";") if directive.strip()}
    return value


@pytest.mark.django_db
def test_a_baked_page_gets_the_headers_django_sends_on_it(client):
    response = client.get("/pt/")
    assert response.status_code == 200
    django = {
        name.lower(): value
        for name, value in response.headers.items()
        if name.lower() not in NGINX_OWN
    }
    copies = {name: value for name, value in nginx_headers().items() if name not in NGINX_OWN}
    assert sorted(copies) == sorted(django), "headers only one of nginx and Django sends"
    for name, value in django.items():
        assert normal(name, copies[name]) == normal(name, value), name


def test_nginx_knows_every_language_for_content_language():
    text = (DEPLOY / "prensa-http.conf").read_text()
    mapped = set(re.findall(r"~\^/([a-z-]+)/\s+\1;", text))
    assert mapped == set(codes())
