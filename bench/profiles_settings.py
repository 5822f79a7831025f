"""Settings for `bench.profiles` only: the site's own settings, served with a minimal view to compare against.

BENCH_CACHE=dummy turns the cache off, to measure the profile page uncached.
"""

import os

from eventsite.settings import *  # noqa: F403
from eventsite.settings import STORAGES

ROOT_URLCONF = "bench.profiles_urls"
# `{% static %}` without collectstatic's manifest: the bench measures pages, not static files.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
if os.environ.get("BENCH_CACHE") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
