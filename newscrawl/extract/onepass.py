"""trafilatura's readability/justext comparison decided inside its own pass over the page.

newscrawl reads a page's text without trafilatura's comparison (``fast``) and asks for the
comparison only when that text needs it (``text.needs_comparison``: short, or not made of
paragraphs). Asked as a second ``bare_extraction``, the comparison repeats the whole first pass
(the tree's copies, its cleaning, the tag conversion, the main extractor).
:func:`bare_extraction` makes one call instead: trafilatura's stage that runs the main extractor
and then the comparison (``core._extract_and_compare``) is replaced, while the call runs, by
one that asks ``needs`` about the main extractor's result and runs the comparison only when it
says so, on the same cleaned trees.

The result is the two calls' result, page for page (``tests/test_onepass.py`` compares
them on the corpora): the only stage whose output depends on ``fast`` is the main extractor's
recovery of wild text on a short result (fast keeps teaser-class blocks, the comparison's pass
does not), so a page that ran it and needs the comparison is read a second time, as before.

While the reading runs, :func:`recovered_wild_text` tells ``needs`` whether the main extractor
found no body and recovered the page's wild text (``text._lists_left_out`` asks it); the two
calls' path cannot tell, and answers no.

trafilatura copies the tree it is given before it changes it (half a millisecond on a news
page). A caller whose tree is a copy of its own, made for this reading, gives it away with
``again`` (how to make it once more): the reading then changes that tree itself, and a second
reading, when one is needed, reads a tree made again.

The stage's name and arguments are trafilatura's internals, not its API: when they are not
there (another version), or the call did not reach the stage, :func:`bare_extraction` makes
the two calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from copy import copy
from typing import Any

import trafilatura
import trafilatura.core
import trafilatura.main_extractor

try:
    from trafilatura.external import compare_extraction
    from trafilatura.main_extractor import extract_content
except ImportError:  # another trafilatura: the two calls
    compare_extraction = extract_content = None

__all__ = ["bare_extraction", "recovered_wild_text"]

# the main extractor's body -> whether the comparison is needed
Needs = Callable[[Any], bool]

_STAGE = getattr(trafilatura.core, "_extract_and_compare", None)
_RECOVER = getattr(trafilatura.main_extractor, "recover_wild_text", None)
AVAILABLE = None not in (_STAGE, _RECOVER, compare_extraction, extract_content)
# trafilatura's reading copies a tree that its loader gives back as it is (``tree is filecontent``)
_LOAD = getattr(trafilatura.core, "load_html", None)


class _Rerun(Exception):
    """The comparison is needed on a page whose first pass recovered wild text in fast mode."""


class _Call(threading.local):
    needs: Needs | None = None
    reached = False
    recovered = False


_CALL = _Call()


def _extract_and_compare(cleaned: Any, backup: Any, raw: Any, options: Any) -> tuple[Any, str]:
    needs = _CALL.needs
    if needs is None:
        return _STAGE(cleaned, backup, raw, options)
    _CALL.reached, _CALL.recovered = True, False
    body, text = extract_content(cleaned, options)
    if len(text) >= options.min_output_size and not needs(body):
        return body, text
    if _CALL.recovered:
        raise _Rerun
    # what trafilatura's stage does when not fast
    return compare_extraction(backup, copy(raw), body, text, options)


class _Given:
    """A tree given away to one reading: trafilatura's loader gives it back, and the reading, not
    holding its own input, changes the tree without copying it first."""

    __slots__ = ("tree",)

    def __init__(self, tree: Any) -> None:
        self.tree = tree


def _load_html(content: Any, *args: Any, **kwargs: Any) -> Any:
    if type(content) is _Given:
        return content.tree
    return _LOAD(content, *args, **kwargs)


def recovered_wild_text() -> bool:
    """Whether the main extractor of the reading under way (asking ``needs``) found no body
    and recovered the page's wild text (paragraphs, quotes, tables; in precision and balanced
    modes not lists). False outside such a reading, or with another trafilatura."""
    return _CALL.needs is not None and _CALL.recovered


def _recover_wild_text(*args: Any, **kwargs: Any) -> Any:
    _CALL.recovered = True
    return _RECOVER(*args, **kwargs)


if AVAILABLE:
    trafilatura.core._extract_and_compare = _extract_and_compare
    trafilatura.main_extractor.recover_wild_text = _recover_wild_text
GIVING = AVAILABLE and _LOAD is not None
if GIVING:
    trafilatura.core.load_html = _load_html


def bare_extraction(tree: Any, needs: Needs, again: Callable[[], Any] | None = None, **options: Any) -> Any:
    """``trafilatura.bare_extraction(tree, fast=True, **options)``, or with ``fast=False`` when
    ``needs(body)`` says the fast pass's body needs the comparison, in one pass when it can.
    Without metadata only (``with_metadata=False``): trafilatura's metadata search also reads
    ``fast``. ``again``: ``tree`` is the caller's copy, given away (see the module); ``again()``
    makes it anew for a second reading. Without it the tree is left as it was."""
    if AVAILABLE and not options.get("with_metadata", True):
        given = again is not None and GIVING
        _CALL.needs, _CALL.reached = needs, False
        try:
            doc = trafilatura.bare_extraction(_Given(tree) if given else tree, fast=True, **options)
        except _Rerun:
            _CALL.needs = None
            return trafilatura.bare_extraction(again() if given else tree, fast=False, **options)
        finally:
            _CALL.needs = None
        if _CALL.reached:
            return doc
        if given:  # read and changed: the two calls read it made anew
            tree = again()
    doc = trafilatura.bare_extraction(tree, fast=True, **options)
    if doc is None or needs(doc.body):
        doc = trafilatura.bare_extraction(tree, fast=False, **options)
    return doc
