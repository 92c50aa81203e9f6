"""Raw responses in gzipped WARC files (the web-archiving standard), written and read with warcio.

:class:`WarcWriter` archives every fetched response so a page can be re-extracted later and a
crawl audited or replayed; :func:`read_response` fetches one record back by file and offset
(as stored in ``pages.warc_file`` / ``pages.warc_offset``); :func:`iter_responses` walks a whole
file, ours or an archive's (Common Crawl's CC-NEWS, say). The readers also take the older ARC
format (``.arc``, ``.arc.gz``), which warcio converts record by record. No Scrapy imports.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import os
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from importlib.metadata import version as _dist_version
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from w3lib.url import safe_url_string
from warcio.archiveiterator import ArchiveIterator, WARCIterator
from warcio.limitreader import LimitReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from newscrawl.settings import default
from newscrawl.versions import __version__

__all__ = [
    "ArchivedResponse", "WarcError", "WarcWriter", "check_warc_file", "iter_responses", "read_response",
    "response_record",
]

WARC_VERSION = "WARC/1.1"
ORIGINAL_PREFIX = "X-Newscrawl-Original-"
DEFAULT_MAX_BYTES: int = default("NEWSCRAWL_WARC_MAX_BYTES")  # a new file is started past this size
# Headers describing the bytes on the wire, not the decoded body we store.
_REWRITTEN = ("content-encoding", "transfer-encoding", "content-length")
_CHUNK = 1 << 16


class WarcError(Exception):
    """A WARC file that cannot be read (missing, not a WARC, truncated, corrupt, wrong record)."""

    def __init__(self, path: Path | str, message: str, offset: int | None = None) -> None:
        self.path = Path(path)
        self.offset = offset
        self.reason = message
        where = f"{path}" if offset is None else f"{path} at offset {offset}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ArchivedResponse:
    """One HTTP response record read back from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    warc_file: str
    offset: int


def _clean(value: str) -> str:
    """A header name or value that cannot break the record's framing."""
    return str(value).replace("\r", " ").replace("\n", " ")


def _ascii_url(url: str) -> str:
    """The URL unchanged if plain ASCII, else percent-encoded (IDNA host) as a browser would send it."""
    return url if url.isascii() and " " not in url else safe_url_string(url)


def _warc_date(moment: datetime) -> str:
    """WARC-Date (ISO 8601 UTC, microseconds when present); a naive datetime is taken as UTC."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


def _response_headers(
    headers: Mapping[str, str] | Iterable[tuple[str, str]], body_length: int
) -> list[tuple[str, str]]:
    """Headers consistent with the decoded body: wire-level ones replaced, originals kept aside."""
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    kept: list[tuple[str, str]] = []
    originals: list[tuple[str, str]] = []
    for name, value in pairs:
        name, value = _clean(name).strip(), _clean(value).strip()
        if name.lower() not in _REWRITTEN:
            kept.append((name, value))
        elif name.lower() != "content-length" or value != str(body_length):
            originals.append((ORIGINAL_PREFIX + "-".join(p.capitalize() for p in name.split("-")), value))
    return kept + originals + [("Content-Length", str(body_length))]


# warcio uses 9. On the 181 real pages of the extraction corpus (bench, 2026-12-05): zlib's
# level 6 3.0 ms a page, compressed to 19.8%; level 3 1.3 ms, 22.1%. Compression shares the
# crawl's cores with extraction, so a cheap level makes the crawl faster. ISA-L's deflate
# (isal, the same zlib interface; the same gzip format, any reader reads it): its level 3
# 0.57 ms a page, 22.0%; its level 2 0.27 ms, 22.8% (files 4% larger for half the CPU, which
# on a narrow topic is an eighth of a turned-away page's cost: docs/benchmarks.md).
GZIP_LEVEL = 2

try:
    from isal import isal_zlib as _deflate
except ImportError:  # pragma: no cover - a dependency; zlib where it has no wheel (same level)
    _deflate = zlib


class _Gzip:
    """One gzip member per record, like warcio's GzippingWrapper, at ``GZIP_LEVEL``."""

    def __init__(self, out: IO[bytes]) -> None:
        self.compressor = _deflate.compressobj(GZIP_LEVEL, _deflate.DEFLATED, _deflate.MAX_WBITS + 16)
        self.out = out

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())
        self.out.flush()


