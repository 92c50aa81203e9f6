"""What a journalist types into ``newscrawl search``, made into a safe SQLite FTS5 expression.

The search syntax (close to a web search engine's)::

    ice raid            words: all must appear (AND)
    "open letter"       exact phrase (an unclosed quote closes at the end)
    ice OR immigration  either (uppercase OR, or |; lowercase or/and/not are plain words)
    ice -hockey         exclude (also: ice NOT hockey, ice -(hockey OR skating))
    detain*             prefix: detain, detained, detention ...
    (a OR b) c          grouping (a stray parenthesis is dropped, an unclosed one closed)

Every word and phrase becomes a double-quoted FTS5 string, so nothing the user types can be
read as FTS5 syntax (NEAR, ``title:`` column filters, ``^``) or as SQL. Words with no letter
or digit (punctuation, emoji) match nothing in the index and are dropped. A query that
cannot be searched raises :class:`SearchQueryError` with a message for the user.

This module has no SQL; :meth:`newscrawl.store.Store.search` runs the expression and marks
the matches in its snippets with :data:`MARK_START` and :data:`MARK_END`, which
:func:`highlighted` turns into whatever the output needs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["MARK_END", "MARK_START", "SearchQueryError", "highlighted", "to_fts5"]

# Snippet match markers: control characters, which extracted article text never contains
# (unlike brackets or asterisks), so a marker is always a marker.
MARK_START = "\x02"
MARK_END = "\x03"

MAX_LENGTH = 2000
MAX_TERMS = 100
MAX_DEPTH = 20

_OPERATORS = {"OR": "OR", "|": "OR", "AND": "AND", "NOT": "NOT"}
_STOP = frozenset('()"')


class SearchQueryError(ValueError):
    """A search the user typed cannot be run; the message says why and what to do."""


@dataclass(frozen=True)
class _Leaf:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class _Not:
    child: _Node


@dataclass(frozen=True)
class _Group:
    op: str  # "AND" or "OR"
    children: tuple[_Node, ...]


_Node = _Leaf | _Not | _Group
_Token = tuple[str, str, bool]  # kind ("(", ")", "-", "OR", "AND", "NOT", "term"), text, prefix


def _clean(query: str) -> str:
    """NFC, with control characters (NUL ends an FTS5 string), lone surrogates and private-use
    characters (which mark the index's filter tokens, see :mod:`newscrawl.store.facets`) as spaces."""
    query = unicodedata.normalize("NFC", query)
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Co") else c for c in query)


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append((ch, ch, False))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            text, i = query[i + 1:end], end + 1
            stars = len(query[i:]) - len(query[i:].lstrip("*"))
            tokens.append(("term", text, stars > 0))
            i += stars
        elif ch == "-":
            while i < n and query[i] == "-":
                i += 1
            if i < n and not query[i].isspace():
                tokens.append(("-", "-", False))
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in _STOP:
                i += 1
            word = query[start:i]
            if word in _OPERATORS:
                tokens.append((_OPERATORS[word], word, False))
            else:
                stem = word.rstrip("*")
                tokens.append(("term", stem, stem != word))
    return _balance(tokens)


def _balance(tokens: list[_Token]) -> list[_Token]:
    """Drop closing parentheses that close nothing (unclosed ones close at the end)."""
    kept, depth = [], 0
    for token in tokens:
        if token[0] == ")":
            if depth == 0:
                continue
            depth -= 1
        elif token[0] == "(":
            depth += 1
        kept.append(token)
    return kept


def _searchable(text: str) -> bool:
    """True if FTS5's unicode61 tokenizer finds a token in ``text`` (letters, digits, private use)."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


class _Parser:
    """Recursive descent; precedence NOT/- > AND (implicit) > OR. Dangling operators are dropped."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.leaves = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def parse(self) -> _Node | None:
        return self.parse_or(0)

    def parse_or(self, depth: int) -> _Node | None:
        branches = [self.parse_and(depth)]
        while self.peek() == "OR":
            self.pos += 1
            branches.append(self.parse_and(depth))
        return _group("OR", branches)

    def parse_and(self, depth: int) -> _Node | None:
        items: list[_Node | None] = []
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.pos += 1
            else:
                items.append(self.parse_unary(depth))
        return _group("AND", items)

    def parse_unary(self, depth: int) -> _Node | None:
        negate = False
        while self.peek() in ("NOT", "-", "AND"):
            negate = negate or self.peek() != "AND"
            self.pos += 1
        if self.peek() in (None, "OR", ")"):
            return None
        node = self.parse_primary(depth)
        if node is None or not negate:
            return node
        return node.child if isinstance(node, _Not) else _Not(node)

    def parse_primary(self, depth: int) -> _Node | None:
        kind, text, prefix = self.tokens[self.pos]
        self.pos += 1
        if kind == "(":
            if depth >= MAX_DEPTH:
                raise SearchQueryError(f"too many nested parentheses (at most {MAX_DEPTH})")
            node = self.parse_or(depth + 1)
            if self.peek() == ")":
                self.pos += 1
            return node
        self.leaves += 1
        if self.leaves > MAX_TERMS:
            raise SearchQueryError(f"too many words to search for (at most {MAX_TERMS})")
        return _Leaf(text, prefix) if _searchable(text) else None


def _group(op: str, items: list[_Node | None]) -> _Node | None:
    """A flattened AND/OR of the non-empty ``items``; the item itself if only one."""
    children: list[_Node] = []
    for item in items:
        if isinstance(item, _Group) and item.op == op:
            children.extend(item.children)
        elif item is not None:
            children.append(item)
    if not children:
        return None
    return children[0] if len(children) == 1 else _Group(op, tuple(children))


_ONLY_EXCLUSIONS = "only exclusions (-word, NOT word): add a word to search for, e.g. ICE -hockey"
_OR_EXCLUSION = (
    "an OR alternative is only an exclusion: add a word to search for to it, or exclude "
    "outside the alternatives, e.g. (ICE OR immigration) -hockey"
)


def _emit(node: _Node, problem: str = _ONLY_EXCLUSIONS) -> str:
    """The FTS5 text of a node that selects articles (an exclusion alone selects none)."""
    if isinstance(node, _Leaf):
        return '"' + node.text.replace('"', '""') + '"' + ("*" if node.prefix else "")
    if isinstance(node, _Not):
        raise SearchQueryError(problem)
    if node.op == "OR":
        return "(" + " OR ".join(_emit(child, _OR_EXCLUSION) for child in node.children) + ")"
    wanted = [child for child in node.children if not isinstance(child, _Not)]
    unwanted = [child.child for child in node.children if isinstance(child, _Not)]
    if not wanted:
        raise SearchQueryError(problem)
    text = _emit(wanted[0]) if len(wanted) == 1 else "(" + " AND ".join(map(_emit, wanted)) + ")"
    excluded = _group("OR", list(unwanted))
    return text if excluded is None else f"({text} NOT {_emit(excluded)})"


def to_fts5(query: str) -> str:
    """The FTS5 MATCH expression for a search typed by a user; :class:`SearchQueryError` if none."""
    if len(query) > MAX_LENGTH:
        raise SearchQueryError(f"the search is too long ({len(query)} characters, at most {MAX_LENGTH})")
    cleaned = _clean(query)
    if not cleaned.strip():
        raise SearchQueryError("the search is empty: type a word to search for")
    tokens = _tokens(cleaned)
    root = _Parser(tokens).parse()
    if root is None:
        hint = "type a word with letters or digits"
        if any(kind in ("OR", "AND", "NOT") for kind, _, _ in tokens):
            hint = 'AND, OR and NOT are operators; to search for the word, quote it: "or"'
        raise SearchQueryError(f"nothing to search for in {query.strip()!r}: {hint}")
    text = _emit(root)
    return text[1:-1] if text.startswith("(") and _outer_pair(text) else text


def _outer_pair(text: str) -> bool:
    """True if the first parenthesis of ``text`` closes at its last character."""
    depth, quoted = 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "()":
            depth += 1 if ch == "(" else -1
            if depth == 0:
                return i == len(text) - 1
    return False


def highlighted(
    snippet: str | None, start: str = "**", end: str = "**", escape: Callable[[str], str] = str
) -> str:
    """``snippet`` with the store's match markers replaced by ``start``/``end``.

    The text between markers goes through ``escape`` (e.g. ``rich.markup.escape`` with
    ``start="[bold]"``, ``end="[/bold]"``); an unclosed highlight is closed at the end.
    """
    out: list[str] = []
    inside = False
    piece: list[str] = []
    for ch in snippet or "":
        if ch in (MARK_START, MARK_END):
            if piece:
                out.append(escape("".join(piece)))
                piece = []
            if (ch == MARK_START) != inside:
                out.append(start if ch == MARK_START else end)
                inside = not inside
        else:
            piece.append(ch)
    if piece:
        out.append(escape("".join(piece)))
    if inside:
        out.append(end)
    return "".join(out)
