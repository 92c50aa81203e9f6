"""The CLI in scripts: --json, -o - (standard output), exit status 1 for a search without hits.

A small database written through the store; the commands run in-process (CliRunner), where
stdout and stderr are read apart.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result
from smallweb import assert_user_error

from newscrawl.cli import main
from newscrawl.items import Article
from newscrawl.store import Store

TOPICS = {"ice": {"score": 1.5, "terms": {"=ICE": 2}}}
LETTER = ("Hundreds of tech workers signed an open letter asking their companies to end contracts "
          "with ICE, the immigration agency, after raids in several cities.")


def _article(store: Store, run: int, outlet: str, slug: str, title: str, text: str, published: str,
             cluster_id: int | None = None) -> int:
    return store.insert_article(Article(
        url=f"https://{outlet}.example/{slug}", outlet=outlet, title=title, text=text,
        authors=["A. Writer"], published_at=datetime.fromisoformat(published).replace(tzinfo=UTC),
        language="en", topics=TOPICS, cluster_id=cluster_id, text_hash=slug, word_count=len(text.split()),
        date_source="jsonld"), run)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ledger (a copy, stored first, published later) and wire (the original) of one story, and
    one story of the ledger's own."""
    path = tmp_path_factory.mktemp("scripting") / "news.db"
    store = Store.open(path)
    store.upsert_outlets([{"slug": slug, "name": slug.title(), "domain": f"{slug}.example",
                           "homepage": f"https://{slug}.example/", "country": "US", "language": "en",
                           "kind": "national", "timezone": "UTC", "verified": 0, "feeds": "[]",
                           "sitemaps": "[]"} for slug in ("ledger", "wire")])
    run = store.start_run("newscrawl crawl", "ice")
    copy = _article(store, run, "ledger", "copy", "Workers press CEOs on ICE", LETTER, "2026-01-27T17:10:00")
    _article(store, run, "wire", "original", "Tech workers urge CEOs to cut ties with ICE", LETTER,
             "2026-01-27T16:40:00", cluster_id=copy)
    _article(store, run, "ledger", "council", "Council hears ICE detention cases",
             "The county council heard families describe ICE detention cases.", "2026-01-25T09:00:00")
    store.finish_run(run, "finished", {"verdicts": {"article": 3}})
    store.close()
    return path


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# -- search: exit status as grep's ----------------------------------------------------------------


def test_a_search_with_hits_exits_0_and_one_without_exits_1(db: Path) -> None:
    assert invoke("search", "ICE", "--db", str(db)).exit_code == 0
    nothing = invoke("search", "hockey", "--db", str(db))
    assert nothing.exit_code == 1 and "No articles match hockey" in nothing.stdout
    as_json = invoke("search", "hockey", "--db", str(db), "--json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout) == []
    as_csv = invoke("search", "hockey", "--db", str(db), "--csv")
    assert as_csv.exit_code == 1 and as_csv.stdout.splitlines() == [
        "id,outlet,outlet_name,published_at,published_day,title,url,snippet,rank,cluster_id,copies"]


def test_a_mistaken_search_is_still_exit_2(db: Path) -> None:
    result = invoke("search", "((ICE", "--db", str(db), "--outlet", "nope")
    assert_user_error(result.exit_code, result.output, "nope")


# -- export -o - ----------------------------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_to_standard_output_writes_no_file(db: Path, in_tmp: Path, fmt: str) -> None:
    result = invoke("export", "--db", str(db), "-o", "-", "--format", fmt, "--outlet", "ledger,wire")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    if fmt == "csv":
        assert not data.startswith(b"\xef\xbb\xbf")  # no byte-order mark in a pipe
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    else:
        rows = pq.read_table(io.BytesIO(data)).to_pylist()
    # one row per story, the story's first copy (the wire's original) standing for it
    assert sorted(r["outlet"] for r in rows) == ["ledger", "wire"]
    assert list(in_tmp.iterdir()) == []  # no file named '-', no datasheet
    assert "to standard output" in result.stderr and "no datasheet" in result.stderr


def test_export_to_standard_output_needs_a_format_and_no_json(db: Path, in_tmp: Path) -> None:
    result = invoke("export", "--db", str(db), "-o", "-")
    assert_user_error(result.exit_code, result.output, "-o -", "--format")
    result = invoke("export", "--db", str(db), "-o", "-", "--format", "csv", "--json")
    assert_user_error(result.exit_code, result.output, "--json", "-o -")
    assert list(in_tmp.iterdir()) == []


def test_export_and_report_say_what_they_wrote_in_json(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    result = invoke("export", "--db", str(db), "-o", str(out), "--json")
    summary = json.loads(result.stdout)
    assert summary["rows"] == 2 and summary["format"] == "jsonl"
    assert summary["datasheet"] == [f"{out}.datasheet.md", f"{out}.datasheet.json"]
    result = invoke("report", "--db", str(db), "-o", str(tmp_path / "r.html"), "--json")
    counts = json.loads(result.stdout)
    assert (counts["articles"], counts["stories"]) == (3, summary["rows"])


# -- show --json: nothing internal ----------------------------------------------------------------


def test_show_json_has_no_internal_columns_and_the_exported_topics_shape(db: Path) -> None:
    shown = json.loads(invoke("show", "1", "--db", str(db), "--json").stdout)
    assert "facets" not in shown and not any("minhash" in key for key in shown)
    assert shown["topics"] == [{"topic": "ice", "score": 1.5, "terms": [{"term": "=ICE", "hits": 2}]}]
    assert shown["authors"] == ["A. Writer"]
