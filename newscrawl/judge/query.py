"""The query language of topics and search: one lexer, one parser, one tree, one FTS5 translator.

The syntax (full reference in ``docs/topics.md``; what search accepts in ``docs/search.md``)::

    term  other          adjacent terms: AND
    a AND b   a OR b     uppercase keywords only; lowercase and/or/not are plain words
    NOT a   -a   -(a OR b)
    "open letter"        phrase: consecutive tokens
    detain*              prefix: any token starting with "detain"
    =ICE  ="Homeland Security"   case- and accent-sensitive (exact) term or phrase
    ( ... )              grouping; precedence NOT > AND > OR
    # comment            '#' followed by a space runs to the end of the line (strict mode)

:func:`parse` reads it in one of two modes and gives the same tree (:class:`Term`,
:class:`Not`, :class:`And`, :class:`Or`) for a well-formed query:

- **strict** (topic files): a malformed query raises :class:`QueryError` saying what is
  wrong and where.
- **lenient** (what people type into ``newscrawl search``): nothing typed is an error. An
  unclosed quote closes at the end, a stray ``)`` is dropped and an unclosed ``(`` closed,
  dangling operators and words with no letter or digit are dropped, ``|`` is OR, a run of
  NOT/``-`` excludes once and ``"a phrase"*`` is a prefix. Only a search that leaves
  nothing to look for (or exceeds the limits below) raises :class:`SearchQueryError`.

:func:`fts5` turns a tree into a SQLite FTS5 MATCH expression; :func:`to_fts5` is the
lenient parse and the translation in one step. Every term becomes a double-quoted FTS5
string, so nothing the user types can be read as FTS5 syntax (NEAR, ``title:`` column
filters, ``^``) or as SQL. The index folds case, so ``=`` (exact) is dropped there. The
index parts Chinese, Japanese and Thai characters from each other, so a word in those
scripts becomes the phrase of its characters (``移民局``: ``"移 民 局"``), found inside a
longer run as well (*美国移民局称*); :func:`paired` turns it into the phrase of its pairs, for
the index of schema 11, which reads their runs in overlapping pairs (``"移民 民局"``).

Matching a tree against a text is :mod:`newscrawl.judge.topics`' job; this module only reads
queries. It imports nothing from Scrapy or SQLite.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from newscrawl.words import UNSPACED, paired_phrase, parted

__all__ = [
    "And", "Node", "Not", "Or", "Part", "QueryError", "SearchQueryError", "Term", "evaluate", "fold",
    "fts5", "fts5_all", "fts5_any_term", "paired", "parse", "to_fts5", "tokenize", "walk",
]  # fmt: skip

# Limits of a lenient (search) query, so that a pasted page cannot tie up the database.
MAX_LENGTH = 2000
MAX_TERMS = 100
MAX_DEPTH = 20
# Most levels of parentheses and NOT, one inside the other, in a strict (topic) query: the
# parser and every reader of the tree recurse once per level.
MAX_NESTING = 100

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
# the runs a token is parted into where Chinese or Japanese characters meet others; Thai,
# Lao, Myanmar and Khmer, also written without spaces between words, are parted from Latin
# names the same way ("ต้านICE", against ICE: tests/asiaweb). (The full-text index parts each
# character of Chinese, Japanese and Thai alone: newscrawl.words.parted.)
_PARTED = UNSPACED + "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_PARTED_RE = re.compile(f"[{_PARTED}]")
_SCRIPT_RUNS = re.compile(f"[{_PARTED}]+|[^{_PARTED}]+")


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
    """Unicode word tokens of ``text`` as written (NFC); ``ICE's`` gives ``ICE``, ``s``.

    Chinese and Japanese put no space between words, nor between theirs and a Latin name
    ("美国ICE与科技公司": the US, ICE and tech companies): a token is parted where a run of
    their characters (:data:`newscrawl.words.UNSPACED`, and Thai, Lao, Myanmar and Khmer ones)
    meets other letters or digits, so ``ICE`` is a token of its own there, as it is in English
    text. A run of theirs stays one token (the topic matcher cuts it further, as the full-text
    index does, when the query has a word of theirs). The topic prefilter tests words as
    substrings, so it finds them either way."""
    if text.isascii():
        ascii_only = True
    else:
        ascii_only = False
        text = unicodedata.normalize("NFC", text)
    if "_" in text:
        text = text.replace("_", " ")
    tokens = _token_re(_ASTRAL.search(text) is not None).findall(text)
    if ascii_only or not _PARTED_RE.search(text):
        return tokens
    return [
        part for token in tokens
        for part in (_SCRIPT_RUNS.findall(token) if _PARTED_RE.search(token) else (token,))
    ]


def _searchable(text: str) -> bool:
    """True if FTS5's unicode61 tokenizer finds a token in ``text`` (letters, digits, private use)."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


