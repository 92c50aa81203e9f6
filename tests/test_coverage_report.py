"""Coverage estimates from the evidence: the channels' windows, the strata, the command."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from components import outlet
from smallweb import assert_user_error, run

from newscrawl.items import ChannelPoll
from newscrawl.outputs.coverage import channel_windows, coverage_report
from newscrawl.store import Store

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def at(hours: float) -> str:
    return (T0 + timedelta(hours=hours)).isoformat()


def poll(channel: str, source: str, hours: float, oldest: float | None, newest: float | None = None, *,
         outlet: str | None = "ledger", status: str = "read") -> dict:
    return {"outlet": outlet, "channel": channel, "source": source, "polled_at": at(hours),
            "items": None if status != "read" else 10, "oldest": None if oldest is None else at(oldest),
            "newest": None if newest is None else at(newest), "status": status}


def test_a_feed_window_leaves_out_the_gaps_between_reads_that_did_not_overlap():
    polls = [poll("feed", "f", 10, 4), poll("feed", "f", 20, 12), poll("feed", "f", 30, 19)]
    windows = channel_windows(polls, [])
    # 10..12 was never listed: a feed of the last N items read too seldom misses it for sure.
    assert windows[("ledger", "feed")] == [
        (T0 + timedelta(hours=4), T0 + timedelta(hours=10)),
        (T0 + timedelta(hours=12), T0 + timedelta(hours=30)),
    ]


def test_a_not_modified_read_extends_the_previous_window_and_gdelt_keeps_its_query_window():
    polls = [poll("sitemap", "s", 24, 0), poll("sitemap", "s", 48, None, status="not modified"),
             poll("gdelt", "q", 30, 0, 24, outlet=None)]
    windows = channel_windows(polls, [])
    assert windows[("ledger", "sitemap")] == [(T0, T0 + timedelta(hours=48))]
    assert windows[(None, "gdelt")] == [(T0, T0 + timedelta(hours=24))]


def test_a_read_without_dates_covers_from_the_oldest_article_it_listed():
    listed = [
        {"outlet": "ledger", "channel": "section", "source": "p", "published_at": at(5),
         "first_seen_at": at(12), "last_seen_at": at(24)},
        {"outlet": "ledger", "channel": "section", "source": "p", "published_at": at(2),
         "first_seen_at": at(12), "last_seen_at": at(12)},  # gone from the page by the second read
    ]
    windows = channel_windows([poll("section", "p", 12, None), poll("section", "p", 24, None)], listed)
    assert windows[("ledger", "section")] == [(T0 + timedelta(hours=2), T0 + timedelta(hours=24))]


def simulated_evidence(seed: int = 3, total: int = 600) -> tuple[dict, int]:
    """Three independent channels open over the same 10 days: the truth is ``total``."""
    rng = random.Random(seed)
    rows, polls = [], []
    for channel in ("feed", "sitemap", "gdelt"):
        owner = None if channel == "gdelt" else "ledger"
        polls.append(poll(channel, channel, 240, 0, 240, outlet=owner))
    for article in range(total):
        published = at(rng.uniform(0, 240))
        for channel, p in (("feed", 0.5), ("sitemap", 0.4), ("gdelt", 0.3)):
            if rng.random() < p:
                rows.append({"id": article, "outlet": "ledger", "published_at": published,
                             "topics": '{"labor": {}}', "channel": channel, "source": channel,
                             "first_seen_at": at(240), "last_seen_at": at(240)})
    return {"articles": rows, "polls": polls}, total


def test_three_independent_channels_estimate_the_known_total():
    evidence, total = simulated_evidence()
    report = coverage_report(evidence)
    (row,) = report["outlets"]
    assert row["channels"] == ["feed", "gdelt", "sitemap"]
    assert row["observed"] == len({r["id"] for r in evidence["articles"]})
    for method in ("chapman", "chao", "loglinear"):
        est = row["estimates"][method]
        assert est["low"] <= total <= est["high"], (method, est)
    assert row["headline"]["method"] == "loglinear"
    assert report["overall"]["observed"] == row["observed"]
    assert [t["topic"] for t in report["topics"]] == ["labor"]
    assert report["weeks"] and sum(w["observed"] for w in report["weeks"]) == row["observed"]


def test_one_channel_alone_is_too_little_overlap():
    evidence, _ = simulated_evidence()
    evidence["articles"] = [r for r in evidence["articles"] if r["channel"] == "feed"]
    evidence["polls"] = [p for p in evidence["polls"] if p["channel"] == "feed"]
    (row,) = coverage_report(evidence)["outlets"]
    assert row["headline"] is None and "too little overlap" in row["note"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return evidence_db(tmp_path / "c.db")


def evidence_db(path: Path) -> Path:
    """A real database with the polls of three channels and the articles they listed (200
    articles published, the truth; topic ``labor``)."""
    store = Store.open(path)
    store.upsert_outlets([outlet("ledger").to_row()])
    evidence, _ = simulated_evidence(total=200)
    by_channel: dict[str, list[tuple[str, str]]] = {}
    for row in evidence["articles"]:
        url = f"https://ledger.test/story-{row['id']}"
        by_channel.setdefault(row["channel"], []).append(("ledger", url))
    ids = sorted({r["id"] for r in evidence["articles"]})
    published = {r["id"]: r["published_at"] for r in evidence["articles"]}
    store.db["articles"].insert_all(
        [{"id": i + 1, "url": f"https://ledger.test/story-{i}", "outlet": "ledger", "title": f"Story {i}",
          "text": "words", "published_at": published[i], "topics": '{"labor": {}}'} for i in ids])
    store.db["pages"].insert_all(
        [{"url": f"https://ledger.test/story-{i}", "outlet": "ledger", "status": 200, "verdict": "article",
          "article_id": i + 1} for i in ids])
    for channel, links in by_channel.items():
        outlet_slug = None if channel == "gdelt" else "ledger"
        store.record_poll(ChannelPoll(channel, channel, T0 + timedelta(hours=240), outlet_slug, len(links),
                                      T0, T0 + timedelta(hours=240), links), None)
    store.flush()
    store.close()
    return path


def test_the_command_prints_a_table_of_80_columns_and_json(corpus: Path):
    code, out = run("coverage", "--db", str(corpus))
    assert code == 0, out
    assert "ledger" in out and "labor" in out and "all outlets" in out and "loglinear" in out
    assert max(len(line) for line in out.splitlines()) <= 80, out
    code, out = run("coverage", "--db", str(corpus), "--json", "--topic", "labor")
    assert code == 0, out
    report = json.loads(out)
    assert report["outlets"][0]["headline"]["low"] <= 200 <= report["outlets"][0]["headline"]["high"]
    code, out = run("coverage", "--db", str(corpus), "--weeks")
    assert code == 0 and "2026-W" in out, out


def test_the_command_refuses_an_unknown_outlet(corpus: Path):
    assert_user_error(*run("coverage", "--db", str(corpus), "--outlet", "nowhere"), "nowhere")


def test_the_report_has_a_completeness_section_with_its_chart(corpus: Path, tmp_path: Path):
    page = tmp_path / "report.html"
    code, out = run("report", "--db", str(corpus), "-o", str(page))
    assert code == 0, out
    html = page.read_text()
    assert 'id="coverage"' in html and 'id="chart-coverage"' in html and 'id="table-coverage"' in html


def test_every_export_datasheet_gives_the_figures(corpus: Path, tmp_path: Path):
    target = tmp_path / "out.jsonl"
    code, out = run("export", "--db", str(corpus), "-o", str(target))
    assert code == 0, out
    sheet = json.loads((tmp_path / "out.jsonl.datasheet.json").read_text())
    (row,) = sheet["coverage"]["outlets"]
    assert row["outlet"] == "ledger" and row["headline"]["method"] == "loglinear"
    markdown = (tmp_path / "out.jsonl.datasheet.md").read_text()
    assert "## How complete it is" in markdown and "look higher" in markdown


def test_a_database_of_an_older_schema_has_no_evidence_to_estimate_from(tmp_path: Path):
    code, out = run("coverage", "--db", str(v8_db(tmp_path / "v8.db")))
    assert_user_error(code, out, "no discovery evidence recorded")


def v8_db(path: Path) -> Path:
    """A database of schema version 8 (before the discovery evidence) with one article."""
    import sqlite3

    import sqlite_utils

    from newscrawl.store.schema import MIGRATIONS

    conn = sqlite3.connect(path)
    for version in sorted(v for v in MIGRATIONS if v <= 8):
        MIGRATIONS[version](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 8")
    conn.execute("INSERT INTO outlets (slug, name) VALUES ('ledger', 'The Ledger')")
    conn.execute("INSERT INTO articles (url, outlet, title, text) VALUES ('https://ledger.test/a', 'ledger', "
                 "'A', 'words')")
    conn.commit()
    conn.close()
    return path


def test_a_warc_channel_is_always_modelled_as_dependent_on_the_feed_and_sitemap():
    from newscrawl.outputs.coverage import Found, estimate_stratum

    rng = random.Random(5)
    found = []
    for _ in range(400):
        channels = {c for c, p in (("feed", 0.5), ("sitemap", 0.4), ("gdelt", 0.3)) if rng.random() < p}
        if rng.random() < (0.7 if channels & {"feed", "sitemap"} else 0.1):  # CC-NEWS reads feeds
            channels.add("warc")
        found.append(Found("ledger", T0, [], channels))
    result = estimate_stratum(found, ["feed", "gdelt", "sitemap", "warc"])
    dependence = result["estimates"]["loglinear"]["detail"]["dependence"]
    assert {"feed*warc", "sitemap*warc"} <= set(dependence)


def test_without_statsmodels_chapman_and_chao_still_estimate(monkeypatch: pytest.MonkeyPatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: (
        None if name.split(".")[0] == "statsmodels" else real(name, *args)))
    evidence, _ = simulated_evidence()
    (row,) = coverage_report(evidence, weeks=False)["outlets"]
    assert row["estimates"]["loglinear"]["total"] is None
    assert "pip install 'newscrawl[coverage]'" in row["estimates"]["loglinear"]["flags"][0]
    assert row["headline"]["method"] == "chapman"


def test_the_days_asked_for_clip_the_windows():
    evidence, _ = simulated_evidence()
    (row,) = coverage_report(evidence, weeks=False, since="2026-03-04", until="2026-03-05")["outlets"]
    assert row["window_days"] == 2.0 and row["window"][0].startswith("2026-03-04")
