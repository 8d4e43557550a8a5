from django.conf import settings
from django.core.checks import Warning, register

from . import conf


@register()
def hash_salt_is_set(app_configs, **kwargs) -> list:  # type: ignore[no-untyped-def]
    """Outside development, the address-hashing salt should be a secret of its own."""
    if settings.DEBUG or not conf.hash_salt_is_derived():
        return []
    return [
        Warning(
            "PRENSA_COMMENTS_HASH_SALT is not set: commenters' addresses are hashed with a "
            "salt derived from SECRET_KEY, so rotating SECRET_KEY breaks bans and forget_commenter.",
            hint="Set PRENSA_COMMENTS_HASH_SALT (or PRENSA_COMMENTS_HASH_SALT_FILE) to a long random value.",
            id="prensa_comments.W001",
        )
    ]