def _clean(text: str) -> str:
    """NFC, with control characters (NUL ends an FTS5 string), lone surrogates and private-use
    characters (which mark the index's filter tokens, see :mod:`newscrawl.store.facets`) as spaces."""
    text = unicodedata.normalize("NFC", text)
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Co") else c for c in text)


# --------------------------------------------------------------------------- errors


class QueryError(ValueError):
    """A malformed query; ``position`` is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position

    def __reduce__(self) -> tuple[type[QueryError], tuple[str, int | None]]:
        return (QueryError, (str(self), self.position))


class SearchQueryError(ValueError):
    """A search the user typed cannot be run; the message says why and what to do."""


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
    parts: tuple[Part, ...]  # tokens (folded unless exact), for matching
    position: int
    text: str  # the words as typed, without '=' and quotes; a word ending in '*' is a prefix

    def describe(self) -> str:
        """``phrase: open letter`` and the like, for ``Query.explain``."""
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


def evaluate(node: Node, present: Mapping[Term, bool]) -> bool:
    """The truth of ``node`` given which of its terms are present."""
    if isinstance(node, Term):
        return present[node]
    if isinstance(node, Not):
        return not evaluate(node.child, present)
    if isinstance(node, And):
        return all(evaluate(child, present) for child in node.children)
    return any(evaluate(child, present) for child in node.children)


def walk(node: Node, negated: bool = False) -> list[tuple[Term | Not, bool]]:
    """Every Term and Not in reading order, with whether it sits inside a NOT."""
    if isinstance(node, Term):
        return [(node, negated)]
    if isinstance(node, Not):
        return [(node, negated), *walk(node.child, True)]
    return [item for child in node.children for item in walk(child, negated)]


# --------------------------------------------------------------------------- lexer

_KEYWORDS = {"AND": "AND", "OR": "OR", "NOT": "NOT"}
_LENIENT_KEYWORDS = {**_KEYWORDS, "|": "OR"}


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # 'term', 'phrase', '(', ')', 'AND', 'OR', 'NOT', 'end'
    position: int
    text: str = ""  # as written: the term's key, or the operator ('-' for NOT)
    body: str = ""  # term/phrase without '=' and quotes
    exact: bool = False


def _lex(src: str, lenient: bool) -> list[_Lexeme]:
    """The lexemes of ``src``, ending with 'end'. Strict: raise on what cannot be read;
    lenient: read everything (see the module docstring) and drop a ')' that closes nothing."""
    keywords = _LENIENT_KEYWORDS if lenient else _KEYWORDS
    out: list[_Lexeme] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
        elif c == "#" and not lenient and (i + 1 == n or src[i + 1].isspace()):
            end = src.find("\n", i)
            i = n if end < 0 else end
        elif c in "()":
            out.append(_Lexeme(c, i))
            i += 1
        elif c == "-" and lenient:
            start = i
            while i < n and src[i] == "-":
                i += 1
            if i < n and not src[i].isspace():
                out.append(_Lexeme("NOT", start, "-"))
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
                    if not lenient:
                        raise _error("'=' must be followed directly by a term or phrase", start, src)
                    i, exact = start, False  # a lone '=' is part of a word
            if src[i] == '"':
                close = src.find('"', i + 1)
                if close < 0:
                    if not lenient:
                        raise _error("unbalanced quote", i, src)
                    close = n
                body = src[i + 1 : close]
                if not body.strip() and not lenient:
                    raise _error("empty phrase", start, src)
                text = ('="' if exact else '"') + " ".join(body.split()) + '"'
                i = close + 1
                stars = len(src[i:]) - len(src[i:].lstrip("*")) if lenient else 0
                if stars:  # "a phrase"*: its last word is a prefix
                    body, text, i = body.rstrip() + "*", text + "*", i + stars
                out.append(_Lexeme("phrase", start, text, body, exact))
            else:
                end = i
                while end < n and not src[end].isspace() and src[end] not in '()"':
                    end += 1
                word = src[i:end]
                kind = "term" if exact else keywords.get(word, "term")
                out.append(_Lexeme(kind, start, src[start:end], word, exact))
                i = end
    if lenient:
        out = _balance(out)
    out.append(_Lexeme("end", n))
    return out


def _balance(lexemes: list[_Lexeme]) -> list[_Lexeme]:
    """Drop closing parentheses that close nothing (unclosed ones close at the end)."""
    kept, depth = [], 0
    for lexeme in lexemes:
        if lexeme.kind == ")":
            if depth == 0:
                continue
            depth -= 1
        elif lexeme.kind == "(":
            depth += 1
        kept.append(lexeme)
    return kept


# --------------------------------------------------------------------------- parser

_OPERAND_STARTS = frozenset({"term", "phrase", "(", "NOT"})


class _Parser:
    """Recursive descent: or := and (OR and)*; and := not (AND? not)*; not := NOT not | atom.

    Strict, every problem raises :class:`QueryError`. Lenient, what cannot be read is
    dropped: a method returns None for an operand that turned out empty.
    """

    def __init__(self, src: str, lenient: bool) -> None:
        self.src = src
        self.lenient = lenient
        self.lexemes = _lex(src, lenient)
        self.i = 0
        self.depth = 0
        self.nesting = 0  # strict: parentheses and NOTs open around the current position
        self.terms = 0

    def peek(self) -> _Lexeme:
        return self.lexemes[self.i]

    def take(self) -> _Lexeme:
        lexeme = self.lexemes[self.i]
        self.i += 1
        return lexeme

    def fail(self, what: str, position: int | None) -> QueryError:
        return _error(what, position, self.src)

    def nest(self, lexeme: _Lexeme) -> None:
        """Enter one more level of parentheses or NOT (strict: at most :data:`MAX_NESTING`)."""
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            what = f"nested too deeply (more than {MAX_NESTING} levels of parentheses and NOT)"
            raise self.fail(what, lexeme.position)

    def parse(self) -> Node | None:
        if self.peek().kind == "end" and not self.lenient:
            if not self.src.strip():
                raise QueryError("empty query", None)
            raise self.fail("empty query (only comments)", None)
        node = self.parse_or()
        extra = self.peek()
        if extra.kind == ")":  # never lenient: its lexer dropped the stray ones
            raise self.fail("unbalanced parenthesis (')' without '(')", extra.position)
        return node

    def right_operand(self, op: _Lexeme) -> bool:
        """Whether an operand follows ``op`` (strict: raise if none does)."""
        if self.peek().kind in _OPERAND_STARTS:
            return True
        if self.lenient:
            return False
        name = "NOT" if op.text == "-" else op.kind
        raise self.fail(f"dangling operator {name} (nothing on its right)", op.position)

    def parse_or(self) -> Node | None:
        children = [self.parse_and()]
        while self.peek().kind == "OR":
            op = self.take()
            if self.lenient or self.right_operand(op):  # lenient: parse_and drops what is empty
                children.append(self.parse_and())
        return _group(Or, children)

    def parse_and(self) -> Node | None:
        children: list[Node | None] = []
        if not self.lenient or self.peek().kind in _OPERAND_STARTS:
            children.append(self.parse_not())
        while True:
            kind = self.peek().kind
            if kind == "AND":
                if not self.right_operand(self.take()):
                    continue
            elif kind not in _OPERAND_STARTS:
                break
            children.append(self.parse_not())
        return _group(And, children)

    def parse_not(self) -> Node | None:
        if self.peek().kind != "NOT":
            return self.parse_atom()
        op = self.take()
        if not self.lenient:
            self.right_operand(op)
            self.nest(op)
            node = Not(self.parse_not(), op.position)
            self.nesting -= 1
            return node
        # Lenient: a run of NOT, '-' and AND excludes once; nothing after it, nothing.
        while self.peek().kind in ("NOT", "AND"):
            self.take()
        if self.peek().kind not in _OPERAND_STARTS:
            return None
        node = self.parse_atom()
        return None if node is None else Not(node, op.position)

    def parse_atom(self) -> Node | None:
        lexeme = self.take()
        if lexeme.kind in ("term", "phrase"):
            return self.term(lexeme)
        if lexeme.kind == "(":
            if self.lenient:
                if self.depth >= MAX_DEPTH:
                    raise SearchQueryError(f"too many nested parentheses (at most {MAX_DEPTH})")
            elif self.peek().kind == ")":
                raise self.fail("empty parentheses", lexeme.position)
            else:
                self.nest(lexeme)
            self.depth += 1
            node = None if self.peek().kind == ")" else self.parse_or()
            self.depth -= 1
            if not self.lenient:
                self.nesting -= 1
            if self.peek().kind == ")":
                self.take()
            elif not self.lenient:
                raise self.fail("unbalanced parenthesis ('(' is never closed)", lexeme.position)
            return node
        if lexeme.kind == ")":
            raise self.fail("unbalanced parenthesis (')' without '(')", lexeme.position)
        # AND / OR where an operand should start (the parser never reaches 'end' here).
        raise self.fail(f"dangling operator {lexeme.kind} (nothing on its left)", lexeme.position)

    def term(self, lexeme: _Lexeme) -> Term | None:
        if self.lenient:
            self.terms += 1
            if self.terms > MAX_TERMS:
                raise SearchQueryError(f"too many words to search for (at most {MAX_TERMS})")
            if not _searchable(lexeme.body):
                return None  # punctuation or emoji: no token in the index
        offset = lexeme.position + (1 if lexeme.exact else 0) + (1 if lexeme.kind == "phrase" else 0)
        parts: list[Part] = []
        for m in re.finditer(r"\S+", lexeme.body):
            word, at = m.group(), offset + m.start()
            stem = word.rstrip("*") if self.lenient else word.removesuffix("*")
            prefix = stem != word
            if not self.lenient:
                if "*" in stem:
                    raise self.fail("'*' is only allowed at the end of a word", at + stem.index("*"))
                if prefix and not stem:
                    raise self.fail("lone '*' (a prefix needs at least one letter)", at)
            tokens = tokenize(stem if lexeme.exact else fold(stem))
            if not tokens:
                if self.lenient:
                    continue
                raise self.fail(f"{word!r} has no letters or digits", at)
            if prefix and not tokenize(stem[-1]) and not self.lenient:
                raise self.fail("'*' must follow a letter or digit", at + len(stem))
            parts.extend((tok, False) for tok in tokens[:-1])
            parts.append((tokens[-1], prefix))
        return Term(lexeme.text, lexeme.exact, tuple(parts), lexeme.position, lexeme.body)


def _group(kind: type[And] | type[Or], children: list[Node | None]) -> Node | None:
    """An And/Or of the non-empty ``children``; the child itself if only one."""
    kept = [child for child in children if child is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else kind(tuple(kept))


def parse(source: str, *, lenient: bool = False) -> Node:
    """The tree of a query.

    Strict (the default, for topic files): :class:`QueryError` saying what is wrong and
    where, also for a query that only excludes (``NOT a``, ``a OR -b``). Lenient (for
    searches): :class:`SearchQueryError` only when nothing is left to search for or the
    query exceeds :data:`MAX_LENGTH`, :data:`MAX_TERMS` or :data:`MAX_DEPTH`.
    """
    if lenient:
        return _parse_lenient(source)
    root = _Parser(source, lenient=False).parse()
    assert root is not None  # strict parsing never drops an operand
    walked = walk(root)
    nots = [node.position for node, _ in walked if isinstance(node, Not)]
    positive = any(isinstance(node, Term) and not neg for node, neg in walked)
    if not positive:
        raise _error("NOT-only query (nothing to match, only terms to exclude)", nots[0], source)
    if evaluate(root, {t: False for t, _ in walked if isinstance(t, Term)}):
        what = "NOT-only branch (the query would match pages containing none of its terms)"
        raise _error(what, nots[0], source)
    return root


def _parse_lenient(query: str) -> Node:
    if len(query) > MAX_LENGTH:
        raise SearchQueryError(f"the search is too long ({len(query)} characters, at most {MAX_LENGTH})")
    cleaned = _clean(query)
    if not cleaned.strip():
        raise SearchQueryError("the search is empty: type a word to search for")
    parser = _Parser(cleaned, lenient=True)
    root = parser.parse()
    if root is None:
        hint = "type a word with letters or digits"
        if any(lx.kind in ("OR", "AND", "NOT") and lx.text != "-" for lx in parser.lexemes):
            hint = 'AND, OR and NOT are operators; to search for the word, quote it: "or"'
        raise SearchQueryError(f"nothing to search for in {query.strip()!r}: {hint}")
    return root


# --------------------------------------------------------------------------- FTS5

_ONLY_EXCLUSIONS = "only exclusions (-word, NOT word): add a word to search for, e.g. ICE -hockey"
_OR_EXCLUSION = (
    "an OR alternative is only an exclusion: add a word to search for to it, or exclude "
    "outside the alternatives, e.g. (ICE OR immigration) -hockey"
)


def fts5(node: Node) -> str:
    """The FTS5 MATCH expression of a tree; :class:`SearchQueryError` if FTS5 cannot say it.

    FTS5's NOT is binary (``a NOT b``), so an exclusion must sit next to something to
    search for: a query of exclusions only, or an OR alternative that only excludes
    (``a OR -b``), raises. Exact terms lose their ``=``: the index folds case.
    """
    text = _emit(_normal(node))
    return text[1:-1] if text.startswith("(") and _outer_pair(text) else text


def to_fts5(query: str) -> str:
    """The FTS5 MATCH expression for a search typed by a user; :class:`SearchQueryError` if none."""
    return fts5(parse(query, lenient=True))


def fts5_any_term(terms: Iterable[str], star: str = " *") -> str:
    """An FTS5 expression for any of ``terms``, each as written in a topic query
    (``detain*``, ``"open letter"``, ``=ICE``); ``""`` for none.

    For Datasette's canned query. A term written twice (ignoring case) counts once; one
    that is not a term (``OR``, ``&&``) is left out; a prefix is spelled ``"detain" *``,
    as in SQLite's FTS5 documentation.
    """
    found: dict[str, str] = {}
    for source in terms:
        try:
            node = parse(source)
        except QueryError:
            continue
        if isinstance(node, Term):
            part = _phrase(node, star)
            found.setdefault(part.casefold(), part)
    return " OR ".join(found.values())


def fts5_all(*expressions: str | None) -> str:
    """The FTS5 AND of expressions (empty ones left out); ``""`` for none."""
    kept = [e for e in expressions if e]
    return kept[0] if len(kept) == 1 else " AND ".join(f"({e})" for e in kept)


def _normal(node: Node) -> Node:
    """``node`` with NOT NOT removed and nested ANDs (ORs) of ANDs (ORs) flattened."""
    if isinstance(node, Term):
        return node
    if isinstance(node, Not):
        child = _normal(node.child)
        return child.child if isinstance(child, Not) else Not(child, node.position)
    children: list[Node] = []
    for child in map(_normal, node.children):
        if type(child) is type(node):
            children.extend(child.children)  # type: ignore[union-attr]
        else:
            children.append(child)
    return type(node)(tuple(children))


def _emit(node: Node, problem: str = _ONLY_EXCLUSIONS) -> str:
    """The FTS5 text of a node that selects articles (an exclusion alone selects none)."""
    if isinstance(node, Term):
        return _phrase(node)
    if isinstance(node, Not):
        raise SearchQueryError(problem)
    if isinstance(node, Or):
        return "(" + " OR ".join(_emit(child, _OR_EXCLUSION) for child in node.children) + ")"
    wanted = [child for child in node.children if not isinstance(child, Not)]
    unwanted = [child.child for child in node.children if isinstance(child, Not)]
    if not wanted:
        raise SearchQueryError(problem)
    text = _emit(wanted[0]) if len(wanted) == 1 else "(" + " AND ".join(map(_emit, wanted)) + ")"
    if not unwanted:
        return text
    excluded = [c for u in unwanted for c in (u.children if isinstance(u, Or) else (u,))]
    either = excluded[0] if len(excluded) == 1 else Or(tuple(excluded))
    return f"({text} NOT {_emit(either)})"


def _phrase(term: Term, star: str = "*") -> str:
    """A term as FTS5 strings: ``"open letter"``, ``"detain"*``, ``"deport"* + "flight"*``.

    The words are kept as typed (FTS5's tokenizer splits them as the index does); a word
    ending in ``*`` is a prefix, and a prefix inside a phrase ends one FTS5 string, which
    ``+`` joins to the next. Control and private-use characters become spaces, so no term
    can end a string early or match the index's filter tokens.
    """
    text = term.text if term.text.isprintable() else _clean(term.text)
    strings: list[str] = []
    start = 0
    for m in re.finditer(r"\S+", text):
        stem = m.group().rstrip("*")
        if stem != m.group() and _searchable(stem):
            strings.append(_quoted(text[start : m.start() + len(stem)].strip()) + star)
            start = m.end()
    rest = text[start:]
    if not strings or _searchable(rest):
        strings.append(_quoted(rest if not strings else rest.strip()))
    return " + ".join(strings)


def _quoted(text: str) -> str:
    """An FTS5 string; Chinese, Japanese and Thai characters parted by spaces, as the index
    reads them (:func:`newscrawl.words.parted`): ``移民局`` is the phrase ``"移 民 局"``."""
    return '"' + (parted(text, " ") or text).replace('"', '""') + '"'


_FTS5_STRING = re.compile(r'"((?:[^"]|"")*)"( ?\*)?( \+ )?')


def paired(expression: str) -> str:
    """An FTS5 expression of :func:`fts5` for the index of schema 11, which reads a run of
    Chinese, Japanese or Thai characters as its overlapping pairs (:func:`newscrawl.words.paired`):
    each string's runs of their characters made the phrase of their pairs
    (:func:`newscrawl.words.paired_phrase`: ``"移 民 局"`` → ``"移民 民局"``, ``"局"`` →
    ``"局"*``). Other strings are left as they are."""
    def one(m: re.Match[str]) -> str:
        body, star, plus = m.group(1), m.group(2) or "", m.group(3) or ""
        if _PAIRED_RE.search(body) is None:
            return m.group()
        body, star = paired_phrase(body.replace('""', '"'), star, followed=bool(plus))
        return '"' + body.replace('"', '""') + '"' + star + plus

    return _FTS5_STRING.sub(one, expression)


_PAIRED_RE = re.compile(f"[{UNSPACED}\u0e00-\u0e7f]")


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
