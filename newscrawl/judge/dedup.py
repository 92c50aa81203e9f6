"""Duplicate detection: normalized text hashes (exact) and MinHash signatures (near).

Near-duplicates: MinHash over word shingles of the normalized text; the LSH band keys are
stored in SQLite by :mod:`newscrawl.store.crawl`, so lookups stay indexed at millions of
articles and survive restarts without rebuilding anything in memory.

The signature is datasketch's ``MinHash(num_perm, seed=1)`` (its default scheme since 2.0,
``affine32``) and the LSH bands are its ``MinHashLSH`` parameters, value for value
(``tests/test_minhash.py`` compares them with datasketch's), computed here with numpy alone:
importing datasketch imports scipy (``datasketch.lsh`` -> ``scipy.integrate``) and redis,
about 60 MB of resident memory in the crawl and in every extraction process, for one
integral (docs/benchmarks.md, "Memory").

The duplicate policy is :func:`dedup_verdict`: given the stored rows that share the
article's URL, text hash or LSH bands, it says what the article is; the dedup pipeline
looks the rows up and applies the verdict.

numpy is imported only where a signature or the LSH parameters are computed (the extraction
workers, ``repair``, ``eval_dedup``): the crawl's own process gets each signature as its
stored blob (:func:`signature_to_bytes`) with its band keys from the worker, and compares
blobs in plain Python, so it never loads numpy (about 11 MB; docs/benchmarks.md, "Memory").
"""

from __future__ import annotations

import functools
import hashlib
import operator
import re
import struct
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from newscrawl.settings import default, read_setting

if TYPE_CHECKING:
    import numpy as np

# A MinHash signature: its values (numpy, as computed) or its stored blob (as it travels
# from the extraction workers and comes back from the store).
Signature = Union["np.ndarray", bytes]

_WORD = re.compile(r"\w+", re.UNICODE)


# The extraction pool's job hashes an article's text and takes its MinHash one after the
# other: the last text's normalized form is kept, so it is worked out once (0.16 ms a page).
@functools.lru_cache(maxsize=1)
def normalize_text(text: str) -> str:
    """Casefolded words joined by single spaces: punctuation, accents' forms and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def text_hash(text: str) -> str:
    """SHA-1 hex digest of :func:`normalize_text` (the ``articles.text_hash`` column)."""
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()


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
    """datasketch's ``MinHashLSH`` parameters (``_optimal_param``, weights 0.5 and 0.5): the
    (bands, rows) with the least false-positive plus false-negative probability mass.

    For b bands of r rows a pair of Jaccard similarity s becomes a candidate with probability
    1 - (1 - s^r)^b, a polynomial of degree b*r <= num_perm; Gauss-Legendre quadrature with
    num_perm // 2 + 1 nodes integrates it exactly (datasketch uses scipy's ``quad``).
    """
    import numpy as np

    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def missed(lo: float, hi: float, b: int, r: int) -> float:
        """The integral over [lo, hi] of (1 - s^r)^b, the chance a pair is not a candidate."""
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2
        return float((hi - lo) / 2 * np.dot(weights, (1 - s ** float(r)) ** float(b)))

    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = threshold - missed(0.0, threshold, b, r)
            false_negative = missed(threshold, 1.0, b, r)
            error = false_positive * 0.5 + false_negative * 0.5
            if error < best:
                best, choice = error, (b, r)
    return choice


def shingles(text: str, size: int) -> set[bytes]:
    """The set of ``size``-word shingles of the normalized text (one shingle if shorter)."""
    words = normalize_text(text).split()
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


MINHASH_SEED = 1


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int = MINHASH_SEED) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``affine32`` permutations h -> a*h + b (mod 2^32), a odd, drawn as it draws them."""
    import numpy as np

    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection), as datasketch pre-mixes each hash."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_values(items: Sequence[bytes], num_perm: int, seed: int = MINHASH_SEED) -> np.ndarray:
    """datasketch's ``MinHash(num_perm, seed).update_batch(items)`` hash values (``affine32``:
    the first 4 bytes of each item's SHA-1, little-endian, pre-mixed, then the minimum of each
    permutation), ``num_perm`` unsigned 32-bit values; all 2^32 - 1 when there are no items."""
    import numpy as np

    values = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    if not items:
        return values
    sha1 = hashlib.sha1
    # Each item's 20-byte digest, side by side; the first 4 bytes of each, little-endian.
    digests = b"".join([sha1(item).digest() for item in items])
    hashes = np.frombuffer(digests, dtype="<u4").reshape(-1, 5)[:, 0].astype(np.uint32)
    a, b = _permutations(num_perm, seed)
    permuted = _fmix32(hashes).reshape(-1, 1) * a + b  # uint32: wraps around, i.e. mod 2^32
    return np.minimum(values, permuted.min(axis=0))


