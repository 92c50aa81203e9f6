"""Topic prefilter: a necessary condition of a topic query, tested on a page's raw text.

Extraction is the crawl's dearest step, and on a narrow topic most pages cannot match. From a
parsed query, :func:`prefilter_for` derives a condition that every page the query matches
must meet, cheap to test on the page's decoded HTML before anything is extracted:

- a term needs each of its words (a phrase: every word; a prefix: its stem) to occur in the
  page as a substring, folded like the matcher folds (case and accents), or as written for
  an ``=`` (exact) term;
- ``a AND b`` needs both conditions, ``a OR b`` either; ``NOT`` never adds a requirement.

The condition is necessary, never sufficient: a page that passes is extracted and judged by
the real matcher (:mod:`newscrawl.judge.topics`); one that fails cannot match, whatever
extraction keeps. To be sure of that, the text searched is at least as permissive as the
matcher's (which matches Unicode word tokens of the extracted title and text):

- a substring test, not a token test, so tokenization never loses a hit;
- the raw page as decoded, and the same with HTML entities decoded (``&eacute;``,
  ``&#233;``), and that again with the tags removed, so a word split by inline tags
  (``IC<b>E</b>``) is whole; characters extraction drops (soft hyphens, zero-width spaces,
  controls) are removed from the last two;
- JSON ``\\uXXXX`` escapes (JSON-LD headlines) decoded, when the page has any.

The matcher does not stem, so neither does this. Nothing here imports Scrapy.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from newscrawl.judge.query import And, Node, Not, Or, Term, fold

__all__ = ["Prefilter", "prefilter_for"]

# A tag as an HTML parser reads one: '<' then a letter, '/', '!' or '?'.
_TAG_RE = re.compile(rb"<[/!?a-zA-Z][^>]*>?")
_ENTITY_RE = re.compile(r"&#?(\w+)")
_JSON_ESCAPE_RE = re.compile(
    r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})"
)
_ASCII_BYTES = bytes(range(128))
_WORDY_RE = re.compile(r"\w")
_WINDOW = 1000  # characters either side of a JSON escape that are decoded
_ASCII_DROPPED = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])  # controls but whitespace
_JAMO = ((0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF))


def _json_unescaped(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        if m.group(3):
            return chr(int(m.group(3), 16))
        high, low = int(m.group(1), 16), int(m.group(2), 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    return _JSON_ESCAPE_RE.sub(char, text)


def _dropped(c: str) -> bool:
    """trafilatura removes characters that are neither printable nor whitespace from text."""
    return not (c.isprintable() or c.isspace())


def _json_decoded_windows(text: str) -> str:
    """The neighbourhoods of the page's ``\\uXXXX`` escapes, decoded (a word near one is whole)."""
    spans: list[list[int]] = []
    for m in _JSON_ESCAPE_RE.finditer(text):
        lo, hi = max(0, m.start() - _WINDOW), m.end() + _WINDOW
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    return "\n".join(_json_unescaped(text[lo:hi]) for lo, hi in spans)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _non_ascii(data: bytes) -> set[str]:
    """The distinct non-ASCII characters of UTF-8 ``data`` (no ASCII byte is part of one)."""
    return set(_text(data.translate(None, _ASCII_BYTES)))


def page_variants(text: str) -> bytes:
    """The page's text in every form the prefilter searches, as UTF-8, joined by newlines.

    The entity-decoded page (with the neighbourhoods of JSON escapes decoded too, if it has
    any), the names of its entities (an entity the HTML parser leaves as written gives its
    name as a word), and the decoded page without tags; without the characters extraction
    drops. Done on UTF-8 bytes, where deleting and replacing characters is fastest.
    """
    if "\\u" in text:
        text += "\n" + _json_decoded_windows(text)
    names = "\n".join(_ENTITY_RE.findall(text)) if "&" in text else ""
    data = _bytes(html.unescape(text) if "&" in text else text).translate(None, _ASCII_DROPPED)
    if not data.isascii():
        dropped = [c for c in _non_ascii(data) if _dropped(c)]
        if dropped:
            data = _replace(data, dict.fromkeys(map(_bytes, dropped), b""))
    return b"\n".join((data, _bytes(names), _TAG_RE.sub(b"", data)))


_MISSING = object()
_CHAR_FOLDS: dict[str, str | None] = {}


def _char_fold(c: str) -> str | None:
    """``fold(c)``, or None when folding ``c`` may depend on its neighbours (combining marks,
    conjoining jamo) or folding twice would differ: then only folding the whole text is right."""
    found = _CHAR_FOLDS.get(c, _MISSING)
    if found is _MISSING:
        found = fold(c)
        if fold(found) != found or any(
            unicodedata.category(x)[0] == "M" or any(lo <= ord(x) <= hi for lo, hi in _JAMO)
            for x in c + found
        ):
            found = None
        if len(_CHAR_FOLDS) < 100_000:
            _CHAR_FOLDS[c] = found
    return found  # type: ignore[return-value]


