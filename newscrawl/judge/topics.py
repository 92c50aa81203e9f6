"""Topic queries: match title + text against a parsed query, score, explain which terms hit.

The query language (one lexer and parser, shared with search) is :mod:`newscrawl.judge.query`;
its reference is ``docs/topics.md``. :func:`parse_query` reads a topic's query strictly
(:class:`QueryError` for anything malformed) into a :class:`Query`, which matches the tree
against articles.

Matching is on Unicode word tokens (apostrophes, hyphens and punctuation separate tokens),
so ``ice`` never matches ``police``. Terms are case- and accent-insensitive unless
prefixed with ``=``. A query word in Chinese, Japanese or Thai is matched as the full-text
index reads it (:func:`newscrawl.words.parted`): its characters in a row inside a run of
theirs, so ``移民局`` matches *美国移民局称*. Nothing here imports Scrapy; a parsed
:class:`Query` holds no mutable state, so it is safe to share between threads and to pickle
into worker processes.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from math import log

from newscrawl.judge.query import (
    And,
    Node,
    Not,
    Part,
    QueryError,
    Term,
    evaluate,
    fold,
    parse,
    tokenize,
    walk,
)
from newscrawl.words import INDEX_BREAK, PARTED_RE, parted

__all__ = ["Query", "QueryError", "TopicMatch", "fold", "parse_query", "tokenize"]

# --------------------------------------------------------------------------- matching


# A query's term as the matcher reads it: its parts, and for each whether it must stand in the
# same run of Chinese, Japanese or Thai characters as the part before it (None: no part of
# the term is in those scripts, every part a whole token).
Glued = tuple[bool, ...] | None


def _units(tokens: list[str]) -> tuple[list[str], list[bool]]:
    """``tokens`` with each run of Chinese, Japanese or Thai characters cut into the words of
    the full-text index (:func:`newscrawl.words.parted`: a character each; in Thai a letter, and
    the marks after it together), and for each whether it stands in the same run as the one before it."""
    units: list[str] = []
    glued: list[bool] = []
    for token in tokens:
        pieces = None if token.isascii() else parted(token)
        if pieces is None:
            units.append(token)
            glued.append(False)
        else:
            split = pieces.split(INDEX_BREAK)
            units.extend(split)
            glued.append(False)
            glued.extend([True] * (len(split) - 1))
    return units, glued


def _term_units(parts: tuple[Part, ...]) -> tuple[tuple[Part, ...], Glued]:
    """A term's parts as :func:`_units` cuts a text, a prefix on its last piece; the same
    parts and None when none is in those scripts."""
    if not any(PARTED_RE.search(tok) for tok, _ in parts):
        return parts, None
    units: list[Part] = []
    glued: list[bool] = []
    for tok, prefix in parts:
        split = (parted(tok) or tok).split(INDEX_BREAK)
        units.extend((piece, prefix and k == len(split) - 1) for k, piece in enumerate(split))
        glued.extend(k > 0 for k in range(len(split)))
    return tuple(units), tuple(glued)


class _View:
    """One field (title or text) in one form (folded or exact): tokens and their counts; with
    ``glued`` (a query with words in Chinese, Japanese or Thai), the tokens are the index's
    words (:func:`_units`) and ``glued[i]`` says token ``i`` continues the run of ``i - 1``."""

    __slots__ = ("tokens", "counts", "glued", "_sorted", "_starts")

    def __init__(self, tokens: list[str], glued: list[bool] | None = None) -> None:
        self.tokens = tokens
        self.counts = Counter(tokens)
        self.glued = glued
        self._sorted: list[str] | None = None
        self._starts: dict[Part, list[int]] = {}

    @classmethod
    def of(cls, text: str, units: bool) -> _View:
        """The view of a (folded or exact) field; cut into the index's words if ``units`` and
        the text has characters of those scripts."""
        tokens = tokenize(text)
        if units and not text.isascii() and PARTED_RE.search(text):
            return cls(*_units(tokens))
        return cls(tokens)

    def starts(self, part: Part) -> list[int]:
        """Positions of the tokens matching ``part`` (cached: phrases share first words)."""
        found = self._starts.get(part)
        if found is None:
            tok, prefix = part
            if prefix:
                found = [i for i, t in enumerate(self.tokens) if t.startswith(tok)]
            else:
                found, i = [], -1
                for _ in range(self.counts[tok]):
                    i = self.tokens.index(tok, i + 1)
                    found.append(i)
            self._starts[part] = found
        return found

    def with_prefix(self, prefix: str) -> list[str]:
        """Distinct tokens starting with ``prefix``."""
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        ordered, found = self._sorted, []
        for i in range(bisect_left(ordered, prefix), len(ordered)):
            if not ordered[i].startswith(prefix):
                break
            found.append(ordered[i])
        return found

    def hits(self, parts: tuple[Part, ...], glued: Glued = None) -> int:
        """Occurrences of the term or phrase ``parts``; a part glued to the one before it
        (``glued[k]``) must continue its run of Chinese, Japanese or Thai characters."""
        first, first_prefix = parts[0]
        if len(parts) == 1:
            if first_prefix:
                return sum(self.counts[tok] for tok in self.with_prefix(first))
            return self.counts.get(first, 0)
        for tok, prefix in parts:  # cheap rejection before scanning for the sequence
            if not (self.with_prefix(tok) if prefix else tok in self.counts):
                return 0
        tokens, size, total = self.tokens, len(parts), 0
        runs = self.glued if glued else None
        for i in self.starts(parts[0]):
            if i + size > len(tokens):
                break
            for k in range(1, size):
                tok, prefix = parts[k]
                t = tokens[i + k]
                if not (t.startswith(tok) if prefix else t == tok):
                    break
                if runs is not None and glued[k] and not runs[i + k]:  # type: ignore[index]
                    break
            else:
                total += 1
        return total


@dataclass(frozen=True)
class TopicMatch:
    """The verdict of one query on one article."""

    matched: bool
    score: float  # 0.0 when not matched
    terms: dict[str, int]  # positive term as written -> hits in title + text (hits > 0 only)

    def to_json(self) -> dict:
        """``{"score": ..., "terms": {...}}`` as stored in ``articles.topics``."""
        return {"score": self.score, "terms": dict(self.terms)}


@dataclass(frozen=True)
class Query:
    """A parsed topic query. Build it with :func:`parse_query`; reuse it for every page."""

    source: str
    root: Node = field(repr=False)
    _terms: tuple[Term, ...] = field(init=False, repr=False, compare=False)
    _positive: tuple[Term, ...] = field(init=False, repr=False, compare=False)
    _needs: tuple[bool, bool] = field(init=False, repr=False, compare=False)
    # each term's parts as matched (the index's words for one in Chinese, Japanese or Thai)
    _matched: dict[Term, tuple[bool, tuple[Part, ...], Glued]] = field(init=False, repr=False, compare=False)
    _units: bool = field(init=False, repr=False, compare=False)  # some term has such words

    def __post_init__(self) -> None:
        walked = [(t, neg) for t, neg in walk(self.root) if isinstance(t, Term)]
        terms = tuple(dict.fromkeys(t for t, _ in walked))
        positive: dict[str, Term] = {}
        for term, negated in walked:
            if not negated:
                positive.setdefault(term.key, term)
        object.__setattr__(self, "_terms", terms)
        object.__setattr__(self, "_positive", tuple(positive.values()))
        needs = (any(not t.exact for t in terms), any(t.exact for t in terms))
        object.__setattr__(self, "_needs", needs)
        matched = {t: (t.exact, *_term_units(t.parts)) for t in terms}
        object.__setattr__(self, "_matched", matched)
        object.__setattr__(self, "_units", any(glued is not None for _, _, glued in matched.values()))

    @property
    def terms(self) -> tuple[str, ...]:
        """The positive (un-negated) terms as written, in query order."""
        return tuple(t.key for t in self._positive)

    def match(self, title: str | None, text: str | None) -> TopicMatch:
        """Match the query against an article's title and text (each tokenized once).

        Score: for each positive term with hits, ``1 + ln(2 * title_hits + text_hits)``,
        summed; 0.0 when the query does not match.
        """
        need_folded, need_exact = self._needs
        views: dict[bool, tuple[_View, _View]] = {}
        fields = (title or "", text or "")
        units = self._units
        if need_folded:
            views[False] = (_View.of(fold(fields[0]), units), _View.of(fold(fields[1]), units))
        if need_exact:
            views[True] = (_View.of(fields[0], units), _View.of(fields[1], units))
        hits: dict[tuple[bool, tuple[Part, ...], Glued], tuple[int, int]] = {}
        present: dict[Term, bool] = {}
        for term in self._terms:
            pattern = self._matched[term]
            if pattern not in hits:
                exact, parts, glued = pattern
                in_title, in_text = views[exact]
                hits[pattern] = (in_title.hits(parts, glued), in_text.hits(parts, glued))
            present[term] = any(hits[pattern])
        found: dict[str, int] = {}
        score = 0.0
        for term in self._positive:
            t, x = hits[self._matched[term]]
            if t or x:
                found[term.key] = t + x
                score += 1.0 + log(2 * t + x)
        matched = evaluate(self.root, present)
        return TopicMatch(matched, score if matched else 0.0, found)

    def explain(self) -> str:
        """The parsed tree, one node per line, indented."""
        lines: list[str] = []

        def show(node: Node, depth: int) -> None:
            pad = "  " * depth
            if isinstance(node, Term):
                lines.append(f"{pad}{node.key}  ({node.describe()})")
            elif isinstance(node, Not):
                lines.append(f"{pad}NOT")
                show(node.child, depth + 1)
            else:
                lines.append(f"{pad}{'AND' if isinstance(node, And) else 'OR'}")
                for child in node.children:
                    show(child, depth + 1)

        show(self.root, 0)
        return "\n".join(lines)


def parse_query(source: str) -> Query:
    """Parse ``source``; raise :class:`QueryError` saying what is wrong and where."""
    return Query(source, parse(source))
