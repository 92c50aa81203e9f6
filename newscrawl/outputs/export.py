"""Export the corpus to CSV, JSONL or Parquet, streaming, with a datasheet beside the file.

:func:`export_articles` reads the articles that pass the filters in batches
(:meth:`newscrawl.store.Store.export_rows`), hands each batch to one writer and forgets it,
so memory stays flat whatever the size of the corpus. Everything is written to hidden
temporary files beside the output (``.NAME.XXXX.partial``) and renamed into place at the
end: an interrupted export never leaves a half file under the final name and never
destroys an existing one.

Every field has one logical shape in the three formats (docs/export.md has the table):
``authors`` a list of strings, ``topics`` a list of ``{topic, score, terms: [{term, hits}]}``
objects, times instants in UTC, a missing list an empty list, a missing value null.

* **parquet** (pyarrow): timestamps as ``timestamp[us, tz=UTC]``, ``authors`` as
  ``list<string>``, ``topics`` as ``list<struct<topic, score, terms: list<struct<term, hits>>>>``,
  integers as int64; one row group per batch, zstd compression.
* **csv**: UTF-8 with a BOM (Excel then reads it as UTF-8), the csv module's quoting (commas,
  quotes and newlines inside a field are quoted), ``\\r\\n`` between rows; ``authors`` and
  ``topics`` as JSON text of those lists; timestamps as ISO 8601 UTC text; NULL as an empty field.
* **jsonl**: one JSON object per line (UTF-8, not ASCII-escaped); ``authors`` and ``topics``
  those lists; timestamps as ISO 8601 UTC strings; NULL as null.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import importlib.util
import io
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from newscrawl.outputs import datasheet
from newscrawl.outputs.dataset import (
    FIELD_NAMES,
    FIELDS,
    ExportFilters,
    ExportStats,
    Field,
    topics_as_list,
)
from newscrawl.store import Store

__all__ = [
    "DEFAULT_BATCH", "FIELDS", "FIELD_NAMES", "FORMATS", "ExportError", "ExportFilters", "ExportResult",
    "ExportStats", "Field", "StreamSink", "datasheet_paths", "export_articles", "format_for",
    "lean_arrow_memory",
    "parse_fields",
]

FORMATS = ("csv", "jsonl", "parquet")
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
DEFAULT_BATCH = 1000  # rows per read (fetchmany) and per write
ROW_GROUP_BYTES = 32 << 20  # parquet: Arrow data gathered into one row group (~7,000 news articles)
ROW_GROUP_ROWS = 100_000  # parquet: at most this many rows per row group (narrow --fields)
EXCEL_CELL_LIMIT = 32767  # characters; Excel cuts longer cells when it opens a CSV
PARQUET_COMPRESSION = "zstd"

_FIELD = {f.name: f for f in FIELDS}
# Read for the datasheet's counts even when not exported.
_STATS_COLUMNS = ("outlet", "published_day", "language", "date_source", "crawl_run_id")


class ExportError(Exception):
    """An export the user asked for cannot be done; the message says why and what to do."""


@dataclass
class ExportResult:
    """What an export wrote."""

    output: Path
    fmt: str
    fields: list[str]
    rows: int
    bytes: int
    sha256: str
    seconds: float
    datasheet_md: Path | None  # None: written to a stream, without a datasheet
    datasheet_json: Path | None
    stats: ExportStats


def format_for(output: Path, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given (checked), else from the output's extension."""
    if fmt:
        fmt = fmt.strip().lower()
        if fmt not in FORMATS:
            raise ExportError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
        return fmt
    guessed = _SUFFIXES.get(output.suffix.lower())
    if guessed is None:
        raise ExportError(f"cannot tell the format of {output.name}: add --format "
                          f"{'|'.join(FORMATS)} or end the file name with .csv, .jsonl or .parquet")
    return guessed


def parse_fields(text: str | None) -> list[str]:
    """Field names from a comma-separated ``--fields`` value (all fields when None), in that order."""
    if text is None:
        return list(FIELD_NAMES)
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise ExportError(f"--fields is empty: give a comma-separated list of {', '.join(FIELD_NAMES)}")
    unknown = [name for name in names if name not in _FIELD]
    if unknown:
        raise ExportError(f"--fields: unknown field{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(unknown)}; choose from {', '.join(FIELD_NAMES)}")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ExportError(f"--fields: {', '.join(repeated)} given more than once")
    return names


def datasheet_paths(output: Path) -> tuple[Path, Path]:
    """``FILE.datasheet.md`` and ``FILE.datasheet.json`` beside ``output``."""
    return output.with_name(output.name + ".datasheet.md"), output.with_name(output.name + ".datasheet.json")


# -- writers ------------------------------------------------------------------------------------


