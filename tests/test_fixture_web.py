"""The fixture news web (data/demo-web) and its server, newscrawl.crawl.fixture_web."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
import pytest
from lxml import etree

from newscrawl.crawl.fixture_web import FixtureWeb, default_root
from newscrawl.discover.feeds import parse_feed

ROOT = default_root()
EXPECTED: list[dict] = tomllib.loads((ROOT / "expected.toml").read_text())["page"]
VERDICTS = {
    "article", "off-topic", "duplicate", "not-article", "blocked-by-robots", "error", "redirect",
    "not-fetched",
}
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def fetch(
    url: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request without following redirects: (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path or "/", headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def web() -> Iterator[FixtureWeb]:
    with FixtureWeb() as served:
        yield served


@pytest.fixture(scope="module")
def sources(web: FixtureWeb) -> dict[str, dict]:
    return tomllib.loads(web.sources_path.read_text())["outlets"]


def _section_urls(start_pages: list[str]) -> set[str]:
    """Start pages and every same-site link of the listing pages reachable from them."""
    seen: set[str] = set()
    todo = list(start_pages)
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        status, _, body = fetch(url)
        if status != 200 or b'og:type" content="website"' not in body:
            continue
        for href in lxml.html.fromstring(body).xpath("//a/@href"):
            link = urljoin(url, href)
            if urlsplit(link).netloc == urlsplit(url).netloc:
                todo.append(link) if link.endswith("/") else seen.add(link)
    return seen


def _listed_urls(web: FixtureWeb, sources: dict[str, dict]) -> dict[str, set[str]]:
    """Every URL linked from each outlet's feeds, sitemaps (indexes followed) and start pages."""
    listed: dict[str, set[str]] = {}
    for slug, outlet in sources.items():
        urls: set[str] = _section_urls(outlet.get("start_pages", []))
        for feed in outlet["feeds"]:
            parsed = feedparser.parse(fetch(feed)[2])
            urls.update(entry.link for entry in parsed.entries)
        todo = list(outlet["sitemaps"])
        while todo:
            tree = etree.fromstring(fetch(todo.pop())[2])
            locs = [loc.text.strip() for loc in tree.iter(f"{SM}loc")]
            if tree.tag == f"{SM}sitemapindex":
                todo.extend(locs)
            else:
                urls.update(locs)
        listed[slug] = urls
    return listed


# -- the server ---------------------------------------------------------------------------


def test_each_outlet_has_its_own_port(web: FixtureWeb) -> None:
    assert {"ledger", "bytewire", "prairie", "latino", "wire"} <= set(web.outlets)
    ports = {urlsplit(base).port for base in web.base_urls.values()}
    assert len(ports) == len(web.outlets)
    for slug in web.outlets:
        base = web.base_urls[slug]
        assert base.startswith("http://127.0.0.1:") and not base.endswith("/")
        assert web.url(slug, "/robots.txt") == base + "/robots.txt"
        assert web.host_of(slug) == base.removeprefix("http://")
        status, headers, body = fetch(web.url(slug))
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert b"<html" in body


