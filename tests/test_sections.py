"""Start pages: section, tag and archive pages followed with pagination, budgets and trap limits."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from smallweb import crawl, outlet_table

from newscrawl.crawl.fixture_web import FixtureWeb

WORDS = ("council", "warehouse", "lawyer", "families", "contract", "protest", "engineers",
         "judge", "hearing", "statement", "records", "neighbors", "vigil", "shift", "union")


def _article(site: Path, path: str, title: str) -> None:
    rng = random.Random(title)
    body = "".join(
        "<p>Immigration and Customs Enforcement (ICE) " + " ".join(rng.choice(WORDS) for _ in range(40))
        + ".</p>" for _ in range(5)
    )
    file = site / path.lstrip("/")
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f'<html><head><title>{title}</title><meta property="og:type" content="article">'
                    f"</head><body><article><h1>{title}</h1>{body}</article></body></html>")


def _listing(site: Path, path: str, links: list[tuple[str, str]], next_page: str | None = None) -> None:
    anchors = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    nav = f'<a rel="next" href="{next_page}">Next page</a>' if next_page else ""
    file = site / path.lstrip("/") / "index.html" if path.endswith("/") else site / path.lstrip("/")
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(
        '<html><head><title>News | Metro</title><meta property="og:type" content="website"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/login">Log in</a> <a href="/calendar/2026/01/">'
        f'Calendar</a> <a href="/news/?sort=oldest&view=grid&filter=all&color=red">Sort</a> '
        f'<a href="https://elsewhere.example/2026/01/01/a-story-elsewhere.html">Elsewhere</a></nav>'
        f"<main><ul>{anchors}</ul>{nav}</main></body></html>"
    )


def _web(root: Path) -> list[str]:
    site = root / "metro"
    stories = [f"/2026/01/{20 + i}/story-number-{i}-about-the-letter.html" for i in range(7)]
    for i, path in enumerate(stories):
        _article(site, path, f"Story {i} about the letter")
    _listing(site, "/news/", [(stories[0], "Workers sign a letter to their CEOs"),
                              (stories[1], "Officers detain workers at plant"),
                              ("/tag/ice/", "ICE")], next_page="/news/page/2/")
    _listing(site, "/news/page/2/", [(stories[2], "Protest at the federal building"),
                                     (stories[3], "Council debates contract")], next_page="/news/page/3/")
    _listing(site, "/news/page/3/", [(stories[4], "Families wait for news of detainees")])
    _listing(site, "/tag/ice/", [(stories[5], "Vigil for the victims downtown"),
                                 ("/tag/deeper/", "Deeper")])
    _listing(site, "/tag/deeper/", [(stories[6], "Too deep to be found at depth one")])
    _listing(site, "/calendar/2026/01/", [("/calendar/1800/01/", "Earlier")])
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "sources.toml").write_text(
        outlet_table("metro", start_pages=["/news/"], timezone="America/Chicago"))
    return stories


def _crawl(web: FixtureWeb, db: Path, *settings: str) -> None:
    crawl(web.sources_path, db, settings=("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_START_DELAY=0", *settings))


@pytest.mark.slow
def test_start_pages_pagination_depth_and_traps(tmp_path: Path) -> None:
    stories = _web(tmp_path / "web")
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, tmp_path / "a.db")
        paths = {r.path for r in web.requests}
        stored = {url for (url,) in sqlite3.connect(tmp_path / "a.db").execute(
            "SELECT url FROM pages WHERE verdict = 'article'")}
        expected = {web.url("metro", p) for p in stories[:6]}
    assert stored == expected, "pages 1-3 of /news/ and the tag page (depth 1) are followed"
    assert "/tag/deeper/" not in paths, "sub-listings stop at NEWSCRAWL_LISTING_DEPTH"
    assert not any(p.startswith("/calendar/") for p in paths), "calendar traps are not followed"
    assert not any("sort=" in p for p in paths) and "/login" not in paths
    listing = sqlite3.connect(tmp_path / "a.db").execute(
        "SELECT verdict, reason FROM pages WHERE url = ?", (web.url("metro", "/news/"),)).fetchone()
    assert listing == ("not-article", "listing page with 2 article links")


@pytest.mark.slow
def test_listing_budget(tmp_path: Path) -> None:
    _web(tmp_path / "web")
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, tmp_path / "b.db", "NEWSCRAWL_LISTING_MAX_PAGES=2")
        listings = [r.path for r in web.requests if "story" not in r.path and r.path != "/robots.txt"]
    assert len(listings) == 2 and listings[0] == "/news/"
