"""Duplicate detection: normalized text hashes (exact duplicates).

Near-duplicate detection (MinHash/LSH) builds on the same normalization later.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
