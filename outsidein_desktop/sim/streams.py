"""Random streams: one per replication and per purpose, named rather than numbered.

A stream is derived from ``SeedSequence(seed, spawn_key=(replication, crc32(purpose)))``,
so it depends only on the seed, the replication and what it is for ("arrivals:GP
referral", "duration:Triage"). That gives the three properties the numbers rest on: the
same seed gives the same results; results do not depend on how many worker processes ran
the replications; and two scenarios of one map see the same arrivals (common random
numbers), because adding or removing a step does not shift anyone else's stream.
"""

from __future__ import annotations

import zlib

import numpy as np

from ..domain.distributions import Distribution

CHUNK = 512


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
