"""The Python API: newscrawl.open(path) on a real database gives the commands' answers."""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from smallweb import run

import newscrawl
from newscrawl.api import Corpus, MissingDependency
from newscrawl.items import Article
from newscrawl.store import Store, StoreError

TOPIC = {"ice-tech-workers": {"score": 2.5, "terms": {"=ICE": 2}}}
WIRE = ("Hundreds of tech workers signed an open letter asking their companies to end contracts with "
        "ICE, the immigration agency, after raids in several cities.")


def _outlet(slug: str) -> dict[str, object]:
    return {"slug": slug, "name": slug.title(), "domain": f"{slug}.example", "language": "en",
            "feeds": "[]", "sitemaps": "[]"}


def _add(store: Store, run_id: int, slug: str, outlet: str, title: str, text: str, day: int,
         cluster_id: int | None = None) -> int:
    return store.insert_article(Article(
        url=f"https://{outlet}.example/{slug}", outlet=outlet, title=title, text=text,
        authors=["Zoë Ångström"], published_at=datetime(2026, 1, day, 12, tzinfo=UTC), language="en",
        topics=TOPIC, cluster_id=cluster_id, text_hash=slug, word_count=len(text.split())), run_id)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three articles: a wire story with a copy at the ledger, and an unrelated one."""
    path = tmp_path_factory.mktemp("api") / "news.db"
    store = Store.open(path)
    store.upsert_outlets([_outlet("ledger"), _outlet("wire")])
    run_id = store.start_run("newscrawl crawl", "ice-tech-workers")
    wire = _add(store, run_id, "letter", "wire", "Tech workers sign open letter against ICE", WIRE, 20)
    _add(store, run_id, "copy", "ledger", "Workers sign letter against ICE", WIRE, 21, cluster_id=wire)
    _add(store, run_id, "council", "ledger", "Council debates the budget",
         "The council debated the budget until midnight, and the vote was put off.", 22)
    store.finish_run(run_id, "finished", {})
    store.close()
    return path


def test_search_is_newscrawl_search(db: Path) -> None:
    with newscrawl.open(db) as corpus:
        hits = corpus.search("ICE letter")
        assert [h["copies"] for h in hits] == [2]  # one row per story
        every = corpus.search("ICE letter", include_duplicates=True)
        assert sorted(h["outlet"] for h in every) == ["ledger", "wire"]
        assert corpus.search("ICE", outlets="ledger", include_duplicates=True)[0]["outlet"] == "ledger"
        assert corpus.search("ICE", since=date(2026, 1, 22)) == []
    _, out = run("search", "ICE letter", "--db", str(db), "--json")
    assert [row["id"] for row in json.loads(out)] == [h["id"] for h in hits]


def test_articles_are_the_jsonl_export(db: Path, tmp_path: Path) -> None:
    with newscrawl.open(db) as corpus:
        rows = list(corpus.articles(include_duplicates=True))
        assert [r["outlet"] for r in rows] == ["wire", "ledger", "ledger"]
        assert rows[0]["authors"] == ["Zoë Ångström"]
        assert list(corpus.articles("budget", fields=["id", "title"])) == [
            {"id": rows[2]["id"], "title": "Council debates the budget"}]
        with pytest.raises(ValueError, match="fields: unknown field nope"):
            corpus.articles(fields=["nope"])  # at the call, not at the first row
        with pytest.raises(ValueError, match="since: '2026-13-01' is not a date"):
            corpus.search("ICE", since="2026-13-01")
        with pytest.raises(TypeError, match="unknown filter 'outlet'"):
            corpus.articles(outlet="wire")
    code, _ = run("export", "--db", str(db), "-o", str(tmp_path / "a.jsonl"), "--include-duplicates")
    assert code == 0
    exported = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert exported == rows


def test_clusters_and_article(db: Path) -> None:
    with newscrawl.open(db) as corpus:
        (cluster,) = corpus.clusters()
        assert cluster["size"] == 2 and cluster["outlets"] == ["ledger", "wire"]
        assert corpus.article(cluster["cluster_id"])["copies"][0]["outlet"] == "ledger"
        assert corpus.article(999) is None


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow not installed")
def test_to_arrow_has_the_parquet_exports_schema(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with newscrawl.open(db) as corpus:
        table = corpus.to_arrow(include_duplicates=True)
        assert table.num_rows == 3
        assert corpus.to_arrow("ICE", outlets=["ledger"]).num_rows == 1
    code, _ = run("export", "--db", str(db), "-o", str(tmp_path / "a.parquet"), "--include-duplicates")
    assert code == 0
    assert table.schema.remove_metadata() == pq.read_schema(tmp_path / "a.parquet").remove_metadata()


def test_to_pandas_says_how_to_install_pandas(db: Path) -> None:
    with newscrawl.open(db) as corpus:
        if importlib.util.find_spec("pandas") is None:
            with pytest.raises(MissingDependency, match="pip install pandas"):
                corpus.to_pandas()
        else:
            assert len(corpus.to_pandas(include_duplicates=True)) == 3


def test_to_arrow_without_pyarrow_names_the_extra(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "pyarrow" else real(name, *args))
    with newscrawl.open(db) as corpus, pytest.raises(MissingDependency, match=r"newscrawl\[parquet\]"):
        corpus.to_arrow()


def test_open_refuses_what_is_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        newscrawl.open(tmp_path / "missing.db")
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError, match="not a newscrawl database"):
        Corpus.open(tmp_path / "empty.db")