def minhash_signature(text: str, settings: NearDupSettings) -> np.ndarray:
    """The MinHash signature (``num_perm`` unsigned 32-bit values) of the text's shingles."""
    return minhash_values(list(shingles(text, settings.shingle_size)), settings.num_perm)


def _values(signature: Signature) -> Sequence[int]:
    """A signature's values as Python integers, from its values or its blob."""
    if isinstance(signature, (bytes, bytearray, memoryview)):
        return struct.unpack(f"<{len(signature) // 8}Q", signature)
    return signature.tolist()


def band_keys(signature: Signature, settings: NearDupSettings) -> list[int]:
    """One signed 64-bit key per LSH band (stored in SQLite as INTEGER): a hash of the band's
    values as unsigned 32-bit integers in the machine's order (the values' bytes as computed),
    the same from the values and from the blob."""
    bands, rows = settings.bands
    values = _values(signature)
    keys = []
    for band in range(bands):
        chunk = struct.pack(f"={rows}I", *values[band * rows : (band + 1) * rows])
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def estimated_jaccard(a: Signature, b: Signature) -> float:
    """The share of equal MinHash values: an unbiased estimate of the shingles' Jaccard.
    Two blobs are compared in plain Python (the crawl's process has no numpy)."""
    if isinstance(a, bytes) and isinstance(b, bytes):
        return sum(map(operator.eq, memoryview(a).cast("Q"), memoryview(b).cast("Q"))) / (len(a) // 8)
    import numpy as np

    a, b = (signature_from_bytes(s) if isinstance(s, bytes) else s for s in (a, b))
    return float(np.count_nonzero(a == b)) / len(a)


def signature_to_bytes(signature: Signature) -> bytes:
    """Signature as a BLOB (unsigned 64-bit little-endian values); a blob as it is."""
    if isinstance(signature, bytes):
        return signature
    return signature.astype("<u8").tobytes()


def signature_from_bytes(blob: bytes) -> np.ndarray:
    """Signature from a BLOB."""
    import numpy as np

    return np.frombuffer(blob, dtype="<u8")


# -- the duplicate policy ------------------------------------------------------------------------


def first_copy_key(row: Mapping[str, Any]) -> tuple[bool, str, str, int]:
    """Sorts a cluster's copies first copy first: the earliest published (undated last), ties
    broken by the earliest seen, then the lowest id. ``row`` has id, published_at and
    first_seen_at (ISO 8601 UTC text, as stored). :func:`newscrawl.store.sql.first_copy_order`
    is the same order in SQL."""
    return (row["published_at"] is None, row["published_at"] or "", row["first_seen_at"] or "",
            row["id"])


NEW = "new"
SYNDICATED = "syndicated"
SAME_ARTICLE = "same-article"
DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Verdict:
    """What :func:`dedup_verdict` decided about one article.

    ``kind``: :data:`NEW` (store it), :data:`SYNDICATED` (store it in ``cluster_id``, the
    cluster of the copy stored first; which copy is the story's first, the original, is chosen
    when the corpus is read, by :func:`first_copy_key`), :data:`SAME_ARTICLE` (a stored article,
    ``article_id``, seen on its own page again, ``revisit`` = ``changed``, ``refreshed`` or
    ``unchanged``, or on its canonical page after a variant, ``supersedes`` = the variant's
    URL) or :data:`DUPLICATE` (a copy of ``article_id`` at the same outlet: not stored).
    ``merges``: for a syndicated copy near copies of two clusters or more, the clusters other
    than ``cluster_id`` (the lowest) that it joins to it: one story's copies stored before the
    copy that links them (the two furthest apart, whose estimate fell under the threshold or
    that shared no LSH band) made two clusters.
    ``reason`` is what the page row says (same article and duplicates only).
    """

    kind: str
    reason: str | None = None
    article_id: int | None = None
    cluster_id: int | None = None
    revisit: str | None = None
    supersedes: str | None = None
    merges: tuple[int, ...] = ()


def dedup_verdict(
    article: Any,
    *,
    fetched_url: str,
    by_url: Mapping[str, Any] | None = None,
    by_hash: Sequence[Mapping[str, Any]] = (),
    near_candidates: Sequence[Mapping[str, Any]] = (),
    signature: Signature | None = None,
    threshold: float = NearDupSettings.threshold,
    from_archive: bool = False,
) -> Verdict:
    """The duplicate rules, decided from the stored rows given (no lookups of its own).

    ``article`` is the draft (:class:`~newscrawl.items.Article`: canonical ``url``,
    ``outlet``, ``title``, ``text``, ``text_hash`` if known); ``fetched_url`` the cleaned URL
    its page was fetched from. The rows, each consulted only when the one before found
    nothing (so the caller may skip later lookups): ``by_url``, the stored article with the
    same canonical URL (:meth:`~newscrawl.store.db.Store.article_by_url`); ``by_hash``, those
    with the same text hash, oldest first; ``near_candidates``, those sharing an LSH band, with
    their ``signature`` blobs, oldest first, compared with ``signature`` at ``threshold``.

    The same text (exact, or near) at the same outlet is the same article under another URL:
    a duplicate. At another outlet it is syndication: a new article in the cluster of the
    first copy. ``from_archive`` (re-extraction from a WARC file) turns an unchanged revisit
    into a refresh of the stored metadata.
    """
    if by_url is not None:
        return _same_url_verdict(article, fetched_url, by_url, from_archive)
    for copy in by_hash:
        if copy["outlet"] == article.outlet:
            return Verdict(DUPLICATE, f"same text as article {copy['id']} ({copy['url']})", copy["id"])
    if by_hash:
        return Verdict(SYNDICATED, cluster_id=by_hash[0]["cluster_id"])
    clusters: list[int] = []
    syndicated = False
    for candidate in near_candidates:
        similarity = estimated_jaccard(signature, signature_from_bytes(candidate["signature"]))
        if similarity < threshold:
            continue
        if candidate["outlet"] == article.outlet:
            reason = f"near-duplicate ({similarity:.2f}) of article {candidate['id']} ({candidate['url']})"
            return Verdict(DUPLICATE, reason, candidate["id"])
        syndicated = True
        if candidate["cluster_id"] is not None and candidate["cluster_id"] not in clusters:
            clusters.append(candidate["cluster_id"])
    if not syndicated:
        return Verdict(NEW)
    if not clusters:
        return Verdict(SYNDICATED, cluster_id=None)
    first = min(clusters)
    return Verdict(SYNDICATED, cluster_id=first, merges=tuple(sorted(c for c in clusters if c != first)))


def _same_url_verdict(
    article: Any, fetched_url: str, stored: Mapping[str, Any], from_archive: bool
) -> Verdict:
    """A stored article has this canonical URL: seen again, its canonical page, or a duplicate."""
    if fetched_url == (stored["fetched_url"] or article.url):
        # The article's own page seen again: a new version if its title or text changed.
        digest = article.text_hash or text_hash(article.text)
        if (digest, article.title) != (stored["text_hash"], stored["title"]):
            revisit, reason = "changed", "seen again, changed"
        elif from_archive:  # re-extracted: newer metadata, same words
            revisit, reason = "refreshed", "re-extracted"
        else:
            revisit, reason = "unchanged", "seen again, unchanged"
        return Verdict(SAME_ARTICLE, reason, stored["id"], revisit=revisit)
    if fetched_url == article.url and stored["fetched_url"] not in (None, fetched_url):
        # The canonical page itself, after a variant (AMP, tracking URL) was stored first.
        return Verdict(SAME_ARTICLE, f"canonical page of article {stored['id']}", stored["id"],
                       supersedes=stored["fetched_url"])
    return Verdict(DUPLICATE, f"same canonical URL as article {stored['id']} ({article.url})", stored["id"])
