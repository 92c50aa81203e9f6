"""The dedup policy end to end: same outlet + near-duplicate = one article under two URLs;
another outlet = a syndicated copy in the first copy's cluster."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from smallweb import crawl, outlet_table

from newscrawl.crawl.fixture_web import FixtureWeb

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("council", "warehouse", "lawyer", "families", "contract", "protest", "engineers", "judge",
         "hearing", "statement", "records", "neighbors", "vigil", "shift", "union", "detention")


def _story(seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["ICE " + " ".join(rng.choice(WORDS) for _ in range(45)) + "." for _ in range(6)]


def _write(site: Path, path: str, title: str, paragraphs: list[str]) -> None:
    file = site / path.lstrip("/")
    file.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    file.write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                    f"{body}</article></body></html>")


def _outlet(root: Path, slug: str, paths: list[str]) -> str:
    site = root / slug
    site.mkdir(parents=True, exist_ok=True)
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    locs = "".join(f"<url><loc>{{{{base:{slug}}}}}{p}</loc></url>" for p in paths)
    (site / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>')
    return outlet_table(slug, sitemaps=["/sitemap.xml"])


@pytest.mark.slow
def test_same_outlet_merges_other_outlet_clusters(tmp_path: Path) -> None:
    root = tmp_path / "web"
    story, other = _story(1), _story(2)
    _write(root / "daily", "/2026/01/05/council-story.html", "Council story", story)
    moved = ["Updated at 5 p.m."] + story[:-1] + [story[-1] + " Correction appended."]
    _write(root / "daily", "/news/2026/council-story-republished.html", "Council story, again", moved)
    _write(root / "daily", "/2026/01/06/another-story.html", "Another story", other)
    syndicated = ["By the Wire"] + story + ["Distributed by the Wire."]
    _write(root / "weekly", "/2026/01/07/wire-council-story.html", "Wire: council story", syndicated)
    sources = _outlet(root, "daily", [
        "/2026/01/05/council-story.html", "/news/2026/council-story-republished.html",
        "/2026/01/06/another-story.html"])
    sources += _outlet(root, "weekly", ["/2026/01/07/wire-council-story.html"])
    (root / "sources.toml").write_text(sources)
    topic = tmp_path / "t.toml"
    topic.write_text('[topic]\nslug = "t"\nname = "T"\nquery = "=ICE"\n')
    db = tmp_path / "n.db"
    with FixtureWeb(root).start() as web:
        crawl(web.sources_path, db, "--topic", str(topic), settings=(
            "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=1"))
        original = web.url("daily", "/2026/01/05/council-story.html")
        moved_url = web.url("daily", "/news/2026/council-story-republished.html")
    conn = sqlite3.connect(db)
    pages = {u: (v, r, a) for u, v, r, a in conn.execute(
        "SELECT url, verdict, reason, article_id FROM pages WHERE verdict IN ('article', 'duplicate')")}
    first, second = (original, moved_url) if pages[original][0] == "article" else (moved_url, original)
    assert pages[first][0] == "article" and pages[second][0] == "duplicate"
    assert "near-duplicate" in pages[second][1] and pages[second][2] == pages[first][2]
    articles = conn.execute("SELECT id, outlet, cluster_id FROM articles ORDER BY id").fetchall()
    assert len(articles) == 3, "two daily stories and the weekly's syndicated copy"
    council_id = pages[first][2]
    weekly = [a for a in articles if a[1] == "weekly"][0]
    assert weekly[2] == council_id, "the syndicated copy joins the first copy's cluster"
    shown = subprocess.run([sys.executable, "-m", "newscrawl.cli", "show", str(council_id), "--db",
                            str(db), "--json"], capture_output=True, text=True, check=True, cwd=ROOT)
    article = json.loads(shown.stdout)
    assert second in article["other_urls"], "both URLs of the merged article are kept"
    assert [c["outlet"] for c in article["copies"]] == ["weekly"]
