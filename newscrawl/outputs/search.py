"""Search results for people: the store's match markers in snippets, made into highlights.

:meth:`newscrawl.store.db.Store.search` marks the matches in its snippets with
:data:`MARK_START` and :data:`MARK_END`; :func:`highlighted` turns them into whatever the
output needs (``**bold**`` in JSON and CSV, rich markup in the terminal).

What people type is read by the one query language, :mod:`newscrawl.judge.query`
(``to_fts5``, ``SearchQueryError``, re-exported here for the search's callers).
"""

from __future__ import annotations

from collections.abc import Callable

from newscrawl.judge.query import SearchQueryError, to_fts5
from newscrawl.store.search import MARK_END, MARK_START

__all__ = ["CSV_FIELDS", "MARK_END", "MARK_START", "SearchQueryError", "highlighted", "to_fts5"]

# The fields of a search result as CSV (`newscrawl search --csv`, the reading room's .csv).
CSV_FIELDS = ["id", "outlet", "outlet_name", "published_at", "published_day", "title", "url",
              "snippet", "rank", "cluster_id", "copies"]



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
