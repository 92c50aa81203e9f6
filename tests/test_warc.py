"""WARC archiving: real files in tmp_path, written by WarcWriter or by warcio itself."""

from __future__ import annotations

import gzip
import io
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from archives import write_arc
from warcio.archiveiterator import ArchiveIterator
from warcio.cli import main as warcio_main
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl import __version__
from newscrawl.store import warc
from newscrawl.store.warc import (
    ArchivedResponse,
    WarcError,
    WarcWriter,
    check_warc_file,
    iter_responses,
    read_response,
    response_record,
)

WHEN = datetime(2026, 1, 28, 14, 5, 0, tzinfo=UTC)
NAME_RX = re.compile(r"^newscrawl-\d{14}-\d+-\d{5}\.warc\.gz$")

# (url, status, headers, body) covering the awkward cases.
CASES = [
    ("https://example.com/news/café", 200,
     {"Content-Type": "text/html; charset=iso-8859-1"}, "<p>Café déjà vu</p>".encode("latin-1")),
    ("https://example.com/gz", 200,
     {"Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": "999",
      "Transfer-Encoding": "chunked"}, b"<html>decoded by the client</html>"),
    ("https://example.com/logo.png", 200, [("Content-Type", "image/png"), ("Set-Cookie", "a=1"),
                                           ("Set-Cookie", "b=2")], bytes(range(256)) * 4),
    ("https://example.com/empty", 204, {}, b""),
    ("https://example.com/missing", 404, {"Content-Type": "text/plain"}, b"not here"),
]

TIMES = [WHEN + timedelta(seconds=i) for i in range(len(CASES))]


def write_cases(directory: Path, **kwargs) -> list[tuple[str, int]]:
    with WarcWriter(directory, **kwargs) as writer:
        return [
            writer.write_response(url, status, headers, body, WHEN + timedelta(seconds=i),
                                  request_headers={"User-Agent": "newscrawl-test"})
            for i, (url, status, headers, body) in enumerate(CASES)
        ]


def check(response: ArchivedResponse, i: int, warc_file: str, offset: int) -> None:
    url, status, _headers, body = CASES[i]
    assert response.url == url.replace("é", "%C3%A9")  # stored percent-encoded
    assert response.status == status
    assert response.body == body
    assert response.fetched_at == WHEN + timedelta(seconds=i)
    assert response.fetched_at.tzinfo is not None
    assert response.headers["content-length"] == str(len(body))
    assert (response.warc_file, response.offset) == (warc_file, offset)


def test_write_then_read_by_offset_and_by_iteration(tmp_path: Path) -> None:
    directory = tmp_path / "data" / "warc"  # created by the writer
    written = write_cases(directory)
    names = {name for name, _ in written}
    assert len(names) == 1 and NAME_RX.match(names.pop())
    path = directory / written[0][0]
    for i, (_name, offset) in enumerate(written):
        check(read_response(path, offset), i, str(path), offset)
    responses = list(iter_responses(path))
    assert len(responses) == len(CASES)
    for i, response in enumerate(responses):
        check(response, i, str(path), written[i][1])


def test_headers_rewritten_to_match_the_stored_body(tmp_path: Path) -> None:
    written = write_cases(tmp_path)
    path = tmp_path / written[1][0]
    headers = read_response(path, written[1][1]).headers
    assert "content-encoding" not in headers and "transfer-encoding" not in headers
    assert headers["content-length"] == str(len(CASES[1][3]))
    assert headers["x-newscrawl-original-content-encoding"] == "gzip"
    assert headers["x-newscrawl-original-transfer-encoding"] == "chunked"
    assert headers["x-newscrawl-original-content-length"] == "999"
    assert headers["content-type"] == "text/html"
    # Repeated headers are all stored; the reader's dict keeps the first.
    assert read_response(path, written[2][1]).headers["set-cookie"] == "a=1"
    raw = gzip.decompress(path.read_bytes())
    assert b"Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n" in raw
    assert b"HTTP/1.1 204 No Content\r\n" in raw


