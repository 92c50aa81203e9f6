"""The datasheet beside every export: what was crawled, how, what is in the file, and its limits."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl import __version__
from newscrawl.config import load_topic
from newscrawl.items import Article
from newscrawl.outputs.datasheet import find_topics, render_markdown, software_versions
from newscrawl.outputs.export import FIELD_NAMES, ExportFilters, datasheet_paths, export_articles
from newscrawl.store import Store

ROOT = Path(__file__).resolve().parent.parent
TOPIC_FILE = ROOT / "data" / "topics" / "ice-tech-workers.toml"


def _outlet(slug: str, verified: int = 0, domain: str | None = None) -> dict[str, object]:
    return {
        "slug": slug, "name": f"The {slug.title()}", "domain": domain or f"{slug}.example",
        "homepage": f"https://{slug}.example/", "country": "US", "language": "en", "kind": "local",
        "timezone": "America/Chicago", "verified": verified, "feeds": "[]", "sitemaps": "[]",
    }


def _add(store: Store, run: int, n: int, outlet: str, when: datetime | None, *, source: str = "jsonld",
         cluster_id: int | None = None, topic: str = "ice-tech-workers") -> int:
    article = Article(url=f"https://{outlet}.example/{n}", outlet=outlet, title=f"Story {n}",
                      text=f"Text of story {n} about ICE raids.", published_at=when,
                      date_source=source if when else None, language="en", text_hash=f"h{n}",
                      topics={topic: {"score": 1.0, "terms": {"=ICE": 1}}}, cluster_id=cluster_id)
    return store.insert_article(article, run)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two runs (one finished, one interrupted), three outlets (one verified), dated and undated."""
    path = tmp_path / "news.db"
    store = Store.open(path, batch_size=1000, batch_seconds=3600)
    store.upsert_outlets([_outlet("ledger", verified=1), _outlet("prairie"), _outlet("wire")])
    first = store.start_run("newscrawl crawl --since 2026-01-01", "ice-tech-workers")
    jan = datetime(2026, 1, 15, 12, tzinfo=UTC)
    feb = datetime(2026, 2, 3, 8, tzinfo=UTC)
    original = _add(store, first, 1, "wire", jan)
    _add(store, first, 2, "ledger", jan, cluster_id=original)  # a syndicated copy
    _add(store, first, 3, "ledger", feb, source="url")
    _add(store, first, 4, "prairie", None)
    store.finish_run(first, "finished", {"pages_fetched": 40, "verdicts": {"article": 4, "error": 3}})
    second = store.start_run("newscrawl crawl", "no-such-topic")
    _add(store, second, 5, "prairie", feb, source="htmldate", topic="no-such-topic")
    store.flush()
    store.mark_interrupted_runs()
    store.close()
    return path


def _export(db: Path, out: Path, fmt: str = "parquet", **filters: object) -> dict:
    store = Store.open(db, readonly=True)
    try:
        export_articles(store, out, fmt=fmt, fields=list(FIELD_NAMES), filters=ExportFilters(**filters))
    finally:
        store.close()
    md, js = datasheet_paths(out)
    assert md.is_file() and js.is_file()
    return json.loads(js.read_text(encoding="utf-8"))


def test_what_was_crawled(db: Path, tmp_path: Path) -> None:
    sheet = _export(db, tmp_path / "a.parquet")
    crawled = sheet["what_was_crawled"]
    (topic,) = crawled["topics"]
    assert topic["slug"] == "ice-tech-workers"
    assert topic["query"] == load_topic(TOPIC_FILE).query_source.strip()
    assert topic["name"] == load_topic(TOPIC_FILE).name
    outlets = {o["slug"]: o for o in crawled["outlets"]}
    assert set(outlets) == {"ledger", "prairie", "wire"}
    assert outlets["ledger"]["verified"] is True and outlets["prairie"]["verified"] is False
    assert outlets["prairie"]["timezone"] == "America/Chicago" and outlets["wire"]["articles"] == 1
    runs = {r["id"]: r for r in crawled["crawl_runs"]}
    assert runs[1]["status"] == "finished" and runs[1]["articles_in_export"] == 3
    assert runs[1]["command"] == "newscrawl crawl --since 2026-01-01" and runs[1]["pages_fetched"] == 40
    assert runs[2]["status"] == "interrupted" and runs[2]["articles_in_export"] == 1


