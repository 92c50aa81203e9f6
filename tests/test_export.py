"""newscrawl export: streaming CSV/JSONL/Parquet from real SQLite databases, read back and checked.

Two databases: one built row by row through ``Store.insert_article`` with the awkward cases
(newlines, quotes, commas, non-ASCII, no date, no authors, a syndicated story with three
copies), and one crawled from the fixture web (``data/demo-web/``) as a user would.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newscrawl.cli import main
from newscrawl.items import Article
from newscrawl.judge.query import SearchQueryError, to_fts5
from newscrawl.outputs.export import (
    FIELD_NAMES,
    FIELDS,
    ExportError,
    ExportFilters,
    export_articles,
    format_for,
    parse_fields,
)
from newscrawl.store import Store

ROOT = Path(__file__).resolve().parent.parent

TRICKY_TEXT = ('He said, "ICE agents came at 5 a.m."\n\nNeighbours filmed it; comma, "quote", '
               'and a second paragraph.\r\nÉmigrés, Überwachung, 移民, emoji 🎉, tab\there.')
WIRE_TEXT = ("Hundreds of tech workers signed an open letter asking their companies to end "
             "contracts with ICE, the immigration agency, after raids in several cities.")
TOPIC = {"ice-tech-workers": {"score": 2.5, "terms": {"=ICE": 2, "\"open letter\"": 1}}}
# The stored TOPIC as every format writes it.
TOPIC_SHAPE = [{"topic": "ice-tech-workers", "score": 2.5,
                "terms": [{"term": "=ICE", "hits": 2}, {"term": '"open letter"', "hits": 1}]}]


def _outlet(slug: str, name: str, language: str = "en", verified: int = 0) -> dict[str, object]:
    return {
        "slug": slug, "name": name, "domain": f"{slug}.example", "homepage": f"https://{slug}.example/",
        "country": "US", "language": language, "kind": "national", "timezone": "UTC", "verified": verified,
        "feeds": "[]", "sitemaps": "[]",
    }


def _add(store: Store, run: int, slug: str, outlet: str, title: str, text: str, day: int | None, *,
         authors: list[str] | None = None, language: str = "en", topics: dict | None = None,
         cluster_id: int | None = None, credit: list[str] | None = None) -> int:
    published = datetime(2026, 1, day, 23, 30, tzinfo=UTC) if day else None
    article = Article(url=f"https://{outlet}.example/{slug}", outlet=outlet, title=title, text=text,
                      authors=authors or [], credit=credit or [], published_at=published, language=language,
                      topics=topics or {}, cluster_id=cluster_id, text_hash=slug,
                      word_count=len(text.split()), date_source="jsonld" if day else None)
    return store.insert_article(article, run)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A database with edge cases; returns its path and the ids of its articles."""
    db = tmp_path_factory.mktemp("export") / "news.db"
    store = Store.open(db, batch_size=1000, batch_seconds=3600)
    store.upsert_outlets([_outlet("ledger", "The Ledger, Daily", verified=1), _outlet("wire", "Wire Service"),
                          _outlet("tribune", "Tribune"), _outlet("monde", "Le Monde", "fr")])
    run = store.start_run("newscrawl crawl", "ice-tech-workers")
    ids = {
        "tricky": _add(store, run, "raid", "ledger", 'Raid, "dawn" & more\nsecond line', TRICKY_TEXT, 10,
                       authors=["Zoë Ångström", 'Ana "Q" Ruiz'], topics=TOPIC),
        "wire": _add(store, run, "letter", "wire", "Tech workers sign open letter against ICE", WIRE_TEXT, 20,
                     authors=["Jo Poe"], credit=["Associated Press"], topics=TOPIC),
        "monde": _add(store, run, "lettre", "monde", "Lettre ouverte contre ICE",
                      "Des salariés de la tech ont signé une lettre ouverte contre ICE.", 22, language="fr"),
        "undated": _add(store, run, "hockey", "ledger", "Ice hockey final", "The ice hockey final went long.",
                        None),
    }
    ids["copy_ledger"] = _add(store, run, "letter-copy", "ledger", "Workers sign letter against ICE",
                              WIRE_TEXT, 21, topics=TOPIC, cluster_id=ids["wire"])
    ids["copy_tribune"] = _add(store, run, "letter-copy", "tribune", "Open letter: tech workers and ICE",
                               WIRE_TEXT, 21, cluster_id=ids["wire"])
    store.finish_run(run, "finished", {"verdicts": {"article": 6, "error": 2, "off-topic": 3}})
    store.close()
    return db, ids


