"""Scrapy's duplicate filter with its fingerprints in one array, not one object each.

``RFPDupeFilter`` keeps every request fingerprint it has seen in a ``set``: a 20-byte ``bytes``
object each (a 40-character string before Scrapy 2.19), about 90 bytes a request with the set's
slot. Worse than the size, a sitemap's links arrive at once: their fingerprints are made in the
same burst as the links' short-lived objects (parsed links, requests on their way to the disk
queue), and each fingerprint, small and kept for the whole crawl, pins the allocator's pools and
arenas it landed in, so the burst's memory is never given back. Measured with
``bench/crawl_throughput.py`` (docs/benchmarks.md, "Memory"): the crawl's process kept about
16 MB more of Python's arenas with sitemaps of 5,000 links each than with 1,200.

:class:`FingerprintSet` keeps the first 8 bytes of each fingerprint (64 bits: a false "seen"
among a million requests has odds of about 1 in 30 billion) in an open-addressing table in one
``array``, 16 bytes a request at most, allocated and freed as one block. Everything else is
Scrapy's: the ``requests.seen`` file of a ``JOBDIR`` is written and read back as before, whole
fingerprints in Scrapy's own format.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

from scrapy.dupefilters import RFPDupeFilter

__all__ = ["CompactDupeFilter", "FingerprintSet"]

_EMPTY = 0


def _key(fingerprint: bytes | str) -> int:
    """The fingerprint's first 64 bits (from its bytes, or its hex digits before Scrapy 2.19);
    never 0, which marks an empty slot."""
    if isinstance(fingerprint, str):
        key = int(fingerprint[:16], 16)
    else:
        key = int.from_bytes(fingerprint[:8], "big")
    return key or 1


class FingerprintSet:
    """A set of request fingerprints as 64-bit keys in one array (linear probing, at most half
    full). Supports what ``RFPDupeFilter`` uses: ``in``, ``add``, ``update``, ``len``."""

    def __init__(self, fingerprints: Iterable[bytes | str] = (), capacity: int = 1024) -> None:
        size = 1024
        while size < 2 * capacity:
            size *= 2
        self._slots = array("Q", [_EMPTY]) * size
        self._mask = size - 1
        self._count = 0
        self.update(fingerprints)

    def _slot(self, key: int) -> int:
        """Where ``key`` is, or the empty slot where it would go."""
        slots, mask = self._slots, self._mask
        i = (key ^ (key >> 32)) & mask
        while True:
            found = slots[i]
            if found in (key, _EMPTY):
                return i
            i = (i + 1) & mask

    def __contains__(self, fingerprint: object) -> bool:
        if not isinstance(fingerprint, (bytes, str)):
            return False
        return self._slots[self._slot(_key(fingerprint))] != _EMPTY

    def add(self, fingerprint: bytes | str) -> None:
        self._add_key(_key(fingerprint))

    def _add_key(self, key: int) -> None:
        i = self._slot(key)
        if self._slots[i] != _EMPTY:
            return
        self._slots[i] = key
        self._count += 1
        if 2 * self._count > len(self._slots):
            self._grow()

    def update(self, fingerprints: Iterable[bytes | str]) -> None:
        for fingerprint in fingerprints:
            self.add(fingerprint)

    def _grow(self) -> None:
        keys = [key for key in self._slots if key != _EMPTY]
        self._slots = array("Q", [_EMPTY]) * (2 * len(self._slots))
        self._mask = len(self._slots) - 1
        self._count = 0
        for key in keys:
            self._add_key(key)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[bytes]:
        """The kept prefixes (8 bytes each), for Scrapy's deprecated ``fingerprints``."""
        return (key.to_bytes(8, "big") for key in self._slots if key != _EMPTY)


class CompactDupeFilter(RFPDupeFilter):
    """``RFPDupeFilter`` (``DUPEFILTER_CLASS``) whose seen fingerprints are a :class:`FingerprintSet`;
    with ``JOBDIR``, those already in ``requests.seen`` are read into it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Scrapy >= 2.19 keeps bytes in `_fingerprints`; 2.13-2.18 hex strings in `fingerprints`.
        name = "_fingerprints" if hasattr(self, "_fingerprints") else "fingerprints"
        seen = getattr(self, name)
        setattr(self, name, FingerprintSet(seen, capacity=len(seen)))
