"""The reading room's routes in Datasette: home, search (HTML, CSV, JSON), the article page and
how complete the corpus is (HTML, JSON).

Each view reads through a :class:`~newscrawl.store.Store` built on Datasette's own read-only
connection (``Database.execute_fn``), gathers the page's data with
:mod:`newscrawl.outputs.room.pages` and renders a template of this package. The served
database is the first one given to Datasette.
"""

from __future__ import annotations

import asyncio
import csv
import io
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from datasette.utils.asgi import Response

from newscrawl.outputs.room import coverage, pages
from newscrawl.outputs.search import CSV_FIELDS
from newscrawl.store import Store

__all__ = ["PLUGIN", "ROUTES", "topic_query"]

PLUGIN = "newscrawl.outputs.room"  # the plugin's name in Datasette: its module
EXAMPLES = ('ICE OR CBP', '"open letter"', "detain*", "ICE -hockey", "=ICE")


def topic_query(terms: list[str]) -> str:
    """A search for any of a topic's terms, in the query language (terms are written in it)."""
    return " OR ".join(terms)


async def _read(datasette: Any, fn: Callable[[Store], Any]) -> Any:
    database = datasette.get_database()
    path = Path(database.path)
    return await database.execute_fn(lambda conn: fn(Store(conn, path)))


async def _render(
    datasette: Any, request: Any, template: str, context: dict[str, Any], status: int = 200
) -> Response:
    context = {
        "css_url": datasette.urls.static_plugins(PLUGIN, "room.css"),
        "database_url": datasette.urls.database(datasette.get_database().name),
        **context,
    }
    page = await datasette.render_template(f"room/{template}", context, request=request)
    return Response.html(page, status=status)


def _config(datasette: Any) -> dict[str, Any]:
    return datasette.plugin_config(PLUGIN) or {}


async def home(datasette: Any, request: Any) -> Response:
    glance = await _read(datasette, pages.glance)
    terms = _config(datasette).get("topic_terms") or []
    return await _render(datasette, request, "home.html", {
        "glance": glance, "examples": EXAMPLES, "topic": _config(datasette).get("topic"),
        "topic_query": topic_query(terms) if terms else "",
    })


def _query_string(request: Any, **changes: Any) -> str:
    pairs = [(k, v) for k, v in urllib.parse.parse_qsl(request.query_string, keep_blank_values=True)
             if k not in changes and v != ""]
    pairs += [(k, v) for k, v in changes.items() if v not in (None, "")]
    return urllib.parse.urlencode(pairs)


async def search(datasette: Any, request: Any) -> Response:
    form = pages.SearchForm.from_args(request.args.get, request.args.getlist)
    fmt = request.url_vars.get("format")
    result = None
    if form.q and fmt:
        choices, result = {}, await _read(datasette, lambda store: pages.run_search(store, form))
    elif form.q:  # the results and the chart at once, on two of Datasette's connections
        choices, result, timeline = await asyncio.gather(
            _read(datasette, pages.choices), _read(datasette, lambda store: pages.run_search(store, form)),
            _read(datasette, lambda store: pages.run_timeline(store, form)))
        result.update(timeline if not result["error"] else {})
    else:
        choices = await _read(datasette, pages.choices)
    error = result["error"] if result else None
    if fmt:
        return _data_response(fmt, form, result)
    more = (_query_string(request, n=next((n for n in pages.LIMITS if n > form.limit), None))
            if result and not error and len(result["rows"]) == form.limit and form.limit < pages.LIMITS[-1]
            else "")
    return await _render(datasette, request, "search.html", {
        "form": form, "choices": choices, "result": result, "error": error, "examples": EXAMPLES,
        "rank_window": f"{pages.RANK_WINDOW:,}", "more_url": f"?{more}" if more else "",
        "csv_url": f"/search.csv?{_query_string(request)}",
        "json_url": f"/search.json?{_query_string(request)}",
        "sort_urls": {s: f"?{_query_string(request, sort=s)}" for s in pages.SORTS},
    }, status=400 if error else 200)


def _data_response(fmt: str, form: pages.SearchForm, result: dict[str, Any] | None) -> Response:
    """The same results as the page, as JSON or CSV (matches **marked**, as `newscrawl search`)."""
    if result is None or result["error"]:
        error = result["error"] if result else "The search is empty: give q, e.g. ?q=ICE"
        if fmt == "json":
            return Response.json({"ok": False, "error": error}, status=400)
        return Response.text(f"Error: {error}\n", status=400)
    rows = [{k: row[k] for k in CSV_FIELDS} for row in result["rows"]]
    if fmt == "json":
        return Response.json({"ok": True, "query": form.q, "complete": result["complete"], "rows": rows})
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="search.csv"'})


async def article(datasette: Any, request: Any) -> Response:
    article_id = int(request.url_vars["id"])
    page = await _read(datasette, lambda store: pages.article_page(store, article_id))
    if page is None:
        return await _render(datasette, request, "missing.html", {"article_id": article_id}, status=404)
    return await _render(datasette, request, "article.html", page)


async def completeness(datasette: Any, request: Any) -> Response:
    """How complete the corpus is, per outlet and topic (``newscrawl coverage``'s figures); a
    database without discovery evidence is one line saying so, with status 200."""
    form = coverage.CoverageForm.from_args(request.args.get)
    if request.url_vars.get("format"):
        page = await _read(datasette, lambda store: coverage.coverage_page(store, form))
        if page["error"]:
            return Response.json({"ok": False, "error": page["error"]}, status=400)
        return Response.json({"ok": True, "filters": form.filters(), "message": page["message"],
                              "coverage": page["report"]})
    choices, page = await asyncio.gather(
        _read(datasette, pages.choices), _read(datasette, lambda store: coverage.coverage_page(store, form)))
    query = _query_string(request)
    return await _render(datasette, request, "coverage.html", {
        "form": form, "choices": choices, "page": page, "error": page["error"],
        "json_url": f"/coverage.json?{query}" if query else "/coverage.json",
        "command": form.command(Path(datasette.get_database().path).name),
    }, status=400 if page["error"] else 200)


ROUTES = [
    (r"^/$", home),
    (r"^/search$", search),
    (r"^/search\.(?P<format>json|csv)$", search),
    (r"^/article/(?P<id>\d+)$", article),
    (r"^/coverage$", completeness),
    (r"^/coverage\.(?P<format>json)$", completeness),
]

