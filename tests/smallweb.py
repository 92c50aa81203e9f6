"""Helpers for tests: small webs of their own crawled with the CLI, and the CLI run in-process."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def outlet_table(
    slug: str,
    *,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    start_pages: Iterable[str] = (),
    timezone: str = "UTC",
) -> str:
    """A ``[outlets.SLUG]`` table for a fixture sources.toml; paths are on the outlet's site."""

    def urls(paths: Iterable[str]) -> str:
        return "[" + ", ".join(f'"{{{{base:{slug}}}}}{p}"' for p in paths) + "]"

    return (
        f'[outlets.{slug}]\nname = "{slug}"\nhomepage = "{{{{base:{slug}}}}}/"\n'
        f'domain = "{{{{host:{slug}}}}}"\ncountry = "US"\nlanguage = "en"\nkind = "local"\n'
        f'timezone = "{timezone}"\nfeeds = {urls(feeds)}\nsitemaps = {urls(sitemaps)}\n'
        f"start_pages = {urls(start_pages)}\n\n"
    )


# A crawl runs in a subprocess, as the user runs it: a Twisted reactor cannot be restarted, so
# each crawl needs a process of its own.
NEWSCRAWL = (sys.executable, "-m", "newscrawl.cli")
# Settings for a quick crawl of a web on 127.0.0.1: no politeness delay, no retries.
QUICK = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_START_DELAY=0", "RETRY_TIMES=0")


def crawl_command(sources: Path, db: Path, *args: str, settings: Iterable[str] = ()) -> list[str]:
    """``newscrawl crawl`` on ``sources`` into ``db`` with ``-s`` settings and extra arguments."""
    command = [*NEWSCRAWL, "crawl", "--no-progress", "--sources", str(sources), "--db", str(db), *args]
    for setting in settings:
        command += ["-s", setting]
    return command


