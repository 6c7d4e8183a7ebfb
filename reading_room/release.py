"""A fingerprint of the code and templates that render pages, for cache keys and ETags.

A page cached (in a shared Redis) or held by a browser before a deploy must not be served after
it: the fingerprint changes whenever a template, a translation or the Python that renders changes.
Every app server computes the same value from the same files, so they share cached pages.
"""

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings


@cache
def release() -> str:
    if configured := os.environ.get("RELEASE"):
        return configured
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha1(usedforsecurity=False)
    for pattern in ("reading_room/**/*.py", "templates/**/*", "locale/**/*.mo"):
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
