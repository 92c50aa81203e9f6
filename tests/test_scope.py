"""Every request in scope: the rule (newscrawl.discover.scope), the middleware, and real crawls.

The middleware is built from a throwaway crawler and fed handmade requests, including the
ones Scrapy's redirect and robots.txt middlewares make (``redirect_urls`` in their meta,
``NO_CALLBACK`` and no errback). Host names are resolved for real (``localhost`` resolves to
a loopback address everywhere). The slow tests crawl small local webs whose feeds, start
pages and robots.txt redirect to other addresses.
"""

from __future__ import annotations

import ipaddress
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from components import crawler_with_spider, outlet, project_settings, run, with_engine
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from smallweb import QUICK, crawl, outlet_table
from twisted.python.failure import Failure

from newscrawl.config import Outlet, load_sources
from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.discover.scope import addresses_problem, non_public, url_problem
from newscrawl.discover.sourcecheck import check_outlets, check_url
from newscrawl.items import OUT_OF_SCOPE
from newscrawl.spiders.news import NewsSpider
from newscrawl.spiders.scope import REFUSED_META, OutOfScope, ScopeMiddleware

LOCAL = Outlet(slug="local", name="Local", homepage="http://127.0.0.5:8001/", domain="127.0.0.5:8001")
NAMED = outlet("ledger", also_domains=("localhost",))

# -- the rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
    ("169.254.169.254", "link-local"), ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("::ffff:127.0.0.1", "loopback"),
    ("100.64.0.1", "non-public"), ("93.184.215.14", None), ("2606:4700::1111", None),
])
def test_non_public_addresses_are_named(address: str, kind: str | None) -> None:
    assert non_public(address) == kind


def test_an_outlet_on_a_configured_address_may_be_fetched_there_and_nowhere_else() -> None:
    assert url_problem(LOCAL, "http://127.0.0.5:8001/feed.xml") is None
    assert url_problem(LOCAL, "http://127.0.0.1:8299/feed.xml") == (
        "127.0.0.1:8299 is not on the outlet's domains (127.0.0.5:8001)")
    assert url_problem(LOCAL, "http://127.0.0.5:8002/") is not None, "another port is another site"
    assert addresses_problem(LOCAL, "127.0.0.5", ["127.0.0.5"]) is None


def test_a_non_public_address_is_refused_even_on_the_outlets_domains() -> None:
    metadata = outlet("cloud", also_domains=("169.254.169.254",))
    assert url_problem(metadata, "http://169.254.169.254/latest/meta-data/iam") is None, (
        "configured, so allowed")
    assert url_problem(outlet("ledger"), "http://169.254.169.254/latest/") == (
        "169.254.169.254 is not on the outlet's domains (ledger.test)")
    assert addresses_problem(NAMED, "news.ledger.test", ["93.184.215.14", "10.0.0.7"]) == (
        "news.ledger.test resolves to 10.0.0.7, a private address"), "every address counts"
    assert addresses_problem(NAMED, "ledger.test", ["93.184.215.14", "2606:4700::1111"]) is None


# -- the middleware -------------------------------------------------------------------------------


def make_crawler(*outlets: Outlet) -> Crawler:
    crawler = get_crawler(Spider, project_settings())
    crawler.spider = Spider.from_crawler(crawler, name="test")
    crawler.spider.outlets = {o.slug: o for o in outlets}
    return crawler


def refusal(middleware: ScopeMiddleware, request: Request) -> str | None:
    try:
        run(middleware.process_request(request))
    except OutOfScope as exc:
        return exc.reason
    return None


def redirected(url: str, source: str, **meta: Any) -> Request:
    """The request Scrapy's RedirectMiddleware makes: the source request's meta, a new URL."""
    return Request(url, meta={"redirect_urls": [source], "redirect_reasons": [302], **meta})


