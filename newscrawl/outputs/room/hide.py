"""Internal columns kept off Datasette's table pages, and article rows sent to the reading page.

Datasette 0.65 has no setting that hides a column, but its table pages take ``_nocol``
(leave a column out) and ``_col`` (show only these). An ASGI wrapper adds ``_nocol`` for the
internal columns to a table request that chose no columns itself, so HTML, JSON and CSV
leave them out alike; the HTML table of articles shows a few short columns (with the long
text, one row would fill a screen). A row page of an article redirects to the article's reading page.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

__all__ = ["INTERNAL_COLUMNS", "TABLE_PATH", "Asgi", "hide_internal_columns"]

# table -> columns that are the index's business, not a reader's.
INTERNAL_COLUMNS = {"articles": ("facets", "fts_title", "fts_text"), "articles_fts": ("facets",)}
# The columns a table's HTML page shows unless others are asked for (``_col=``, ``_nocol=``): the
# articles' long text, JSON and hashes would make one row fill a screen.
BRIEF_COLUMNS = {"articles": ("published_at", "outlet", "title", "language", "cluster_id", "url")}

TABLE_PATH = re.compile(r"^/(?P<database>[^/]+)/(?P<table>[^/.]+)(?P<format>\.\w+)?$")
_ARTICLE_ROW = re.compile(r"^/[^/]+/articles/(?P<id>\d+)$")

Asgi = Callable[[dict[str, Any], Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]],
                Awaitable[None]]


def _with_nocol(query_string: bytes, table: str, html: bool, columns: Iterable[str] | None = None) -> bytes:
    """``query_string`` with ``_nocol``/``_col`` added, for those of the table's ``columns`` (all
    when None) that it has: a database from before the ``facets`` column has none to hide."""
    pairs = urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    if any(key in ("_col", "_nocol") for key, _ in pairs):
        return query_string
    has = set(columns) if columns is not None else None
    if html and table in BRIEF_COLUMNS:
        pairs += [("_col", c) for c in BRIEF_COLUMNS[table] if has is None or c in has]
    else:
        pairs += [("_nocol", c) for c in INTERNAL_COLUMNS.get(table, ()) if has is None or c in has]
    return urllib.parse.urlencode(pairs).encode("latin-1")


async def _columns(datasette: Any, route: str, table: str) -> list[str] | None:
    """The table's columns, or None when there is no such database (Datasette answers that)."""
    try:
        database = datasette.get_database(route=urllib.parse.unquote(route))
    except KeyError:
        return None
    return await database.table_columns(table)


def hide_internal_columns(app: Asgi, datasette: Any) -> Asgi:
    """The ASGI app ``app`` with internal columns left out of table requests (see the module)."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http":
            path = scope.get("path", "")
            row = _ARTICLE_ROW.match(path)
            if row:
                await send({"type": "http.response.start", "status": 302,
                            "headers": [(b"location", f"/article/{row['id']}".encode())]})
                await send({"type": "http.response.body", "body": b""})
                return
            table = TABLE_PATH.match(path)
            if table and table["table"] in INTERNAL_COLUMNS:
                columns = await _columns(datasette, table["database"], table["table"])
                if columns is not None:
                    html = table["format"] in (None, ".html")
                    scope = {**scope, "query_string": _with_nocol(scope.get("query_string", b""),
                                                                  table["table"], html, columns)}
        await app(scope, receive, send)

    return wrapped
