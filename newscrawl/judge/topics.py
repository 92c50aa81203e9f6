"""Topic queries: parse once, match title + text, score, explain which terms hit.

The language (full reference in ``docs/topics.md``)::

    term  other          adjacent terms: AND
    a AND b   a OR b     uppercase keywords only; lowercase and/or/not are plain words
    NOT a   -a   -(a OR b)
    "open letter"        phrase: consecutive tokens
    detain*              prefix: any token starting with "detain"
    =ICE  ="Homeland Security"   case- and accent-sensitive (exact) term or phrase
    ( ... )              grouping; precedence NOT > AND > OR
    # comment            '#' followed by a space runs to the end of the line

Matching is on Unicode word tokens (apostrophes, hyphens and punctuation separate tokens),
so ``ice`` never matches ``police``. Terms are case- and accent-insensitive unless
prefixed with ``=``. Nothing here imports Scrapy; a parsed :class:`Query` holds no mutable
state, so it is safe to share between threads and to pickle into worker processes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from math import log

__all__ = ["Query", "QueryError", "TopicMatch", "fold", "parse_query", "tokenize"]

# --------------------------------------------------------------------------- text

# Combining marks removed by accent folding: Latin/Greek/Cyrillic diacritics, Hebrew
# points, Arabic harakat. Marks that are part of letters (e.g. Indic vowel signs) stay.
_DIACRITICS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]"
)
# Letters that carry a "diacritic" but do not decompose in Unicode.
_LETTERS = {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t", "ð": "d",
            "æ": "ae", "œ": "oe", "þ": "th"}  # fmt: skip
_LETTERS_RE = re.compile(f"[{''.join(_LETTERS)}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` (NFKD, casefold, diacritics removed)."""
    if text.isascii():
        return text.lower()
    text = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text).casefold())
    if _LETTERS_RE.search(text):
        text = _LETTERS_RE.sub(lambda m: _LETTERS[m.group()], text)
    return unicodedata.normalize("NFC", text)


@cache
def _token_re(astral: bool) -> re.Pattern[str]:
    """Word tokens: runs of letters, digits and combining marks (built on first use).

    Python's ``\\w`` leaves out combining marks (it would split Hindi words), so marks are
    added. One flat character class of BMP ranges is fast; the astral planes get their own
    pattern, used only for texts that contain astral characters.
    """
    ranges: list[str] = []
    start = None
    for cp in range(0x300, 0x20000 if astral else 0x10000):
        is_mark = unicodedata.category(chr(cp))[0] == "M"
        if is_mark and start is None:
            start = cp
        elif not is_mark and start is not None:
            ranges.append(f"\\U{start:08x}-\\U{cp - 1:08x}")
            start = None
    if astral:
        ranges.append("\\U000e0100-\\U000e01ef")  # variation selectors supplement
    return re.compile(f"[\\w{''.join(ranges)}]+")


def tokenize(text: str) -> list[str]:
    """Unicode word tokens of ``text`` as written (NFC); ``ICE's`` gives ``ICE``, ``s``."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "_" in text:
        text = text.replace("_", " ")
    return _token_re(_ASTRAL.search(text) is not None).findall(text)


# --------------------------------------------------------------------------- errors


class QueryError(ValueError):
    """A malformed query; ``position`` is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position

    def __reduce__(self) -> tuple[type[QueryError], tuple[str, int | None]]:
        return (QueryError, (str(self), self.position))


def _error(what: str, position: int | None, source: str) -> QueryError:
    """``'<what> at position <n> [(line l, column c)] in: <query or excerpt>'``."""
    where = ""
    if position is not None:
        where = f" at position {position}"
        if "\n" in source:
            line = source.count("\n", 0, position) + 1
            column = position - source.rfind("\n", 0, position)
            where += f" (line {line}, column {column})"
    shown = source
    if len(source) > 120 and position is not None:
        lo, hi = max(0, position - 50), position + 50
        shown = ("…" if lo else "") + source[lo:hi] + ("…" if hi < len(source) else "")
    shown = re.sub(r"\s", " ", shown)
    return QueryError(f"{what}{where} in: {shown}", position)


# --------------------------------------------------------------------------- tree

Part = tuple[str, bool]  # (token, is_prefix)


@dataclass(frozen=True)
class Term:
    """A term or phrase: one or more consecutive tokens, each possibly a prefix."""

    key: str  # as written in the query: '=ICE', '"open letter"', 'detain*'
    exact: bool  # case- and accent-sensitive
    parts: tuple[Part, ...]
    position: int

    def describe(self) -> str:
        """``phrase: open letter`` and the like, for :meth:`Query.explain`."""
        words = " ".join(tok + ("*" if pre else "") for tok, pre in self.parts)
        kind = "phrase" if len(self.parts) > 1 else "prefix" if self.parts[0][1] else "term"
        return f"{'case-sensitive ' if self.exact else ''}{kind}: {words}"


