"""Reader pages are identical for every anonymous reader, so a CDN may keep them."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe


def reader_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's successful responses as public and cacheable.

    The view must not touch the session, the CSRF token or the user: tests check
    that no reader page sets a cookie or varies on one.
    """

    @require_safe  # a reader page only answers GET and HEAD; anything else is a 405
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            max_age = settings.PRENSA_PAGE_MAX_AGE
            patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age * 5)
        return response

    return wrapped
