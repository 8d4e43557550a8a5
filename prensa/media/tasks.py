"""Background work for pictures: renditions are made by the worker (`prensa db_worker`)."""

from __future__ import annotations

import logging

from django_tasks import task

from . import renditions
from .models import Image

logger = logging.getLogger(__name__)


@task()
def make_renditions(image_id: int, again: bool = False) -> str:
    """Write every crop, width and format of one picture; pages show it once this is done.

    A picture that has them already is left alone unless `again` (a new focal point):
    the demo loader, for one, makes them itself before the worker gets to its task.
    """
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return "gone"
    if image.ready and not again:
        return "already made"
    made = renditions.make(image)
    logger.info("Picture %s: %s renditions", image_id, len(made) * len(renditions.FORMATS))
    return "done"
