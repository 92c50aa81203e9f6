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

:func:`parted` cuts a text where the full-text index reads a word: SQLite's tokenizer takes a
run of letters for one word, so each character of these scripts (and of Thai, also written
without spaces) is parted from its neighbours (``docs/search.md``). The topic matcher cuts a
query word of theirs and the runs of a text at the same places (``docs/topics.md``). The index
of schema 10 read the parted text, each character a word; from schema 11 it reads
:func:`paired`: each two neighbouring characters of a run one word (``移民局``: ``移民 民局``),
and the run's last character alone, as Lucene's CJK analyzer indexes them; a query word of
theirs is the phrase of its pairs (:func:`paired_phrase`), and :func:`unpaired` gives a snippet
of the index's text back as the article's own.
"""

from __future__ import annotations

import re

__all__ = [
    "INDEX_BREAK", "PAIR_BREAK", "PARTED_RE", "RUN_END", "UNSPACED", "UNSPACED_RE", "joined",
    "length_in_words", "paired", "paired_phrase", "parted", "unpaired", "word_count",
]  # fmt: skip

# Hiragana, katakana (and their extension), the CJK ideographs (with extension A and the
# compatibility ones)
UNSPACED = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One scan: a character of those scripts alone, or a run of other word characters.
_COUNTED = re.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+")
_SPACED = re.compile(rf"[^\W{UNSPACED}]+")
_ASCII_WORDS = re.compile(r"\w+")  # _SPACED on ASCII text, matched faster
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
# In the paired text (schema 11), control characters too: between two pairs of one run, and
# before the run's last character written again alone.
PAIR_BREAK = "\x1e"
RUN_END = "\x1d"
# A run of those characters as parted: its pieces (a character; in Thai a letter, or the marks after one)
# with INDEX_BREAK (or, in a query, spaces) between them.
_PIECE = f"[{_PARTED}]+"
_PARTED_RUN = re.compile(f"{_PIECE}(?:{INDEX_BREAK}{_PIECE})+")
_QUERY_RUN = re.compile(rf"{_PIECE}(?:\s+{_PIECE})*")
_WORDY = re.compile(r"\w")


def word_count(text: str) -> int:
    """Number of words in ``text``; a Chinese or Japanese character is one word."""
    counted = _COUNTED_MARKED if _MARKS_RE.search(text) else _COUNTED
    return len(counted.findall(text))


def length_in_words(text: str) -> int:
    """The length of ``text`` in words: the runs of word characters of spaced scripts, and
    one word for each two characters (rounded up) of Chinese or Japanese."""
    if text.isascii():  # no marks, no Chinese or Japanese: the runs of word characters (most calls)
        return len(_ASCII_WORDS.findall(text))
    spaced = len((_SPACED_MARKED if _MARKS_RE.search(text) else _SPACED).findall(text))
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


def paired(text: str) -> str | None:
    """``text`` as the full-text index reads it from schema 11: each run of two or more Chinese,
    Japanese or Thai pieces (:func:`parted`) written as its overlapping pairs, then its last piece
    alone (``美国移民局称`` → ``美国␞国移␞移民␞民局␞局称␝称``), so that every piece starts a word of
    the index; a piece alone stays alone, and a Latin word run on to them is parted by
    :data:`INDEX_BREAK`. None when it has none of those characters."""
    cut = parted(text)
    if cut is None:
        return None
    return _PARTED_RUN.sub(lambda m: _pairs(m.group().split(INDEX_BREAK)), cut)


def _pairs(pieces: list[str]) -> str:
    return PAIR_BREAK.join(a + b for a, b in zip(pieces, pieces[1:], strict=False)) + RUN_END + pieces[-1]


def paired_phrase(body: str, star: str, followed: bool) -> tuple[str, str]:
    """The words of a query's phrase (``body``: pieces of those scripts parted by spaces, as
    ``parted(text, " ")`` gives them; ``star``: its prefix mark; ``followed``: another phrase
    joined to it follows) as the paired index reads them, and its prefix mark.

    A run of two or more pieces is the phrase of its pairs, found wherever its pieces stand in a
    row inside a run of the text (``移 民 局`` → ``移民 民局``); when a word follows it in the
    phrase, the run ends there in the text, so its last piece alone follows too (``美 国 ICE`` →
    ``美国 国 ICE``). A piece alone starts a word of the index wherever it stands: a prefix
    (``局`` → ``局``*), or that piece alone when a word follows it (``与 ICE``)."""
    out: list[str] = []
    last = 0
    for m in _QUERY_RUN.finditer(body):
        pieces = m.group().split()
        more = followed or _WORDY.search(body, m.end()) is not None
        if len(pieces) == 1:
            words = pieces[0]
            if not more and not star:
                star = "*"
        else:
            words = " ".join(a + b for a, b in zip(pieces, pieces[1:], strict=False))
            words += f" {pieces[-1]}" if more else ""
        out.append(body[last:m.start()] + words)
        last = m.end()
    return "".join(out) + body[last:], star


def unpaired(snippet: str, start: str, end: str, alone: frozenset[str] = frozenset()) -> str:
    """A snippet of the paired text (:func:`paired`, marks ``start``/``end`` around matches) as
    the article's own text: the pieces written twice (a pair's first, the run's last alone) and
    the breaks removed, and a match marked on the characters it covers, neighbouring matches as
    one. A pair that ends a match of a one-piece prefix (a piece of ``alone``: ``局``* finds
    ``局称``, ``ICE 与``* finds ``ICE 与科``) marks its first piece only."""
    if INDEX_BREAK not in snippet and PAIR_BREAK not in snippet and RUN_END not in snippet:
        return snippet
    chars: list[str] = []
    spans: list[int] = []  # the highlight each character is in; 0: none
    span = current = 0
    for ch in snippet:
        if ch == start:
            span += 1
            current = span
        elif ch == end:
            current = 0
        else:
            chars.append(ch)
            spans.append(current)
    text = "".join(chars)
    pairs = [(m.start(), m.end()) for m in re.finditer(_PIECE, text)
             if text[m.end():m.end() + 1] in (PAIR_BREAK, RUN_END)
             or text[m.start() - 1:m.start()] == PAIR_BREAK]
    if alone:
        last = {s: i for i, s in enumerate(spans) if s}  # where each highlight ends
        for a, b in pairs:
            first = _piece_end(text, a)
            if spans[a] and last[spans[a]] == b - 1 and text[a:first] in alone and first < b:
                spans[first:b] = [0] * (b - first)
    dropped = [False] * len(chars)
    for i, ch in enumerate(chars):
        if ch == INDEX_BREAK:
            dropped[i] = True
        elif ch in (PAIR_BREAK, RUN_END):
            dropped[i] = True
            k = _piece_end(text, i + 1) - (i + 1)  # the piece written twice
            for j in range(k):
                if i + 1 + j < len(chars) and i - k + j >= 0:
                    dropped[i + 1 + j] = True
                    if spans[i + 1 + j] and not spans[i - k + j]:
                        spans[i - k + j] = spans[i + 1 + j]
    out: list[str] = []
    marked = False
    for ch, s, gone in zip(chars, spans, dropped, strict=True):
        if gone:
            continue
        if bool(s) != marked:
            out.append(start if s else end)
            marked = bool(s)
        out.append(ch)
    if marked:
        out.append(end)
    return "".join(out)


def _piece_end(text: str, at: int) -> int:
    """Where the piece of those scripts starting at ``at`` ends, as :func:`parted` cuts: a letter
    alone, or the marks that follow one together."""
    if at >= len(text) or _WORDY.match(text, at):
        return min(at + 1, len(text))
    i = at + 1
    while i < len(text) and PARTED_RE.match(text, i) and not _WORDY.match(text, i):
        i += 1
    return i