class _WARCWriter(WARCWriter):
    """warcio's writer with a cheaper gzip level, and its digests each taken in one call; the
    files are the same format."""

    def ensure_digest(self, record: Any, block: bool = True, payload: bool = True) -> None:
        """warcio's ``ensure_digest``, the same headers with the same values in the same order,
        each digest of an in-memory payload taken at once: warcio reads the payload in 16 kB
        pieces once for each of its two digests (a record is built, then written), copying
        each piece (0.5 -> 0.4 ms a 170 kB record, docs/benchmarks.md). A payload of unknown
        length or not in memory is left to warcio."""
        stream = record.raw_stream
        if record.length is None or type(stream) is not BytesIO:
            super().ensure_digest(record, block, payload)
            return
        headers = record.rec_headers
        block = block and not headers.get_header("WARC-Block-Digest")
        payload = payload and not (headers.get_header("WARC-Payload-Digest")
                                   or record.rec_type in self.NO_PAYLOAD_DIGEST_TYPES)
        if not block and not payload:
            return
        with stream.getbuffer() as whole:  # (the payload is what the stream has left, as warcio reads it)
            rest = whole[stream.tell():]
            try:
                if payload:
                    headers.add_header("WARC-Payload-Digest", _sha1(rest))
                if block:
                    http = record.http_headers
                    if http and not http.headers_buff:
                        http.compute_headers_buffer(self.header_filter)
                    headers.add_header("WARC-Block-Digest", _sha1(http.headers_buff if http else b"", rest))
            finally:
                rest.release()

    def _write_warc_record(self, out: Any, record: Any) -> None:
        if not self.gzip:
            super()._write_warc_record(out, record)
            return
        self.gzip = False
        try:
            super()._write_warc_record(_Gzip(out), record)
        finally:
            self.gzip = True


def _sha1(*parts: bytes | memoryview) -> str:
    """A WARC digest (``sha1:`` and base 32, as warcio writes it) of the parts, one after the other."""
    digest = hashlib.sha1()  # noqa: S324 - the digest WARC records carry, not a security check
    for part in parts:
        digest.update(part)
    return "sha1:" + base64.b32encode(digest.digest()).decode("ascii")


def _record_writer() -> tuple[WARCWriter, BytesIO]:
    """A warcio writer of gzipped records into memory (one gzip member each)."""
    out = BytesIO()
    return _WARCWriter(out, gzip=True, warc_version=WARC_VERSION), out


def _response_record(
    writer: WARCWriter, url: str, status: int, headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes, fetched_at: datetime, reason: str = "",
) -> Any:
    """warcio's response record of a decoded body (``url`` already ASCII)."""
    if not reason:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    http = StatusAndHeaders(
        f"{int(status)} {_clean(reason)}".strip(),
        _response_headers(headers, len(body)),
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url, "response", payload=BytesIO(body), length=len(body), http_headers=http,
        warc_headers_dict={"WARC-Date": _warc_date(fetched_at)},
    )