def fold_page(data: bytes, needed: frozenset[str] | None = None) -> bytes:
    """``fold`` (:func:`newscrawl.judge.query.fold`) of UTF-8 text, as UTF-8, faster on a long
    page: its distinct non-ASCII characters are folded one by one, the ASCII ones lowered.

    With ``needed`` (the characters of the folded words searched for), a character is only
    replaced by its fold when that fold has one of them: a found word that overlapped the
    fold of any other character would contain one of that fold's characters, so such a
    character, left as it is, cannot take a word away (or, being no character of the words,
    add one)."""
    if data.isascii():
        return data.lower()
    mapping = {}
    for c in _non_ascii(data):
        folded = _char_fold(c)
        if folded is None:
            return _bytes(fold(_text(data)))
        if folded == c or not _WORDY_RE.search(c + folded):  # a needle is made of word characters
            continue
        if needed is None or not needed.isdisjoint(folded):
            mapping[_bytes(c)] = _bytes(folded)
    return _replace(data, mapping).lower()


def _replace(data: bytes, mapping: dict[bytes, bytes]) -> bytes:
    """``data`` with every key of ``mapping`` replaced by its value, in one pass."""
    if not mapping:
        return data
    if len(mapping) <= 4:  # a few searches for fixed bytes are quicker than one regex
        for old, new in mapping.items():  # (a key is a whole character: none overlap)
            data = data.replace(old, new)
        return data
    pattern = re.compile(b"|".join(map(re.escape, mapping)))
    return pattern.sub(lambda m: mapping[m.group()], data)


# --------------------------------------------------------------------------- the condition

Needle = tuple[str, bool]  # (substring, exact)


@dataclass(frozen=True)
class _All:
    parts: tuple[Cond, ...]


@dataclass(frozen=True)
class _Any:
    parts: tuple[Cond, ...]


Cond = Needle | _All | _Any | None  # None: no requirement (always true)


def _condition(node: Node) -> Cond:
    if isinstance(node, Term):
        needles = tuple(dict.fromkeys((tok, node.exact) for tok, _ in node.parts))
        return needles[0] if len(needles) == 1 else _All(needles)
    if isinstance(node, Not):
        return None
    parts = [_condition(child) for child in node.children]
    if isinstance(node, And):
        kept = tuple(p for p in parts if p is not None)
        return None if not kept else kept[0] if len(kept) == 1 else _All(kept)
    assert isinstance(node, Or)
    if any(p is None for p in parts):
        return None
    return parts[0] if len(parts) == 1 else _Any(tuple(parts))


def _needles(cond: Cond) -> list[Needle]:
    if cond is None:
        return []
    if isinstance(cond, tuple):
        return [cond]
    return [n for part in cond.parts for n in _needles(part)]


@dataclass(frozen=True)
class Prefilter:
    """The necessary condition of one query. ``passes(page_text)`` is False only for pages
    the query cannot match. Build it with :func:`prefilter_for`; it pickles."""

    condition: Cond

    @property
    def needles(self) -> tuple[Needle, ...]:
        return tuple(dict.fromkeys(_needles(self.condition)))

    @property
    def _needed(self) -> frozenset[str]:
        """The characters of the folded words (what :func:`fold_page` must bring out)."""
        return frozenset("".join(s for s, exact in self.needles if not exact))

    def passes(self, page_text: str) -> bool:
        """Whether a page with this decoded HTML (or plain text) may match the query."""
        if self.condition is None:
            return True
        needles = self.needles
        if self._quick_pass(page_text, needles):
            return True
        data = page_variants(page_text)
        folded = fold_page(data, self._needed) if any(not exact for _, exact in needles) else b""
        exact = b""
        if any(e for _, e in needles):
            text = _text(data)
            if not unicodedata.is_normalized("NFC", text):
                data = _bytes(unicodedata.normalize("NFC", text))
            exact = data
        found = {(s, e): _bytes(s) in (exact if e else folded) for s, e in needles}
        return _holds(self.condition, found)

    def _quick_pass(self, page_text: str, needles: tuple[Needle, ...]) -> bool:
        """The condition holds on the page as it is (its ASCII letters lowered for folded
        words): then it holds. Only a page that fails here needs the slower, more permissive
        forms. Passing a page is always safe, so this only has to be quick: UTF-8 bytes,
        where lowering is a table look-up (``str.lower`` of a non-ASCII page costs 4x more)."""
        data = _bytes(page_text)
        lowered = data.lower() if any(not e for _, e in needles) else b""
        found = {(s, e): _bytes(s) in (data if e else lowered) for s, e in needles}
        return _holds(self.condition, found)

    def describe(self) -> str:
        """The condition in words, for logs and reasons."""
        return _show(self.condition)


def _holds(cond: Cond, found: dict[Needle, bool]) -> bool:
    if cond is None:
        return True
    if isinstance(cond, tuple):
        return found[cond]
    if isinstance(cond, _All):
        return all(_holds(p, found) for p in cond.parts)
    return any(_holds(p, found) for p in cond.parts)


def _show(cond: Cond) -> str:
    if cond is None:
        return "anything"
    if isinstance(cond, tuple):
        return ("=" if cond[1] else "") + repr(cond[0])
    joiner = " and " if isinstance(cond, _All) else " or "
    return "(" + joiner.join(_show(p) for p in cond.parts) + ")"


def prefilter_for(root: Node) -> Prefilter:
    """The prefilter of a parsed query tree (``Query.root``)."""
    return Prefilter(_condition(root))
