"""The Python API: ``newscrawl.open(path)`` gives a :class:`Corpus` to read a database a crawl wrote,
with the same queries, filters and field shapes as the commands (docs/api.md).

- :meth:`Corpus.search` is ``newscrawl search``: best matches first, one row per story;
- :meth:`Corpus.articles` is ``newscrawl export --format jsonl``: every field, as dicts;
- :meth:`Corpus.clusters` is ``newscrawl dupes``;
- :meth:`Corpus.to_arrow` and :meth:`Corpus.to_pandas` are ``newscrawl export --format parquet``,
  in memory (pyarrow: ``pip install 'newscrawl[parquet]'``; pandas: ``pip install pandas``).

The corpus is opened read-only, so a crawl may be writing it meanwhile. Mistakes raise
:class:`ValueError` (a malformed query, a bad day), a database that cannot be read
:class:`newscrawl.store.StoreError`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawl.config import parse_day
from newscrawl.judge.query import SearchQueryError, to_fts5
from newscrawl.outputs.dataset import ExportFilters
from newscrawl.outputs.export import ExportError, export_articles, parse_fields
from newscrawl.store import RANK_WINDOW, Store, StoreError

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["Corpus", "MissingDependency"]


class MissingDependency(ImportError):
    """An optional library a method needs is not installed; the message says how to install it."""


def _day(value: str | date | None, name: str) -> str | None:
    """A day as ``YYYY-MM-DD`` (from a ``date`` or a string), checked."""
    if value is None or isinstance(value, date):
        return value.isoformat() if value else None
    try:
        return parse_day(value).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-01-01") from None


def _outlets(outlets: str | Iterable[str] | None) -> tuple[str, ...]:
    if outlets is None:
        return ()
    if isinstance(outlets, str):
        outlets = outlets.split(",")
    return tuple(slug.strip() for slug in outlets if slug.strip())


def _fts(query: str) -> str:
    try:
        return to_fts5(query)
    except SearchQueryError as exc:
        raise ValueError(f"query {query!r}: {exc}") from None


def _records(path: Path, folder: tempfile.TemporaryDirectory[str]) -> Iterator[dict[str, Any]]:
    """The JSON Lines of ``path``, one dict each; ``folder`` is removed at the end."""
    with folder, path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


class Corpus:
    """A newscrawl database, open for reading. Use as a context manager, or call :meth:`close`."""

    def __init__(self, store: Store, path: Path) -> None:
        self.store = store
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Corpus:
        """Open the database at ``path`` read-only; :class:`StoreError` unless a crawl wrote it."""
        path = Path(path)
        if not path.is_file():
            raise StoreError(f"{path}: no such database")
        store = Store.open(path, readonly=True)
        if store.schema_version == 0:
            store.close()
            raise StoreError(f"{path}: is not a newscrawl database")
        return cls(store, path)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<newscrawl.Corpus {str(self.path)!r}>"

    # -- reads -------------------------------------------------------------------------------

    def search(self, query: str, *, outlets: str | Iterable[str] | None = None,
               since: str | date | None = None, until: str | date | None = None, topic: str | None = None,
               language: str | None = None, include_duplicates: bool = False, limit: int = 20,
               rank_all: bool = False) -> list[dict[str, Any]]:
        """Articles matching ``query`` (the syntax of ``newscrawl search``), best first.

        Each row: id, outlet, outlet_name, published_at, title, url, snippet (matches between
        ``[`` and ``]`` marks as stored), rank (BM25, lower is better), cluster_id, copies. A
        syndicated story is one row unless ``include_duplicates``.
        """
        return list(self.store.search(
            _fts(query), outlets=_outlets(outlets), since=_day(since, "since"), until=_day(until, "until"),
            topic=topic, language=language, include_duplicates=include_duplicates, limit=limit,
            rank_window=None if rank_all else RANK_WINDOW))

    def article(self, article_id: int) -> dict[str, Any] | None:
        """One article with its copies at other outlets and other URLs (``newscrawl show --json``)."""
        return self.store.article(article_id)

    def clusters(self, *, outlets: str | Iterable[str] | None = None, topic: str | None = None,
                 since: str | date | None = None, until: str | date | None = None, min_size: int = 2,
                 limit: int = 50) -> list[dict[str, Any]]:
        """Syndication clusters, biggest first (``newscrawl dupes --json``)."""
        return self.store.clusters(outlets=_outlets(outlets), topic=topic, since=_day(since, "since"),
                                   until=_day(until, "until"), min_size=min_size, limit=limit)

    def articles(self, query: str | None = None, *, fields: Iterable[str] | None = None,
                 **filters: Any) -> Iterator[dict[str, Any]]:
        """The articles passing the filters, in id order, one dict each: exactly the records of
        ``newscrawl export --format jsonl`` (docs/export.md lists the fields).

        ``filters``: outlets, since, until, topic, language, include_duplicates (as
        :meth:`search`). The export runs (and a mistake raises) at the call; the rows then stream
        from a temporary file, removed when they are read or the iterator is dropped.
        """
        folder = tempfile.TemporaryDirectory(prefix="newscrawl-articles-")
        try:
            output = self._export(Path(folder.name) / "articles.jsonl", "jsonl", query, fields, filters)
        except BaseException:
            folder.cleanup()
            raise
        return _records(output, folder)

    def to_arrow(self, query: str | None = None, *, fields: Iterable[str] | None = None,
                 **filters: Any) -> pyarrow.Table:
        """The articles passing the filters as a pyarrow Table: the schema of ``newscrawl export
        --format parquet`` (timestamps in UTC, authors as lists, topics as structs)."""
        if importlib.util.find_spec("pyarrow") is None:
            raise MissingDependency("to_arrow() needs pyarrow, which is not installed: "
                                    "pip install 'newscrawl[parquet]'")
        import pyarrow.parquet as pq

        with tempfile.TemporaryDirectory(prefix="newscrawl-arrow-") as folder:
            output = self._export(Path(folder) / "articles.parquet", "parquet", query, fields, filters)
            return pq.read_table(output, memory_map=False)

    def to_pandas(self, query: str | None = None, *, fields: Iterable[str] | None = None,
                  **filters: Any) -> pandas.DataFrame:
        """:meth:`to_arrow` as a pandas DataFrame (pandas is optional: ``pip install pandas``)."""
        if importlib.util.find_spec("pandas") is None:
            raise MissingDependency("to_pandas() needs pandas, which is not installed: pip install pandas")
        return self.to_arrow(query, fields=fields, **filters).to_pandas()

    def _export(self, output: Path, fmt: str, query: str | None, fields: Iterable[str] | None,
                filters: dict[str, Any]) -> Path:
        known = {"outlets", "since", "until", "topic", "language", "include_duplicates"}
        unknown = sorted(set(filters) - known)
        if unknown:
            raise TypeError(f"unknown filter {unknown[0]!r}; the filters are {', '.join(sorted(known))}")
        try:
            chosen = parse_fields(None if fields is None else ",".join(fields))
        except ExportError as exc:
            raise ValueError(str(exc).replace("--fields", "fields")) from None
        chosen_filters = ExportFilters(
            query=query, fts_query=_fts(query) if query is not None else None,
            outlets=_outlets(filters.get("outlets")), since=_day(filters.get("since"), "since"),
            until=_day(filters.get("until"), "until"), topic=filters.get("topic"),
            language=filters.get("language"), include_duplicates=bool(filters.get("include_duplicates")))
        try:
            export_articles(self.store, output, fmt=fmt, fields=chosen, filters=chosen_filters,
                            db_path=self.path)
        except SearchQueryError as exc:
            raise ValueError(f"query {query!r}: {exc}") from None
        except ExportError as exc:
            raise ValueError(str(exc)) from None
        return output
