"""The first copy of a syndication cluster is the earliest published, whichever was crawled first.

The case of issue 17: the wire's original is published at 16:40, the ledger's copy at 17:10,
and the ledger is crawled first. ``dupes``, search, the export and the report must all name
the wire's original and agree on the counts for the same filters. Two real crawls of a small
web on 127.0.0.1 (the ledger, then the wire); the order rule itself is tested directly.
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
from pathlib import Path

import pytest
from smallweb import QUICK, WORDS, crawl, outlet_table, run

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.judge.dedup import first_copy_key

SHARED = ("<p>Hundreds of engineers signed an open letter urging their chief executives to cut "
          "ties with ICE after the Minneapolis shootings, saying detention contracts betray the "
          "values the companies advertise to their own workers and customers.</p>"
          "<p>The letter, circulated for weeks before going public, asks each company to publish "
          "every contract with ICE and with immigration detention operators, and to end them.</p>"
          "<p>Organisers said the signatures came from more than forty companies and that they "
          "had called executives directly. They picked up the phone once and it worked, one said.</p>")


def _page(title: str, published: str, body: str) -> str:
    return (f'<html><head><title>{title}</title>'
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def _own_story(n: int) -> str:
    rng = random.Random(n)
    return "".join("<p>ICE detention " + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>"
                   for _ in range(4))


def write_web(root: Path) -> None:
    """ledger: the wire's story (published 17:10) and two stories of its own; wire: the original
    (16:40). Each outlet lists its pages in a sitemap."""
    pages = {
        "ledger": {"2026/01/27/copy.html": _page("Tech workers press CEOs on ICE", "2026-01-27T17:10:00Z",
                                                 SHARED),
                   "2026/01/25/own-1.html": _page("Council hears ICE detention cases", "2026-01-25T09:00:00Z",
                                                  _own_story(1)),
                   "2026/01/26/own-2.html": _page("Vigil after ICE raid at warehouse", "2026-01-26T09:00:00Z",
                                                  _own_story(2))},
        "wire": {"2026/01/27/original.html": _page("Tech workers urge CEOs to cut ties with ICE",
                                                   "2026-01-27T16:40:00Z", SHARED)},
    }
    sources = ""
    for slug, site_pages in pages.items():
        site = root / slug
        for path, html in site_pages.items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(html)
        locs = "".join(f"<url><loc>{{{{base:{slug}}}}}/{path}</loc></url>" for path in site_pages)
        (site / "sitemap.xml").write_text(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>')
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
        sources += outlet_table(slug, sitemaps=["/sitemap.xml"])
    (root / "sources.toml").write_text(sources)


@pytest.fixture(scope="module")
def copy_crawled_first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ledger crawled, then the wire: the copy has the lower id and names the cluster."""
    root = tmp_path_factory.mktemp("syndicated")
    write_web(root / "web")
    db = root / "news.db"
    with FixtureWeb(root / "web").start() as web:
        crawl(web.sources_path, db, "--outlet", "ledger", settings=QUICK)
        crawl(web.sources_path, db, "--outlet", "wire", settings=QUICK)
    return db


def _articles(db: Path) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = {row["url"].split("/", 3)[3]: dict(row) for row in conn.execute("SELECT * FROM articles")}
    conn.close()
    return rows


@pytest.mark.slow
def test_the_copy_crawled_first_does_not_name_the_story(copy_crawled_first: Path) -> None:
    db = str(copy_crawled_first)
    articles = _articles(copy_crawled_first)
    copy, original = articles["2026/01/27/copy.html"], articles["2026/01/27/original.html"]
    assert copy["id"] < original["id"] and copy["cluster_id"] == original["cluster_id"]

    code, out = run("dupes", "--db", db, "--json")
    (cluster,) = json.loads(out)
    assert (cluster["first_id"], cluster["first_outlet"]) == (original["id"], "wire")
    assert cluster["first_published_at"].startswith("2026-01-27T16:40")

    code, out = run("search", "open", "letter", "--db", db, "--json")
    (hit,) = json.loads(out)
    assert (hit["id"], hit["outlet"], hit["copies"]) == (original["id"], "wire", 2)


@pytest.mark.slow
def test_export_dupes_and_report_agree_on_the_counts(copy_crawled_first: Path, tmp_path: Path) -> None:
    db = str(copy_crawled_first)
    out = tmp_path / "ledger-wire.csv"
    code, _ = run("export", "--db", db, "-o", str(out), "--outlet", "ledger,wire")
    assert code == 0
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert sorted(r["outlet"] for r in rows) == ["ledger", "ledger", "wire"]  # was 3 ledger, 0 wire
    assert sum(int(r["copies"]) for r in rows) == 4

    code, out = run("report", "--db", db, "-o", str(tmp_path / "r.html"), "--outlet", "ledger,wire")
    assert code == 0 and "4 articles (3 stories)" in out
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<dt>Stories</dt><dd>3 " in html

    # Filtered to the ledger, its copy is the first (and only) copy that counts, everywhere.
    code, out = run("dupes", "--db", db, "--json", "--outlet", "ledger", "--min-size", "1")
    assert sorted(c["first_outlet"] for c in json.loads(out)) == ["ledger"] * 3
    code, _ = run("export", "--db", db, "-o", str(tmp_path / "ledger.csv"), "--outlet", "ledger")
    with (tmp_path / "ledger.csv").open(encoding="utf-8") as file:
        assert [int(r["copies"]) for r in csv.DictReader(file)] == [1, 1, 1]


def test_first_copy_order_is_the_same_in_python_and_sql() -> None:
    from newscrawl.store.sql import first_copy_order

    rows = [
        {"id": 1, "published_at": "2026-01-27T17:10:00+00:00", "first_seen_at": "2026-01-28T00:00:00+00:00"},
        {"id": 2, "published_at": "2026-01-27T16:40:00+00:00", "first_seen_at": "2026-01-29T00:00:00+00:00"},
        {"id": 3, "published_at": None, "first_seen_at": "2026-01-01T00:00:00+00:00"},
        {"id": 4, "published_at": "2026-01-27T16:40:00+00:00", "first_seen_at": "2026-01-28T12:00:00+00:00"},
        {"id": 5, "published_at": "2026-01-27T16:40:00+00:00", "first_seen_at": "2026-01-28T12:00:00+00:00"},
    ]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE a (id INTEGER, published_at TEXT, first_seen_at TEXT)")
    conn.executemany("INSERT INTO a VALUES (:id, :published_at, :first_seen_at)", rows)
    in_sql = [i for (i,) in conn.execute(f"SELECT id FROM a ORDER BY {first_copy_order('a')}")]
    assert in_sql == [r["id"] for r in sorted(rows, key=first_copy_key)] == [4, 5, 2, 1, 3]
