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
- the full forms (:func:`page_variants`): the raw page as decoded, and the same with HTML
  entities decoded (``&eacute;``, ``&#233;``), and that again with the tags removed, so a
  word split by inline tags (``IC<b>E</b>``) is whole; characters extraction drops (soft
  hyphens, zero-width spaces, controls) are removed from the last two; and the same for
  the neighbourhoods of JSON ``\\uXXXX`` escapes (JSON-LD headlines) decoded, when the page
  has any (no window starts inside a tag or ends inside an entity's name).

Cost. Most pages are turned away, so what a turned-away page costs is what counts (on the
181 pages of the article-extraction corpus, 174 KB each on average, ``bench/prefilter.py``).
Building the full forms of a whole page costs several passes with a Python call per entity
(``html.unescape``), so :meth:`Prefilter.passes` first reads the page as it is
(:class:`_Absent`): a word found there is found, and a word is *proved absent* from every
form when nothing on the page can join a proper prefix of it to the rest (a tag, an entity,
an escape, a dropped or non-ASCII character right after the prefix, followed on to see
whether the form goes on with the word) and nothing that gives its first letter starts it.
The places of the words of one first letter are found at once by walking their trie over
the page with numpy (:func:`_prefix_places`, no lowered copy of the page), and the words
waiting at a place are followed on together (:meth:`_Absent._joining`). Most words on most
turned-away pages are proved absent so (a property test checks every proof against the full
forms), and such a page is turned away without building any form. The words left open are then
searched in the *light forms*, which find every word the full forms find (a property test
checks it against :meth:`Prefilter.passes_full`):

- nearly every entity and escape on a real page decodes to a character that cannot be part
  of a word searched for and opens or closes no tag (``&amp;``, ``&#8217;``, ``\\u002F``);
  left as written, such a construct separates words exactly as its character would. Which
  distinct ones may *hide* a word (:meth:`Prefilter._hiding`: a character of a word,
  folded or exact, a dropped one, ``<`` or ``>``; for an escape also a letter, digit,
  ``&``, ``#`` or ``;``, which may make an entity) is found on the bytes in one pass each;
- those, the few characters whose folding matters (``é`` for a word with ``e``), marks and
  jamo (folded with their neighbours) and an entity or escape right after ``<`` (it may open
  a tag) are decoded only in the stretches around them (:func:`_regions`): from just after
  a ``>`` (where every tag has ended) to just after one, with at least the longest word's
  length of text shown on either side, so a word that reaches one lies inside its stretch;
- the rest of the page is searched without tags, and without dropped characters when it
  has any: two passes (strip, search) where the full forms took a dozen.

A page with more than :data:`_FEW` characters that fold with their neighbours (a Hindi or
Arabic page) gets the full forms.

The matcher does not stem, so neither does this. Nothing here imports Scrapy.
"""

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from newscrawl.judge.query import And, Node, Not, Or, Term, fold

__all__ = ["Prefilter", "prefilter_for"]

# A tag as an HTML parser reads one: '<' then a letter, '/', '!' or '?'.
_TAG_RE = re.compile(rb"<[/!?a-zA-Z][^>]*>?")
_ENTITY_RE = re.compile(r"&#?(\w+)")
_ENTITY_NAME_RE = re.compile(r"&#?[xX]?[0-9a-zA-Z]*;?")  # the part of an entity that picks its character
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


def _json_windows(text: str) -> list[list[int]]:
    """The spans of ``text`` around its ``\\uXXXX`` escapes (overlapping ones merged), each
    widened to start just after a ``>`` if a tag may be open where it starts, and to end just
    after one if it ends inside an entity's name or number: so a window is read as the page
    reads it, never from inside a tag or with an entity cut short."""
    spans: list[list[int]] = []
    for m in _JSON_ESCAPE_RE.finditer(text):
        lo, hi = max(0, m.start() - _WINDOW), m.end() + _WINDOW
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    for span in spans:
        lo, hi = span
        after = text.rfind(">", 0, lo) + 1
        if "<" in text[after:lo] or "&" in text[after:lo]:  # a tag may be open at lo
            span[0] = after
        amp = text.rfind("&", lo, hi)
        if hi < len(text) and amp >= 0 and _ENTITY_NAME_RE.match(text, amp).end() >= hi:  # type: ignore[union-attr]
            end = text.find(">", hi)  # (cut inside an entity's name it would decode to another)
            span[1] = len(text) if end < 0 else end + 1
    return spans


def _json_decoded_windows(text: str) -> str:
    """The neighbourhoods of the page's ``\\uXXXX`` escapes, decoded (a word near one is whole)."""
    return "\n".join(_json_unescaped(text[lo:hi]) for lo, hi in _json_windows(text))


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _non_ascii(data: bytes) -> set[str]:
    """The distinct non-ASCII characters of UTF-8 ``data`` (no ASCII byte is part of one)."""
    return set(_text(_high_bytes(data)))


def _high_bytes(data: bytes) -> bytes:
    """``data`` without its ASCII bytes: picked out with numpy, twice as fast as deleting them
    (``bytes.translate``) on a page that is mostly ASCII. numpy is imported here, not with the
    module: the crawl's own process imports this one and never loads numpy (it is in the
    extraction workers, :mod:`newscrawl.judge.dedup`)."""
    import numpy as np

    page = np.frombuffer(data, np.uint8)
    return page[page >= 0x80].tobytes()


def page_variants(text: str) -> bytes:
    """The page's text in every form the prefilter searches, as UTF-8, joined by newlines.

    For the page, and for each neighbourhood of its JSON escapes decoded (if it has any), each
    a piece by itself: the entity-decoded piece, the names of its entities (an entity the HTML
    parser leaves as written gives its name as a word), and the decoded piece without tags;
    without the characters extraction drops. Done on UTF-8 bytes, where deleting and replacing
    characters is fastest.
    """
    pieces = [text]
    if "\\u" in text:
        pieces.extend(_json_unescaped(text[lo:hi]) for lo, hi in _json_windows(text))
    return b"\n".join(map(_piece_forms, pieces))


def _piece_forms(text: str) -> bytes:
    """The forms of one piece of text (see :func:`page_variants`)."""
    names = "\n".join(_ENTITY_RE.findall(text)) if "&" in text else ""
    data = _visible(_bytes(html.unescape(text) if "&" in text else text))
    return b"\n".join((data, _bytes(names), _TAG_RE.sub(b"", data)))


def _visible(data: bytes) -> bytes:
    """UTF-8 ``data`` without the characters extraction drops."""
    data = data.translate(None, _ASCII_DROPPED)
    if not data.isascii():
        dropped = [c for c in _non_ascii(data) if _dropped(c)]
        if dropped:
            data = _replace(data, dict.fromkeys(map(_bytes, dropped), b""))
    return data


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
    mapping = _fold_mapping(_non_ascii(data), needed)
    return _bytes(fold(_text(data))) if mapping is None else _replace(data, mapping).lower()


def _fold_mapping(chars: Iterable[str], needed: frozenset[str] | None) -> dict[bytes, bytes] | None:
    """What :func:`fold_page` replaces in a text with these non-ASCII characters (None: fold it
    whole)."""
    mapping = {}
    for c in chars:
        folded = _char_fold(c)
        if folded is None:
            return None
        if folded == c or not _WORDY_RE.search(c + folded):  # a needle is made of word characters
            continue
        if needed is None or not needed.isdisjoint(folded):
            mapping[_bytes(c)] = _bytes(folded)
    return mapping


def _replace(data: bytes, mapping: dict[bytes, bytes]) -> bytes:
    """``data`` with every key of ``mapping`` replaced by its value, in one pass."""
    if not mapping:
        return data
    if len(mapping) <= 4:  # a few searches for fixed bytes are quicker than one regex
        for old, new in mapping.items():  # (a key is a whole character: none overlap)
            data = data.replace(old, new)
        return data
    pattern = re.compile(b"|".join(map(re.escape, mapping)))
    values = set(mapping.values())
    if len(values) == 1:  # (deleting: no call back per hit)
        return pattern.sub(values.pop().replace(b"\\", b"\\\\"), data)
    return pattern.sub(lambda m: mapping[m.group()], data)


# --------------------------------------------------------------------------- the light forms

# html.unescape's own pattern: every '&' starts one match, found the same wherever it stands.
_CHARREF_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


_CHARREF_BYTES_RE = re.compile(_CHARREF_RE.pattern.encode())
_ESCAPE_BYTES_RE = re.compile(rb"\\u[0-9a-fA-F]{4}")
_FEW_MAKERS = 256  # places a word's first letter may be given at that are followed, at most
_FEW = 64  # at most this many characters to fold are folded in the stretches around them
_KEPT_ASCII = bytes(b for b in range(128) if b not in _ASCII_DROPPED)
_HIGH_BYTES = bytes(range(128, 256))


def _distinct(pattern: re.Pattern[bytes], data: bytes) -> set[str]:
    """The distinct matches of ``pattern`` in UTF-8 ``data``, as text (a cut character replaced)."""
    return {m.decode("utf-8", "replace") for m in set(pattern.findall(data))}


def _json_char(groups: tuple[str, str, str]) -> tuple[str, str]:
    """An escape as written and its character, from the groups of a JSON escape match."""
    high, low, single = groups
    written = f"\\u{high}\\u{low}" if high else f"\\u{single}"
    return written, _json_unescaped(written)


def _nfc_stable(c: str) -> bool:
    """Whether ``c`` is the same in NFC whatever its neighbours (not a mark or a jamo)."""
    return c.isascii() or (_char_fold(c) is not None and unicodedata.normalize("NFC", c) == c)


def _shown(text: str) -> int:
    """How many characters a stretch that starts outside a tag shows at most (decoded, without
    tags or dropped characters): a word searched for that crosses it has more than that many."""
    if "\\u" in text:
        text = _json_unescaped(text)
    return len(_text(_TAG_RE.sub(b"", _visible(_bytes(html.unescape(text))))))


def _regions(text: str, start: int, end: int, spans: list[tuple[int, int]], longest: int) -> list[list[int]]:
    """Stretches of ``text[start:end]`` around ``spans`` (constructs that decode to something
    that could make a word or move a tag's end), each from just after a ``>`` (or ``start``)
    to just after one (or ``end``), with at least ``longest`` characters shown on either side
    of the construct and of the first ``>`` after it.

    Just after a ``>`` every tag has ended, whatever came before (a tag ends at the first
    ``>``), so a stretch's forms read by themselves are the page's forms there (and the shown
    characters of consecutive stretches add up); a word that reaches a construct, or the
    text whose tags it moved, lies inside the construct's stretch."""
    regions: list[list[int]] = []
    synced, last = -2, -1  # the first '>' after the last construct seen, and that one's end
    for lo, hi in sorted(spans):
        if hi >= last and (synced == -1 or hi <= synced):
            continue  # the same first '>' after it (or none): the stretch already reaches past it
        gt = text.find(">", hi, end)
        if regions and lo < regions[-1][1]:
            if gt == synced:
                continue
        else:
            left, shown, gt_left = start, 0, lo
            while True:
                before = text.rfind(">", start, gt_left)
                if before < 0:
                    left = start
                    break
                shown += _shown(text[before + 1 : gt_left])
                left, gt_left = before + 1, before
                if shown >= longest:
                    break
            regions.append([left, left])
        synced, last = gt, hi
        right, shown = end if gt < 0 else gt + 1, 0
        while right < end and shown < longest:
            nxt = text.find(">", right, end)
            shown += _shown(text[right : end if nxt < 0 else nxt + 1])
            right = end if nxt < 0 else nxt + 1
        regions[-1][1] = max(regions[-1][1], right)
    return regions


def _spans_of(text: str, written: set[str]) -> list[tuple[int, int]]:
    """Where the strings ``written`` occur in ``text`` (each looked for by itself: fixed
    strings are found faster than by one regex of them all)."""
    spans = []
    for string in written:
        at = text.find(string)
        while at >= 0:
            spans.append((at, at + len(string)))
            at = text.find(string, at + 1)
    return spans


# --------------------------------------------------------------------------- the proof of absence

_JSON_ESCAPE_BYTES_RE = re.compile(_JSON_ESCAPE_RE.pattern.encode())
_AMP_ESCAPE_RE = re.compile(rb"\\u0026[#0-9a-zA-Z]*;?")  # an escaped '&' and the entity it may start
_WORD_BYTES = frozenset(b"0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_GAP_BYTES = frozenset(_ASCII_DROPPED)
_ENTITY_MAKING = frozenset("#;0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_BREAK_BYTES = frozenset(b"<&\\" + _ASCII_DROPPED + _HIGH_BYTES)
_MADE: dict[str, frozenset[str]] = {}
_TAG_START = frozenset(b"/!?abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TAG_START_TEXT = frozenset(map(chr, _TAG_START))
_MADE_TAG_END_RE = re.compile(rb">|&|\\u[0-9a-fA-F]{4}")


def _made(decoded: str) -> frozenset[str]:
    """The ASCII word characters that ``decoded`` (a construct's decoding, or a non-ASCII
    character) may give in any form: as it is, in NFD (what NFC composes from), in NFKD,
    casefolded and folded. Each of these is done character by character but for the marks'
    order and NFC's composing, which make no ASCII character, so a character of the page's
    forms that is ASCII and not a raw ASCII character of the page comes from one of these."""
    found = _MADE.get(decoded)
    if found is None:
        nfkd = unicodedata.normalize("NFKD", decoded)
        every = decoded + unicodedata.normalize("NFD", decoded) + nfkd + nfkd.casefold() + fold(decoded)
        found = frozenset(c for c in every if c.isascii() and ord(c) in _WORD_BYTES)
        if len(_MADE) < 100_000:
            _MADE[decoded] = found
    return found


class _Absent:
    """What the page as it is says of each ASCII word: found in it (lowered for a folded word),
    proved to be in none of its forms, or neither (the light forms decide).

    Take an occurrence of the word ``w`` in some form (:func:`page_variants`: JSON escapes
    decoded in windows, entities decoded, dropped characters and tags removed, then folded or
    NFC'd). Each of its characters is either a raw ASCII character of the page or given by a
    *construct*: an entity, an escape (or an escaped ``&`` and the entity it starts), a
    non-ASCII character. Between two of them the forms may have removed a *gap*: a tag, a
    dropped character, a construct that gives nothing. Read the occurrence from its start:

    - its first character is given by a construct, which may give ``w[0]`` (:func:`_made`):
      :meth:`_provable` follows the page on from each place such a construct stands;
    - or it starts with raw characters ``w[:k]``, ``k >= 1``. If no gap or construct came
      between them and the rest, the raw page has ``w`` (found). Else the first one stands
      right after a proper prefix ``w[:k]``: a tag (``<``), ``&``, ``\\u``, a dropped
      control or a non-ASCII byte. :func:`_prefix_places` finds every such place for the
      words of one first letter at once, and :meth:`_joins` follows the page on from it.

    Following the page on is exact where it can be: at each point there is one way the form
    goes on (a raw character, a tag skipped to its ``>``, what a construct becomes in the form:
    :func:`_form_of`), and it must go on with the rest of the word; where it is not sure
    which way (a ``<`` a construct may turn into a tag's start, a tag that holds an entity
    or escape for ``>``, a mark), it answers "may join". A word with no place that may join
    is in no form. A page with an escape that gives ``#``, ``;``, a letter or a digit (it may
    complete an entity) gets no proof: its words are only looked for.
    """

    def __init__(self, data: bytes, needles: Iterable[Needle]) -> None:
        self.data = data
        self.needles = tuple(needles)
        self.seen: dict[Needle, bool | None] = {}
        self._makers: dict[str, list[bytes]] | None = None
        self._no_proof = False
        self.gt_made = False

    def _page(self) -> dict[str, list[bytes]] | None:
        """The page's constructs as written, by the ASCII word characters each may give
        (:func:`_made`); None: no proof on this page (an escape may complete an entity)."""
        if self._makers is None and not self._no_proof:
            data = self.data
            written: dict[bytes, str] = {}
            if not data.isascii():  # (most non-ASCII characters give no ASCII letter: left out at once)
                written.update((_bytes(c), c) for c in _non_ascii(data) if _made(c))
            if b"&" in data:
                written.update((e, _entity(e)[0]) for e in set(_CHARREF_BYTES_RE.findall(data)))
            if b"\\" in data:  # (one byte is found at once; "\\u" is found slower than by the regex)
                escapes = {e: _escape_decoded(e) for e in set(_JSON_ESCAPE_BYTES_RE.findall(data))}
                if any(not _ENTITY_MAKING.isdisjoint(c) for c in escapes.values()):
                    self._no_proof = True
                    return None
                written.update((b"".join(b"\\u" + g for g in e if g), c) for e, c in escapes.items())
                if (b"", b"", b"0026") in escapes:  # the page has "\\u0026" (no match can swallow one)
                    written.update((e, _entity(b"&" + e[6:])[0]) for e in set(_AMP_ESCAPE_RE.findall(data)))
            self.gt_made = any(">" in d for d in written.values())
            makers: dict[str, list[bytes]] = {}
            for text, decoded in written.items():
                for c in _made(decoded):
                    makers.setdefault(c, []).append(text)
            self._makers = makers
        return self._makers

    @cached_property
    def lowered(self) -> bytes:
        """The page with its ASCII letters lowered (made only for a folded word that is not
        ASCII: the ASCII ones are looked for on the page as it is, lowered byte by byte)."""
        return self.data.lower()

    def look(self, needle: Needle) -> bool | None:
        """True if the word is in the page as it is (lowered for a folded word), False if it
        is proved to be in none of its forms, None if neither. The words of the page's needles
        with the same first letter are looked for together."""
        found = self.seen.get(needle, _MISSING)
        if found is _MISSING:
            word, exact = needle
            if not word.isascii():
                self.seen[needle] = True if _bytes(word) in (self.data if exact else self.lowered) else None
            else:
                group = [n for n in self.needles if n[1] == exact and n not in self.seen
                         and n[0][:1] == word[0] and n[0].isascii()]
                self._look_for(group, exact)
            found = self.seen[needle]
        return found  # type: ignore[return-value]

    def proves(self, needle: Needle) -> bool:
        """Whether the word is proved to be in none of the page's forms (and not in the page)."""
        return self.look(needle) is False

    def _provable(self, word: bytes, exact: bool) -> bool:
        """Whether the word may be proved absent on this page: no construct that may give its
        first letter starts it there (followed from each place one stands, at most
        :data:`_FEW_MAKERS` of them), no escape may complete an entity."""
        makers = self._page()
        if makers is None:
            return False
        places = 0
        for text in makers.get(chr(word[0]), ()):
            at = self.data.find(text)
            while at >= 0:
                places += 1
                if places > _FEW_MAKERS or self._joins(at, word, 0, exact, first=True):
                    return False
                at = self.data.find(text, at + 1)
        return True

    def _look_for(self, group: list[Needle], exact: bool) -> None:
        """Settle words with one first letter: a word found in the page as it is (lowered for
        folded words) is found; each place where a proper prefix of some is followed by a byte
        that may start a gap or a construct (:func:`_prefix_places`) is followed on
        (:meth:`_joins`: whether it joins the prefix to the rest of a word not found). A word
        neither found nor joined is proved absent if no construct that may give its first
        letter starts it (:meth:`_provable`); on a page with no proof it stays open."""
        words = {_bytes(n[0]): n for n in group}
        found, places = _prefix_places(self.data, tuple(sorted(words)), exact)
        open_ = [w for w in words if w not in found]
        joined: set[bytes] = set()
        if open_ and places and self._page() is not None:  # (``_page`` first: ``_joins`` reads gt_made)
            for prefix, where in places:
                waiting = [w for w in open_ if w not in joined and w.startswith(prefix)]
                for at in where if waiting else ():
                    joined.update(self._joining(at + len(prefix), waiting, len(prefix), exact))
                    waiting = [w for w in waiting if w not in joined]
                    if not waiting:
                        break
        for word, needle in words.items():
            if word in found:
                self.seen[needle] = True
            elif word in joined or not self._provable(word, exact):  # (no proof: not provable)
                self.seen[needle] = None
            else:
                self.seen[needle] = False

    def _joins(self, at: int, word: bytes, k: int, exact: bool, first: bool = False) -> bool:
        """Whether what stands at ``at``, just after the prefix ``word[:k]``, may join it to the
        rest of the word in some form (:meth:`_joining`)."""
        return bool(self._joining(at, [word], k, exact, first))

    def _joining(  # noqa: C901 - one walk along the page, a branch for each kind of thing met
        self, at: int, words: list[bytes], k: int, exact: bool, first: bool = False
    ) -> list[bytes]:
        """Which of ``words`` (all with the prefix ``words[0][:k]``) what stands at ``at``, just
        after that prefix, may join to the rest of the word in some form. The one way the form
        can go on is followed: a tag (or one opened by an escaped or entity ``<``) is skipped,
        raw characters must go on with the word, and so must what a construct becomes in the
        form (:func:`_form_of`; a gap becomes nothing); where that is not sure, the answer is
        yes. Raw characters are compared as written for an exact word, lowered (ASCII) for a
        folded one.

        The words are followed together: those still going have read the same characters, so
        the walk is the same for each but where a character or a form is compared with the rest
        of the word (a word that differs there drops out, one that ends there joins); the
        answer for each is what a walk for it alone would give."""
        raw = self.data
        lower = _NO_CHANGE if exact else _LOWER
        going, joined = words, []
        while at < len(raw):
            b = raw[at]
            same = [w for w in going if lower[b] == w[k]]
            if same and len(same) < len(going) and b in _BREAK_BYTES:  # (never in a needle's word)
                return joined + [w for w in going if self._joining(at, [w], k, exact, first)]
            if same:  # (a word's character: no branch below is for it, so the others fail)
                k, at = k + 1, at + 1
                joined += [w for w in same if len(w) == k]
                going = [w for w in same if len(w) > k]
                if not going:
                    return joined
                continue
            if b == 0x3C:  # '<'
                tag = _TAG_RE.match(raw, at)
                if tag is None:  # not a tag, unless what follows is decoded or dropped first
                    return joined + going if _may_start_tag(raw, at + 1) else joined
                if self.gt_made and _may_end_early(tag.group()):
                    return joined + going
                if not tag.group().endswith(b">"):
                    return joined
                at = tag.end()
                continue
            if b == 0x26:  # '&'
                entity = _CHARREF_BYTES_RE.match(raw, at)
                if entity is None:
                    return joined
                decoded, length = _entity(entity.group())
                end = at + length
            elif b == 0x5C:  # '\\'
                escape = _JSON_ESCAPE_BYTES_RE.match(raw, at)
                if escape is None:
                    return joined
                decoded, end = _escape_decoded(escape.groups(b"")), escape.end()
                if decoded == "&":
                    amp = _AMP_ESCAPE_RE.match(raw, at)
                    if amp is not None and len(amp.group()) > 6:
                        decoded, length = _entity(b"&" + amp.group()[6:])
                        end = at + 5 + length
            elif b in _GAP_BYTES:
                decoded, end = "", at + 1
            elif b >= 0x80:
                end = at + 1
                while end < len(raw) and 0x80 <= raw[end] < 0xC0:
                    end += 1
                decoded = raw[at:end].decode("utf-8", "surrogatepass")
            else:
                return joined
            if decoded == "<":  # a tag opened by a construct (in a window, for an escape)
                tag_end = _made_tag_end(raw, end, escaped=b == 0x5C)
                if tag_end is None:
                    return joined
                if tag_end < 0:
                    return joined + going
                at = tag_end
                continue
            form = _form_of(decoded, exact)
            if form is None:
                return joined + going
            if first and len(form) > 1:  # (the word may start anywhere in it)
                tails = [form[cut:] for cut in range(len(form))]
                return joined + [w for w in going if any(
                    w[k:].decode().startswith(tail) or tail.startswith(w[k:].decode()) for tail in tails)]
            first = False
            same = []
            for w in going:
                rest = w[k:].decode()
                if rest.startswith(form):
                    (joined if k + len(form) == len(w) else same).append(w)
                elif form and form.startswith(rest):  # (the word ends inside it)
                    joined.append(w)
            if not same:
                return joined
            going, k, at = same, k + len(form), end
        return joined


def _form_of(decoded: str, exact: bool) -> str | None:
    """What a construct that decodes to ``decoded`` becomes in the forms searched for a word,
    read by itself: without dropped characters, folded (for a folded word) or as it is (for an
    exact word). None where that depends on its neighbours: a ``<`` (it may open a tag), a
    mark or jamo, a character that NFC changes."""
    kept = [c for c in decoded if not _dropped(c)]
    if any(c == "<" or not _nfc_stable(c) for c in kept):
        return None
    if exact:
        return "".join(kept)
    folds = [_char_fold(c) for c in kept]
    return None if None in folds else "".join(folds)  # type: ignore[arg-type]


def _made_tag_end(page: bytes, at: int, escaped: bool) -> int | None:
    """Where a tag opened by a ``<`` that a construct gave (ending at ``at``) ends: None if
    it is no tag (what follows cannot open one, so the ``<`` stays a character), -1 if that
    is not sure (what follows is decoded first, the tag holds an entity that may give a
    ``>`` or an escape for ``&``, or never ends); else just after its ``>``.
    An ``escaped`` ``<`` (``\\u003c``) opens a tag only in a window, where escapes are
    decoded; an entity's in every piece, so there an escape in the tag makes it unsure (a
    window ends the tag at ``\\u003e``, the page as it is does not)."""
    if at >= len(page):
        return None
    pos = at
    if page[at] not in _TAG_START:
        escape = _JSON_ESCAPE_BYTES_RE.match(page, at) if escaped and page[at] == 0x5C else None
        if escape is None or _escape_decoded(escape.groups(b"")) not in _TAG_START_TEXT:
            return -1 if _may_start_tag(page, at) else None
        pos = escape.end()  # (``\u002f``: a tag's '/' in a window)
    while (close := _MADE_TAG_END_RE.search(page, pos)) is not None:
        text = close.group()
        if text == b">":
            return close.end()
        if text.startswith(b"&"):
            entity = _CHARREF_BYTES_RE.match(page, close.start())
            if entity is not None and ">" in _entity(entity.group())[0]:
                return -1
            pos = close.start() + 1
            continue
        if not escaped:
            return -1
        decoded = _escape_decoded(_JSON_ESCAPE_BYTES_RE.match(page, close.start()).groups(b""))  # type: ignore[union-attr]
        if decoded == ">":
            return close.end()
        if decoded == "&":  # (it may start an entity for '>')
            return -1
        pos = close.end()  # (``\\u002F`` in a URL: the tag goes on)
    return -1


def _may_start_tag(page: bytes, at: int) -> bool:
    """Whether a ``<`` followed by what stands at ``at`` may open a tag in some form: a tag's
    first character, or something decoded or dropped before tags are removed."""
    if at >= len(page):
        return False
    b = page[at]
    return (b in _TAG_START or b == 0x26 or b >= 0x80 or b in _GAP_BYTES
            or (b == 0x5C and _JSON_ESCAPE_BYTES_RE.match(page, at) is not None))


def _may_end_early(tag: bytes) -> bool:
    """Whether a tag as written holds a construct that may give a ``>`` (ending it early)."""
    if b"&" in tag and any(">" in _entity_decoded(e) for e in _CHARREF_BYTES_RE.findall(tag)):
        return True
    return b"\\u" in tag and any(
        _escape_decoded(e) in "&>" for e in _JSON_ESCAPE_BYTES_RE.findall(tag)  # ('&': it may start one)
    )


@functools.lru_cache(maxsize=4096)
def _escape_decoded(groups: tuple[bytes, ...]) -> str:
    """The character of a JSON escape, from the groups of a bytes match of it."""
    high, low, single = (g.decode() for g in groups)
    return _json_char((high, low, single))[1]


_ENTITY: dict[bytes, tuple[str, int]] = {}


def _entity(written: bytes) -> tuple[str, int]:
    """What ``html.unescape`` puts in place of an entity as written, and how many bytes of it
    that replaces: ``&`` and 1 if it leaves it as it is (``&c.x``); of a name it reads only
    the start of, that start (``&ampx`` gives ``&`` for ``&amp``, then ``x`` as written).
    Remembered: the same ones recur."""
    found = _ENTITY.get(written)
    if found is None:
        text = written.decode("utf-8", "replace")
        decoded, name = html.unescape(text), text[1:]
        if decoded == text:
            found = ("&", 1)
        elif name.startswith("#") or name in html.entities.html5:
            found = (decoded, len(written))
        else:
            x = next(x for x in range(len(name) - 1, 1, -1) if name[:x] in html.entities.html5)
            found = (html.entities.html5[name[:x]], 1 + x)  # (a name is ASCII: bytes = characters)
        if len(_ENTITY) < 10_000:
            _ENTITY[written] = found
    return found


def _entity_decoded(written: bytes) -> str:
    return _entity(written)[0]


_NO_CHANGE = bytes(range(256))
_LOWER = _NO_CHANGE.lower()


# What the trie walk reads a byte after a prefix as, for exact and for folded words: 0 for a byte
# that may start a gap or a construct (:data:`_BREAK_BYTES`, none of them a word's), else the
# byte (lowered for folded words, as ``bytes.lower`` does).
_EXACT_CODES = bytes(0 if b in _BREAK_BYTES else b for b in range(256))
_FOLDED_CODES = bytes(0 if b in _BREAK_BYTES else _LOWER[b] for b in range(256))


@functools.cache
def _tables():  # noqa: ANN202 - numpy and its lookup tables
    """numpy, and :data:`_EXACT_CODES` and :data:`_FOLDED_CODES` as its arrays. numpy is imported
    here, not with the module (see :func:`_high_bytes`)."""
    import numpy as np

    return np, np.frombuffer(_EXACT_CODES, dtype=np.uint8), np.frombuffer(_FOLDED_CODES, dtype=np.uint8)


_FEW_PLACES = 16  # a node of the trie with at most this many places is walked on byte by byte
_BYTE = [bytes([b]) for b in range(256)]


@functools.lru_cache(maxsize=256)
def _trie(words: tuple[bytes, ...]) -> dict[bytes, tuple[int, ...]]:
    """Each prefix of ``words`` (nonempty), with the bytes that go on from it to a longer word
    (none of them one that may start a gap or a construct, which no word has)."""
    return {word[:k]: tuple(sorted({w[k] for w in words if len(w) > k and w[:k] == word[:k]} - _BREAK_BYTES))
            for word in words for k in range(1, len(word) + 1)}


def _prefix_places(data: bytes, words: tuple[bytes, ...], exact: bool) -> tuple[set[bytes], list]:  # type: ignore[type-arg]
    """For ASCII words with one first letter: those the page has (as written for ``exact``
    words, else with its ASCII letters lowered), and for each proper prefix of some, where on
    the page it stands followed by a byte that may start a gap or a construct
    (:data:`_BREAK_BYTES`), as ``(prefix, starts)`` (the places it starts at, ascending).

    The words' trie is walked over all places at once with numpy: the places where the page
    has the first letter, then at each node those that go on with each next letter; a node
    with few places left is walked on byte by byte. A regular expression of the trie
    (``w(?:B|o(?:B|r(...)))``) finds the same, but tries each place of the first letter by
    itself, and needs the page lowered."""
    np, exact_codes, folded_codes = _tables()
    codes = exact_codes if exact else folded_codes
    page = np.frombuffer(data, dtype=np.uint8)
    first = words[0][0]
    sources = [first] if exact else [b for b in range(256) if _LOWER[b] == first]
    if len(sources) == 2:  # (a letter and its capital: they differ in the 0x20 bit alone)
        starts = np.flatnonzero((page | 0x20) == (sources[0] | 0x20))
    elif sources:
        starts = np.flatnonzero(page == sources[0])
    else:
        starts = np.zeros(0, dtype=np.intp)  # (a capital in a folded word: never on the lowered page)
    trie, found, places = _trie(words), set(), {}
    nodes = [(words[0][:1], starts)]
    while nodes:
        prefix, starts = nodes.pop()
        if not len(starts):
            continue
        if len(starts) <= _FEW_PLACES:
            _walk_on(data, prefix, starts.tolist(), words, exact, found, places)
            continue
        if prefix in words:
            found.add(prefix)
        k, nexts = len(prefix), trie[prefix]
        if not nexts:
            continue
        if starts[-1] + k >= len(page):  # (ascending: only the last ones can run off the page)
            starts = starts[starts < len(page) - k]
        after = codes[page[starts + k]]
        broken = starts[after == 0]
        if len(broken):
            places.setdefault(prefix, []).extend(broken.tolist())
        nodes.extend((prefix + _BYTE[c], starts[after == c]) for c in nexts)
    return found, list(places.items())


def _walk_on(data: bytes, prefix: bytes, starts: list[int], words: tuple[bytes, ...], exact: bool,
             found: set[bytes], places: dict[bytes, list[int]]) -> None:
    """:func:`_prefix_places` from a node on (``prefix``, where it ``starts``, ascending), for
    each place by itself."""
    trie, codes = _trie(words), _EXACT_CODES if exact else _FOLDED_CODES
    for start in starts:
        node = prefix
        while True:
            if node in words:
                found.add(node)
            nexts, at = trie[node], start + len(node)
            if not nexts or at >= len(data):
                break
            code = codes[data[at]]
            if code == 0:
                places.setdefault(node, []).append(start)
                break
            if code not in nexts:
                break
            node += _BYTE[code]


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

    @cached_property
    def needles(self) -> tuple[Needle, ...]:
        return tuple(dict.fromkeys(_needles(self.condition)))

    @cached_property
    def _needed(self) -> frozenset[str]:
        """The characters of the folded words (what :func:`fold_page` must bring out)."""
        return frozenset("".join(s for s, exact in self.needles if not exact))

    @cached_property
    def _exact_chars(self) -> frozenset[str]:
        return frozenset("".join(s for s, exact in self.needles if exact))

    @cached_property
    def _longest(self) -> int:
        return max((len(s) for s, _ in self.needles), default=0)

    def passes(self, page_text: str, data: bytes | None = None) -> bool:
        """Whether a page with this decoded HTML (or plain text) may match the query.

        ``data``: ``page_text`` in UTF-8 when the caller has it already (a page that came as
        UTF-8 bytes and was read without a change), so it is not encoded again.

        First the page as it is (its ASCII letters lowered for folded words, :class:`_Absent`):
        a page turned away by the words proved absent there is turned away, one that passes by
        the words found there passes; else the words left open are searched in the light forms
        (:meth:`_light_forms`), or the full ones (:meth:`passes_full`) if the page has
        something the light forms leave to them."""
        if self.condition is None:
            return True
        if data is None:
            data = _bytes(page_text)
        seen = _Absent(data, self.needles)
        if not _holds(self.condition, _Found(lambda n: seen.look(n) is not False)):
            return False
        quick = _Found(lambda n: seen.look(n) is True)
        if _holds(self.condition, quick):
            return True
        light = self._light_forms(page_text, data)
        if light is None:
            return self.passes_full(page_text)
        exact, folded = light
        found = _Found(lambda n: quick[n] or (
            seen.look(n) is None and _bytes(n[0]) in (exact if n[1] else folded)))
        return _holds(self.condition, found)

    def absent(self, page_text: str) -> set[Needle]:
        """The words :meth:`passes` proves absent from every form of the page without building
        any (:class:`_Absent`), among those not in it as it is."""
        seen = _Absent(_bytes(page_text), self.needles)
        return {n for n in self.needles if seen.proves(n)}

    def passes_full(self, page_text: str) -> bool:
        """:meth:`passes` by the full forms of the page (:func:`page_variants`) alone."""
        if self.condition is None:
            return True
        data = page_variants(page_text)
        folded = fold_page(data, self._needed) if self._needed else b""
        if self._exact_chars:
            data = _nfc(data)
        return _holds(self.condition, self._found_in(data, folded))

    def _found_in(self, exact: bytes, folded: bytes) -> _Found:
        """Which words a text has, searched as written (exact words) and folded (the others),
        each looked up when the condition first asks."""
        return _Found(lambda n: _bytes(n[0]) in (exact if n[1] else folded))

    def _light_forms(self, text: str, data: bytes) -> tuple[bytes, bytes] | None:
        """The light forms of a page that fails as it is (``data``: ``text`` as UTF-8), as written
        and folded; None if the page needs the full forms.

        The full forms (:func:`page_variants`) decode every entity and JSON escape; on a real
        page nearly all of them decode to characters that cannot be part of a word searched
        for (``&amp;``, ``&#8217;``, ``\\u002F``). Those that may (:meth:`_hiding`) are decoded
        only in the stretches around them (:func:`_regions`). The rest of the page is searched
        without tags, and without the characters extraction drops when it has any. Skipped: a
        page with a letter-like character whose folding or NFC depends on its neighbours
        (combining marks, conjoining jamo), or with an entity or escape right after a ``<``.
        """
        rest = data.translate(None, _KEPT_ASCII)  # the controls extraction drops and the non-ASCII
        controls = rest.translate(None, _HIGH_BYTES) != b""
        chars = set(_text(rest.translate(None, _ASCII_BYTES))) if rest else set()
        odd = {c for c in chars if not _nfc_stable(c)}  # folded and NFC'd with their neighbours
        if odd and sum(map(text.count, odd)) > _FEW:
            return None
        spans = _spans_of(text, odd | {w for w in ("<&", "<\\u") if _bytes(w) in data})  # (opening a tag)
        mapping = _fold_mapping(chars - odd, self._needed) if self._needed else {}
        assert mapping is not None  # only odd characters fold with their neighbours
        if mapping and sum(data.count(key) for key in mapping) <= _FEW:
            spans += _spans_of(text, {_text(key) for key in mapping})  # fold around them only
            mapping = {}
        if b"&" in data:  # (the part of an entity that is decoded is ASCII, before any cut character)
            entities = _distinct(_CHARREF_BYTES_RE, data)
            spans += _spans_of(text, {e.partition("\ufffd")[0] for e in entities if self._entity_hides(e)})
        if b"\\u" in data and any(  # (one half of a pair alone is a dropped character: see them whole)
            self._hiding(_json_unescaped(e), e, escape=True) for e in _distinct(_ESCAPE_BYTES_RE, data)
        ):
            escapes = dict(map(_json_char, set(_JSON_ESCAPE_RE.findall(text))))
            spans += _spans_of(text, {w for w, c in escapes.items() if self._hiding(c, w, escape=True)})
        visible = data.translate(None, _ASCII_DROPPED) if controls else data
        dropped = [c for c in chars if _dropped(c)]
        if dropped:
            visible = _replace(visible, dict.fromkeys(map(_bytes, dropped), b""))
        forms = [_TAG_RE.sub(b"", visible)]
        if visible is not data or mapping:  # else the page as it is was this
            forms.append(visible)
        exact = forms if self._exact_chars else []
        folded = [_replace(form, mapping).lower() for form in forms] if self._needed else []
        if spans:
            pieces = [text[lo:hi] for lo, hi in _regions(text, 0, len(text), spans, self._longest)]
            pieces += [_json_unescaped(piece) for piece in pieces if "\\u" in piece]
            stretches = b"\n".join(map(_piece_forms, pieces))
            if self._exact_chars:
                exact.append(_nfc(stretches))
            if self._needed:
                folded.append(fold_page(stretches, self._needed))
        return b"\n".join(exact), b"\n".join(folded)

    def _entity_hides(self, written: str) -> bool:
        """:meth:`_hiding` for an entity as written (remembered: the same ones recur)."""
        cache = self._entity_cache
        found = cache.get(written)
        if found is None:
            found = self._hiding(html.unescape(written), written)
            if len(cache) < 10_000:
                cache[written] = found
        return found

    @cached_property
    def _entity_cache(self) -> dict[str, bool]:
        return {}

    def _hiding(self, decoded: str, written: str, escape: bool = False) -> bool:
        """Whether an entity or escape decoded to ``decoded`` (from ``written``: a decoding that
        changed nothing hides nothing) may make or hide a word searched for: it has a character
        of one (as folded, or as written for exact words), one that extraction drops, or one
        that opens or closes a tag. A JSON escape is decoded before entities are, so one that
        gives a letter, digit, ``&``, ``#`` or ``;`` may also make an entity."""
        if decoded == written:
            return False
        if not decoded:  # (``&#1;``: html.unescape drops it, joining its neighbours)
            return True
        for c in decoded:
            if c in "<>" or c in self._exact_chars or _dropped(c) or not _nfc_stable(c):
                return True
            if escape and (c in "&#;" or (c.isascii() and c.isalnum())):
                return True
            folded = _char_fold(c)
            if folded is None or not self._needed.isdisjoint(folded):
                return True
        return False

    def describe(self) -> str:
        """The condition in words, for logs and reasons."""
        return _show(self.condition)


class _Found(dict):  # type: ignore[type-arg]
    """Whether each word was found, looked up on first use (``_holds`` stops at the first
    false part of an AND and the first true part of an OR)."""

    def __init__(self, look: Callable[[Needle], bool]) -> None:
        super().__init__()
        self.look = look

    def __missing__(self, needle: Needle) -> bool:
        found = self[needle] = self.look(needle)
        return found


def _nfc(data: bytes) -> bytes:
    text = _text(data)
    return data if unicodedata.is_normalized("NFC", text) else _bytes(unicodedata.normalize("NFC", text))


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
    """The prefilter of a parsed query tree (``Query.root``), its words worked out here: a
    cached value pickles with it, so a pool worker that gets it with each page does not work
    them out again for each page."""
    prefilter = Prefilter(_condition(root))
    prefilter.needles  # noqa: B018 - (cached, and so pickled)
    return prefilter
