"""Random streams: one per replication and per purpose, named rather than numbered.

A stream is derived from ``SeedSequence(seed, spawn_key=(replication, crc32(purpose)))``,
so it depends only on the seed, the replication and what it is for ("arrivals:GP
referral", "duration:Triage"). That gives the three properties the numbers rest on: the
same seed gives the same results; results do not depend on how many worker processes ran
the replications; and two scenarios of one map see the same arrivals (common random
numbers), because adding or removing a step does not shift anyone else's stream.

Common random numbers go further than shared arrivals: each person carries their own
draws (:class:`PersonalDraws`). The time a step takes for a person, the way they go out
of a decision, their patience and the delays they meet depend only on who they are (their
entry and their place in its arrivals) and how many times they have been there before, not
on who happened to be served before them. So under a redesign the same person meets the
same luck wherever the redesign leaves their journey alone, and their journey can be
followed side by side; and paired comparisons vary less.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from ..domain.distributions import Distribution

CHUNK = 512
#: Personal draws are made for this many consecutive people of an entry at once (a power of
#: two: the block and the row are a shift and a mask of the person's number).
PERSON_SHIFT = 10
PERSON_BLOCK = 1 << PERSON_SHIFT
#: Blocks kept per purpose (4 MB at most); one dropped is made again, identically, if needed.
CACHED_BLOCKS = 128
#: More visits than this to one part are impossible: the engine stops a customer sooner.
VISIT_KEYS = 1 << 14


def stream(seed: int, replication: int, purpose: str) -> np.random.Generator:
    """The generator for one purpose in one replication."""
    key = zlib.crc32(purpose.encode("utf-8"))
    return np.random.Generator(np.random.PCG64(
        np.random.SeedSequence(seed, spawn_key=(replication, key))))


class Draws:
    """Draws from a distribution, made in chunks (scipy's per-call cost is high) and handed
    out one at a time, in minutes. Never negative, never NaN."""

    __slots__ = ("_dist", "_rng", "_buffer", "_next", "_size")

    def __init__(self, dist: Distribution, rng: np.random.Generator, chunk: int = CHUNK):
        self._dist = dist
        self._rng = rng
        self._size = chunk
        self._buffer: list[float] = []
        self._next = 0

    def __call__(self) -> float:
        if self._next >= len(self._buffer):
            values = self._dist.sample(self._rng, self._size)
            # A distribution's support is non-negative; guard the engine against rounding.
            values = np.nan_to_num(np.maximum(values, 0.0), nan=0.0, posinf=0.0)
            self._buffer = values.tolist()
            self._next = 0
        value = self._buffer[self._next]
        self._next += 1
        return value


class Uniforms:
    """Uniform(0, 1) draws for routing and information-travel choices, in chunks."""

    __slots__ = ("_rng", "_buffer", "_next")

    def __init__(self, rng: np.random.Generator):
        self._rng = rng
        self._buffer: list[float] = []
        self._next = 0

    def __call__(self) -> float:
        if self._next >= len(self._buffer):
            self._buffer = self._rng.random(CHUNK).tolist()
            self._next = 0
        value = self._buffer[self._next]
        self._next += 1
        return value


class PersonalDraws:
    """Each person's own draws for one purpose ("duration:Triage"): the value for a person's
    n-th time at it depends only on the seed, the replication, the purpose, the person's
    entry, their place in that entry's arrivals and n. Values are made a block of people at
    a time (scipy's per-call cost is high) from a stream named by all of those, so any block
    can be made again on its own. ``dist=None`` gives Uniform(0, 1) draws, for choices."""

    __slots__ = ("_dist", "_seed", "_replication", "_keys", "_entries", "_cache")

    def __init__(self, dist: Distribution | None, seed: int, replication: int, purpose: str,
                 entries: Sequence[str]) -> None:
        self._dist = dist
        self._seed = seed
        self._replication = replication
        self._keys = [zlib.crc32(f"{purpose}|{entry}".encode()) for entry in entries]
        self._entries = max(1, len(entries))
        # Blocks by one whole number made of (block, visit, entry): cheaper than a tuple on
        # the engine's hot path. Values as a list: indexing it is cheaper than numpy's.
        self._cache: dict[int, list[float]] = {}

    def __call__(self, entry: int, person: int, visit: int = 0) -> float:
        key = ((person >> PERSON_SHIFT) * VISIT_KEYS + visit) * self._entries + entry
        values = self._cache.get(key)
        if values is None:
            values = self._make(entry, visit, person >> PERSON_SHIFT, key)
        return values[person & (PERSON_BLOCK - 1)]

    def _make(self, entry: int, visit: int, block: int, key: int) -> list[float]:
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(
            self._seed, spawn_key=(self._replication, self._keys[entry], visit, block))))
        if self._dist is None:
            values = rng.random(PERSON_BLOCK)
        else:
            # A distribution's support is non-negative; guard the engine against rounding.
            values = np.nan_to_num(np.maximum(self._dist.sample(rng, PERSON_BLOCK), 0.0),
                                   nan=0.0, posinf=0.0)
        if len(self._cache) >= CACHED_BLOCKS:
            del self._cache[next(iter(self._cache))]  # the oldest: its people have moved on
        listed = values.tolist()
        self._cache[key] = listed
        return listed
