"""Real archive files for the tests: ARC v1 files written byte by byte, WARC files with our writer.

The ARC format (the Internet Archive's, before WARC) is plain text: a version block (the
``filedesc://`` record) then one record per response, each a header line
``URL IP-address Archive-date Content-type Archive-length`` followed by that many bytes (the
HTTP response as received) and a newline. An ``.arc.gz`` file gzips each record on its own.
"""

from __future__ import annotations

import gzip
import re
from datetime import UTC, datetime
from pathlib import Path

from newscrawl.crawl.fixture_web import default_root
from newscrawl.store.warc import WarcWriter

_PLACEHOLDER = re.compile(rb"\{\{(base|host):([a-z0-9_-]+)\}\}")


def _arc_record(url: str, date: str, content_type: str, block: bytes) -> bytes:
    return f"{url} 192.0.2.1 {date} {content_type} {len(block)}\n".encode() + block + b"\n"


def http_response(status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    """An HTTP/1.0 response as a crawler of the ARC era received it."""
    reason = {200: "OK", 404: "Not Found", 500: "Internal Server Error"}.get(status, "")
    head = (f"HTTP/1.0 {status} {reason}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def write_arc(path: Path, responses: list[tuple[str, int, bytes]], *,
              date: str = "20260128120000") -> list[int]:
    """An ARC v1 file of ``(url, status, html body)`` responses; gzipped per record when the
    name ends in ``.gz``. Returns each response record's offset."""
    version_block = (b"1 0 newscrawl-tests\n"
                     b"URL IP-address Archive-date Content-type Archive-length\n")
    records = [_arc_record(f"filedesc://{path.name}", date, "text/plain", version_block)]
    records += [_arc_record(url, date, "text/html", http_response(status, body))
                for url, status, body in responses]
    if path.name.endswith(".gz"):
        records = [gzip.compress(record) for record in records]
    offsets, position = [], len(records[0])
    for record in records[1:]:
        offsets.append(position)
        position += len(record)
    path.write_bytes(b"".join(records))
    return offsets


def write_warc(directory: Path, responses: list[tuple[str, int, bytes]]) -> Path:
    """A gzipped WARC file of ``(url, status, html body)`` responses."""
    with WarcWriter(directory) as writer:
        for url, status, body in responses:
            writer.write_response(url, status, {"Content-Type": "text/html; charset=utf-8"}, body,
                                  datetime(2026, 1, 28, 12, tzinfo=UTC))
        name = writer.current_file
    assert name is not None
    return directory / name


def fixture_page(outlet: str, path: str, bases: dict[str, str]) -> bytes:
    """A page of the fixture web read from disk, its ``{{base:SLUG}}`` links pointed at ``bases``
    (slug -> ``https://host``) instead of a running server."""
    file = default_root() / outlet / path.strip("/")
    if file.is_dir():
        file = file / "index.html"

    def sub(match: re.Match[bytes]) -> bytes:
        base = bases.get(match.group(2).decode(), "https://elsewhere.example.net")
        return (base if match.group(1) == b"base" else base.split("://", 1)[1]).encode()

    return _PLACEHOLDER.sub(sub, file.read_bytes())


# ``ingest --any-outlet``'s fixture: one configured outlet, one whose slug a derived outlet
# would take, and pages of three sites (two no outlet lists) and a 404.
ANY_OUTLET_SOURCES = """
[outlets.ledger]
name = "The Northfield Ledger"
homepage = "https://www.northfield-ledger.com/"
domain = "northfield-ledger.com"
country = "US"
language = "en"
kind = "national"
timezone = "America/New_York"
start_pages = ["https://www.northfield-ledger.com/"]

# The slug derived for bytewire.co.uk, taken by an outlet on another domain.
[outlets.bytewire-co-uk]
name = "Bytewire Holdings"
homepage = "https://bytewire-holdings.com/"
domain = "bytewire-holdings.com"
country = "US"
language = "en"
kind = "trade"
timezone = "UTC"
start_pages = ["https://bytewire-holdings.com/"]
"""

BASES = {"ledger": "https://www.northfield-ledger.com", "bytewire": "https://www.bytewire.co.uk",
         "latino": "https://noticias.latino-hoy.com.mx"}


def any_outlet_responses() -> list[tuple[str, int, bytes]]:
    """The ``(url, status, body)`` responses of the any-outlet fixture, for :func:`write_warc`."""
    def page(outlet: str, path: str) -> tuple[str, int, bytes]:
        return BASES[outlet] + path, 200, fixture_page(outlet, path, BASES)

    return [
        page("ledger", "/2026/01/27/tech-workers-letter.html"),
        page("bytewire", "/2026/01/26/iceout-tech-letter-signatures/"),
        page("bytewire", "/2026/01/29/chipmaker-earnings-data-center/"),  # off-topic
        page("latino", "/2026/01/redadas-familias-minneapolis.html"),
        ("https://gone.example.net/story.html", 404, b"not here"),
    ]
