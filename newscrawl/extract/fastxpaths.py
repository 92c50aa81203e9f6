"""trafilatura's XPath expressions written to select the same elements at less cost: attribute
tests by regular expression guarded by cheaper tests, tag tests as steps by name.

trafilatura finds boilerplate, bodies and bylines with XPath expressions that test classes and
ids with EXSLT regular expressions: ``re:test(@class, 'social|sidebar|...')``. lxml answers each
such test with a call into Python, for every element the expression visits, and the expressions
visit every ``div``, ``p``, ``span``, ... of the page several times per reading (the raw page's
prunes alone cost about 2.4 ms a page on the extraction corpus). Most elements cannot match: they
have no class or id, or their class holds none of the pattern's words.

:func:`guard` puts a necessary condition, tested by libxml2 itself, in front of each such test:
``(GUARD and re:test(@a, 'P'))``, which is true exactly when ``re:test(@a, 'P')`` is, since
``GUARD`` is true whenever the test is:

- **the attribute is there** (``@class``): ``re:test`` of a missing attribute tests the empty
  string, so a pattern that cannot match the empty string needs the attribute;
- **one of the pattern's literals is in it** (``contains(@class, 'sidebar') or ...``), for a
  pattern with at most ``MAX_LITERALS`` branches: each branch of the pattern must match
  somewhere, and :func:`needed_literals` finds, per branch, a run of plain characters that every
  match of it holds (a pattern it cannot read, or a branch without such a run, gets the first
  guard only).

And :func:`by_name` writes an expression that visits every element and keeps those of some
tags, ``.//*[self::div or self::section][P]``, as the union of the tags' own steps,
``.//div[P] | .//section[P]``: libxml2 then walks each tag's elements by name instead of testing
every element's name in a predicate (about a fifth less time over trafilatura's expressions of
that shape). The two select the same elements in the same (document) order when the predicates
ask no position (``[1]``, ``position()``, ``last()``: such an expression is left as it is).

:func:`install` rewrites, in place, the expression lists of ``trafilatura.xpaths`` that
trafilatura's extraction and byline search read (the modules that use them hold the same list
objects). The elements selected are the same, in the same order: ``tests/test_fastxpaths.py``
compares every rewritten expression with trafilatura's own on real pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import trafilatura.xpaths
from lxml.etree import XPath

__all__ = ["by_name", "guard", "install", "needed_literals", "originals", "trafilaturas_own"]

REGEXP_NS = "http://exslt.org/regular-expressions"
# the lists of trafilatura.xpaths rewritten (what the extraction and the byline search read)
XPATH_LISTS = (
    "RAW_TREE_PRUNE_XPATH",
    "REMOVE_COMMENTS_AND_LISTS_XPATH",
    "REMOVE_COMMENTS_XPATH",
    "OVERALL_DISCARD_XPATH",
    "PRECISION_DISCARD_XPATH",
    "TEASER_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS",
    "COMMENTS_DISCARD_XPATH",
    "BODY_XPATH",
    "AUTHOR_DISCARD_XPATHS",
    "AUTHOR_XPATHS",
)
# a contains() guard costs a test per literal: beyond this many, the attribute's presence alone
MAX_LITERALS = 6
# re:test(attribute or union of attributes, 'pattern'), without flags (a flag such as 'i'
# changes what the literals may look like: such a test is left as it is)
RE_TEST = re.compile(r"re:test\(\s*(@[\w-]+(?:\s*\|\s*@[\w-]+)*)\s*,\s*'([^']*)'\s*\)")
# ".//*[self::div or self::p ...]" at the start of an expression: its tags
TAG_TESTS = re.compile(r"\s*\.//\*\[\s*(self::[\w-]+(?:\s+or\s+self::[\w-]+)*)\s*\]")
POSITIONAL = re.compile(r"\[\s*\d+\s*\]|position\(|last\(")


class _Unreadable(ValueError):
    """A pattern whose literals are not worked out (the guard is left out)."""


def _class_end(pattern: str, i: int) -> int:
    """The index of the ``]`` that closes the character class opened at ``i``."""
    j = i + 1
    j += pattern.startswith("^", j)
    j += pattern.startswith("]", j)  # "[]...]", "[^]...]": the bracket is a member
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j
        j += 1
    raise _Unreadable(pattern)


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of the characters from ``start`` that are neither escaped nor
    in a character class; the depth of a parenthesis is that of the group around its own."""
    depth, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i) + 1
            continue
        if c == ")":
            depth -= 1
        yield i, c, depth
        if c == "(":
            depth += 1
        i += 1
    if depth:
        raise _Unreadable(pattern)


def _split(pattern: str) -> list[str]:
    """The pattern's top-level branches."""
    cuts = [i for i, c, depth in _structure(pattern) if c == "|" and depth == 0]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def _skip_quantifier(branch: str, i: int) -> int:
    """The index after a quantifier at ``i`` (``i`` when there is none)."""
    if i < len(branch) and branch[i] in "?*+":
        i += 1
    elif i < len(branch) and branch[i] == "{":
        end = branch.find("}", i)
        if end < 0:
            raise _Unreadable(branch)
        i = end + 1
    return i + 1 if i < len(branch) and branch[i] in "?+" and branch[i - 1] in "?*+}" else i


