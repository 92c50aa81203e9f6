"""Datasette's table search box, in the query language of ``newscrawl search``.

Datasette's own table search (``?_search=``) quotes every word and ANDs them, so ``ICE OR
CBP`` found nothing and ``ICE -hockey`` looked for "hockey". An ASGI wrapper reads what was
typed with the one query language (:func:`newscrawl.judge.query.to_fts5`) and hands
Datasette the FTS5 expression with ``_searchmode=raw``; what cannot be searched (``NOT ICE``)
goes to the reading room's search page, which says why in one line. The expression is the one
the index of the current schema reads (:func:`newscrawl.judge.query.paired`: Chinese, Japanese
and Thai in pairs of characters, one character alone by its token among the facets:
:func:`newscrawl.store.facets.lone_characters`); a database not yet migrated to it finds such words there once
it is (a crawl, ``ingest`` or ``reextract`` migrates it).
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from newscrawl.judge.query import SearchQueryError, paired, to_fts5
from newscrawl.outputs.room.hide import TABLE_PATH, Asgi
from newscrawl.store.facets import lone_characters

__all__ = ["SEARCHABLE", "search_in_query_language", "translated_query"]

SEARCHABLE = ("articles",)  # tables whose search is the articles' full-text index


def translated_query(query_string: bytes) -> bytes | str:
    """The query string with ``_search`` as an FTS5 expression and ``_searchmode=raw``; or, when the
    search cannot be run, the reading room's address for it (a ``str``)."""
    pairs = urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    typed = next((v for k, v in pairs if k == "_search"), "")
    if not typed.strip() or any(k == "_searchmode" for k, _ in pairs):
        return query_string
    try:
        expression = lone_characters(paired(to_fts5(typed)))
    except SearchQueryError:
        return "/search?" + urllib.parse.urlencode({"q": typed})
    pairs = [(k, expression if k == "_search" else v) for k, v in pairs] + [("_searchmode", "raw")]
    return urllib.parse.urlencode(pairs).encode("latin-1")


def search_in_query_language(app: Asgi) -> Asgi:
    """The ASGI app ``app`` with the articles table's ``_search`` read in the query language."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http":
            table = TABLE_PATH.match(scope.get("path", ""))
            if table and table["table"] in SEARCHABLE:
                translated = translated_query(scope.get("query_string", b""))
                if isinstance(translated, str):
                    await send({"type": "http.response.start", "status": 302,
                                "headers": [(b"location", translated.encode("latin-1"))]})
                    await send({"type": "http.response.body", "body": b""})
                    return
                scope = {**scope, "query_string": translated}
        await app(scope, receive, send)

    return wrapped
