"""Readers get the comments in their own language: labels, messages and refusals.

These need the Portuguese and Spanish catalogue entries of the comments app.
"""

import pytest
from django.test import Client

from tests.comments.helpers import (
    all_errors,
    edition_of,
    field_errors,
    make_comment,
    messages_in,
    page,
    post_comment,
    thread_url,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("pt", "Mostrar comentários (2)"),
        ("es", "Mostrar comentarios (2)"),
        ("en", "Show comments (2)"),
    ],
)
def test_the_button_label_is_in_the_readers_language(client, story, language, label):
    edition = edition_of(story, language)
    make_comment(edition)
    make_comment(edition)

    response = client.get(url("count", language, edition_id=edition.pk))

    assert response.json()["label"] == label


@pytest.mark.parametrize(
    ("language", "message", "badge"),
    [
        ("pt", "Obrigado! Seu comentário está aguardando moderação.", "Aguardando moderação"),
        ("es", "¡Gracias! Tu comentario está pendiente de moderación.", "Pendiente de moderación"),
    ],
)
def test_a_commenter_is_thanked_in_their_language(client, story, language, message, badge):
    response = post_comment(client, edition_of(story, language))

    doc = page(client.get(response["Location"]))
    assert messages_in(doc) == [message]
    assert doc.one("span", class_="comment__badge").text == badge


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "pt",
            "Você está publicando com muita frequência. Aguarde alguns minutos e tente novamente.",
        ),
        (
            "es",
            "Estás publicando con demasiada frecuencia. Espera unos minutos e inténtalo de nuevo.",
        ),
    ],
)
def test_flooding_is_answered_in_the_readers_language(story, settings, language, message):
    settings.PRENSA_COMMENTS_RATE_PER_IP = (1, 600)
    edition = edition_of(story, language)
    post_comment(Client(), edition, ip="203.0.113.3")

    response = post_comment(Client(), edition, ip="203.0.113.3")

    assert response.status_code == 429
    assert messages_in(page(response)) == [message]


@pytest.mark.parametrize(
    ("language", "message"),
    [("pt", "Por favor, escreva um comentário."), ("es", "Por favor, escribe un comentario.")],
)
def test_an_empty_comment_is_refused_in_the_readers_language(client, story, language, message):
    response = post_comment(client, edition_of(story, language), body="")

    assert response.status_code == 400
    assert field_errors(page(response)) == [message]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("pt", "Você só pode responder a comentários desta reportagem."),
        ("es", "Solo puedes responder a comentarios de este artículo."),
    ],
)
def test_a_reply_to_another_edition_is_refused_in_the_readers_language(
    client, story, language, message
):
    foreign = make_comment(edition_of(story, "en"))

    response = post_comment(client, edition_of(story, language), parent=foreign.pk)

    assert response.status_code == 400
    assert message in all_errors(page(response))


@pytest.mark.parametrize(
    ("language", "count"), [("pt", "1 comentário"), ("es", "1 comentario"), ("en", "1 comment")]
)
def test_the_thread_page_speaks_the_readers_language(client, story, language, count):
    edition = edition_of(story, language)
    make_comment(edition)

    doc = page(client.get(thread_url(edition)))

    assert doc.one("html").get("lang") == language
    assert doc.one("h2", class_="comments__count").text == count
