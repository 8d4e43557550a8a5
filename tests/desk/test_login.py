"""Signing in to the desk, and where forms send people back to: only pages of this site."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from prensa.lib.redirects import safe_next

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://elsewhere.example/",
    "//elsewhere.example/",
    "/\\elsewhere.example/",
    "http:elsewhere.example",
    "javascript:alert(1)",
    "http://[::1",
]


def test_an_anonymous_visit_to_the_desk_ends_back_on_the_desk_after_logging_in(
    client, translator, english_story
):
    desk = reverse("desk:index") + "?show=needs-work"
    to_login = client.get(desk)
    assert to_login.status_code == 302
    login_page = client.get(to_login["Location"])
    assert login_page.status_code == 200
    assert b'name="password"' in login_page.content

    logged_in = client.post(
        to_login["Location"], {"username": "translator", "password": "pw", "next": desk}
    )
    assert logged_in.status_code == 302 and logged_in["Location"] == desk
    back = client.get(logged_in["Location"])
    assert back.status_code == 200
    assert "Only stories that need work" in back.content.decode()


@pytest.mark.parametrize("target", [*OFF_SITE, "", "abc", "index.html"])
def test_a_login_with_an_off_site_or_no_next_lands_on_a_real_page(client, translator, target):
    response = client.post(
        reverse("admin:login"), {"username": "translator", "password": "pw", "next": target}
    )
    assert response.status_code == 302
    assert "elsewhere" not in response["Location"]
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("target", [*OFF_SITE, "abc", "desk:index", "index.html"])
def test_drafting_from_the_table_never_leaves_the_site_or_fails_on_next(
    client, editor, english_story, target
):
    client.force_login(editor)
    response = client.post(reverse("desk:draft"), {"story": english_story.pk, "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:index")


def test_drafting_from_the_table_returns_to_the_same_view_of_it(client, editor, english_story):
    client.force_login(editor)
    table = reverse("desk:index") + "?show=needs-work"
    assert f'name="next" value="{table}"' in client.get(table).content.decode()
    response = client.post(reverse("desk:draft"), {"story": english_story.pk, "next": table})
    assert response["Location"] == table


def test_safe_next_keeps_paths_and_this_sites_own_urls():
    factory = RequestFactory()
    plain = factory.post("/desk/draft/", {"next": "http://testserver/desk/"})
    assert safe_next(plain, "/fallback/") == "http://testserver/desk/"
    secure = factory.post("/desk/draft/", {"next": "http://testserver/desk/"}, secure=True)
    assert safe_next(secure, "/fallback/") == "/fallback/"  # https pages never go back to http
    assert safe_next(factory.get("/x/", {"next": "/desk/?page=2"}), "/f/") == "/desk/?page=2"
    for target in [*OFF_SITE, "abc"]:
        assert safe_next(factory.post("/x/", {"next": target}), "/f/") == "/f/", target
