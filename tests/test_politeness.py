"""Politeness against a real local server: robots.txt Crawl-delay, Retry-After, robots rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from smallweb import crawl, outlet_table

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.spiders.middlewares import parse_retry_after

PARAGRAPH = (
    "<p>Immigration and Customs Enforcement officers detained workers, and tech employees "
    "signed a letter asking their companies to end ICE contracts, the report said.</p>"
)


def _site(root: Path, robots: str, pages: int, routes: str = "") -> None:
    site = root / "slow"
    for i in range(pages):
        page = site / "2026" / "01" / f"story-{i}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><head><title>Story {i}</title></head><body><article>"
                        f"<h1>Story {i}</h1>{PARAGRAPH * 6}</article></body></html>")
    locs = "".join(f"<url><loc>{{{{base:slow}}}}/2026/01/story-{i}.html</loc></url>" for i in range(pages))
    (site / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
        '<url><loc>{{base:slow}}/2026/01/busy.html</loc></url></urlset>'
    )
    (site / "robots.txt").write_text(robots)
    (root / "routes.toml").write_text(routes)
    (root / "sources.toml").write_text(outlet_table("slow", sitemaps=["/sitemap.xml"]))


def _crawl(web: FixtureWeb, db: Path, *settings: str) -> None:
    crawl(web.sources_path, db, settings=("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False",
                                          "CONCURRENT_REQUESTS_PER_DOMAIN=4", *settings))


@pytest.mark.slow
def test_crawl_delay_spaces_requests(tmp_path: Path) -> None:
    _site(tmp_path / "web", "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n", pages=3)
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, tmp_path / "n.db")
        times = sorted(r.at for r in web.requests if r.path.startswith("/2026/"))
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.9, gaps


@pytest.mark.slow
def test_crawl_delay_is_a_minimum_gap_with_autothrottle_on(tmp_path: Path) -> None:
    """The project's own pacing (AutoThrottle on, DOWNLOAD_DELAY 0.5 s, 2 per site): fast
    answers must not let AutoThrottle bring a site below its Crawl-delay."""
    _site(tmp_path / "web", "User-agent: *\nCrawl-delay: 1\n", pages=8)
    with FixtureWeb(tmp_path / "web").start() as web:
        crawl(web.sources_path, tmp_path / "n.db", settings=("RETRY_TIMES=0",))
        times = sorted(r.at for r in web.requests)
    assert len(times) == 11  # robots.txt, the sitemap, 8 stories and busy.html
    gaps = [round(b - a, 3) for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.95, gaps


@pytest.mark.slow
def test_retry_after_is_honoured_then_recorded(tmp_path: Path) -> None:
    routes = ('[[route]]\noutlet = "slow"\npath = "/2026/01/busy.html"\nstatus = 429\n'
              'headers = { "Retry-After" = "1" }\n')
    _site(tmp_path / "web", "User-agent: *\nAllow: /\n", pages=1, routes=routes)
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, tmp_path / "n.db", "RETRY_TIMES=2")
        busy = [r.at for r in web.requests if r.path == "/2026/01/busy.html"]
    assert len(busy) == 3  # the first try and two retries
    assert all(b - a >= 0.9 for a, b in zip(busy, busy[1:], strict=False)), busy
    import sqlite3

    verdict, reason = sqlite3.connect(tmp_path / "n.db").execute(
        "SELECT verdict, reason FROM pages WHERE url LIKE '%busy.html'").fetchone()
    assert (verdict, reason) == ("error", "http 429")


@pytest.mark.slow
def test_user_agent_is_sent_and_configurable(tmp_path: Path) -> None:
    _site(tmp_path / "web", "User-agent: *\nAllow: /\n", pages=1)
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, tmp_path / "n.db", "USER_AGENT=TestBot/1.0 (+mailto:a@b.example)")
        agents = {dict(r.headers).get("User-Agent") for r in web.requests}
    assert agents == {"TestBot/1.0 (+mailto:a@b.example)"}


def test_parse_retry_after() -> None:
    now = datetime(2026, 1, 27, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


@pytest.mark.slow
def test_oversized_response_is_refused_and_recorded(tmp_path: Path) -> None:
    _site(tmp_path / "web", "User-agent: *\nAllow: /\n", pages=1)
    big = tmp_path / "web" / "slow" / "2026" / "01" / "busy.html"
    big.write_text("<html><body>" + "<p>" + "x" * 200 + "</p>" * 1 + "y" * 300_000 + "</body></html>")
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, tmp_path / "n.db", "DOWNLOAD_MAXSIZE=100000", "DOWNLOAD_WARNSIZE=50000")
    import sqlite3

    verdict, reason = sqlite3.connect(tmp_path / "n.db").execute(
        "SELECT verdict, reason FROM pages WHERE url LIKE '%busy.html'").fetchone()
    assert (verdict, reason) == ("error", "response too large")


# -- once per crawl, conditionally on the next --------------------------------------------------


def _sections_web(root: Path) -> None:
    """test_sections' metro web, with a sitemap index and two start pages, one linked from the other."""
    from test_sections import _web

    stories = _web(root)
    site = root / "metro"
    (site / "sitemap-index.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>{{base:metro}}/sitemaps/2026-01.xml</loc></sitemap></sitemapindex>")
    (site / "sitemaps").mkdir()
    (site / "sitemaps" / "2026-01.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{{{{base:metro}}}}{stories[6]}</loc></url></urlset>")
    (root / "sources.toml").write_text(outlet_table(
        "metro", start_pages=["/news/", "/tag/ice/"], sitemaps=["/sitemap-index.xml"]))


LISTINGS = ("/news/", "/news/page/2/", "/tag/ice/", "/sitemap-index.xml", "/sitemaps/2026-01.xml")


@pytest.mark.slow
def test_listings_are_fetched_once_per_crawl_and_conditionally_on_the_next(tmp_path: Path) -> None:
    _sections_web(tmp_path / "web")
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, tmp_path / "n.db")
        first = [r.path for r in web.requests]
        web.clear_requests()
        _crawl(web, tmp_path / "n.db")
        second = {r.path: r for r in web.requests}
    for path in LISTINGS:
        assert first.count(path) == 1, (path, first)
    for path in ("/news/", "/tag/ice/", "/sitemap-index.xml", "/sitemaps/2026-01.xml"):
        headers = dict(second[path].headers)
        assert "If-None-Match" in headers or "If-Modified-Since" in headers, (path, headers)
        assert second[path].status == 304, path
    assert "/news/page/2/" not in second, "an unchanged first page has unchanged next pages"