@dataclass(frozen=True)
class Not:
    child: Node
    position: int


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or

# --------------------------------------------------------------------------- lexer

_KEYWORDS = frozenset({"AND", "OR", "NOT"})


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # 'term', 'phrase', '(', ')', 'AND', 'OR', 'NOT', 'end'
    position: int
    text: str = ""  # term/phrase as written, with '=' and quotes
    body: str = ""  # term/phrase without '=' and quotes
    exact: bool = False


def _lex(src: str) -> list[_Lexeme]:
    out: list[_Lexeme] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
        elif c == "#" and (i + 1 == n or src[i + 1].isspace()):
            end = src.find("\n", i)
            i = n if end < 0 else end
        elif c in "()":
            out.append(_Lexeme(c, i))
            i += 1
        elif c == "-":
            if i + 1 == n or src[i + 1].isspace() or src[i + 1] == ")":
                raise _error("'-' (NOT) must be followed directly by a term, phrase or '('", i, src)
            out.append(_Lexeme("NOT", i, "-"))
            i += 1
        else:
            start, exact = i, c == "="
            if exact:
                i += 1
                if i == n or src[i].isspace() or src[i] in "()-=":
                    raise _error("'=' must be followed directly by a term or phrase", start, src)
            if src[i] == '"':
                close = src.find('"', i + 1)
                if close < 0:
                    raise _error("unbalanced quote", i, src)
                body = src[i + 1 : close]
                if not body.strip():
                    raise _error("empty phrase", start, src)
                text = '="' if exact else '"'
                text += " ".join(body.split()) + '"'
                out.append(_Lexeme("phrase", start, text, body, exact))
                i = close + 1
            else:
                end = i
                while end < n and not src[end].isspace() and src[end] not in '()"':
                    end += 1
                word = src[i:end]
                kind = word if word in _KEYWORDS and not exact else "term"
                out.append(_Lexeme(kind, start, src[start:end], word, exact))
                i = end
    out.append(_Lexeme("end", n))
    return out


# --------------------------------------------------------------------------- parser

_OPERAND_STARTS = frozenset({"term", "phrase", "(", "NOT"})