def crawl(
    sources: Path, db: Path, *args: str, settings: Iterable[str] = (), check: bool = True,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run the crawl; fail the test on a non-zero exit or a traceback (unless ``check`` is false:
    then the caller judges the exit and the output)."""
    command = crawl_command(sources, db, *args, settings=settings)
    if not check:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    return _succeeds(command, timeout)


def newscrawl_process(*args: str) -> subprocess.CompletedProcess[str]:
    """``newscrawl ARGS`` in a subprocess, for the other commands that crawl (``ingest``,
    ``reextract``); fail the test on a non-zero exit or a traceback."""
    return _succeeds([*NEWSCRAWL, *args])


def _succeeds(command: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run(*args: str) -> tuple[int, str]:
    """``newscrawl ARGS`` in-process: exit code and output (click >= 8.2 mixes stderr into it)."""
    from click.testing import CliRunner

    from newscrawl.cli import main

    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def assert_user_error(code: int, output: str, *fragments: str) -> None:
    """A user mistake: exit 2, one ``Error:`` line naming every fragment, no traceback."""
    assert code == 2, output
    assert "Traceback" not in output
    assert output.count("Error:") == 1, output
    for fragment in fragments:
        assert fragment in output, output


WORDS = ("council", "warehouse", "lawyer", "families", "contract", "protest", "engineers",
         "judge", "hearing", "statement", "records", "neighbors", "vigil", "shift", "union")


def write_daily_web(root: Path, pages: int) -> None:
    """One outlet, ``daily``, of ``pages`` on-topic stories listed in a sitemap, under ``root``
    (for a crawl that a test stops, kills or starves halfway)."""
    site = root / "daily"
    locs = []
    for i in range(pages):
        rng = random.Random(i)
        body = "".join("<p>ICE detention " + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>"
                       for _ in range(4))
        path = f"2026/01/{1 + i % 28:02d}/story-{i}.html"
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(f"<html><head><title>Story {i}</title></head><body><article>"
                                 f"<h1>Story {i}</h1>{body}</article></body></html>")
        locs.append(f"<url><loc>{{{{base:daily}}}}/{path}</loc></url>")
    (site / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(locs) + "</urlset>")
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "sources.toml").write_text(outlet_table("daily", sitemaps=["/sitemap.xml"]))


def _story(seed: int, title: str, on_topic: bool) -> str:
    rng = random.Random(seed)
    lead = "ICE detention" if on_topic else "The county fair"
    body = "".join(f"<p>{lead} " + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>"
                   for _ in range(4))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


def _urlset(slug: str, paths: list[str]) -> str:
    return ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{{{{base:{slug}}}}}{p}</loc></url>" for p in paths) + "</urlset>")


def _rss_feed(slug: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>{{{{base:{slug}}}}}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{slug}</title>{items}</channel></rss>'


def _homepage(links: str = "") -> str:
    return (f"<html><head><title>Home</title>{links}</head><body><h1>Home</h1>"
            '<p><a href="/about/">About us</a></p></body></html>')


# outlet -> path -> (on topic?, found by the crawl with the settings on?)
HOMEPAGE_WEB_ARTICLES = {
    "robotsonly": {"/2026/01/20/raid-one.html": (True, True), "/2026/01/21/raid-two.html": (True, True),
                   "/2026/01/22/county-fair.html": (False, True)},
    "feedonly": {"/2026/01/20/vigil-one.html": (True, True), "/2026/01/21/vigil-two.html": (True, True)},
    "listed": {"/2026/01/20/from-feed.html": (True, True), "/2026/01/21/from-sitemap.html": (True, True),
               "/2026/01/22/only-in-extras.html": (True, False)},
    "sitemaponly": {"/2026/01/20/in-sitemap.html": (True, True), "/2026/01/21/in-feed.html": (True, False)},
    "elsewhere": {"/2026/01/20/elsewhere.html": (True, False)},
}


def write_homepage_only_web(root: Path) -> None:
    """Outlets listed by their homepage alone, and one that lists its feed and sitemap, under
    ``root`` (tests/test_autodiscovery.py says what each site is for)."""
    files = {
        "robotsonly/index.html": _homepage(),
        "robotsonly/robots.txt": ("User-agent: *\nAllow: /\n\n"
                                  "Sitemap: {{base:robotsonly}}/sitemap_index.xml\n"
                                  "Sitemap: {{base:elsewhere}}/sitemap.xml\nSitemap: /sitemap_index.xml\n"
                                  "Sitemap: http://169.254.169.254/latest/meta-data/\n"),
        "robotsonly/sitemap_index.xml": (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>{{base:robotsonly}}/sitemap_index.xml</loc></sitemap>"
            "<sitemap><loc>{{base:robotsonly}}/sitemap-posts.xml</loc></sitemap></sitemapindex>"),
        "robotsonly/sitemap-posts.xml": _urlset("robotsonly", list(HOMEPAGE_WEB_ARTICLES["robotsonly"])),
        "feedonly/index.html": _homepage(
            '<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml">'
            '<link rel="alternate" type="application/atom+xml" href="{{base:elsewhere}}/feed.atom">'
            '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">'),
        "feedonly/robots.txt": "User-agent: *\nAllow: /\n",
        "feedonly/feed.xml": _rss_feed("feedonly", list(HOMEPAGE_WEB_ARTICLES["feedonly"])),
        "listed/index.html": _homepage(
            '<link rel="alternate" type="application/rss+xml" href="/extra-feed.xml">'),
        "listed/robots.txt": "User-agent: *\nAllow: /\nSitemap: {{base:listed}}/extra-sitemap.xml\n",
        "listed/feed.xml": _rss_feed("listed", ["/2026/01/20/from-feed.html"]),
        "listed/sitemap.xml": _urlset("listed", ["/2026/01/21/from-sitemap.html"]),
        "listed/extra-feed.xml": _rss_feed("listed", ["/2026/01/22/only-in-extras.html"]),
        "listed/extra-sitemap.xml": _urlset("listed", ["/2026/01/22/only-in-extras.html"]),
        "sitemaponly/index.html": _homepage(
            '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'),
        "sitemaponly/sitemap.xml": _urlset("sitemaponly", ["/2026/01/20/in-sitemap.html"]),
        "sitemaponly/feed.xml": _rss_feed("sitemaponly", ["/2026/01/21/in-feed.html"]),
        "elsewhere/sitemap.xml": _urlset("elsewhere", list(HOMEPAGE_WEB_ARTICLES["elsewhere"])),
        "elsewhere/feed.atom": _rss_feed("elsewhere", list(HOMEPAGE_WEB_ARTICLES["elsewhere"])),
    }
    for slug, pages in HOMEPAGE_WEB_ARTICLES.items():
        for i, (path, (on_topic, _)) in enumerate(pages.items()):
            files[f"{slug}{path}"] = _story(sum(map(ord, slug)) * 10 + i, f"{slug} story {i}", on_topic)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "sources.toml").write_text(
        outlet_table("robotsonly", start_pages=["/"])
        + outlet_table("feedonly", start_pages=["/"])
        + outlet_table("listed", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"], start_pages=["/"])
        + outlet_table("sitemaponly", sitemaps=["/sitemap.xml"]))


def article_count(db: Path) -> int:
    """Articles stored in ``db`` so far, read-only (0 while there is no database yet)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return 0
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()
