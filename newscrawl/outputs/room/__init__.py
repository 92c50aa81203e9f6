"""The journalists' reading room: newscrawl's Datasette plugin, its templates and its styles.

Registered by :mod:`newscrawl.outputs.room.__main__` (what ``newscrawl serve`` runs), never
through an entry point, so that other Datasette sites on the machine are left alone. It adds:

- routes (:mod:`~newscrawl.outputs.room.views`): ``/`` home, ``/search`` (and ``.csv``,
  ``.json``), ``/article/<id>``, ``/coverage`` (and ``.json``: how complete the corpus is,
  :mod:`~newscrawl.outputs.room.coverage`);
- facet types ``day`` and ``cluster`` (:mod:`~newscrawl.outputs.room.facets`);
- an ASGI wrapper that keeps internal columns off table pages
  (:mod:`~newscrawl.outputs.room.hide`), and ``templates/database.html`` (Datasette's, with
  the internal columns left out of each table's column list); and the articles table's
  search box reads the query language of ``newscrawl search``
  (:mod:`~newscrawl.outputs.room.table_search`).

``templates/room/`` and ``static/`` are found by Datasette next to this module (package
data in ``pyproject.toml``, so a wheel carries them).
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

from newscrawl.outputs.room.facets import ClusterFacet, DayFacet
from newscrawl.outputs.room.hide import INTERNAL_COLUMNS, hide_internal_columns
from newscrawl.outputs.room.table_search import search_in_query_language
from newscrawl.outputs.room.views import ROUTES


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return ROUTES


@hookimpl
def register_facet_classes() -> list[type]:
    return [DayFacet, ClusterFacet]


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return lambda app: hide_internal_columns(search_in_query_language(app), datasette)


@hookimpl
def extra_template_vars() -> dict[str, Any]:
    return {"internal_columns": INTERNAL_COLUMNS}