def _request_record(writer: WARCWriter, url: str, response: Any, request_headers: Mapping[str, str]) -> Any:
    """The request record that goes with ``response`` (WARC-Concurrent-To its record id)."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pairs = [(_clean(k).strip(), _clean(v).strip()) for k, v in request_headers.items()]
    if parts.netloc and not any(k.lower() == "host" for k, _ in pairs):
        pairs.insert(0, ("Host", parts.netloc))
    return writer.create_warc_record(
        url, "request",
        http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", pairs, is_http_request=True),
        warc_headers_dict={
            "WARC-Date": response.rec_headers.get_header("WARC-Date"),
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        },
    )


def response_record(
    url: str, status: int, headers: Mapping[str, str] | Iterable[tuple[str, str]], body: bytes,
    fetched_at: datetime, *, reason: str = "",
) -> bytes:
    """One response record, gzipped (its own gzip member), exactly as
    :meth:`WarcWriter.write_response` writes it, for :meth:`WarcWriter.append_records`.

    Building and compressing the record is most of an archive's cost (gzip and two SHA-1
    digests of the body, about 1.5 ms for a 170 kB page): the crawl has its extraction
    workers do it beside the extraction (:mod:`newscrawl.pipelines.extract`), and its own
    process only appends the bytes.
    """
    writer, out = _record_writer()
    writer.write_record(_response_record(writer, _ascii_url(url), status, headers, body, fetched_at, reason))
    return out.getvalue()


class WarcWriter:
    """Rotating gzipped WARC/1.1 files ``PREFIX-YYYYmmddHHMMSS-PID-NNNNN.warc.gz`` in ``directory``.

    A new file starts once the current one exceeds ``max_bytes``; each file opens with a
    warcinfo record. Every record is its own gzip member and is flushed as soon as it is
    written, so a crash loses at most the record being written. Files are created exclusively
    (timestamp + pid + serial, never reopened), so no two writers ever append to one file.
    """

    def __init__(
        self, directory: Path | str, *, prefix: str = "newscrawl", max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.current_file: str | None = None
        self._serial = itertools.count()
        self._fh: IO[bytes] | None = None
        self._writer: WARCWriter | None = None
        self._lock = threading.Lock()

    def _open(self) -> tuple[IO[bytes], WARCWriter]:
        if self._fh is not None and self._writer is not None:
            return self._fh, self._writer
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        while True:
            name = f"{self.prefix}-{stamp}-{os.getpid()}-{next(self._serial):05d}.warc.gz"
            try:
                fh = open(self.directory / name, "xb")  # noqa: SIM115 - kept open across writes
            except FileExistsError:
                continue
            break
        writer = _WARCWriter(fh, gzip=True, warc_version=WARC_VERSION)
        info = {
            "software": f"newscrawl/{__version__} (warcio/{_dist_version('warcio')})",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "description": "raw HTTP responses fetched by newscrawl",
        }
        writer.write_record(writer.create_warcinfo_record(name, info))
        fh.flush()
        self._fh, self._writer, self.current_file = fh, writer, name
        return fh, writer

    def write_response(
        self,
        url: str,
        status: int,
        headers: Mapping[str, str] | Iterable[tuple[str, str]],
        body: bytes,
        fetched_at: datetime,
        *,
        request_headers: Mapping[str, str] | None = None,
        reason: str = "",
    ) -> tuple[str, int]:
        """Archive one response (and its request, if given); return (file name, record offset).

        ``body`` is the decoded body: Content-Encoding and Transfer-Encoding are dropped and
        Content-Length set to ``len(body)``; the original values are kept as
        ``X-Newscrawl-Original-<Name>`` headers. A non-ASCII URL is stored percent-encoded.
        The record is built and compressed outside the lock (writers in several threads
        compress at once); only the append holds it.
        """
        url = _ascii_url(url)
        writer, out = _record_writer()
        response = _response_record(writer, url, status, headers, body, fetched_at, reason)
        writer.write_record(response)
        if request_headers is not None:
            writer.write_record(_request_record(writer, url, response, request_headers))
        return self.append_records(out.getvalue())

    def append_records(self, data: bytes) -> tuple[str, int]:
        """Append whole gzipped records (:func:`response_record`'s bytes, built elsewhere,
        an extraction worker say) to the current file; return (file name, offset of the first).

        The file's warcinfo record comes first, rotation happens after, as for
        :meth:`write_response`. A half-written append stays at the end of its file; later
        writes start a new one.
        """
        with self._lock:
            fh, _ = self._open()
            offset = fh.tell()
            try:
                fh.write(data)
                fh.flush()
            except BaseException:
                with contextlib.suppress(OSError):
                    self._close_file()
                raise
            name = self.current_file
            assert name is not None
            if fh.tell() > self.max_bytes:
                self._close_file()
            return name, offset

    def _close_file(self) -> None:
        fh, self._fh, self._writer, self.current_file = self._fh, None, None, None
        if fh is not None:
            try:
                fh.flush()
                os.fsync(fh.fileno())
            finally:
                fh.close()

    def close(self) -> None:
        """Flush and close the current file (a later write starts a new one)."""
        with self._lock:
            self._close_file()

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- reading ---------------------------------------------------------------------------------------


def _drain(stream: Any) -> None:
    while stream.read(_CHUNK):
        pass


def _check_complete(record: Any, path: str, offset: int) -> None:
    """Raise unless the whole record block (Content-Length bytes) was present in the file."""
    raw = record.raw_stream
    if not isinstance(raw, LimitReader):
        raise WarcError(path, "record has no valid Content-Length", offset)
    _drain(raw)
    if raw.limit > 0:
        raise WarcError(path, f"record is truncated ({raw.limit} of {record.length} bytes missing)", offset)


def _to_response(record: Any, path: str, offset: int) -> ArchivedResponse | str:
    """The record as an :class:`ArchivedResponse`, or why it is not one (the record is consumed)."""
    if record.rec_type != "response":
        _check_complete(record, path, offset)
        return f"not a response record (WARC-Type: {record.rec_type})"
    if record.http_headers is None or not record.http_headers.protocol.upper().startswith("HTTP/"):
        _check_complete(record, path, offset)
        return "not an HTTP response record"
    try:
        body = record.content_stream().read()
    except Exception as exc:  # zlib/brotli/chunking errors in a damaged payload
        raise WarcError(path, f"cannot decode the payload: {exc}", offset) from exc
    _check_complete(record, path, offset)
    http = record.http_headers
    try:
        status = int(http.get_statuscode())
    except ValueError:
        return f"invalid HTTP status line {http.statusline!r}"
    date = record.rec_headers.get_header("WARC-Date") or ""
    try:
        fetched_at = iso_date_to_datetime(date, tz_aware=True)
    except (ValueError, TypeError):
        return f"invalid WARC-Date {date!r}"
    headers: dict[str, str] = {}
    for name, value in http.headers:
        headers.setdefault(name.lower(), value)
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        status=status, headers=headers, body=body, fetched_at=fetched_at,
        warc_file=path, offset=offset,
    )


def _open(path: Path | str) -> IO[bytes]:
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise WarcError(path, f"cannot open: {exc.strerror or exc}") from exc


WARC, ARC = "WARC", "ARC"
_A = {WARC: "a", ARC: "an"}
NOT_AN_ARCHIVE = "not a WARC or ARC file"


def _sniff(fh: IO[bytes], path: str) -> str:
    """``WARC`` or ``ARC``, from the file's first bytes (gunzipped if need be), else raise
    "not a WARC or ARC file"."""
    head = fh.read(4096)
    fh.seek(0)
    if not head:
        raise WarcError(path, f"{NOT_AN_ARCHIVE} (the file is empty)")
    magics = {b"WARC/": WARC, b"filedesc://": ARC}  # an ARC file opens with its version block
    cut_short = False
    if head[:2] == b"\x1f\x8b":
        gunzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            head = gunzip.decompress(head, 64)
        except zlib.error:
            head = b""
        else:  # the file ends inside its first gzip member
            cut_short = len(head) < 64 and not gunzip.eof
    for magic, kind in magics.items():
        if head.startswith(magic):
            return kind
        if cut_short and magic.startswith(head):
            raise WarcError(path, f"{NOT_AN_ARCHIVE} (the gzip data ends before a first record)")
    raise WarcError(path, NOT_AN_ARCHIVE)


def _records(fh: IO[bytes], kind: str) -> ArchiveIterator:
    """warcio's iterator for the format: ARC records come out as WARC ones (``arc2warc``)."""
    return WARCIterator(fh) if kind == WARC else ArchiveIterator(fh, arc2warc=True)


