"""Duplicate detection: normalized text hashes (exact) and MinHash signatures (near).

Near-duplicates: datasketch MinHash over word shingles of the normalized text; the LSH
band keys are stored in SQLite by :mod:`newscrawl.store.crawl`, so lookups stay indexed at
millions of articles and survive restarts without rebuilding anything in memory.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash

from newscrawl.settings import default, read_setting

_WORD = re.compile(r"\w+", re.UNICODE)


def normalize_text(text: str) -> str:
    """Casefolded words joined by single spaces: punctuation, accents' forms and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def text_hash(text: str) -> str:
    """SHA-1 hex digest of :func:`normalize_text` (the ``articles.text_hash`` column)."""
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Number of words in ``text``."""
    return len(_WORD.findall(text))


# -- near duplicates: MinHash over word shingles, LSH bands kept in SQLite -------------------


@dataclass(frozen=True)
class NearDupSettings:
    """How near-duplicates are found (``NEWSCRAWL_NEAR_DUP_*`` settings)."""

    threshold: float = default("NEWSCRAWL_NEAR_DUP_THRESHOLD")
    shingle_size: int = default("NEWSCRAWL_NEAR_DUP_SHINGLE")
    num_perm: int = default("NEWSCRAWL_NEAR_DUP_PERMUTATIONS")

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"near-duplicate threshold must be between 0 and 1, not {self.threshold}")
        if self.shingle_size < 1 or self.num_perm < 16:
            raise ValueError("shingle size must be >= 1 and permutations >= 16")

    @classmethod
    def from_settings(cls, settings: Any) -> NearDupSettings:
        """From Scrapy settings (anything with ``getfloat``/``getint``)."""
        return cls(
            threshold=read_setting(settings, "NEWSCRAWL_NEAR_DUP_THRESHOLD"),
            shingle_size=read_setting(settings, "NEWSCRAWL_NEAR_DUP_SHINGLE"),
            num_perm=read_setting(settings, "NEWSCRAWL_NEAR_DUP_PERMUTATIONS"),
        )

    @property
    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) minimising false positives + negatives at ``threshold``."""
        return _lsh_params(self.threshold, self.num_perm)


@functools.lru_cache(maxsize=32)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def shingles(text: str, size: int) -> set[bytes]:
    """The set of ``size``-word shingles of the normalized text (one shingle if shorter)."""
    words = normalize_text(text).split()
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def minhash_signature(text: str, settings: NearDupSettings) -> np.ndarray:
    """The MinHash signature (``num_perm`` unsigned 64-bit values) of the text's shingles."""
    minhash = MinHash(num_perm=settings.num_perm, seed=1)
    minhash.update_batch(list(shingles(text, settings.shingle_size)))
    return minhash.hashvalues


def band_keys(signature: np.ndarray, settings: NearDupSettings) -> list[int]:
    """One signed 64-bit key per LSH band (stored in SQLite as INTEGER)."""
    bands, rows = settings.bands
    keys = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of equal MinHash values: an unbiased estimate of the shingles' Jaccard."""
    return float(np.count_nonzero(a == b)) / len(a)


def signature_to_bytes(signature: np.ndarray) -> bytes:
    """Signature as a BLOB."""
    return signature.astype("<u8").tobytes()


def signature_from_bytes(blob: bytes) -> np.ndarray:
    """Signature from a BLOB."""
    return np.frombuffer(blob, dtype="<u8")
