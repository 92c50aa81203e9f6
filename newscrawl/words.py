"""How many words a text has, in scripts written with and without spaces between words.

Chinese and Japanese are written without spaces between words, so counting the runs between
spaces (``str.split``) or of word characters (``\\w+``) makes a paragraph of theirs one or two
"words". Two counts, for two uses:

- :func:`word_count`: each of their characters (Han, kana) is a word, as word processors count
  them. The stored ``words`` of an article and ``NEWSCRAWL_MIN_WORDS`` count so.
- :func:`length_in_words`: two of their characters make a word, about the length of a word of
  theirs. The page-type rules' thresholds were written for words of spaced scripts (a headline
  of four words or more, a teaser's summary of six, a block of at most 80), and read the
  length of a Chinese or Japanese text so.

Korean puts spaces between words: its characters are counted as any other script's.

:func:`parted` is the form of a text the full-text index reads: SQLite's tokenizer takes a
run of letters for one word, so each character of these scripts (and of Thai, also written
without spaces) is parted from its neighbours there (``docs/search.md``). The topic matcher
cuts a query word of theirs and the runs of a text at the same places (``docs/topics.md``).
"""

from __future__ import annotations

import re

__all__ = [
    "INDEX_BREAK", "PARTED_RE", "UNSPACED", "UNSPACED_RE", "joined", "length_in_words", "parted",
    "word_count",
]  # fmt: skip

# Hiragana, katakana (and their extension), the CJK ideographs (with extension A and the
# compatibility ones)
UNSPACED = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One scan: a character of those scripts alone, or a run of other word characters.
_COUNTED = re.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+")
_SPACED = re.compile(rf"[^\W{UNSPACED}]+")
UNSPACED_RE = re.compile(rf"[{UNSPACED}]")  # one character of theirs
# Combining marks inside words, which ``\w`` leaves out: Latin accents written apart, Cyrillic,
# Hebrew points, Arabic harakat, and the vowel signs and viramas of the Indic scripts
# (Devanagari to Sinhala), so that "কর্মী" is one word, not three (a Bengali list of headlines
# counted three times its words: tests/asiaweb). Thai, Lao, Myanmar and Khmer are left as they
# were: written without spaces, a run of theirs is a phrase.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff"
_MARKS_RE = re.compile(f"[{_MARKS}]")
_COUNTED_MARKED = re.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}](?:[^\W{UNSPACED}]|[{_MARKS}])*")
_SPACED_MARKED = re.compile(rf"[^\W{UNSPACED}](?:[^\W{UNSPACED}]|[{_MARKS}])*")

# The scripts the full-text index reads a character at a time: those above and Thai.
_PARTED = UNSPACED + "\u0e00-\u0e7f"
PARTED_RE = re.compile(f"[{_PARTED}]")  # one character of theirs
# Between two letters or digits of which one is a character of those scripts.
_PART_AT = re.compile(rf"(?<=[{_PARTED}])(?=\w)|(?<=\w)(?=[{_PARTED}])")
_PARTED_BY_SPACE = re.compile(rf"(?<=[{_PARTED}]) (?=\w)|(?<=\w) (?=[{_PARTED}])")
# What the store puts between them in the text it indexes: a control character, which FTS5's
# tokenizer reads as a separator and extracted text never holds, so a snippet of the indexed
# text loses exactly these to give back the article's own text.
INDEX_BREAK = "\x1f"


def word_count(text: str) -> int:
    """Number of words in ``text``; a Chinese or Japanese character is one word."""
    counted = _COUNTED_MARKED if _MARKS_RE.search(text) else _COUNTED
    return len(counted.findall(text))


def length_in_words(text: str) -> int:
    """The length of ``text`` in words: the runs of word characters of spaced scripts, and
    one word for each two characters (rounded up) of Chinese or Japanese."""
    spaced = len((_SPACED_MARKED if _MARKS_RE.search(text) else _SPACED).findall(text))
    if text.isascii():
        return spaced
    return spaced + (len(UNSPACED_RE.findall(text)) + 1) // 2


def parted(text: str, separator: str = INDEX_BREAK) -> str | None:
    """``text`` with ``separator`` put between each two letters or digits of which one is a
    Chinese, Japanese or Thai character (``美国ICE与`` → ``美␟国␟ICE␟与``); None when it has none
    of those characters (the index then reads the text itself)."""
    if not text or text.isascii() or not PARTED_RE.search(text):
        return None
    return _PART_AT.sub(separator, text)


def joined(text: str) -> str:
    """``text`` without the spaces :func:`parted` would put (``"移 民 局"`` → ``"移民局"``), for an
    index that reads a run of those characters as one word (a database before schema 10)."""
    return text if text.isascii() else _PARTED_BY_SPACE.sub("", text)