def test_requests_on_the_outlets_address_pass() -> None:
    middleware = build_from_crawler(ScopeMiddleware, make_crawler(LOCAL))
    assert refusal(middleware, Request("http://127.0.0.5:8001/feed.xml", meta={"outlet": "local"})) is None
    assert refusal(middleware, redirected("http://127.0.0.5:8001/new-feed.xml",
                                          "http://127.0.0.5:8001/feed.xml", outlet="local")) is None


def test_a_redirect_to_another_local_address_is_refused() -> None:
    crawler = make_crawler(LOCAL)
    middleware = build_from_crawler(ScopeMiddleware, crawler)
    reason = refusal(middleware, redirected("http://127.0.0.1:8299/feed.xml",
                                            "http://127.0.0.5:8001/feed.xml", outlet="local"))
    assert reason == ("redirected to http://127.0.0.1:8299/feed.xml, out of scope: 127.0.0.1:8299 "
                      "is not on the outlet's domains (127.0.0.5:8001); not followed")
    assert crawler.stats.get_value("newscrawl/refused/out_of_scope") == 1


def test_a_redirect_to_the_metadata_address_is_refused() -> None:
    middleware = build_from_crawler(ScopeMiddleware, make_crawler(LOCAL))
    reason = refusal(middleware, redirected("http://169.254.169.254/latest/meta-data/iam",
                                            "http://127.0.0.5:8001/politics/", outlet="local"))
    assert reason is not None and "169.254.169.254 is not on the outlet's domains" in reason


def test_a_name_that_resolves_to_a_loopback_address_is_refused() -> None:
    middleware = build_from_crawler(ScopeMiddleware, make_crawler(NAMED))
    reason = refusal(middleware, Request("http://localhost:8299/feed.xml", meta={"outlet": "ledger"}))
    assert reason is not None and reason.startswith("out of scope: localhost resolves to ")
    assert "loopback address" in reason


