"""A shared cache for what a hall full of phones asks for: the public careers pages and where each QR code leads.

Every entry is stored with the generation it was built in; saving any job profile or QR link starts a new
generation, so every entry is rebuilt on its next request. One cache round trip serves an entry: the
generation and the entry are read together. With Redis (REDIS_URL) every process sees a change at once; with
per-process memory a process may serve an entry up to TIMEOUT seconds old.
"""

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

GENERATION_KEY = "profiles:generation"
TIMEOUT = 300  # seconds


@dataclass(frozen=True)
class Entry:
    generation: int
    value: Any


@dataclass(frozen=True)
class Page:
    content: bytes
    etag: str

    @classmethod
    def of(cls, content: bytes) -> "Page":
        return cls(content, f'"{hashlib.sha256(content).hexdigest()[:32]}"')


def invalidate() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def key(*parts: str) -> str:
    return "profiles:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def cached(entry_key: str, build: Callable[[], Any]) -> Any:
    """The value stored under `entry_key` if it is of the current generation, else `build()` stored anew.

    `build` returns None for something that does not exist; that answer is not stored.
    """
    found = cache.get_many([GENERATION_KEY, entry_key])
    generation = found.get(GENERATION_KEY)
    entry = found.get(entry_key)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY, 0)  # another process may have been first
    elif entry is not None and entry.generation == generation:
        return entry.value
    value = build()
    if value is not None:
        cache.set(entry_key, Entry(generation, value), TIMEOUT)
    return value