def test_outlets_exclude_private_and_empty_dirs(tmp_path: Path) -> None:
    for name in ("alpha", "_shared", ".hidden"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("<html></html>")
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    assert FixtureWeb(tmp_path).outlets == ["alpha"]


def test_a_path_without_suffix_is_templated_when_routes_give_it_a_text_type(tmp_path: Path) -> None:
    (tmp_path / "alpha" / "news").mkdir(parents=True)
    story = '<link rel="canonical" href="{{base:alpha}}/news/story">'
    (tmp_path / "alpha" / "news" / "story").write_text(story)
    (tmp_path / "alpha" / "blob").write_bytes(b"{{base:alpha}}")
    (tmp_path / "routes.toml").write_text(
        '[[route]]\noutlet = "alpha"\npath = "/news/story"\ncontent_type = "text/html; charset=utf-8"\n')
    with FixtureWeb(tmp_path) as web:
        status, headers, body = fetch(web.url("alpha", "/news/story"))
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert body.decode() == '<link rel="canonical" href="' + web.url("alpha", "/news/story") + '">'
        assert fetch(web.url("alpha", "/blob"))[2] == b"{{base:alpha}}", "bytes of no text type stay"


def test_a_feed_served_as_text_xml_is_templated(tmp_path: Path) -> None:
    (tmp_path / "alpha" / "news").mkdir(parents=True)
    (tmp_path / "alpha" / "news" / "rss").write_text("<rss><link>{{base:alpha}}/a</link></rss>")
    (tmp_path / "routes.toml").write_text(
        '[[route]]\noutlet = "alpha"\npath = "/news/rss"\ncontent_type = "text/xml; charset=utf-8"\n')
    with FixtureWeb(tmp_path) as web:
        body = fetch(web.url("alpha", "/news/rss"))[2].decode()
        assert body == f"<rss><link>{web.url('alpha', '/a')}</link></rss>"


def test_missing_root_is_a_clear_error(tmp_path: Path) -> None:
    assert default_root() == Path(__file__).resolve().parents[1] / "data" / "demo-web"
    with pytest.raises(FileNotFoundError, match="not a directory"):
        FixtureWeb(tmp_path / "nope")


def test_placeholders_are_replaced(web: FixtureWeb) -> None:
    body = fetch(web.url("prairie", "/rss.xml"))[2]
    assert b"{{" not in body
    assert web.base_urls["prairie"].encode() in body
    assert web.base_urls["wire"].encode() in body  # a real cross-outlet link
    page = fetch(web.url("ledger", "/2026/01/27/tech-workers-letter.html"))[2]
    assert f'<link rel="canonical" href="{web.base_urls["ledger"]}/'.encode() in page
    rendered = web.render(b"{{host:wire}} {{base:nosuch}}")
    assert rendered == f"{web.host_of('wire')} {{{{base:nosuch}}}}".encode()


@pytest.mark.slow
def test_sources_toml_is_rendered_and_removed_on_stop() -> None:
    web = FixtureWeb().start()
    try:
        path = web.sources_path
        text = path.read_text()
        assert path.parent != ROOT
        assert all("{{" not in line for line in text.splitlines() if not line.startswith("#"))
        outlets = tomllib.loads(text)["outlets"]
        assert set(outlets) == set(web.outlets)
        for slug, outlet in outlets.items():
            assert outlet["domain"] == web.host_of(slug)
            assert outlet["homepage"] == web.url(slug)
            assert all(u.startswith(web.base_urls[slug]) for u in outlet["feeds"] + outlet["sitemaps"])
    finally:
        web.stop()
    assert not path.exists()
    with pytest.raises(OSError):
        fetch(web.url(slug, "/robots.txt"))


def test_routes_give_errors_and_redirects(web: FixtureWeb) -> None:
    status, _, body = fetch(web.url("prairie", "/2026/01/broken-story.html"))
    assert status == 500 and b"went wrong" in body
    status, headers, body = fetch(web.url("prairie", "/2026/01/missing-story.html"))
    assert status == 404 and headers["Content-Type"].startswith("text/html") and b"404" in body
    status, headers, _ = fetch(web.url("prairie", "/2026/01/pretti-vigil-update.html"))
    assert status == 301
    assert headers["Location"] == web.url("prairie", "/2026/01/alex-pretti-vigil.html")
    assert fetch(web.url("ledger", "/feed.rss"))[1]["Cache-Control"] == "max-age=300"


def test_directory_without_slash_redirects(web: FixtureWeb) -> None:
    status, headers, _ = fetch(web.url("ledger", "/section/technology"))
    assert status == 301 and headers["Location"] == web.url("ledger", "/section/technology/")
    assert fetch(web.url("ledger", "/section/technology/"))[0] == 200
    assert fetch(web.url("ledger", "/../expected.toml"))[0] == 404


def test_latin1_bytes_are_preserved(web: FixtureWeb) -> None:
    status, headers, body = fetch(web.url("latino", "/2026/01/trabajadores-tecnologia-carta.html"))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert "tecnología".encode("latin-1") in body and "tecnología".encode() not in body
    text = body.decode("latin-1")
    assert "compañías" in text and "Julián Ávila" in text and "{{" not in text


def test_content_types(web: FixtureWeb) -> None:
    cases = {
        ("ledger", "/feed.rss"): "application/rss+xml",
        ("bytewire", "/feed.atom"): "application/atom+xml",
        ("ledger", "/sitemap_index.xml"): "application/xml",
        ("latino", "/feed.json"): "application/json",
        ("wire", "/robots.txt"): "text/plain; charset=utf-8",
        ("bytewire", "/media/iceout-letter-summary.pdf"): "application/pdf",
    }
    for (slug, path), ctype in cases.items():
        status, headers, body = fetch(web.url(slug, path))
        assert status == 200 and headers["Content-Type"] == ctype, (slug, path)
    assert body.startswith(b"%PDF-")


def test_robots_txt_per_outlet(web: FixtureWeb) -> None:
    for slug in web.outlets:
        status, _, body = fetch(web.url(slug, "/robots.txt"))
        assert status == 200 and b"User-agent: *" in body
    assert b"Disallow: /private/" in fetch(web.url("prairie", "/robots.txt"))[2]


def test_conditional_requests_answer_304(web: FixtureWeb) -> None:
    url = web.url("ledger", "/2026/01/27/tech-workers-letter.html")
    status, headers, body = fetch(url)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200 and etag.startswith('"') and modified.endswith("GMT")
    status, headers304, body304 = fetch(url, headers={"If-None-Match": etag})
    assert status == 304 and body304 == b"" and headers304["ETag"] == etag
    assert fetch(url, headers={"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, headers={"If-Modified-Since": modified})[0] == 304
    assert fetch(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200
    status, head_headers, head_body = fetch(url, method="HEAD")
    assert status == 200 and head_body == b""
    assert int(head_headers["Content-Length"]) == len(body)


def test_requests_are_recorded(web: FixtureWeb) -> None:
    web.clear_requests()
    fetch(web.url("wire", "/stories/?page=2"))
    fetch(web.url("wire", "/nope.html"), method="HEAD")
    assert [(r.outlet, r.method, r.path, r.status) for r in web.requests] == [
        ("wire", "GET", "/stories/?page=2", 200),
        ("wire", "HEAD", "/nope.html", 404),
    ]
    assert web.requests[0].at <= web.requests[1].at
    assert any(name.lower() == "host" for name, _ in web.requests[0].headers)
    assert web.requests_for(lambda r: r.status == 404) == [web.requests[1]]
    assert web.requests_for("wire") == web.requests and web.requests_for("ledger") == []
    web.clear_requests()
    assert web.requests_for() == []


@pytest.mark.slow
def test_serves_concurrent_requests_and_kept_alive_ones_without_stalls(web: FixtureWeb) -> None:
    """Every one of 360 requests from 8 threads is answered, and a kept-alive connection, as
    Scrapy uses them, has no Nagle/delayed-ACK stall (40 ms a request on Linux): its median
    request takes a fraction of that. Behaviour, not a rate: a rate asserted here failed on a
    loaded machine (204 requests/s against 300); speed is measured in bench/."""
    urls = [web.url(slug, "/robots.txt") for slug in web.outlets] * 60
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda u: fetch(u)[0], urls))
    assert statuses == [200] * len(urls)
    conn = http.client.HTTPConnection(web.host_of("ledger"), timeout=10)
    times = []
    for _ in range(300):
        start = time.perf_counter()
        conn.request("GET", "/2026/01/27/tech-workers-letter.html")
        response = conn.getresponse()
        assert response.status == 200 and response.read()
        times.append(time.perf_counter() - start)
    conn.close()
    assert statistics.median(times) < 0.02, f"median {statistics.median(times) * 1000:.1f} ms a request"


@pytest.mark.slow
def test_main_serves_until_interrupted() -> None:
    # PYTHONFAULTHANDLER: a server that does not stop is made to print its threads' stacks.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.crawl.fixture_web"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        lines = []
        while proc.stdout and not (lines and lines[-1].startswith("serving")):
            lines.append(proc.stdout.readline())
            assert lines[-1], proc.stderr.read() if proc.stderr else ""
        ledger = next(line for line in lines if line.startswith("ledger"))
        assert fetch(ledger.split()[1] + "robots.txt")[0] == 200
        proc.send_signal(signal.SIGINT)
        try:
            assert proc.wait(timeout=20) == 0
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # the fault handler prints every thread's stack
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"still serving 20 s after SIGINT; its threads:\n{err}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- the fictional web --------------------------------------------------------------------


def test_every_feed_parses_with_entries(web: FixtureWeb, sources: dict[str, dict]) -> None:
    for outlet in sources.values():
        for feed in outlet["feeds"]:
            links = parse_feed(fetch(feed)[2], feed)
            assert links, feed
            assert all(link.url.startswith("http://127.0.0.1:") for link in links)
            if not feed.endswith(".json"):
                assert not feedparser.parse(fetch(feed)[2]).bozo, feed
    kinds = {feedparser.parse(fetch(f)[2]).version for o in sources.values() for f in o["feeds"]}
    assert {"rss20", "atom10"} <= kinds
    jf = json.loads(fetch(web.url("latino", "/feed.json"))[2])
    assert jf["version"] == "https://jsonfeed.org/version/1.1" and len(jf["items"]) == 5


def test_every_sitemap_is_well_formed(web: FixtureWeb, sources: dict[str, dict]) -> None:
    seen_news = seen_index = False
    todo = [u for outlet in sources.values() for u in outlet["sitemaps"]]
    while todo:
        url = todo.pop()
        status, _, body = fetch(url)
        assert status == 200, url
        tree = etree.fromstring(body)
        locs = [loc.text for loc in tree.iter(f"{SM}loc")]
        assert locs and all(loc.startswith("http://127.0.0.1:") for loc in locs), url
        if tree.tag == f"{SM}sitemapindex":
            seen_index = True
            todo.extend(locs)
        else:
            assert tree.tag == f"{SM}urlset", url
        news = "{http://www.google.com/schemas/sitemap-news/0.9}"
        if tree.find(f".//{news}publication_date") is not None:
            seen_news = True
            assert tree.find(f".//{news}title") is not None
    assert seen_news and seen_index


def test_expected_toml_is_consistent(web: FixtureWeb) -> None:
    keys = [(e["outlet"], e["path"]) for e in EXPECTED]
    assert len(keys) == len(set(keys)), "duplicate entries"
    for entry in EXPECTED:
        assert entry["outlet"] in web.outlets and entry["path"].startswith("/")
        assert entry["verdict"] in VERDICTS and entry.get("since_2026", "article") in VERDICTS
        assert entry.get("note"), entry
        if entry["verdict"] == "article":
            assert {"title", "published_at", "language"} <= set(entry), entry
            assert entry["published_at"] < "2026-11-24"
    verdicts = [e["verdict"] for e in EXPECTED]
    assert verdicts.count("article") >= 12 + 3
    assert {"off-topic", "duplicate", "not-article", "blocked-by-robots", "error", "redirect",
            "not-fetched"} <= set(verdicts)
    wire = {e["outlet"] for e in EXPECTED if e.get("cluster") == "wire-letter"}
    assert len(wire) >= 4


def test_every_expected_path_answers(web: FixtureWeb) -> None:
    for entry in EXPECTED:
        verdict, url = entry["verdict"], web.url(entry["outlet"], entry["path"])
        status, headers, body = fetch(url)
        if verdict == "error":
            assert str(status) == entry["reason"], url
        elif verdict == "redirect":
            assert status == 301 and headers["Location"].endswith(entry["reason"]), url
        else:
            assert status == 200, url
        if status == 200 and headers["Content-Type"].startswith("text/html"):
            assert b"<!-- expected:" in body[:400], f"{url} lacks its expected-outcome comment"


def test_every_listed_url_has_an_expected_outcome(
    web: FixtureWeb, sources: dict[str, dict]
) -> None:
    known = {web.url(e["outlet"], e["path"]) for e in EXPECTED}
    for slug, urls in _listed_urls(web, sources).items():
        missing = sorted(urls - known)
        assert not missing, f"{slug} lists URLs without an entry in expected.toml: {missing}"
    listed = set().union(*_listed_urls(web, sources).values())
    unlisted = [e for e in EXPECTED if web.url(e["outlet"], e["path"]) not in listed]
    assert unlisted == [], "expected.toml entries that no feed, sitemap or start page links"


def test_topic_words_on_and_off_topic(web: FixtureWeb) -> None:
    """On-topic bodies say ICE; off-topic bodies (and titles) never use the token ICE.

    Related-link boxes of off-topic pages may list ICE headlines: boilerplate, not checked.
    """
    for entry in EXPECTED:
        if entry["verdict"] not in ("article", "off-topic"):
            continue
        tree = lxml.html.fromstring(fetch(web.url(entry["outlet"], entry["path"]))[2])
        body = " ".join(el.text_content() for el in tree.iter("p", "h1", "title"))
        has_ice = re.search(r"\bICE\b", body) is not None
        if entry["verdict"] == "off-topic":
            assert not has_ice, entry["path"]
        else:
            assert has_ice, entry["path"]
            for phrase in entry.get("text_contains", []):
                assert phrase in body, (entry["path"], phrase)


def test_the_folder_of_a_fixture_web_killed_outright_is_removed_by_the_next_one() -> None:
    import tempfile

    from newscrawl.crawl.fixture_web import TMP_PREFIX

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    orphan = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{gone.stdout.strip()}-"))
    (orphan / "sources.toml").write_text("")
    mine = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-"))  # a live one
    try:
        with FixtureWeb() as web:
            assert web.sources_path.is_file()
        assert not orphan.exists(), "the folder of a dead server is removed"
        assert mine.exists(), "a live server's folder is left alone"
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        shutil.rmtree(orphan, ignore_errors=True)
