"""Search filters as full-text tokens, so the FTS5 index itself narrows a search.

Every article has a ``facets`` column, indexed in ``articles_fts`` next to its title and
text: one token per filterable value, made by :func:`article_facets` when the store writes
the article::

    o<hex of outlet slug>      l<hex of lowercased language>     t<hex of a topic slug> (each)
    y2026  m202603  d20260301  (the year, month and day of published_day, the outlet's own
                               day: see docs/dates.md) or ``undated``

each behind :data:`MARK` (U+E000, a private-use character: FTS5's tokenizer keeps it as part
of the token, and :func:`newscrawl.judge.query.to_fts5` removes it from what users type, so no
search word can ever match a filter token, and no filter token a word). Slugs and language
codes are hex-encoded because the tokenizer splits on ``-`` and ``_``.

From schema 11 an article with Chinese, Japanese or Thai text has also ``c<hex of a code
point>`` for each distinct character of theirs (:func:`character_facets`): a search of one
character alone looks for that token (:func:`lone_characters`), one position list, where the
index's pairs of characters would have to merge every pair that starts with it.

A search with filters ANDs the user's expression with the filter tokens, and FTS5
intersects the posting lists instead of SQLite checking article rows one by one. A date
range becomes the fewest year, month and day tokens that cover it.

This module has no SQL: it builds FTS5 expressions; the store runs them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from newscrawl.words import UNSPACED

__all__ = [
    "MARK", "article_facets", "character_facets", "date_tokens", "filter_expression", "language_token",
    "lone_characters", "outlet_token", "searched_characters",
    "stored_facets", "topic_token",
]

MARK = "\ue000"


def _hex(value: str) -> str:
    return value.encode("utf-8").hex().upper()


def outlet_token(slug: str) -> str:
    """The facet token of an outlet slug."""
    return f"{MARK}o{_hex(slug)}"


def language_token(code: str) -> str:
    """The facet token of a language code (case-insensitive)."""
    return f"{MARK}l{_hex(code.lower())}"


def topic_token(slug: str) -> str:
    """The facet token of a topic slug an article matched."""
    return f"{MARK}t{_hex(slug)}"


def article_facets(
    outlet: str | None, language: str | None, published_day: str | None, topics: Iterable[str]
) -> str:
    """The facet tokens of one article; ``published_day`` is its day (``YYYY-MM-DD``, only the
    first ten characters of an ISO 8601 value are read), ``topics`` its topic slugs."""
    tokens = [outlet_token(outlet or ""), language_token(language or "")]
    if published_day:
        year, month, day = published_day[:4], published_day[5:7], published_day[8:10]
        tokens += [f"{MARK}y{year}", f"{MARK}m{year}{month}", f"{MARK}d{year}{month}{day}"]
    else:
        tokens.append(f"{MARK}undated")
    tokens += [topic_token(slug) for slug in sorted(topics)]
    return " ".join(tokens)


def stored_facets(outlet: str | None, language: str | None, published_day: str | None, topics: Any) -> str:
    """The ``facets`` column of an article as stored: ``topics`` is the JSON text of the
    ``topics`` column or a dict of topic slug -> match (anything else counts as no topics)."""
    if isinstance(topics, str):
        try:
            topics = json.loads(topics)
        except ValueError:
            topics = None
    return article_facets(outlet, language, published_day, topics if isinstance(topics, dict) else {})


# A character of Chinese or Japanese (Han, kana) or a Thai letter: a search of one of them alone
# looks for its character token (c<hex code point>) among the facets, where a prefix of the index's
# pairs (``"新"*``) merged the position lists of every pair that starts with it (5.6 s at 100,000
# Chinese articles for the commonest character).
_CHARACTER = re.compile(f"[{UNSPACED}\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46]")
_LONE = re.compile(f'"({_CHARACTER.pattern})"\\*(?! \\+)')
_CHARACTER_TOKEN = re.compile(f"{MARK}c([0-9a-f]+)")


def character_facets(title: str | None, text: str | None) -> str:
    """The character tokens of an article: one for each distinct character of Chinese, Japanese
    or Thai letter in its title and text (``""`` for none), appended to its facets."""
    found = set(_CHARACTER.findall(title or "")) | set(_CHARACTER.findall(text or ""))
    return "".join(f" {MARK}c{ord(c):x}" for c in sorted(found))


def lone_characters(expression: str) -> str:
    """A paired FTS5 expression with each search of one such character alone (``"新"*``) made
    the search of its character token."""
    return _LONE.sub(lambda m: f'"{MARK}c{ord(m.group(1)):x}"', expression)


def searched_characters(expression: str) -> frozenset[str]:
    """The characters whose tokens ``expression`` (from :func:`lone_characters`) looks for."""
    return frozenset(chr(int(h, 16)) for h in _CHARACTER_TOKEN.findall(expression))


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def date_tokens(first: date, last: date) -> list[str]:
    """The fewest ``y``/``m``/``d`` tokens whose days are exactly ``first`` .. ``last`` (inclusive)."""
    tokens: list[str] = []
    day = first
    while day <= last:
        if day.month == 1 and day.day == 1 and date(day.year, 12, 31) <= last:
            tokens.append(f"{MARK}y{day.year}")
            day = date(day.year + 1, 1, 1)
        elif day.day == 1 and _month_end(day) <= last:
            tokens.append(f"{MARK}m{day.year}{day.month:02d}")
            day = _month_end(day) + timedelta(days=1)
        else:
            tokens.append(f"{MARK}d{day:%Y%m%d}")
            day += timedelta(days=1)
    return tokens


def _any_of(tokens: Iterable[str]) -> str:
    quoted = [f'"{token}"' for token in tokens]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def filter_expression(
    *,
    outlets: Iterable[str] = (),
    language: str | None = None,
    topic: str | None = None,
    days: tuple[date, date] | None = None,
) -> str | None:
    """An FTS5 expression of the filter tokens for these filters, or None when there are none.

    ``days`` is the inclusive range of published days; an empty range gives an expression
    that matches nothing.
    """
    parts: list[str] = []
    slugs = sorted(set(outlets))
    if slugs:
        parts.append(_any_of(outlet_token(s) for s in slugs))
    if language:
        parts.append(f'"{language_token(language)}"')
    if topic:
        parts.append(f'"{topic_token(topic)}"')
    if days is not None:
        tokens = date_tokens(*days) or [f"{MARK}none"]  # no day in range: a token no article has
        parts.append(_any_of(tokens))
    return " AND ".join(parts) if parts else None