def check_warc_file(path: Path | str) -> None:
    """Raise :class:`WarcError` unless ``path`` is a WARC (or ARC) file whose first record can be read.

    Cheap (the first record's headers only), so a command can refuse a wrong file before it
    writes anything; damage further on is found while reading.
    """
    name = os.fspath(path)
    with _open(path) as fh:
        kind = _sniff(fh, name)
        try:
            record = next(iter(_records(fh, kind)))
        except StopIteration:
            record = None
        except Exception as exc:
            problem = f"no readable {kind} record: {_first_line(exc)}"
            raise WarcError(name, f"not {_A[kind]} {kind} file ({problem})") from None
    if record is None or not record.rec_type:
        raise WarcError(name, f"not {_A[kind]} {kind} file (no {kind} record in it)")


def read_response(path: Path | str, offset: int) -> ArchivedResponse:
    """Read the HTTP response record at ``offset`` (as returned by :meth:`WarcWriter.write_response`)."""
    name = os.fspath(path)
    with _open(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if not 0 <= offset < size:
            raise WarcError(name, f"offset is outside the file ({size} bytes)", offset)
        kind = _sniff(fh, name)
        fh.seek(offset)
        try:
            record = next(iter(_records(fh, kind)))
            result = _to_response(record, name, offset)
        except WarcError:
            raise
        except StopIteration:
            raise WarcError(name, "no WARC record here (file truncated?)", offset) from None
        except Exception as exc:
            raise WarcError(name, f"no WARC record here ({_first_line(exc)})", offset) from exc
    if isinstance(result, str):
        raise WarcError(name, result, offset)
    return result


def _first_line(exc: Exception) -> str:
    """A one-line summary of a warcio/zlib error."""
    if "non-chunked gzip" in str(exc):
        return "the file is one gzip stream, not one gzip member per record; fix with `warcio recompress`"
    line = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    if "first line:" in line:  # warcio quotes the offending bytes: show them safely, briefly
        head, _, rest = line.partition("first line:")
        line = f"{head}first line: {rest.strip()[:40]!r}"
    return line


def iter_responses(
    path: Path | str, *, on_error: Callable[[WarcError], None] | None = None
) -> Iterator[ArchivedResponse]:
    """Every HTTP response record in a ``.warc`` or ``.warc.gz`` file (or ``.arc``, ``.arc.gz``),
    with its offset.

    Other records (warcinfo, request, metadata, revisit, resource, ``dns:`` responses; an ARC
    file's version block) are skipped. A missing file, or one neither WARC nor ARC, raises
    :class:`WarcError` at once. On a truncated or corrupt file every complete record before the
    damage is yielded, then ``on_error`` is called with the :class:`WarcError` (raised instead
    if ``on_error`` is None) and iteration stops.
    """
    name = os.fspath(path)
    fh = _open(path)
    try:
        kind = _sniff(fh, name)
    except BaseException:
        fh.close()
        raise
    return _iterate(fh, name, kind, on_error)


def _iterate(
    fh: IO[bytes], name: str, kind: str, on_error: Callable[[WarcError], None] | None
) -> Iterator[ArchivedResponse]:
    with fh:
        size = os.fstat(fh.fileno()).st_size
        records = _records(fh, kind)
        try:
            for record in records:
                result = _to_response(record, name, records.offset)  # offset: start of this record
                if not isinstance(result, str):
                    yield result
            if records.offset < size:  # a gzip member cut short yields no record at all
                raise WarcError(name, "truncated or corrupt data after the last complete record",
                                records.offset)
        except WarcError as exc:
            error = exc
        except Exception as exc:  # warcio parse errors, zlib errors in a damaged gzip member
            single_stream = "non-chunked gzip" in str(exc)  # offsets mean nothing in such a file
            error = WarcError(name, f"corrupt record ({_first_line(exc)})",
                              None if single_stream else records.offset)
        else:
            return
    if on_error is None:
        raise error
    on_error(error)


def archive_dir(db: Path | str, configured: Path | str | None = None) -> Path:
    """Where a crawl's WARC files go: ``configured``, else ``warc/`` beside the database."""
    return Path(configured) if configured else Path(db).parent / "warc"
