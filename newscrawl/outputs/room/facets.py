"""Facets that make sense for articles: days in date order, clusters of two or more copies.

Datasette's own ``date`` facet lists the busiest days first and its column facet on
``cluster_id`` lists every one-article "cluster". These two facet types (``day`` and
``cluster``, registered by the plugin) keep Datasette's links and filters
(``published_at__date=``, ``cluster_id=``) and change only which values are listed and in
what order.
"""

from __future__ import annotations

from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

__all__ = ["ClusterFacet", "DayFacet"]


class _ListedFacet(Facet):
    """A facet whose values come from :meth:`values_sql` (``value``, ``count``), filtered by
    ``?{column}{filter_suffix}=value``."""

    filter_suffix = ""

    def values_sql(self, column: str, limit: int) -> str:
        raise NotImplementedError

    async def suggest(self) -> list[dict[str, Any]]:
        return []  # only where the metadata asks for it

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results, timed_out = [], []
        pairs = self.get_querystring_pairs()
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            key = column + self.filter_suffix
            try:
                rows = await self.ds.execute(
                    self.database, self.values_sql(escape_sqlite(column), size + 1), self.params,
                    truncate=False, custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            values = []
            for row in rows.rows[:size]:
                selected = (key, str(row["value"])) in pairs
                toggle = (path_with_removed_args(self.request, {key: str(row["value"])}) if selected
                          else path_with_added_args(self.request, {key: row["value"]}))
                values.append({"value": row["value"], "label": row["value"], "count": row["count"],
                               "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                               "selected": selected})
            results.append({
                "name": column, "type": self.type, "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(
                    path_with_removed_args(self.request, {f"_facet_{self.type}": column})),
                "truncated": len(rows) > size,
            })
        return results, timed_out


class DayFacet(_ListedFacet):
    """Publication days (UTC), newest first: a calendar, not a ranking."""

    type = "day"
    filter_suffix = "__date"

    def values_sql(self, column: str, limit: int) -> str:
        return (f"select date({column}) as value, count(*) as count from ({self.sql}) "
                f"where date({column}) is not null group by value order by value desc limit {limit}")


class ClusterFacet(_ListedFacet):
    """Syndication clusters with two or more copies among the rows, biggest first."""

    type = "cluster"

    def values_sql(self, column: str, limit: int) -> str:
        return (f"select {column} as value, count(*) as count from ({self.sql}) where {column} is not null "
                f"group by value having count(*) > 1 order by count desc, value limit {limit}")
