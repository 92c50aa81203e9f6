"""End to end: a real crawl of a small web whose every article is known, then `newscrawl coverage`.

The outlet publishes 40 stories; its feed, its news sitemap and its section page each list a
random part of them (each story independently, with probability 0.5), and the oldest story is
on all three, so the channels' windows all start with it. Stories on no channel are never
found: the estimate has to see them through the overlaps.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from smallweb import crawl, outlet_table, run

from newscrawl.crawl.fixture_web import FixtureWeb

WORDS = ("council", "warehouse", "lawyer", "families", "contract", "protest", "engineers",
         "judge", "hearing", "statement", "records", "neighbors", "vigil", "shift", "union")
STORIES = 40
T0 = datetime(2026, 1, 20, 8, tzinfo=UTC)


def _write(site: Path, path: str, text: str) -> None:
    file = site / path.lstrip("/")
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)


def _web(root: Path) -> tuple[list[str], dict[str, set[int]]]:
    """The stories' paths and, per channel, which stories it lists."""
    rng = random.Random(19)
    site = root / "metro"
    paths, when = [], []
    for i in range(STORIES):
        published = T0 + timedelta(hours=2 * i)
        path = f"/2026/01/{published.day}/story-number-{i}-about-the-letter.html"
        paths.append(path)
        when.append(published)
        body = "".join("<p>Immigration and Customs Enforcement (ICE) "
                       + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>" for _ in range(5))
        _write(site, path, f'<html><head><title>Story {i} about the letter</title>'
                           f'<meta property="og:type" content="article">'
                           f'<meta property="article:published_time" content="{published.isoformat()}">'
                           f"</head><body><article><h1>Story {i} about the letter</h1>{body}</article>"
                           "</body></html>")
    listed = {channel: {0} | {i for i in range(1, STORIES) if rng.random() < 0.5}
              for channel in ("feed", "sitemap", "section")}
    items = "".join(f"<item><title>Story {i}</title><link>{{base}}{paths[i]}</link>"
                    f"<pubDate>{when[i]:%a, %d %b %Y %H:%M:%S} +0000</pubDate></item>"
                    for i in sorted(listed["feed"], reverse=True))
    _write(site, "/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Metro</title>'
                              f"{items}</channel></rss>")
    urls = "".join(f"<url><loc>{{base}}{paths[i]}</loc><news:news><news:publication_date>"
                   f"{when[i].isoformat()}</news:publication_date><news:title>Story {i}</news:title>"
                   "</news:news></url>" for i in sorted(listed["sitemap"], reverse=True))
    _write(site, "/sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                                 'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                                 f"{urls}</urlset>")
    anchors = "".join(f'<li><a href="{paths[i]}">Story {i}: workers and the letter</a></li>'
                      for i in sorted(listed["section"], reverse=True))
    _write(site, "/news/index.html", '<html><head><title>News | Metro</title></head>'
                                     f"<body><main><ul>{anchors}</ul></main></body></html>")
    _write(site, "/robots.txt", "User-agent: *\nAllow: /\n")
    (root / "sources.toml").write_text(outlet_table("metro", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"],
                                                    start_pages=["/news/"]))
    return paths, listed


@pytest.mark.slow
def test_a_crawl_records_every_channel_and_the_estimate_sees_the_unlisted(tmp_path: Path) -> None:
    paths, listed = _web(tmp_path / "web")
    for name in ("feed.xml", "sitemap.xml"):  # absolute links: the server's address is known late
        file = tmp_path / "web" / "metro" / name
        file.write_text(file.read_text().replace("{base}", "{{base:metro}}"))
    db = tmp_path / "c.db"
    with FixtureWeb(tmp_path / "web").start() as web:
        crawl(web.sources_path, db, settings=("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_START_DELAY=0"))
        url = {i: web.url("metro", p) for i, p in enumerate(paths)}
    conn = sqlite3.connect(db)
    for channel, stories in listed.items():
        recorded = {u for (u,) in conn.execute("SELECT url FROM discoveries WHERE channel = ?", (channel,))}
        assert recorded == {url[i] for i in stories}, channel  # every listing, not only the first
    polls = conn.execute("SELECT channel, items FROM channel_polls ORDER BY channel").fetchall()
    assert polls == [("feed", len(listed["feed"])), ("section", len(listed["section"])),
                     ("sitemap", len(listed["sitemap"]))]
    seen = set().union(*listed.values())
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(seen)

    code, out = run("coverage", "--db", str(db), "--json")
    assert code == 0, out
    (row,) = json.loads(out)["outlets"]
    assert row["observed"] == len(seen) < STORIES
    assert row["channels"] == ["feed", "section", "sitemap"]
    head = row["headline"]
    assert head["method"] == "loglinear"
    # One draw of the web (seed 19): the 95% interval holds the truth, 40 stories.
    assert head["low"] <= STORIES <= head["high"], head