def test_a_name_server_that_never_answers_holds_a_request_only_until_dns_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lookup that hangs is given up after DNS_TIMEOUT; the request then goes on to Scrapy,
    whose own lookup reports the failure (and whose answer the peer check still watches)."""
    import time

    import newscrawl.spiders.scope as scope

    monkeypatch.setattr(scope, "_getaddrinfo", lambda host: time.sleep(2) or ["10.0.0.7"])
    crawler = make_crawler(NAMED)
    crawler.settings.frozen = False
    crawler.settings.set("DNS_TIMEOUT", 0.2)
    middleware = build_from_crawler(ScopeMiddleware, crawler)

    async def lookup() -> tuple[list[object], float]:
        started = time.monotonic()
        return await middleware.resolve("news.ledger.test"), time.monotonic() - started

    addresses, seconds = run(lookup())
    assert addresses == [] and seconds < 1.5  # given up: the 10.0.0.7 answer came too late


def test_a_robots_txt_redirect_is_held_to_the_outlet_and_its_refusal_recorded_by_the_spider() -> None:
    crawler = make_crawler(LOCAL)
    crawler.spider.on_error = lambda failure: None
    scheduled: list[Request] = []
    with_engine(crawler).crawl = scheduled.append
    middleware = build_from_crawler(ScopeMiddleware, crawler)
    robots = "http://127.0.0.5:8001/robots.txt"
    meta = {"dont_obey_robotstxt": True}

    assert refusal(middleware, Request(robots, callback=NO_CALLBACK, meta=meta)) is None
    away = Request("http://169.254.169.254/robots.txt", callback=NO_CALLBACK,
                   meta={**meta, "redirect_urls": [robots]})
    assert refusal(middleware, away) is not None

    (record,) = scheduled
    assert record.url == away.url and record.errback is crawler.spider.on_error
    assert record.meta["outlet"] == "local" and record.meta["via"] == "robots.txt"
    assert refusal(middleware, record) == record.meta[REFUSED_META], "refused without being sent"


def test_a_request_for_no_outlet_stays_on_its_own_host() -> None:
    middleware = build_from_crawler(ScopeMiddleware, make_crawler(LOCAL))
    api = "http://127.0.0.9:7000/api/v2/doc/doc?query=x"
    assert refusal(middleware, Request(api)) is None
    assert refusal(middleware, redirected("http://127.0.0.9:7000/v3", api)) is None
    assert refusal(middleware, redirected("http://169.254.169.254/", api)) == (
        "redirected to http://169.254.169.254/, out of scope: 169.254.169.254 is not "
        "127.0.0.9:7000, where the request was made; not followed")


def test_an_answer_from_a_non_public_peer_is_refused_after_all() -> None:
    middleware = build_from_crawler(ScopeMiddleware, make_crawler(NAMED))
    request = Request("https://news.ledger.test/story.html", meta={"outlet": "ledger"})
    answer = HtmlResponse(request.url, body=b"<html></html>", request=request,
                          ip_address=ipaddress.ip_address("10.0.0.7"))
    with pytest.raises(OutOfScope, match="news.ledger.test answered from 10.0.0.7, a private address"):
        middleware.process_response(request, answer)
    public = answer.replace(ip_address=ipaddress.ip_address("93.184.215.14"))
    assert middleware.process_response(request, public) is public


def test_the_checks_are_worked_out_once_per_origin_and_peer_and_answer_as_before() -> None:
    """The middleware keeps each origin's and answering address's verdict (a few entries per
    host, never one per URL): every request and answer gets what the plain checks say."""
    other = Outlet(slug="other", name="Other", homepage="http://127.0.0.6:8001/", domain="127.0.0.6:8001")
    middleware = build_from_crawler(ScopeMiddleware, make_crawler(LOCAL, other))
    urls = [f"http://127.0.0.5:8001/2026/01/story-{i}.html" for i in range(50)]
    urls += [f"http://127.0.0.6:8001/story-{i}.html" for i in range(5)]
    urls += ["http://127.0.0.1:8001/a.html", "http://169.254.169.254/latest/meta-data/iam"]
    for _ in range(2):  # the second time from what the middleware kept
        for url in urls:
            for slug, owner in (("local", LOCAL), ("other", other)):
                reason = refusal(middleware, Request(url, meta={"outlet": slug}))
                expected = url_problem(owner, url)
                assert reason == (None if expected is None else f"out of scope: {expected}")
    assert len(middleware._origins) == 8  # 4 origins x 2 outlets, not one entry per URL
    request = Request(urls[0], meta={"outlet": "local"})
    peers = (("127.0.0.5", False), ("127.0.0.9", True), ("10.0.0.7", True), ("127.0.0.5", False))
    for peer, refused in peers:
        answer = HtmlResponse(request.url, body=b"", request=request, ip_address=ipaddress.ip_address(peer))
        if refused:
            with pytest.raises(OutOfScope, match=f"answered from {peer}"):
                middleware.process_response(request, answer)
        else:
            assert middleware.process_response(request, answer) is answer
    assert len(middleware._peers) == 3


def test_the_kept_checks_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newscrawl.spiders.scope.CHECKS_KEPT", 10)
    middleware = build_from_crawler(ScopeMiddleware, make_crawler(LOCAL))
    for port in range(8000, 8050):
        assert refusal(middleware, Request(f"http://127.0.0.5:{port}/a.html", meta={"outlet": "local"})) == (
            None if port == 8001 else
            f"out of scope: 127.0.0.5:{port} is not on the outlet's domains (127.0.0.5:8001)")
        assert len(middleware._origins) <= 10


# -- the spider records the refusal ------------------------------------------------------------


def test_a_refused_redirect_is_a_page_row_of_the_url_asked_for(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, [LOCAL])
    feed = "http://127.0.0.5:8001/feed.xml"
    failure = Failure(OutOfScope("redirected to http://127.0.0.1:8299/feed.xml, out of scope: ..."))
    failure.request = redirected("http://127.0.0.1:8299/feed.xml", feed, outlet="local", via="feed")

    (page,) = list(crawler.spider.on_error(failure))

    assert (page.url, page.final_url, page.status) == (feed, "http://127.0.0.1:8299/feed.xml", None)
    assert (page.verdict, page.reason) == (OUT_OF_SCOPE, failure.value.reason)
    assert crawler.stats.get_value("newscrawl/failed/out-of-scope") == 1


# -- real crawls -----------------------------------------------------------------------------------


def _pages(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return {url: (verdict, reason) for url, verdict, reason in
                conn.execute("SELECT url, verdict, reason FROM pages")}


def _outlet_dir(root: Path, slug: str, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = root / slug / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


@pytest.mark.slow
def test_listing_and_robots_redirects_out_of_scope_are_refused_and_recorded(tmp_path: Path) -> None:
    """A feed, a sitemap and robots.txt redirect to another local address, a start page to the
    cloud metadata address: nothing is fetched there, and each refusal is a page row."""
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
            '<link>{{base:target}}/2026/01/story.html</link></item></channel></rss>')
    _outlet_dir(tmp_path / "target", "target", {
        "feed.xml": feed, "sitemap.xml": "<urlset/>", "robots.txt": "User-agent: *\nDisallow:\n"})
    with FixtureWeb(tmp_path / "target", host="127.0.0.1").start() as target:
        elsewhere = target.base_urls["target"]
        web = tmp_path / "web"
        _outlet_dir(web, "hostile", {"index.html": "<html><body>home</body></html>"})
        (web / "routes.toml").write_text(
            f'[[route]]\noutlet = "hostile"\npath = "/feed.xml"\nstatus = 302\n'
            f'location = "{elsewhere}/feed.xml"\n'
            f'[[route]]\noutlet = "hostile"\npath = "/sitemap.xml"\nstatus = 301\n'
            f'location = "{elsewhere}/sitemap.xml"\n'
            f'[[route]]\noutlet = "hostile"\npath = "/robots.txt"\nstatus = 302\n'
            f'location = "{elsewhere}/robots.txt"\n'
            '[[route]]\noutlet = "hostile"\npath = "/politics/"\nstatus = 302\n'
            'location = "http://169.254.169.254/latest/meta-data/iam"\n')
        (web / "sources.toml").write_text(outlet_table(
            "hostile", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"], start_pages=["/politics/"]))
        with FixtureWeb(web, host="127.0.0.5").start() as hostile:
            crawl(hostile.sources_path, tmp_path / "n.db", settings=(*QUICK, "DOWNLOAD_TIMEOUT=5"))
            base = hostile.base_urls["hostile"]
        assert target.requests == [], "nothing was fetched at the other address"
    pages = _pages(tmp_path / "n.db")
    away = elsewhere.split("://")[1]
    assert pages[f"{base}/feed.xml"] == (OUT_OF_SCOPE, (
        f"redirected to {elsewhere}/feed.xml, out of scope: {away} is not on the outlet's "
        f"domains ({base.split('://')[1]}); not followed"))
    assert pages[f"{base}/sitemap.xml"][0] == OUT_OF_SCOPE
    assert pages[f"{base}/robots.txt"][0] == OUT_OF_SCOPE
    verdict, reason = pages[f"{base}/politics/"]
    assert verdict == OUT_OF_SCOPE
    assert reason.startswith("redirected to http://169.254.169.254/latest/meta-data/iam, out of scope")


# -- sources check ---------------------------------------------------------------------------------


def test_sources_check_refuses_redirects_out_of_scope(tmp_path: Path) -> None:
    web = tmp_path / "web"
    _outlet_dir(web, "hostile", {"robots.txt": "User-agent: *\nDisallow:\n"})
    (web / "routes.toml").write_text(
        '[[route]]\noutlet = "hostile"\npath = "/feed.xml"\nstatus = 302\n'
        'location = "http://127.0.0.1:8299/feed.xml"\n'
        '[[route]]\noutlet = "hostile"\npath = "/politics/"\nstatus = 302\n'
        'location = "http://169.254.169.254/latest/meta-data/iam"\n')
    (web / "sources.toml").write_text(
        outlet_table("hostile", feeds=["/feed.xml"], start_pages=["/politics/"]))
    with FixtureWeb(web, host="127.0.0.5").start() as served:
        results = {r.url: r for r in check_outlets(load_sources(served.sources_path), user_agent="t",
                                                    timeout=5)}
        base = served.base_urls["hostile"]
    feed, politics = results[f"{base}/feed.xml"], results[f"{base}/politics/"]
    assert not feed.ok and feed.detail == (
        "redirects to http://127.0.0.1:8299/feed.xml, out of scope: 127.0.0.1:8299 is not on the "
        f"outlet's domains ({base.split('://')[1]}); not followed")
    assert not politics.ok and politics.detail.startswith(
        "redirects to http://169.254.169.254/latest/meta-data/iam, out of scope")


def test_sources_check_refuses_a_name_that_connects_to_a_loopback_address(tmp_path: Path) -> None:
    _outlet_dir(tmp_path / "web", "named", {"feed.xml": "<rss/>"})
    with FixtureWeb(tmp_path / "web", host="127.0.0.1").start() as served:
        port = served.base_urls["named"].rsplit(":", 1)[1]
        named = Outlet(slug="named", name="Named", homepage=f"http://localhost:{port}/",
                       domain=f"localhost:{port}", feeds=(f"http://localhost:{port}/feed.xml",))
        result = check_url(named, "feed", named.feeds[0], user_agent="t", timeout=5)
        assert served.requests == [], "nothing was sent"
    assert not result.ok
    assert result.detail.startswith("out of scope: localhost is at ") and "loopback address" in result.detail


def test_a_feed_on_a_configured_feed_host_is_in_scope_with_its_robots_txt() -> None:
    hosted = Outlet(slug="local", name="Local", homepage="http://127.0.0.5:8001/", domain="127.0.0.5:8001",
                    feeds=("http://127.0.0.6:9000/local.xml",))
    crawler = make_crawler(hosted)
    crawler.spider.on_error = lambda failure: None
    scheduled: list[Request] = []
    with_engine(crawler).crawl = scheduled.append
    middleware = build_from_crawler(ScopeMiddleware, crawler)
    robots = "http://127.0.0.6:9000/robots.txt"

    assert refusal(middleware, Request(hosted.feeds[0], meta={"outlet": "local"})) is None
    assert refusal(middleware, Request(robots, callback=NO_CALLBACK)) is None
    assert refusal(middleware, Request("http://127.0.0.6:9001/", meta={"outlet": "local"})) is not None
    away = Request("http://127.0.0.1:8299/robots.txt", callback=NO_CALLBACK, meta={"redirect_urls": [robots]})
    assert refusal(middleware, away) is not None
    assert [r.meta["outlet"] for r in scheduled] == ["local"]


@pytest.mark.slow
def test_a_crawl_refuses_a_name_that_resolves_to_a_loopback_address(tmp_path: Path) -> None:
    _outlet_dir(tmp_path / "web", "named", {"politics/index.html": "<html><body>x</body></html>"})
    with FixtureWeb(tmp_path / "web", host="127.0.0.1").start() as served:
        port = served.base_urls["named"].rsplit(":", 1)[1]
        sources = tmp_path / "sources.toml"
        sources.write_text(outlet_table("named", start_pages=["/politics/"])
                           .replace("{{base:named}}", f"http://localhost:{port}")
                           .replace("{{host:named}}", f"localhost:{port}"))
        crawl(sources, tmp_path / "n.db", settings=QUICK)
        assert served.requests == [], "nothing was sent, robots.txt included"
    verdict, reason = _pages(tmp_path / "n.db")[f"http://localhost:{port}/politics/"]
    assert verdict == OUT_OF_SCOPE
    assert reason.startswith("out of scope: localhost resolves to ") and "loopback address" in reason