def test_warcinfo_request_records_and_digests_check(tmp_path: Path) -> None:
    written = write_cases(tmp_path)
    path = tmp_path / written[0][0]
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, check_digests=True)
        seen = []
        for record in records:
            block = record.content_stream().read()
            seen.append((record.rec_type, record.rec_headers, block))
            assert record.digest_checker.passed is True, record.digest_checker.problems
    types = [rec_type for rec_type, _, _ in seen]
    assert types == ["warcinfo"] + ["response", "request"] * len(CASES)
    assert seen[0][1].protocol == "WARC/1.1"
    assert f"software: newscrawl/{__version__}".encode() in seen[0][2]
    assert seen[0][1].get_header("WARC-Filename") == path.name
    response_headers, request_headers = seen[1][1], seen[2][1]
    assert request_headers.get_header("WARC-Concurrent-To") == response_headers.get_header("WARC-Record-ID")
    assert response_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    # The warcio command line agrees (exit status 0 = every digest checks).
    with pytest.raises(SystemExit) as done:
        warcio_main(["check", str(path)])
    assert done.value.code == 0


def test_records_built_elsewhere_are_appended_as_the_writer_would_write_them(tmp_path: Path) -> None:
    # The crawl's extraction workers build and compress each record; the crawl only appends it.
    with WarcWriter(tmp_path, prefix="built") as writer:
        written = [writer.append_records(response_record(url, status, headers, body, when))
                   for (url, status, headers, body), when in zip(CASES, TIMES, strict=True)]
    with WarcWriter(tmp_path / "direct", prefix="built") as writer:
        direct = [writer.write_response(url, status, headers, body, when)
                  for (url, status, headers, body), when in zip(CASES, TIMES, strict=True)]
    path = tmp_path / written[0][0]
    for i, (_name, offset) in enumerate(written):
        response = read_response(path, offset)
        check(response, i, str(path), offset)
        assert response.headers == read_response(tmp_path / "direct" / direct[i][0], direct[i][1]).headers
    with open(path, "rb") as fh:
        records = list((r.rec_type, r.content_stream().read(), r.digest_checker.passed)
                       for r in ArchiveIterator(fh, check_digests=True))
    assert [t for t, _, _ in records] == ["warcinfo"] + ["response"] * len(CASES)  # warcinfo first
    assert all(passed is not False for _, _, passed in records[1:])
    with pytest.raises(SystemExit) as done:
        warcio_main(["check", str(path)])
    assert done.value.code == 0


def test_appended_records_rotate_too(tmp_path: Path) -> None:
    bodies = [os.urandom(1500) for _ in range(6)]
    with WarcWriter(tmp_path, max_bytes=4000) as writer:
        written = [writer.append_records(response_record(f"https://example.com/{i}", 200, {}, body, WHEN))
                   for i, body in enumerate(bodies)]
    assert len({name for name, _ in written}) >= 2
    for i, (name, offset) in enumerate(written):
        assert read_response(tmp_path / name, offset).body == bodies[i]


def test_rotation_by_max_bytes(tmp_path: Path) -> None:
    bodies = [os.urandom(1500) for _ in range(12)]
    with WarcWriter(tmp_path, prefix="rot", max_bytes=4000) as writer:
        written = [writer.write_response(f"https://example.com/{i}", 200, {}, body, WHEN)
                   for i, body in enumerate(bodies)]
        assert writer.current_file is None or writer.current_file in {n for n, _ in written}
    assert writer.current_file is None
    files = sorted(tmp_path.iterdir())
    assert len(files) >= 4
    assert {f.name for f in files} == {name for name, _ in written}
    assert all(f.name.startswith("rot-") for f in files)
    for i, (name, offset) in enumerate(written):
        assert read_response(tmp_path / name, offset).body == bodies[i]
    iterated = [r.body for f in files for r in iter_responses(f)]
    assert sorted(iterated) == sorted(bodies)
    for f in files:  # every file opens with its own warcinfo record
        with open(f, "rb") as fh:
            assert next(iter(ArchiveIterator(fh))).rec_type == "warcinfo"