class StreamSink:
    """A binary stream (standard output) that an export writes to directly: it counts the bytes
    and hashes them as they pass, and closing it only flushes (the stream is not ours)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.size = 0
        self.digest = hashlib.sha256()
        self.closed = False

    def write(self, data: bytes) -> int:
        data = bytes(data)
        self.stream.write(data)
        self.size += len(data)
        self.digest.update(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        self.flush()

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readable(self) -> bool:
        return False


def _open_text(target: Path | StreamSink, encoding: str, newline: str) -> IO[str]:
    """The file (created) or the stream, as text."""
    if isinstance(target, StreamSink):
        return io.TextIOWrapper(target, encoding="utf-8", newline=newline, write_through=True)  # type: ignore[arg-type]
    return open(target, "w", encoding=encoding, newline=newline)  # noqa: SIM115


class _Writer:
    """Writes batches of rows (tuples in ``fields`` order) to one file, or a :class:`StreamSink`."""

    def __init__(self, path: Path | StreamSink, fields: list[Field], stats: ExportStats) -> None:
        self.path, self.fields, self.stats = path, fields, stats

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class CsvWriter(_Writer):
    """CSV for Excel and pandas: UTF-8 with BOM (none on a stream: a pipe's reader would take it
    for part of the first column's name), csv-module quoting, JSON text for lists."""

    def __init__(self, path: Path | StreamSink, fields: list[Field], stats: ExportStats) -> None:
        super().__init__(path, fields, stats)
        self.file = _open_text(path, "utf-8-sig", "")
        self.writer = csv.writer(self.file)
        self.writer.writerow([f.name for f in fields])
        self.json_at = [(i, SHAPES[f.kind]) for i, f in enumerate(fields) if f.kind in SHAPES]
        self.long_at = [i for i, f in enumerate(fields) if f.name in ("title", "description", "text")]

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        json_at, limit = self.json_at, EXCEL_CELL_LIMIT
        if json_at:  # the lists' shape as JSON text, characters unescaped
            dumps = json.JSONEncoder(ensure_ascii=False).encode
            out: list[Any] = []
            for row in rows:
                row = list(row)
                for i, shape in json_at:
                    row[i] = dumps(shape(row[i]))
                out.append(row)
            rows = out
        for i in self.long_at:
            self.stats.long_cells += sum(1 for r in rows if r[i] is not None and len(r[i]) > limit)
        self.writer.writerows(rows)

    def close(self) -> None:
        self.file.close()


class JsonlWriter(_Writer):
    """One JSON object per line, UTF-8, lists and topics as JSON values."""

    def __init__(self, path: Path | StreamSink, fields: list[Field], stats: ExportStats) -> None:
        super().__init__(path, fields, stats)
        self.file = _open_text(path, "utf-8", "\n")
        self.names = [f.name for f in fields]
        self.shapes = [SHAPES.get(f.kind) for f in fields]

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        names, shapes = self.names, self.shapes
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        lines = []
        for row in rows:
            record = {}
            for name, value, shape in zip(names, row, shapes, strict=True):
                record[name] = value if shape is None else shape(value)
            lines.append(dumps(record))
        lines.append("")
        self.file.write("\n".join(lines))

    def close(self) -> None:
        self.file.close()


@functools.lru_cache(maxsize=1 << 14)  # bylines repeat; bounded, so memory stays flat
def _authors_cached(value: str) -> tuple[str, ...]:
    try:
        names = json.loads(value)
    except ValueError:
        return (value,)
    if isinstance(names, str):
        return (names,)
    if not isinstance(names, list):
        return ()
    return tuple(str(n) for n in names if n is not None)


def authors_shape(value: str | None) -> list[str]:
    """The stored authors JSON as the exported list of names (empty when none or unreadable)."""
    if not value or value == "[]":
        return []
    return list(_authors_cached(value))


def topics_shape(value: str | None) -> list[dict[str, Any]]:
    """The stored topics JSON (``{slug: {score, terms: {term: hits}}}``) as the exported list
    (:func:`newscrawl.outputs.dataset.topics_as_list`), empty when none or unreadable."""
    if not value or value == "{}":
        return []
    try:
        topics = json.loads(value)
    except ValueError:
        return []
    return topics_as_list(topics)


# Field kind -> the stored JSON text as its exported shape (the same in every format).
SHAPES: dict[str, Callable[[str | None], Any]] = {"list": authors_shape, "topics": topics_shape}


def _parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 string as an aware UTC datetime (naive = UTC); None if unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class ParquetWriter(_Writer):
    """Parquet with real types, in row groups of about 32 MB (pyarrow.parquet.ParquetWriter)."""

    def __init__(self, path: Path | StreamSink, fields: list[Field], stats: ExportStats,
                 compression: str = PARQUET_COMPRESSION, *, final_name: str | None = None) -> None:
        """``final_name``: the file's name once renamed into place (it names the datasheet)."""
        super().__init__(path, fields, stats)
        import pyarrow as pa
        import pyarrow.parquet as pq

        from newscrawl.versions import __version__

        self.pa = pa
        self.timestamp = pa.timestamp("us", tz="UTC")
        term = pa.struct([("term", pa.string()), ("hits", pa.int64())])
        topic = pa.struct([("topic", pa.string()), ("score", pa.float64()), ("terms", pa.list_(term))])
        types = {"int": pa.int64(), "str": pa.string(), "timestamp": self.timestamp,
                 "list": pa.list_(pa.string()), "topics": pa.list_(topic)}
        metadata = {"newscrawl.version": __version__}
        if isinstance(path, Path):  # a stream has no datasheet
            metadata["newscrawl.datasheet"] = (final_name or path.name) + ".datasheet.json"
        self.schema = pa.schema(
            [pa.field(f.name, types[f.kind], metadata={"description": f.meaning}) for f in fields],
            metadata=metadata)
        # Dictionary encoding only pays for columns with few distinct values.
        dictionary = [f.name for f in fields
                      if f.name in ("outlet", "outlet_name", "language", "date_source")]
        sink = str(path) if isinstance(path, Path) else pa.PythonFile(path, mode="w")
        self.writer = pq.ParquetWriter(sink, self.schema, compression=compression,
                                       use_dictionary=dictionary or False)
        self.convert: list[Callable[[tuple[Any, ...]], Any]] = [self._converter(f) for f in fields]
        self.batches: list[Any] = []
        self.buffered = self.buffered_rows = 0

    def _converter(self, f: Field) -> Callable[[tuple[Any, ...]], Any]:
        pa = self.pa
        if f.kind == "int":
            return lambda values: pa.array(values, pa.int64())
        if f.kind == "str":
            return lambda values: pa.array(values, pa.string())
        if f.kind == "timestamp":
            return self._timestamps
        if f.kind == "list":
            return lambda values: pa.array([authors_shape(v) for v in values], pa.list_(pa.string()))
        topic_type = self.schema.field(f.name).type
        return lambda values: pa.array([topics_shape(v) for v in values], topic_type)

    def _timestamps(self, values: tuple[Any, ...]) -> Any:
        pa = self.pa
        try:  # the store writes ISO 8601 with +00:00: Arrow parses those in C
            return pa.array(values, pa.string()).cast(self.timestamp)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            parsed = [_parse_time(v) for v in values]
            self.stats.bad_timestamps += sum(
                1 for v, p in zip(values, parsed, strict=True) if v and p is None)
            return pa.array(parsed, self.timestamp)

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        columns = list(zip(*rows, strict=True))
        arrays = [convert(column) for convert, column in zip(self.convert, columns, strict=True)]
        batch = self.pa.RecordBatch.from_arrays(arrays, schema=self.schema)
        # Small read batches keep the Python objects few; Arrow batches (compact) are gathered
        # into row groups of about ROW_GROUP_BYTES, written one column chunk at a time.
        self.batches.append(batch)
        self.buffered += batch.nbytes
        self.buffered_rows += batch.num_rows
        if self.buffered >= ROW_GROUP_BYTES or self.buffered_rows >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.batches:
            table = self.pa.Table.from_batches(self.batches, schema=self.schema)
            self.batches, self.buffered, self.buffered_rows = [], 0, 0
            self.writer.write_table(table, row_group_size=table.num_rows)

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self.writer.close()


WRITERS: dict[str, type[_Writer]] = {"csv": CsvWriter, "jsonl": JsonlWriter, "parquet": ParquetWriter}


# -- the export ---------------------------------------------------------------------------------


def require_pyarrow() -> None:
    """An :class:`ExportError` saying how to install pyarrow (the ``parquet`` extra) when it is missing."""
    if importlib.util.find_spec("pyarrow") is None:
        raise ExportError("Parquet needs pyarrow, which is not installed: pip install 'newscrawl[parquet]'")


def lean_arrow_memory() -> None:
    """Use jemalloc as Arrow's memory pool in this process, unless ARROW_DEFAULT_MEMORY_POOL is set.

    For a process that exports Parquet (the ``newscrawl export`` command): jemalloc hands freed
    row-group buffers back sooner than the default mimalloc; on 50,000 generated articles the
    peak resident memory was 162 MB instead of 227 MB. A no-op where pyarrow has no jemalloc.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    import pyarrow as pa

    with contextlib.suppress(NotImplementedError, pa.ArrowNotImplementedError):
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def _check_output(output: Path, force: bool) -> None:
    parent = output.parent
    if not parent.is_dir():
        raise ExportError(f"-o {output}: {parent} is not an existing directory")
    if output.is_dir():
        raise ExportError(f"-o {output}: is a directory; give a file name, "
                          f"e.g. {output / 'articles.parquet'}")
    if not force:
        existing = [p for p in (output, *datasheet_paths(output)) if p.exists()]
        if existing:
            raise ExportError(f"{existing[0]} already exists; add --force to replace it")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"-o {output}: cannot write in {parent}")


def _temp_beside(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    return Path(name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def export_articles(
    store: Store,
    output: Path,
    *,
    fmt: str,
    fields: list[str],
    filters: ExportFilters,
    force: bool = False,
    batch_size: int = DEFAULT_BATCH,
    db_path: Path | None = None,
    stream: IO[bytes] | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> ExportResult:
    """Write the filtered articles to ``output`` in ``fmt`` and its datasheet beside it.

    Raises :class:`ExportError` for an unusable output (existing without ``force``, missing
    directory) and :class:`newscrawl.judge.query.SearchQueryError` for a malformed query; in both
    cases, and on any other failure, nothing is left under the final names.

    ``stream`` (standard output, for ``-o -``): the rows are written to it as they are read, and
    no datasheet is written (it describes a file; ``output`` is then only a name). ``on_rows`` is
    called with the number of rows of each batch written (a progress bar).
    """
    if fmt not in WRITERS:
        raise ExportError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        require_pyarrow()
    if stream is not None:
        return _export_to_stream(store, output, stream, fmt=fmt, fields=fields, filters=filters,
                                 batch_size=batch_size, on_rows=on_rows)
    _check_output(output, force)
    started = time.monotonic()
    created = datetime.now(UTC).replace(microsecond=0)
    chosen = [_FIELD[name] for name in fields]
    stats = ExportStats()
    md_path, json_path = datasheet_paths(output)
    temps: list[Path] = []
    try:
        data_tmp = _temp_beside(output)
        temps.append(data_tmp)
        writer = (ParquetWriter(data_tmp, chosen, stats, final_name=output.name) if fmt == "parquet"
                  else WRITERS[fmt](data_tmp, chosen, stats))
        _write_rows(store, writer, fields, filters, stats, batch_size, on_rows)
        size = data_tmp.stat().st_size
        digest = _sha256(data_tmp)
        sheet = datasheet.build(
            store, db_path=db_path or store.path, output=output, fmt=fmt, fields=chosen, filters=filters,
            stats=stats, created_at=created, size=size, sha256=digest,
        )
        md_tmp, json_tmp = _temp_beside(md_path), _temp_beside(json_path)
        temps += [md_tmp, json_tmp]
        md_tmp.write_text(datasheet.render_markdown(sheet), encoding="utf-8")
        json_tmp.write_text(json.dumps(sheet, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        # The data file last: once it is in place, so is its datasheet.
        for tmp, final in ((md_tmp, md_path), (json_tmp, json_path), (data_tmp, output)):
            os.chmod(tmp, 0o644 & ~_umask())
            os.replace(tmp, final)
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
    return ExportResult(output=output, fmt=fmt, fields=list(fields), rows=stats.rows, bytes=size,
                        sha256=digest, seconds=time.monotonic() - started, datasheet_md=md_path,
                        datasheet_json=json_path, stats=stats)


def _write_rows(store: Store, writer: _Writer, fields: list[str], filters: ExportFilters,
                stats: ExportStats, batch_size: int, on_rows: Callable[[int], None] | None) -> None:
    """Every row passing the filters, batch by batch, through ``writer`` (closed at the end)."""
    columns = [*fields, *(c for c in _STATS_COLUMNS if c not in fields)]
    at = {c: columns.index(c) for c in _STATS_COLUMNS}
    extra = len(columns) > len(fields)
    width = len(fields)
    try:
        for batch in store.export_rows(
            columns, fts_query=filters.fts_query, outlets=filters.outlets, since=filters.since,
            until=filters.until, topic=filters.topic, language=filters.language,
            include_duplicates=filters.include_duplicates, batch_size=batch_size,
        ):
            stats.add(batch, at)
            writer.write([row[:width] for row in batch] if extra else batch)
            if on_rows is not None:
                on_rows(len(batch))
    finally:
        writer.close()


def _export_to_stream(store: Store, output: Path, stream: IO[bytes], *, fmt: str, fields: list[str],
                      filters: ExportFilters, batch_size: int,
                      on_rows: Callable[[int], None] | None) -> ExportResult:
    started = time.monotonic()
    stats = ExportStats()
    sink = StreamSink(stream)
    _write_rows(store, WRITERS[fmt](sink, [_FIELD[name] for name in fields], stats), fields, filters,
                stats, batch_size, on_rows)
    sink.flush()
    return ExportResult(output=output, fmt=fmt, fields=list(fields), rows=stats.rows, bytes=sink.size,
                        sha256=sink.digest.hexdigest(), seconds=time.monotonic() - started,
                        datasheet_md=None, datasheet_json=None, stats=stats)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
