"""Zero-width joiners inside words kept in trafilatura's text (Persian, Kurdish, Indic scripts).

Persian writes a zero-width non-joiner (U+200C) inside words: "می‌کنند" (they do), "ایرانی‌تبار"
(of Iranian origin); it keeps two letters of one word from joining. Indic scripts use it and
the zero-width joiner (U+200D) after a virama. trafilatura drops every character that is not
printable from the text it reads (``utils.remove_control_characters``, on each line and in its
baseline), and these two with them: "میکنند", a spelling no reader writes and no search for
the word finds. While newscrawl runs, that function keeps a joiner that stands between two
letters (or combining marks) and drops the rest as before: an emoji's joiner ("🏳️‍🌈"), a
joiner beside a space or a digit ("‌iPhone 11‌", a site's hyphenation hints) still go.

trafilatura's function is its internals, not its API: with another version that lacks it,
nothing changes.
"""

from __future__ import annotations

import unicodedata

import trafilatura.baseline
import trafilatura.utils

__all__ = ["install", "remove_control_characters"]

JOINERS = frozenset("\u200c\u200d")

_REMOVE = getattr(trafilatura.utils, "remove_control_characters", None)


def _joins(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char).startswith("M")


def remove_control_characters(string: str) -> str:
    """trafilatura's ``remove_control_characters``, keeping a joiner between two letters."""
    if string.isprintable() or not any(j in string for j in JOINERS):
        return _REMOVE(string)
    last = len(string) - 1
    return "".join(
        c if c in JOINERS and 0 < i < last and _joins(string[i - 1]) and _joins(string[i + 1]) else _REMOVE(c)
        for i, c in enumerate(string)
    )


def install() -> None:
    """Put :func:`remove_control_characters` in the place of trafilatura's (its text reading
    and its baseline); with a trafilatura that lacks it, nothing."""
    if _REMOVE is None:
        return
    trafilatura.utils.remove_control_characters = remove_control_characters
    if getattr(trafilatura.baseline, "remove_control_characters", None) is _REMOVE:
        trafilatura.baseline.remove_control_characters = remove_control_characters