def test_how_it_was_made(db: Path, tmp_path: Path) -> None:
    sheet = _export(db, tmp_path / "a.csv", fmt="csv")
    how = sheet["how"]
    software = how["software"]
    assert software["newscrawl"] == __version__
    assert software["scrapy"] == importlib.metadata.version("scrapy")
    assert software["trafilatura"] == importlib.metadata.version("trafilatura")
    assert "pyarrow" not in software  # only for parquet
    assert "pyarrow" in software_versions("parquet")
    dedup = how["dedup_policy"]
    assert dedup["near_duplicate_threshold"] == 0.6 and dedup["shingle_words"] == 3
    assert dedup["lsh_bands"] * dedup["lsh_rows_per_band"] <= dedup["minhash_permutations"]
    assert how["crawl_policy"]["robots_txt_obeyed"] is True
    assert "first copy among those that pass the filters (the earliest published" in how["export_policy"]


def test_what_is_in_it(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    sheet = _export(db, out, fmt="jsonl")
    contents = sheet["contents"]
    assert contents["rows"] == 4  # the syndicated copy is collapsed into its cluster
    assert contents["per_outlet"] == {"ledger": 1, "prairie": 2, "wire": 1}
    assert contents["per_month"] == {"2026-01": 1, "2026-02": 2, "undated": 1}
    assert {"outlet": "prairie", "month": "undated", "articles": 1} in contents["per_outlet_month"]
    assert contents["undated"] == 1
    assert contents["first_published"] == "2026-01-15"
    assert contents["last_published"] == "2026-02-03"
    assert contents["date_sources"] == {"jsonld": 1, "url": 1, "none": 1, "htmldate": 1}
    fields = {f["name"]: f for f in sheet["fields"]}
    assert list(fields) == list(FIELD_NAMES)
    assert fields["published_at"]["type"].startswith("string, ISO 8601") and fields["text"]["meaning"]
    assert sheet["file"]["rows"] == 4 and sheet["file"]["bytes"] == out.stat().st_size
    assert sheet["file"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    every = _export(db, tmp_path / "b.jsonl", fmt="jsonl", include_duplicates=True)
    assert every["contents"]["per_outlet"]["ledger"] == 2


def test_known_limits_are_honest(db: Path, tmp_path: Path) -> None:
    sheet = _export(db, tmp_path / "a.csv", fmt="csv")
    limits = "\n".join(sheet["known_limits"])
    assert "Undated: 1 of 4 (25.0%)" in limits
    assert "Weaker dates: 2 of 4" in limits  # url + htmldate
    assert "Unverified outlets: 2 of 3" in limits
    assert "2 (interrupted)" in limits
    assert "3 error" in limits
    assert "Topic file not found for no-such-topic" in limits
    assert "formula" in limits  # CSV in Excel
    assert "SYNTHETIC" not in limits and "127.0.0.1" not in limits
    assert "Crawl runs 1, 2 recorded neither the versions" in limits  # runs without a software record


def test_synthetic_and_fixture_data_are_flagged(tmp_path: Path) -> None:
    path = tmp_path / "gen.db"
    store = Store.open(path)
    store.upsert_outlets([_outlet("local", domain="127.0.0.1:8123")])
    run = store.start_run("bench/search.py generate --articles 1 --seed 1", None)
    _add(store, run, 1, "local", datetime(2025, 5, 1, tzinfo=UTC))
    store.close()
    sheet = _export(path, tmp_path / "a.parquet")
    limits = "\n".join(sheet["known_limits"])
    assert "SYNTHETIC DATA: run(s) 1" in limits and "127.0.0.1" in limits
    assert sheet["what_was_crawled"]["topics"] == []


def test_filters_and_citation(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ice.parquet"
    sheet = _export(db, out, query="ICE raids", fts_query='"ICE" AND "raids"', outlets=("ledger", "wire"),
                    since="2026-01-01", until="2026-01-31", topic="ice-tech-workers", language="en")
    assert sheet["filters"] == {"query": "ICE raids", "outlets": ["ledger", "wire"], "since": "2026-01-01",
                                "until": "2026-01-31", "topic": "ice-tech-workers", "language": "en",
                                "include_duplicates": False}
    assert sheet["contents"]["rows"] == 1
    citation = sheet["citation"]
    assert citation.startswith("News coverage: " + load_topic(TOPIC_FILE).name)
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    for part in (f"newscrawl {__version__}", today, "1 news articles", 'query "ICE raids"',
                 "outlets ledger, wire", "published 2026-01-01 to 2026-01-31", "language en",
                 sheet["file"]["sha256"], "ice.parquet"):
        assert part in citation, part


def test_markdown_has_every_section(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    sheet = _export(db, out)
    md = datasheet_paths(out)[0].read_text(encoding="utf-8")
    assert md == render_markdown(sheet)
    for heading in ("# Datasheet: ", "## How to cite", "## Export", "## What was crawled", "### Outlets",
                    "### Crawl runs", "## How it was made", "### Software", "### Deduplication",
                    "### Export policy", "## What is in it", "### Articles per outlet and month",
                    "### Fields", "## Known limits"):
        assert heading in md, heading
    assert "| 2026-02 | 1 | 1 | 0 | 2 |" in md  # month x outlet table (ledger, prairie, wire)
    assert "| published_at | timestamp[us, tz=UTC] |" in md
    assert "=ICE AND (" in md  # the topic's query text


def test_markdown_tables_escape_pipes() -> None:
    from newscrawl.outputs.datasheet import _table

    assert _table(["a"], [["x | y\nz"]])[-1] == "| x \\| y z |"


def test_an_empty_export_says_so(db: Path, tmp_path: Path) -> None:
    sheet = _export(db, tmp_path / "a.parquet", language="xx")
    assert sheet["contents"]["rows"] == 0
    assert sheet["known_limits"] == ["The export is empty: no article passed the filters."]
    assert "0 articles" in render_markdown(sheet)


def test_find_topics(tmp_path: Path) -> None:
    assert set(find_topics({"ice-tech-workers", "nope"})) == {"ice-tech-workers"}
    (tmp_path / "broken.toml").write_text("[topic\n", encoding="utf-8")
    assert find_topics({"ice-tech-workers"}, tmp_path) == {}


def test_find_topics_looks_in_the_projects_topics_first(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawl.project import init_project

    init_project(tmp_path)
    mine = tmp_path / "topics" / "mine.toml"
    mine.write_text('[topic]\nslug = "mine"\nname = "Mine"\nquery = "ICE"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = find_topics({"mine", "ice-tech-workers"})
    assert found["mine"].path.resolve() == mine.resolve()
    assert found["ice-tech-workers"].path.parent.resolve() == (tmp_path / "topics").resolve()


def test_policies_report_what_the_runs_recorded(tmp_path: Path) -> None:
    from newscrawl.outputs.datasheet import CRAWL_POLICY
    from newscrawl.pipelines.store import RECORDED_SETTINGS

    assert {name for _, name in CRAWL_POLICY} <= set(RECORDED_SETTINGS)
    path = tmp_path / "news.db"
    store = Store.open(path)
    store.upsert_outlets([_outlet("wire")])
    recorded = {"NEWSCRAWL_MIN_WORDS": 80, "DOWNLOAD_DELAY": 2.0, "NEWSCRAWL_NEAR_DUP_THRESHOLD": 0.7,
                "NEWSCRAWL_NEAR_DUP_SHINGLE": 4, "NEWSCRAWL_NEAR_DUP_PERMUTATIONS": 64}
    first = store.start_run("newscrawl crawl", "ice-tech-workers")
    _add(store, first, 1, "wire", datetime(2026, 1, 15, tzinfo=UTC))
    store.finish_run(first, "finished", {"software": {"newscrawl": __version__}, "settings": recorded})
    sheet = _export(path, tmp_path / "one.jsonl", fmt="jsonl")
    crawl, dedup = sheet["how"]["crawl_policy"], sheet["how"]["dedup_policy"]
    assert crawl["min_words_for_an_article"] == 80 and crawl["download_delay_seconds"] == 2.0
    assert crawl["robots_txt_obeyed"] is True  # not recorded by this run: the default
    assert (dedup["near_duplicate_threshold"], dedup["shingle_words"], dedup["minhash_permutations"]) == (
        0.7, 4, 64)
    assert "MinHash Jaccard >= 0.7 over 4-word shingles (64 permutations" in dedup["steps"][2]

    second = store.start_run("newscrawl crawl", "ice-tech-workers")  # recorded nothing: the defaults
    _add(store, second, 2, "wire", datetime(2026, 1, 16, tzinfo=UTC))
    store.finish_run(second, "finished", {})
    store.close()
    sheet = _export(path, tmp_path / "two.jsonl", fmt="jsonl")
    crawl, dedup = sheet["how"]["crawl_policy"], sheet["how"]["dedup_policy"]
    assert crawl["min_words_for_an_article"] == [80, 50] and crawl["download_delay_seconds"] == [2.0, 0.5]
    assert dedup["near_duplicate_threshold"] == [0.7, 0.6]
    assert "in run(s) 1" in dedup["steps"][2] and "in run(s) 2" in dedup["steps"][2]
    assert "| min_words_for_an_article | 80 / 50 |" in render_markdown(sheet)