def _export(db: Path, out: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "-o", str(out), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- formats ------------------------------------------------------------------------------------


def test_parquet_has_real_types_and_exact_values(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    out = tmp_path / "a.parquet"
    code, err = _export(db, out)
    assert code == 0, err
    table = pq.read_table(out)
    schema = table.schema
    assert schema.names == list(FIELD_NAMES)
    assert schema.metadata[b"newscrawl.datasheet"] == b"a.parquet.datasheet.json"  # not the temp name
    for name in ("published_at", "modified_at", "first_seen_at", "last_seen_at"):
        assert schema.field(name).type == pa.timestamp("us", tz="UTC"), name
    assert schema.field("authors").type == pa.list_(pa.string())
    for name in ("id", "word_count", "cluster_id", "copies", "crawl_run_id"):
        assert schema.field(name).type == pa.int64(), name
    topic_type = schema.field("topics").type
    assert pa.types.is_list(topic_type) and pa.types.is_struct(topic_type.value_type)
    assert schema.field("text").metadata[b"description"].startswith(b"Clean main text")

    rows = {r["id"]: r for r in table.to_pylist()}
    assert set(rows) == {ids["tricky"], ids["wire"], ids["monde"], ids["undated"]}  # copies collapsed
    tricky = rows[ids["tricky"]]
    assert tricky["text"] == TRICKY_TEXT
    assert tricky["title"] == 'Raid, "dawn" & more\nsecond line'
    assert tricky["authors"] == ["Zoë Ångström", 'Ana "Q" Ruiz']
    assert tricky["published_at"] == datetime(2026, 1, 10, 23, 30, tzinfo=UTC)
    assert tricky["outlet_name"] == "The Ledger, Daily"
    assert tricky["topics"] == TOPIC_SHAPE
    undated = rows[ids["undated"]]
    assert undated["published_at"] is None and undated["authors"] == [] and undated["topics"] == []
    assert rows[ids["wire"]]["copies"] == 3 and rows[ids["tricky"]]["copies"] == 1


def test_csv_opens_in_excel_and_pandas(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    out = tmp_path / "a.csv"
    code, err = _export(db, out)
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the file as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(FIELD_NAMES)
    by_id = {int(r["id"]): r for r in rows}
    tricky = by_id[ids["tricky"]]
    assert tricky["text"] == TRICKY_TEXT and tricky["title"] == 'Raid, "dawn" & more\nsecond line'
    assert json.loads(tricky["authors"]) == ["Zoë Ångström", 'Ana "Q" Ruiz']
    assert "Zoë Ångström" in tricky["authors"]  # JSON text without \u escapes
    assert json.loads(tricky["topics"]) == TOPIC_SHAPE
    assert tricky["published_at"] == "2026-01-10T23:30:00+00:00"
    assert by_id[ids["undated"]]["published_at"] == "" and by_id[ids["undated"]]["authors"] == "[]"
    table = pacsv.read_csv(out)  # another reader: pyarrow's CSV parser
    assert table.num_rows == 4
    assert TRICKY_TEXT in table.column("text").to_pylist()


def test_pandas_reads_the_files(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not a dependency; checked where installed")
    db, _ = corpus
    for fmt in ("csv", "parquet", "jsonl"):
        assert _export(db, tmp_path / f"a.{fmt}")[0] == 0
    frame = pandas.read_csv(tmp_path / "a.csv")  # the BOM is recognised without encoding=
    assert list(frame.columns) == list(FIELD_NAMES) and len(frame) == 4
    assert TRICKY_TEXT in frame["text"].tolist()
    frame = pandas.read_parquet(tmp_path / "a.parquet")
    assert str(frame["published_at"].dt.tz) == "UTC" and len(frame) == 4
    frame = pandas.read_json(tmp_path / "a.jsonl", lines=True)
    assert TRICKY_TEXT in frame["text"].tolist()


def test_jsonl_is_one_object_per_line(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    out = tmp_path / "a.jsonl"
    code, err = _export(db, out)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and text.count("\n") == 4
    assert "Zoë" in text and "移民" in text  # not ASCII-escaped
    rows = {r["id"]: r for r in _jsonl(out)}
    tricky = rows[ids["tricky"]]
    assert tricky["text"] == TRICKY_TEXT and tricky["authors"] == ["Zoë Ångström", 'Ana "Q" Ruiz']
    assert tricky["topics"] == TOPIC_SHAPE and tricky["word_count"] == len(TRICKY_TEXT.split())
    assert rows[ids["undated"]]["published_at"] is None and rows[ids["undated"]]["topics"] == []


def test_the_three_formats_give_every_field_one_shape(corpus: tuple[Path, dict[str, int]],
                                                      tmp_path: Path) -> None:
    """CSV (JSON text for lists, ISO text for times, empty for null), JSONL and Parquet, read back
    and brought to plain values, are the same rows."""
    db, _ = corpus
    for fmt in ("csv", "jsonl", "parquet"):
        assert _export(db, tmp_path / f"a.{fmt}", "--include-duplicates")[0] == 0
    kinds = {f.name: f.kind for f in FIELDS}

    def from_csv(name: str, value: str) -> object:
        if value == "":
            return None if kinds[name] not in ("list", "topics") else []
        if kinds[name] in ("list", "topics"):
            return json.loads(value)
        return int(value) if kinds[name] == "int" else value

    def from_parquet(value: object) -> object:
        return value.isoformat() if isinstance(value, datetime) else value

    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as f:
        as_csv = [{k: from_csv(k, v) for k, v in row.items()} for row in csv.DictReader(f)]
    as_jsonl = _jsonl(tmp_path / "a.jsonl")
    as_parquet = [{k: from_parquet(v) for k, v in row.items()}
                  for row in pq.read_table(tmp_path / "a.parquet").to_pylist()]
    assert len(as_csv) == 6
    assert as_csv == as_jsonl == as_parquet
    for row in as_jsonl:
        assert isinstance(row["authors"], list) and isinstance(row["topics"], list)


def test_fields_choose_and_order_the_columns(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    out = tmp_path / "a.parquet"
    code, err = _export(db, out, "--fields", "title, id,copies")
    assert code == 0, err
    table = pq.read_table(out)
    assert table.schema.names == ["title", "id", "copies"]
    # counts for the datasheet are taken even when their columns are not exported
    sheet = json.loads(out.with_name("a.parquet.datasheet.json").read_text(encoding="utf-8"))
    assert sheet["contents"]["per_outlet"] == {"ledger": 2, "monde": 1, "wire": 1}
    assert [f["name"] for f in sheet["fields"]] == ["title", "id", "copies"]
    out2 = tmp_path / "b.csv"
    assert _export(db, out2, "--fields", "id,published_at")[0] == 0
    with out2.open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f)) == ["id", "published_at"]


# -- duplicates and filters ---------------------------------------------------------------------


def _ids(db: Path, tmp_path: Path, *args: str) -> dict[int, int]:
    """id -> copies of an export with these options."""
    out = tmp_path / f"x{len(list(tmp_path.iterdir()))}.jsonl"
    code, err = _export(db, out, *args)
    assert code == 0, err
    return {r["id"]: r["copies"] for r in _jsonl(out)}


def test_one_row_per_cluster_is_its_earliest_copy_that_passes(
        corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    everything = _ids(db, tmp_path)
    assert everything[ids["wire"]] == 3 and ids["copy_ledger"] not in everything
    # the original (wire) is filtered out: the earliest copy left stands for the story
    assert _ids(db, tmp_path, "--outlet", "ledger,tribune") == {
        ids["tricky"]: 1, ids["undated"]: 1, ids["copy_ledger"]: 2}
    assert _ids(db, tmp_path, "--outlet", "tribune") == {ids["copy_tribune"]: 1}
    every = _ids(db, tmp_path, "--include-duplicates")
    assert len(every) == 6
    assert {every[ids[k]] for k in ("wire", "copy_ledger", "copy_tribune")} == {3}


def test_filters_mean_what_they_mean_in_search(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    # inclusive days on published_at; an undated article counts on the day it was first seen
    # (today), as in `dupes` and the report
    assert set(_ids(db, tmp_path, "--until", "2026-01-10")) == {ids["tricky"]}
    assert set(_ids(db, tmp_path, "--since", "2026-01-21", "--until", "2026-01-21",
                    "--include-duplicates")) == {ids["copy_ledger"], ids["copy_tribune"]}
    assert set(_ids(db, tmp_path, "--since", "2026-01-21")) == {ids["copy_ledger"], ids["monde"],
                                                                 ids["undated"]}
    assert set(_ids(db, tmp_path, "--topic", "ice-tech-workers")) == {ids["tricky"], ids["wire"]}
    assert _ids(db, tmp_path, "--topic", "ice-tech-workers", "--include-duplicates")[ids["wire"]] == 2
    assert set(_ids(db, tmp_path, "--language", "FR")) == {ids["monde"]}
    assert set(_ids(db, tmp_path, "--query", "open letter")) == {ids["wire"]}
    assert set(_ids(db, tmp_path, "-q", "ICE -hockey", "--outlet", "ledger")) == {
        ids["tricky"], ids["copy_ledger"]}
    assert set(_ids(db, tmp_path, "-q", "移民")) == {ids["tricky"]}
    assert _ids(db, tmp_path, "-q", "nothingmatchesthis") == {}


def test_rows_are_read_in_batches(corpus: tuple[Path, dict[str, int]]) -> None:
    db, ids = corpus
    store = Store.open(db, readonly=True)
    try:
        batches = list(store.export_rows(["id", "copies"], include_duplicates=True, batch_size=4))
        assert [len(b) for b in batches] == [4, 2]
        assert [row[0] for b in batches for row in b] == sorted(ids.values())
        with pytest.raises(SearchQueryError):
            next(store.export_rows(["id"], fts_query='"unclosed'))
    finally:
        store.close()


# -- errors and safety ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "--format 'xlsx': choose one of csv, jsonl, parquet"),
        (["--fields", "id,body"], "--fields: unknown field body; choose from id, url"),
        (["--fields", "id,id"], "--fields: id given more than once"),
        (["--outlet", "ledger,nosuch"], "--outlet: no outlet nosuch in"),
        (["--since", "2026-13-01"], "--since: '2026-13-01' is not a date"),
        (["--since", "2026-02-01", "--until", "2026-01-01"],
         "--since 2026-02-01 is after --until 2026-01-01"),
        (["--query", "-hockey"], "--query '-hockey': only exclusions"),
        (["--query", "   "], "--query '   ': the search is empty"),
    ],
)
def test_bad_input_is_one_error_line(corpus: tuple[Path, dict[str, int]], tmp_path: Path,
                                     args: list[str], message: str) -> None:
    db, _ = corpus
    out = tmp_path / "a.parquet"
    code, err = _export(db, out, *args)
    assert code == 2
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == []


def test_output_problems(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, _ = corpus
    code, err = _export(db, tmp_path / "a.txt")
    assert code == 2 and "cannot tell the format of a.txt" in err
    code, err = _export(db, tmp_path / "missing" / "a.csv")
    assert code == 2 and "is not an existing directory" in err
    code, err = _export(tmp_path / "nope.db", tmp_path / "a.csv")
    assert code == 2 and err.startswith("Error: ") and "no such database" in err
    assert not (tmp_path / "nope.db").exists()
    result = CliRunner().invoke(main, ["export", "--db", str(db)])
    assert result.exit_code == 2 and result.stderr.startswith("Error: -o/--output")
    code, err = _export(db, tmp_path, "--format", "csv")
    assert code == 2 and "is a directory" in err


def test_existing_output_is_kept_without_force(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, _ = corpus
    out = tmp_path / "a.csv"
    out.write_text("precious", encoding="utf-8")
    code, err = _export(db, out)
    assert code == 2 and err == f"Error: {out} already exists; add --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    code, err = _export(db, out, "--force")
    assert code == 0, err
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,url")
    # the datasheet counts as output too
    out.unlink()
    code, err = _export(db, out)
    assert code == 2 and "a.csv.datasheet.md already exists" in err


def test_an_interrupted_export_leaves_no_file_and_keeps_the_old_one(
        corpus: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawl.outputs import export

    db, _ = corpus
    out = tmp_path / "a.parquet"
    out.write_bytes(b"old export")
    calls = []

    def interrupted(self: object, rows: list) -> None:
        calls.append(len(rows))
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(export.ParquetWriter, "write", interrupted)
    store = Store.open(db, readonly=True)
    try:
        with pytest.raises(KeyboardInterrupt):
            export_articles(store, out, fmt="parquet", fields=list(FIELD_NAMES), filters=ExportFilters(),
                            force=True, batch_size=1)
    finally:
        store.close()
    assert calls == [1, 1]
    assert out.read_bytes() == b"old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet"]  # no .partial, no datasheet


def test_helpers() -> None:
    assert format_for(Path("x.PARQUET"), None) == "parquet"
    assert format_for(Path("x.ndjson"), None) == "jsonl"
    assert format_for(Path("x.data"), "CSV") == "csv"
    with pytest.raises(ExportError):
        format_for(Path("x.data"), None)
    assert parse_fields(None) == list(FIELD_NAMES)
    with pytest.raises(ExportError, match="empty"):
        parse_fields(" , ")


def test_an_empty_export_has_a_header(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, _ = corpus
    for fmt in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"empty.{fmt}"
        code, err = _export(db, out, "--outlet", "monde", "--language", "en")
        assert code == 0 and "No articles passed the filters" in err
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
    assert (tmp_path / "empty.jsonl").read_text(encoding="utf-8") == ""
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8-sig").startswith("id,url,")


# -- a crawled database --------------------------------------------------------------------------


@pytest.mark.slow
def test_export_a_crawled_corpus_through_the_command(crawled: Path, tmp_path: Path) -> None:
    store = Store.open(crawled, readonly=True)
    try:
        articles = list(store.iter_rows("articles"))
    finally:
        store.close()
    clusters = {a["cluster_id"] for a in articles}
    assert len(clusters) < len(articles)  # the fixture web has a syndicated wire story
    out = tmp_path / "crawl.parquet"
    result = subprocess.run([sys.executable, "-m", "newscrawl.cli", "export", "--db", str(crawled),
                             "-o", str(out)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert f"Exported {len(clusters)} articles" in result.stderr
    table = pq.read_table(out)
    assert table.num_rows == len(clusters)
    assert sorted(table.column("cluster_id").to_pylist()) == sorted(clusters)
    sizes: dict[int, int] = {}
    for a in articles:
        sizes[a["cluster_id"]] = sizes.get(a["cluster_id"], 0) + 1
    assert dict(zip(table.column("cluster_id").to_pylist(), table.column("copies").to_pylist(),
                    strict=True)) == sizes
    published = {a["id"]: a["published_at"] for a in articles}
    for row in table.select(["id", "published_at"]).to_pylist():
        stored = published[row["id"]]
        assert (row["published_at"] is None) == (stored is None)
        if stored:
            assert row["published_at"] == datetime.fromisoformat(stored)
    sheet = json.loads(Path(f"{out}.datasheet.json").read_text(encoding="utf-8"))
    assert sheet["contents"]["rows"] == len(clusters)
    assert {o["slug"] for o in sheet["what_was_crawled"]["outlets"]} == {a["outlet"] for a in articles
                                                                          if a["id"] in clusters}
    # the crawl run recorded what it ran with, and the datasheet cites it
    (run,) = sheet["what_was_crawled"]["crawl_runs"]
    assert run["software"]["trafilatura"] == importlib.metadata.version("trafilatura")
    assert run["settings"]["NEWSCRAWL_NEAR_DUP_THRESHOLD"] == 0.6
    assert not any("recorded neither" in limit for limit in sheet["known_limits"])
    markdown = Path(f"{out}.datasheet.md").read_text(encoding="utf-8")
    assert "What each run recorded it ran with" in markdown and "NEWSCRAWL_NEAR_DUP_THRESHOLD=0.6" in markdown
    every = tmp_path / "every.jsonl"
    assert CliRunner().invoke(main, ["export", "--db", str(crawled), "-o", str(every),
                                     "--include-duplicates"]).exit_code == 0
    assert len(_jsonl(every)) == len(articles)
    hits = tmp_path / "hits.csv"
    assert CliRunner().invoke(main, ["export", "--db", str(crawled), "-o", str(hits), "-q",
                                     '"open letter"', "--include-duplicates"]).exit_code == 0
    with hits.open(encoding="utf-8-sig", newline="") as f:
        found = {int(r["id"]) for r in csv.DictReader(f)}
    store = Store.open(crawled, readonly=True)
    try:
        expected = {r["id"] for r in store.search(to_fts5('"open letter"'), include_duplicates=True,
                                                   limit=1000)}
    finally:
        store.close()
    assert found == expected and found


def test_every_format_carries_the_byline_credit(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    for name in ("a.jsonl", "a.csv", "a.parquet"):
        code, err = _export(db, tmp_path / name, "--fields", "id,authors,credit")
        assert code == 0, err
    by_id = {r["id"]: r for r in _jsonl(tmp_path / "a.jsonl")}
    assert by_id[ids["wire"]]["authors"] == ["Jo Poe"]
    assert by_id[ids["wire"]]["credit"] == ["Associated Press"]
    assert by_id[ids["tricky"]]["credit"] == []
    rows = {r["id"]: r for r in pq.read_table(tmp_path / "a.parquet").to_pylist()}
    assert rows[ids["wire"]]["credit"] == ["Associated Press"]
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as f:
        csv_rows = {int(r["id"]): r for r in csv.DictReader(f)}
    assert json.loads(csv_rows[ids["wire"]]["credit"]) == ["Associated Press"]