def test_writers_never_share_a_file(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as one, WarcWriter(tmp_path) as two:
        a = one.write_response("https://example.com/a", 200, {}, b"a", WHEN)
        b = two.write_response("https://example.com/b", 200, {}, b"b", WHEN)
    assert a[0] != b[0]
    assert [r.url for r in iter_responses(tmp_path / a[0])] == ["https://example.com/a"]


def test_each_record_is_on_disk_before_close(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    name, offset = writer.write_response("https://example.com/a", 200, {}, b"first", WHEN)
    assert writer.current_file == name
    assert read_response(tmp_path / name, offset).body == b"first"  # the writer is still open
    assert [r.body for r in iter_responses(tmp_path / name)] == [b"first"]
    writer.close()
    writer.close()  # idempotent


def test_naive_and_fractional_fetch_times_are_utc(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as writer:
        name, offset = writer.write_response("https://example.com/t", 200, {}, b"x",
                                             datetime(2026, 1, 28, 14, 5, 0, 123456))
        name2, offset2 = writer.write_response(
            "https://example.com/u", 200, {}, b"y",
            datetime(2026, 1, 28, 9, 5, tzinfo=datetime.now().astimezone().tzinfo))
    assert read_response(tmp_path / name, offset).fetched_at == datetime(2026, 1, 28, 14, 5, 0, 123456, UTC)
    expected = datetime(2026, 1, 28, 9, 5, tzinfo=datetime.now().astimezone().tzinfo)
    assert read_response(tmp_path / name2, offset2).fetched_at == expected


def test_header_values_cannot_break_the_record(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as writer:
        name, offset = writer.write_response("https://example.com/x", 200,
                                             {"X-Evil": "a\r\nWARC-Type: bogus"}, b"ok", WHEN)
    response = read_response(tmp_path / name, offset)
    assert response.body == b"ok" and "warc-type" not in response.headers


def test_truncated_gzip_file(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as writer:
        written = [writer.write_response(f"https://example.com/{i}", 200, {}, os.urandom(5000), WHEN)
                   for i in range(3)]
    path = tmp_path / written[0][0]
    data = path.read_bytes()
    last = written[-1][1]
    path.write_bytes(data[: last + (len(data) - last) // 2])

    errors: list[WarcError] = []
    got = [r.url for r in iter_responses(path, on_error=errors.append)]
    assert got == ["https://example.com/0", "https://example.com/1"]
    assert len(errors) == 1 and errors[0].offset == last and errors[0].path == path
    assert str(path) in str(errors[0]) and str(last) in str(errors[0])

    got = []
    with pytest.raises(WarcError) as raised:
        for response in iter_responses(path):
            got.append(response.url)
    assert len(got) == 2 and raised.value.offset == last

    with pytest.raises(WarcError, match="truncated|no WARC record"):
        read_response(path, last)
    assert read_response(path, written[1][1]).url == "https://example.com/1"


def test_truncated_uncompressed_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    offsets = write_plain_warc(path, responses=3)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[-1] + 400])
    errors: list[WarcError] = []
    got = list(iter_responses(path, on_error=errors.append))
    assert [r.offset for r in got] == offsets[:-1]
    assert len(errors) == 1 and errors[0].offset == offsets[-1]
    assert "truncated" in str(errors[0])


def test_corrupt_bytes_mid_file(tmp_path: Path) -> None:
    written = write_cases(tmp_path)
    path = tmp_path / written[0][0]
    data = bytearray(path.read_bytes())
    at = written[3][1]
    data[at: at + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))
    errors: list[WarcError] = []
    got = list(iter_responses(path, on_error=errors.append))
    assert [r.offset for r in got] == [offset for _, offset in written[:3]]
    assert len(errors) == 1 and errors[0].offset is not None and errors[0].offset >= written[2][1]
    assert "corrupt" in str(errors[0])


def test_not_a_warc_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("just some notes\nnothing archived here\n")
    with pytest.raises(WarcError, match="not a WARC or ARC file") as raised:
        iter_responses(text, on_error=lambda e: None)  # raised at once, not deferred to on_error
    assert str(text) in str(raised.value)
    gzipped = tmp_path / "notes.txt.gz"
    gzipped.write_bytes(gzip.compress(b"hello\n"))
    with pytest.raises(WarcError, match="not a WARC or ARC file"):
        iter_responses(gzipped)
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    with pytest.raises(WarcError, match=re.escape("not a WARC or ARC file (the file is empty)")):
        iter_responses(empty)
    with pytest.raises(WarcError, match="cannot open"):
        iter_responses(tmp_path / "missing.warc.gz")
    with pytest.raises(WarcError, match="not a WARC or ARC file"):
        read_response(text, 0)


def test_read_response_rejects_other_records_and_bad_offsets(tmp_path: Path) -> None:
    written = write_cases(tmp_path)
    path = tmp_path / written[0][0]
    with pytest.raises(WarcError, match="not a response record") as raised:
        read_response(path, 0)  # the warcinfo record
    assert raised.value.offset == 0 and str(path) in str(raised.value)
    with pytest.raises(WarcError, match="no WARC record"):
        read_response(path, written[0][1] + 7)
    with pytest.raises(WarcError, match="outside the file"):
        read_response(path, path.stat().st_size + 10)


def write_plain_warc(path: Path, responses: int = 2) -> list[int]:
    """An uncompressed WARC written by warcio alone, with every kind of record; response offsets."""
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False, warc_version="1.0")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warcio"}))
        dns = writer.create_warc_record("dns:example.com", "response", warc_content_type="text/dns",
                                        payload=io.BytesIO(b"example.com A 1.2.3.4"), length=21)
        writer.write_record(dns)
        for i in range(responses):
            body = f"<p>page {i}</p>".encode() * 40
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                    protocol="HTTP/1.1")
            payload = gzip.compress(body)  # stored as sent: the reader decodes it
            record = writer.create_warc_record(f"http://example.org/{i}", "response",
                                               payload=io.BytesIO(payload), length=len(payload),
                                               http_headers=http)
            offsets.append(fh.tell())
            writer.write_record(record)
            request = writer.create_warc_record(
                f"http://example.org/{i}", "request",
                http_headers=StatusAndHeaders(f"GET /{i} HTTP/1.1", [("Host", "example.org")],
                                              is_http_request=True))
            writer.write_record(request)
            metadata = writer.create_warc_record(f"http://example.org/{i}", "metadata",
                                                 payload=io.BytesIO(b"fetchTimeMs: 12\r\n"), length=17)
            writer.write_record(metadata)
        revisit = writer.create_revisit_record("http://example.org/0", "sha1:AAAA", "http://example.org/0",
                                               "2026-01-28T14:05:00Z")
        writer.write_record(revisit)
        resource = writer.create_warc_record("http://example.org/file.txt", "resource",
                                             payload=io.BytesIO(b"plain"), length=5,
                                             warc_content_type="text/plain")
        writer.write_record(resource)
    return offsets


def test_uncompressed_warc_from_warcio(tmp_path: Path) -> None:
    path = tmp_path / "other.warc"
    offsets = write_plain_warc(path)
    responses = list(iter_responses(path))
    assert [r.url for r in responses] == ["http://example.org/0", "http://example.org/1"]
    assert [r.offset for r in responses] == offsets
    assert responses[0].body == b"<p>page 0</p>" * 40  # Content-Encoding: gzip decoded
    assert responses[0].headers["content-encoding"] == "gzip"
    assert responses[0].fetched_at.tzinfo is not None and responses[0].warc_file == str(path)
    again = read_response(path, offsets[1])
    assert again.body == b"<p>page 1</p>" * 40 and again.url == "http://example.org/1"


# -- ARC files (the format before WARC), read through warcio's arc2warc ------------------------

ARC_PAGES = [
    ("http://www.example.com/2005/06/news.html", 200, b"<html><body><p>Old news</p></body></html>"),
    ("http://www.example.com/missing.html", 404, b"gone"),
    ("http://other.example.org/caf%C3%A9.html", 200, "<p>Café</p>".encode()),
]


@pytest.mark.parametrize("name", ["old.arc", "old.arc.gz"])
def test_arc_files_are_read_like_warc_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = write_arc(path, ARC_PAGES, date="20050614070159")
    check_warc_file(path)
    got = list(iter_responses(path))
    assert [(r.url, r.status, r.body) for r in got] == ARC_PAGES  # the version block is skipped
    assert [r.offset for r in got] == offsets
    assert {r.fetched_at for r in got} == {datetime(2005, 6, 14, 7, 1, 59, tzinfo=UTC)}
    assert got[0].headers["content-type"] == "text/html; charset=utf-8"
    again = read_response(path, offsets[2])  # by offset, as pages.warc_offset stores it
    assert (again.url, again.body) == (ARC_PAGES[2][0], ARC_PAGES[2][2])


def test_truncated_arc_gz_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.arc.gz"
    offsets = write_arc(path, ARC_PAGES)
    path.write_bytes(path.read_bytes()[: offsets[2] + 20])
    errors: list[WarcError] = []
    got = [r.url for r in iter_responses(path, on_error=errors.append)]
    assert got == [ARC_PAGES[0][0], ARC_PAGES[1][0]]
    assert len(errors) == 1 and errors[0].offset == offsets[2]


def test_a_file_that_starts_like_an_arc_but_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.arc"
    path.write_bytes(b"filedesc://fake.arc 20050614070144\nnot an ARC header line\n")
    with pytest.raises(WarcError, match=re.escape("not an ARC file (no readable ARC record")):
        check_warc_file(path)


def test_records_are_standard_gzip_members(tmp_path: Path) -> None:
    # Compressed with ISA-L's deflate (isal) where it is installed: any gzip reader reads them.
    record = response_record(*CASES[0], WHEN)
    assert record[:2] == b"\x1f\x8b"
    plain = gzip.decompress(record)
    assert plain.startswith(b"WARC/1.1\r\n") and plain.endswith(CASES[0][3] + b"\r\n\r\n")
    with WarcWriter(tmp_path) as writer:
        written = [writer.write_response(url, status, headers, body, WHEN)
                               for url, status, headers, body in CASES]
    whole = gzip.decompress((tmp_path / written[0][0]).read_bytes())  # member by member
    assert whole.count(b"WARC-Type: response") == len(CASES)
    assert all(body in whole for _, _, _, body in CASES)


def test_the_records_are_those_warcios_own_digests_give_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The writer takes each digest in one call (store/warc.py); warcio's own ensure_digest, in
    # 16 kB pieces, must give the same files: the same headers, values and order, so the same
    # gzip members. Record ids and dates fixed, so the two runs can be compared.
    monkeypatch.setattr(RecordBuilder, "_make_warc_id", classmethod(lambda cls: "<urn:uuid:0-0-0-0-0>"))
    monkeypatch.setattr(RecordBuilder, "_make_warc_date",
                        classmethod(lambda cls, use_micros=False: "2026-01-28T14:05:00Z"))
    cases = [*CASES, ("https://example.com/empty", 200, {}, b""), ("https://example.com/big", 200, {},
                                                                     os.urandom(100_000))]

    def records() -> list[bytes]:
        built = []
        for url, status, headers, body in cases:
            built.append(response_record(url, status, headers, body, WHEN))
            writer, out = warc._record_writer()  # a response and its request, as write_response does
            url = warc._ascii_url(url)
            response = warc._response_record(writer, url, status, headers, body, WHEN)
            writer.write_record(response)
            writer.write_record(warc._request_record(writer, url, response, {"Accept": "*/*"}))
            built.append(out.getvalue())
        return built

    ours = records()
    monkeypatch.setattr(warc._WARCWriter, "ensure_digest", WARCWriter.ensure_digest)
    assert records() == ours