class _Parser:
    """Recursive descent: or := and (OR and)*; and := not (AND? not)*; not := NOT not | atom."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.lexemes = _lex(src)
        self.i = 0

    def peek(self) -> _Lexeme:
        return self.lexemes[self.i]

    def take(self) -> _Lexeme:
        lexeme = self.lexemes[self.i]
        self.i += 1
        return lexeme

    def fail(self, what: str, position: int | None) -> QueryError:
        return _error(what, position, self.src)

    def parse(self) -> Node:
        if self.peek().kind == "end":
            if not self.src.strip():
                raise QueryError("empty query", None)
            raise self.fail("empty query (only comments)", None)
        node = self.parse_or()
        extra = self.peek()
        if extra.kind == ")":
            raise self.fail("unbalanced parenthesis (')' without '(')", extra.position)
        return node

    def right_operand(self, op: _Lexeme) -> None:
        if self.peek().kind not in _OPERAND_STARTS:
            name = "NOT" if op.text == "-" else op.kind
            raise self.fail(f"dangling operator {name} (nothing on its right)", op.position)

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while self.peek().kind == "OR":
            self.right_operand(self.take())
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self) -> Node:
        children = [self.parse_not()]
        while True:
            kind = self.peek().kind
            if kind == "AND":
                self.right_operand(self.take())
            elif kind not in _OPERAND_STARTS:
                break
            children.append(self.parse_not())
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_not(self) -> Node:
        if self.peek().kind == "NOT":
            op = self.take()
            self.right_operand(op)
            return Not(self.parse_not(), op.position)
        return self.parse_atom()

    def parse_atom(self) -> Node:
        lexeme = self.take()
        if lexeme.kind in ("term", "phrase"):
            return self.term(lexeme)
        if lexeme.kind == "(":
            if self.peek().kind == ")":
                raise self.fail("empty parentheses", lexeme.position)
            node = self.parse_or()
            if self.peek().kind != ")":
                raise self.fail("unbalanced parenthesis ('(' is never closed)", lexeme.position)
            self.take()
            return node
        if lexeme.kind == ")":
            raise self.fail("unbalanced parenthesis (')' without '(')", lexeme.position)
        # AND / OR where an operand should start (the parser never reaches 'end' here).
        raise self.fail(f"dangling operator {lexeme.kind} (nothing on its left)", lexeme.position)

    def term(self, lexeme: _Lexeme) -> Term:
        offset = lexeme.position + (1 if lexeme.exact else 0) + (1 if lexeme.kind == "phrase" else 0)
        parts: list[Part] = []
        for m in re.finditer(r"\S+", lexeme.body):
            word, at = m.group(), offset + m.start()
            prefix = word.endswith("*")
            stem = word[:-1] if prefix else word
            if "*" in stem:
                raise self.fail("'*' is only allowed at the end of a word", at + stem.index("*"))
            if prefix and not stem:
                raise self.fail("lone '*' (a prefix needs at least one letter)", at)
            tokens = tokenize(stem if lexeme.exact else fold(stem))
            if not tokens:
                raise self.fail(f"{word!r} has no letters or digits", at)
            if prefix and not tokenize(stem[-1]):
                raise self.fail("'*' must follow a letter or digit", at + len(stem))
            parts.extend((tok, False) for tok in tokens[:-1])
            parts.append((tokens[-1], prefix))
        return Term(lexeme.text, lexeme.exact, tuple(parts), lexeme.position)


# --------------------------------------------------------------------------- matching


class _View:
    """One field (title or text) in one form (folded or exact): tokens and their counts."""

    __slots__ = ("tokens", "counts", "_sorted", "_starts")

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.counts = Counter(tokens)
        self._sorted: list[str] | None = None
        self._starts: dict[Part, list[int]] = {}

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

    def hits(self, parts: tuple[Part, ...]) -> int:
        """Occurrences of the term or phrase ``parts``."""
        first, first_prefix = parts[0]
        if len(parts) == 1:
            if first_prefix:
                return sum(self.counts[tok] for tok in self.with_prefix(first))
            return self.counts.get(first, 0)
        for tok, prefix in parts:  # cheap rejection before scanning for the sequence
            if not (self.with_prefix(tok) if prefix else tok in self.counts):
                return 0
        tokens, size, total = self.tokens, len(parts), 0
        for i in self.starts(parts[0]):
            if i + size > len(tokens):
                break
            for k in range(1, size):
                tok, prefix = parts[k]
                t = tokens[i + k]
                if not (t.startswith(tok) if prefix else t == tok):
                    break
            else:
                total += 1
        return total


def _evaluate(node: Node, present: dict[Term, bool]) -> bool:
    if isinstance(node, Term):
        return present[node]
    if isinstance(node, Not):
        return not _evaluate(node.child, present)
    if isinstance(node, And):
        return all(_evaluate(child, present) for child in node.children)
    return any(_evaluate(child, present) for child in node.children)


def _walk(node: Node, negated: bool = False) -> list[tuple[Term | Not, bool]]:
    """Every Term and Not in reading order, with whether it sits inside a NOT."""
    if isinstance(node, Term):
        return [(node, negated)]
    if isinstance(node, Not):
        return [(node, negated), *_walk(node.child, True)]
    return [item for child in node.children for item in _walk(child, negated)]


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

    def __post_init__(self) -> None:
        walked = [(t, neg) for t, neg in _walk(self.root) if isinstance(t, Term)]
        terms = tuple(dict.fromkeys(t for t, _ in walked))
        positive: dict[str, Term] = {}
        for term, negated in walked:
            if not negated:
                positive.setdefault(term.key, term)
        object.__setattr__(self, "_terms", terms)
        object.__setattr__(self, "_positive", tuple(positive.values()))
        needs = (any(not t.exact for t in terms), any(t.exact for t in terms))
        object.__setattr__(self, "_needs", needs)

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
        if need_folded:
            views[False] = (_View(tokenize(fold(fields[0]))), _View(tokenize(fold(fields[1]))))
        if need_exact:
            views[True] = (_View(tokenize(fields[0])), _View(tokenize(fields[1])))
        hits: dict[tuple[bool, tuple[Part, ...]], tuple[int, int]] = {}
        present: dict[Term, bool] = {}
        for term in self._terms:
            pattern = (term.exact, term.parts)
            if pattern not in hits:
                in_title, in_text = views[term.exact]
                hits[pattern] = (in_title.hits(term.parts), in_text.hits(term.parts))
            present[term] = any(hits[pattern])
        found: dict[str, int] = {}
        score = 0.0
        for term in self._positive:
            t, x = hits[(term.exact, term.parts)]
            if t or x:
                found[term.key] = t + x
                score += 1.0 + log(2 * t + x)
        matched = _evaluate(self.root, present)
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
    parser = _Parser(source)
    root = parser.parse()
    walked = _walk(root)
    nots = [node.position for node, _ in walked if isinstance(node, Not)]
    positive = any(isinstance(node, Term) and not neg for node, neg in walked)
    matches_empty = _evaluate(root, {t: False for t, _ in walked if isinstance(t, Term)})
    if not positive:
        raise _error("NOT-only query (nothing to match, only terms to exclude)", nots[0], source)
    if matches_empty:
        what = "NOT-only branch (the query would match pages containing none of its terms)"
        raise _error(what, nots[0], source)
    return Query(source, root)
