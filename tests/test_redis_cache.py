"""With REDIS_URL, web processes share one cache: stored pages and their generation."""

import pytest
import redis
from django.core.cache.backends.redis import RedisCache

from prensa.public.caching import GENERATION_KEY
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, redis_url):  # type: ignore[no-untyped-def]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_reader_pages_are_stored_in_redis_and_invalidated_through_it(
    client, redis_cache, redis_url
):
    edition = make_story().edition_for("en")
    client.get(edition.get_absolute_url())

    stored = redis.Redis.from_url(redis_url).keys("*prensa:page:*")
    assert any(edition.get_absolute_url().encode() in key for key in stored)

    edition.headline = "Night trains return to the coast"
    edition.save()
    assert "Night trains return to the coast" in client.get(edition.get_absolute_url()).text


def test_another_process_sees_the_generation_a_change_set(redis_cache, redis_url):
    story = make_story()
    story.section.name_en = "Coast"
    story.section.save()

    other_process = RedisCache(redis_url, {})
    assert other_process.get(GENERATION_KEY) == redis_cache.get(GENERATION_KEY) is not None
