"""``newscrawl sources check`` (newscrawl.discover.sourcecheck) against the fixture web."""

from __future__ import annotations

import gzip
import socket
import ssl
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import pytest
from smallweb import write_homepage_only_web

from newscrawl.config import load_sources
from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.discover.sourcecheck import (
    CheckResult,
    check_outlets,
    check_url,
    describe_error,
    is_network_error,
)

UA = "newscrawl-test/1.0"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def web() -> Iterator[FixtureWeb]:
    with FixtureWeb() as served:
        yield served


def by_url(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {r.url: r for r in results}


def test_fixture_sources_all_ok(web: FixtureWeb) -> None:
    results = check_outlets(load_sources(web.sources_path), user_agent=UA)
    expected = {
        ("ledger", "/feed.rss"): "RSS feed, 5 entries, newest 2026-02-04",
        ("ledger", "/sitemap_index.xml"): "sitemap index, 4 sitemaps",
        ("bytewire", "/feed.atom"): "Atom feed, 5 entries, newest 2026-01-29",
        ("bytewire", "/sitemap.xml"): "urlset, 6 URLs, newest 2026-01-29",
        ("prairie", "/rss.xml"): "RSS feed, 11 entries, newest 2026-02-06",
        ("latino", "/rss.xml"): "RSS feed, 5 entries, newest 2026-02-01",
        ("latino", "/feed.json"): "JSON Feed, 5 entries, newest 2026-02-01",
        ("wire", "/rss/topnews.xml"): "RSS feed, 3 entries, newest 2026-02-02",
        ("wire", "/sitemap-news.xml"): "urlset, 3 URLs, newest 2026-02-02",
        ("metro", "/news/"): None,  # a start page: checked for answering with links
    }
    got = by_url(results)
    assert len(results) == len(expected)
    for (slug, path), detail in expected.items():
        result = got[web.url(slug, path)]
        assert (result.outlet, result.ok, result.status) == (slug, True, 200)
        if detail is None:
            assert result.kind == "start page" and "links" in result.detail
            continue
        assert result.detail == detail
        assert result.kind == ("sitemap" if "sitemap" in path else "feed")
        assert result.seconds >= 0
    order = [(r.outlet, ("feed", "sitemap", "start page").index(r.kind), r.url) for r in results]
    assert order == sorted(order)


def test_user_agent_is_used_for_robots(web: FixtureWeb) -> None:
    # bytewire's robots.txt disallows everything to GPTBot and nothing to others.
    outlets = {k: v for k, v in load_sources(web.sources_path).items() if k == "bytewire"}
    blocked = check_outlets(outlets, user_agent="Mozilla/5.0 (compatible; GPTBot/1.0)")
    assert [(r.ok, r.status, r.detail) for r in blocked] == [(False, None, "blocked by robots.txt")] * 2
    ignored = check_outlets(outlets, user_agent="Mozilla/5.0 (compatible; GPTBot/1.0)", obey_robots=False)
    assert all(r.ok for r in ignored)


def test_outlets_without_sitemaps_or_feeds_have_what_a_crawl_would_find_checked(tmp_path: Path) -> None:
    write_homepage_only_web(tmp_path)
    with FixtureWeb(tmp_path, host="127.0.0.8") as web:
        web.clear_requests()
        results = check_outlets(load_sources(web.sources_path), user_agent=UA)
        asked = [(r.outlet, r.path) for r in web.requests_for()]
    found = {(r.outlet, r.url.split("/", 3)[3], r.found_via, r.ok, r.detail) for r in results if r.found_via}
    home = web.url("feedonly", "/")
    assert found == {
        ("robotsonly", "sitemap_index.xml", "robots.txt", True, "sitemap index, 2 sitemaps"),
        ("feedonly", "feed.xml", f"announced by {home}", True, "RSS feed, 2 entries"),
    }
    # an outlet that lists its feeds and sitemaps: nothing more is asked; nothing off-site at all;
    # the robots.txt and the start pages read once each
    assert ("listed", "/extra-feed.xml") not in asked and ("listed", "/extra-sitemap.xml") not in asked
    assert not [path for outlet, path in asked if outlet == "elsewhere"]
    assert asked.count(("feedonly", "/")) == 1 and asked.count(("robotsonly", "/robots.txt")) == 1


Mini = tuple[FixtureWeb, int]  # the web and a port nobody listens on
Results = dict[str, CheckResult]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Mini</title><link>{{base:mini}}/</link>
<item><title>One</title><link>{{base:mini}}/one.html</link>
  <pubDate>Mon, 26 Jan 2026 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>{{base:mini}}/two.html</link>
  <pubDate>Tue, 27 Jan 2026 10:00:00 GMT</pubDate></item>
</channel></rss>
"""
URLSET = """<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{{base:mini}}/one.html</loc><lastmod>2026-01-26</lastmod></url>
<url><loc>{{base:mini}}/two.html</loc><lastmod>2026-01-27</lastmod></url>
</urlset>
"""


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mini]:
    root: Path = tmp_path_factory.mktemp("web")
    site = root / "mini"
    (site / "private").mkdir(parents=True)
    (site / "section").mkdir()
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (site / "feed.xml").write_text(RSS)
    (site / "slow.xml").write_text(RSS)
    (site / "private" / "feed.xml").write_text(RSS)
    (site / "empty.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                                    "</channel></rss>")
    (site / "not-a-feed.xml").write_text("<html><body><p>Sorry, no feed here</p></body></html>")
    (site / "broken.xml").write_text("<<< this is not XML >>>")
    (site / "truncated.xml").write_text(URLSET[: URLSET.index("<url><loc>{{base:mini}}/two")] + "<url><loc>")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(URLSET.encode()))
    (site / "section" / "index.html").write_text(
        '<html><body><a href="/one.html">1</a> <a href="two.html#c">2</a> <a href="/one.html">1</a>'
        ' <a href="https://elsewhere.example/x">x</a> <a href="mailto:a@b.c">m</a> <a href="#top">t</a>'
        "</body></html>"
    )
    (root / "routes.toml").write_text(
        '[[route]]\noutlet = "mini"\npath = "/slow.xml"\ndelay = 2.0\n\n'
        '[[route]]\noutlet = "mini"\npath = "/old-feed.xml"\nstatus = 301\nlocation = "/feed.xml"\n\n'
        '[[route]]\noutlet = "mini"\npath = "/to-private.xml"\nstatus = 302\nlocation = "/private/feed.xml"\n'
    )
    port = closed_port()
    feeds = ["feed.xml", "missing.xml", "private/feed.xml", "slow.xml", "old-feed.xml", "to-private.xml",
             "empty.xml", "not-a-feed.xml"]
    sitemaps = ["broken.xml", "truncated.xml", "sitemap.xml.gz"]
    (root / "sources.toml").write_text(f"""
[outlets.mini]
name = "Mini"
homepage = "{{{{base:mini}}}}/"
domain = "{{{{host:mini}}}}"
country = "US"
language = "en"
kind = "local"
timezone = "America/Chicago"
feeds = [{", ".join(f'"{{{{base:mini}}}}/{f}"' for f in feeds)}, "http://127.0.0.1:{port}/feed.xml"]
sitemaps = [{", ".join(f'"{{{{base:mini}}}}/{f}"' for f in sitemaps)}]
start_pages = ["{{{{base:mini}}}}/section/"]
""")
    with FixtureWeb(root=root) as served:
        yield served, port


@pytest.fixture(scope="module")
def mini_results(mini: Mini) -> dict[str, CheckResult]:
    web, _ = mini
    return by_url(check_outlets(load_sources(web.sources_path), user_agent=UA, timeout=0.5))


def test_good_urls(mini: Mini, mini_results: Results) -> None:
    web, _ = mini
    feed = mini_results[web.url("mini", "/feed.xml")]
    assert (feed.ok, feed.status, feed.detail) == (True, 200, "RSS feed, 2 entries, newest 2026-01-27")
    gz = mini_results[web.url("mini", "/sitemap.xml.gz")]
    assert (gz.ok, gz.detail) == (True, "urlset, 2 URLs, newest 2026-01-27")
    page = mini_results[web.url("mini", "/section/")]
    assert (page.kind, page.ok) == ("start page", True)
    assert page.detail == "HTML, 3 links, 2 on the outlet's domains"


def test_redirect_reports_final_url(mini: Mini, mini_results: Results) -> None:
    web, _ = mini
    result = mini_results[web.url("mini", "/old-feed.xml")]
    assert result.ok and result.status == 200
    final = web.url("mini", "/feed.xml")
    assert result.detail == f"RSS feed, 2 entries, newest 2026-01-27 (redirected to {final})"


def test_failures_have_clear_details(mini: Mini, mini_results: Results) -> None:
    web, port = mini
    expected = {
        web.url("mini", "/missing.xml"): (404, "http 404"),
        web.url("mini", "/private/feed.xml"): (None, "blocked by robots.txt"),
        web.url("mini", "/slow.xml"): (None, "timeout after 0.5s"),
        web.url("mini", "/to-private.xml"): (None, f"redirects to {web.url('mini', '/private/feed.xml')}, "
                                                   "blocked by robots.txt"),
        web.url("mini", "/empty.xml"): (200, "RSS feed with no entries"),
        web.url("mini", "/broken.xml"): (200, "broken XML: no root element"),
        # its robots.txt was refused too: read as the crawl reads it, a disallow of the site
        f"http://127.0.0.1:{port}/feed.xml": (None, "blocked: robots.txt unreachable (connection "
                                                    "refused), a crawl keeps off the site for its run "
                                                    "(RFC 9309)"),
    }
    for url, (status, detail) in expected.items():
        result = mini_results[url]
        assert (result.ok, result.status, result.detail) == (False, status, detail), url
    not_feed = mini_results[web.url("mini", "/not-a-feed.xml")]
    assert not not_feed.ok and not_feed.detail.startswith("not a readable feed")
    truncated = mini_results[web.url("mini", "/truncated.xml")]
    assert truncated.ok
    assert truncated.detail.startswith("urlset, 1 URL, newest 2026-01-26 (broken XML, read anyway:")
    assert mini_results[web.url("mini", "/slow.xml")].seconds < 2.0


def test_a_robots_txt_answered_503_blocks_its_site_as_in_the_crawl(tmp_path: Path) -> None:
    site = tmp_path / "down"
    site.mkdir()
    (site / "feed.xml").write_text(RSS)
    (tmp_path / "routes.toml").write_text('[[route]]\noutlet = "down"\npath = "/robots.txt"\nstatus = 503\n')
    (tmp_path / "sources.toml").write_text("""
[outlets.down]
name = "Down"
homepage = "{{base:down}}/"
domain = "{{host:down}}"
country = "US"
language = "en"
kind = "local"
timezone = "America/Chicago"
feeds = ["{{base:down}}/feed.xml"]
""")
    with FixtureWeb(root=tmp_path) as web:
        results = by_url(check_outlets(load_sources(web.sources_path), user_agent=UA, timeout=2))
        result = results[web.url("down", "/feed.xml")]
        asked = [r.path for r in web.requests_for("down")]
    assert (result.ok, result.status, result.detail) == (
        False, None, "blocked: robots.txt answered 503, a crawl keeps off the site for its run (RFC 9309)")
    assert "/robots.txt" in asked and "/feed.xml" not in asked, asked


def test_check_url_without_robots(mini: Mini) -> None:
    web, _ = mini
    outlet = load_sources(web.sources_path)["mini"]
    url = web.url("mini", "/private/feed.xml")
    result = check_url(outlet, "feed", url, user_agent=UA)
    assert result.ok and result.detail.startswith("RSS feed, 2 entries")


def test_huge_body_refused(mini: Mini) -> None:
    web, _ = mini
    outlet = load_sources(web.sources_path)["mini"]
    result = check_url(outlet, "feed", web.url("mini", "/feed.xml"), user_agent=UA, max_bytes=100)
    assert (result.ok, result.status) == (False, 200)
    assert result.detail.startswith("body too large:") and "limit 0.0001 MB" in result.detail


def test_start_page_that_is_not_html(mini: Mini) -> None:
    web, _ = mini
    outlet = load_sources(web.sources_path)["mini"]
    result = check_url(outlet, "start page", web.url("mini", "/feed.xml"), user_agent=UA)
    assert (result.ok, result.detail) == (False, "not HTML: application/xml")


@pytest.mark.parametrize(("exc", "detail"), [
    (urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")), "connection refused"),
    (urllib.error.URLError(TimeoutError("timed out")), "timeout after 15s"),
    (TimeoutError("The read operation timed out"), "timeout after 15s"),
    (urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
     "DNS lookup failed: Name or service not known"),
    (urllib.error.URLError(ssl.SSLCertVerificationError(1, "certificate verify failed")),
     "TLS certificate error: [SSL: CERTIFICATE_VERIFY_FAILED]"),
])
def test_describe_error(exc: BaseException, detail: str) -> None:
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, ssl.SSLCertVerificationError):
        exc.reason.verify_message = "[SSL: CERTIFICATE_VERIFY_FAILED]"
    assert describe_error(exc, 15.0) == detail


@pytest.mark.parametrize(("exc", "network"), [
    (urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")), True),
    (TimeoutError("The read operation timed out"), True),
    (urllib.error.URLError(socket.gaierror(-2, "Name or service not known")), True),
    (urllib.error.URLError(ssl.SSLCertVerificationError(1, "certificate verify failed")), False),
    (urllib.error.HTTPError("http://x/robots.txt", 503, "Service Unavailable", None, None), False),
    (ValueError("unknown url type"), False),
])
def test_a_network_error_is_what_a_robots_txt_unreachable_means(exc: BaseException, network: bool) -> None:
    assert is_network_error(exc) is network