def _group_end(branch: str, i: int) -> int:
    """The index of the ``)`` that closes the group opened at ``i``."""
    for j, c, depth in _structure(branch, i):
        if c == ")" and depth == 0:
            return j
    raise _Unreadable(branch)


def _branch_literals(branch: str) -> set[str] | None:
    """Literals one of which every match of a branch (no top-level ``|``) holds."""
    best: set[str] | None = None
    run = ""

    def better(found: set[str]) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    i = 0
    while i < len(branch):
        c = branch[i]
        if c == "(":
            end = _group_end(branch, i)
            inner = branch[i + 1 : end]
            after = branch[end + 1 : end + 2]
            better({run} if run else set())
            run = ""
            if inner.startswith("?:"):
                inner = inner[2:]
            elif inner.startswith("?"):
                inner = None  # a lookaround, a named group, an inline flag: no literal
            if inner is not None and after not in ("?", "*", "{"):
                found = needed_literals(inner)
                if found:
                    better(found)
            i = _skip_quantifier(branch, end + 1)
            continue
        if c == "[" or c == "\\" or c in ".^$":
            better({run} if run else set())
            run = ""
            if c == "[":
                i = _class_end(branch, i) + 1
            else:
                i += 2 if c == "\\" else 1
            i = _skip_quantifier(branch, i)
            continue
        if c in "?*+{})|]":
            raise _Unreadable(branch)
        after = branch[i + 1 : i + 2]
        if after in ("?", "*", "{"):  # an optional character ends the run before it
            better({run} if run else set())
            run = ""
            i = _skip_quantifier(branch, i + 1)
            continue
        run += c
        i += 1
        if after == "+":  # one or more: the character is there, what follows may repeat it
            better({run})
            run = ""
            i = _skip_quantifier(branch, i)
    better({run} if run else set())
    return best


def needed_literals(pattern: str) -> set[str] | None:
    """Strings one of which every match of ``pattern`` (Python's ``re``, no flags) contains,
    or None when some branch has none or the pattern is not read (inline flags, ...)."""
    if "(?" in pattern and re.search(r"\(\?[aiLmsux]", pattern):
        return None  # an inline flag may change case or what the characters mean
    try:
        found: set[str] = set()
        for branch in _split(pattern):
            literals = _branch_literals(branch)
            if not literals or any("'" in lit for lit in literals):
                return None
            found |= literals
        return found
    except _Unreadable:
        return None


def guard(path: str) -> str:
    """``path`` with a cheaper necessary condition in front of each ``re:test`` of attributes
    (the same elements selected)."""

    def guarded(m: re.Match[str]) -> str:
        attrs, pattern = m[1], m[2]
        try:
            if re.search(pattern, ""):
                return m[0]  # matches a missing attribute too: no guard holds
        except re.error:
            return m[0]
        literals = needed_literals(pattern)
        if literals and len(literals) <= MAX_LITERALS:
            cond = " or ".join(f"contains({attrs}, '{lit}')" for lit in sorted(literals))
        else:
            cond = " or ".join(a.strip() for a in attrs.split("|"))
        return f"(({cond}) and {m[0]})"

    return RE_TEST.sub(guarded, path)


def _predicates_only(rest: str) -> bool:
    """Whether ``rest`` is nothing but predicates, ``[...][...]`` (strings read whole)."""
    depth, quote = 0, ""
    for c in rest.strip():
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif depth == 0 and not c.isspace():
            return False
    return depth == 0 and not quote


def by_name(path: str) -> str:
    """``.//*[self::a or self::b][P]`` as ``.//a[P] | .//b[P]`` (the same elements, in document
    order), when the predicates ask no position; else ``path``."""
    m = TAG_TESTS.match(path)
    if m is None:
        return path
    rest = path[m.end() :].strip()
    if not _predicates_only(rest) or POSITIONAL.search(rest):
        return path
    tags = re.findall(r"self::([\w-]+)", m[1])
    return " | ".join(f".//{tag}{rest}" for tag in tags)


def _rewritten(expression: Any) -> Any:
    path = getattr(expression, "path", None)
    if not isinstance(path, str):
        return expression
    new = by_name(guard(path))
    return expression if new == path else XPath(new, namespaces={"re": REGEXP_NS})


_INSTALLED: dict[str, list[Any]] = {}  # list name: trafilatura's own expressions


def install() -> None:
    """Rewrite trafilatura's expression lists in place (once)."""
    for name in XPATH_LISTS:
        expressions = getattr(trafilatura.xpaths, name, None)
        if not isinstance(expressions, list) or name in _INSTALLED:
            continue
        _INSTALLED[name] = list(expressions)
        expressions[:] = [_rewritten(e) for e in expressions]


def originals() -> dict[str, list[Any]]:
    """trafilatura's own expressions of each rewritten list (for the tests)."""
    return dict(_INSTALLED)


@contextmanager
def trafilaturas_own() -> Iterator[None]:
    """trafilatura's own expressions while the block runs (a benchmark's plain trafilatura)."""
    guarded = {name: list(getattr(trafilatura.xpaths, name)) for name in _INSTALLED}
    for name, own in _INSTALLED.items():
        getattr(trafilatura.xpaths, name)[:] = own
    try:
        yield
    finally:
        for name, exprs in guarded.items():
            getattr(trafilatura.xpaths, name)[:] = exprs
