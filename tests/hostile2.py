"""A second hostile news web: misbehaving servers and traps that tests/hostile.py does not serve.

:class:`HostileWeb2` serves, in threads of this process:

- the outlet ``hostile2`` on ``127.0.0.28:PORT``: a feed, a sitemap and a start page that link
  to a few good on-topic articles and to every endpoint of :data:`ENDPOINTS`: spider traps (an
  endless day archive, endless ``?page=N`` listings, a page of 50,000 links, a sitemap index
  ten levels deep, a sitemap of 60,000 URLs), lying framing (headers trickled a byte at a time,
  a chunked body that never ends, a short ``Content-Length``, a header line of 100 kB),
  encodings (``gzip`` on a plain body, raw ``deflate``, ``br``, a gzipped sitemap sent as
  text/html, a sitemap with blank lines before its XML declaration, a feed sent as text/html),
  bodies that break parsers (NUL bytes, UTF-16 with a BOM, 10,000 nested ``<div>``), one
  story under 50 addresses of tracking and session parameters, a URL of 10,000 characters, a
  cookie flood, a ``<meta http-equiv=refresh>`` loop, a redirect to ``file:///etc/passwd``,
  links in every scheme and in the address tricks that fool URL parsers, a ``<base href>`` on
  another host, a canonical link to a link-local address; its robots.txt is a CMS's HTML page;
- two more outlets on other ports of ``127.0.0.28`` (other sites, each with its own robots.txt),
  each with a feed of one good story: ``robots503``, whose robots.txt answers 503 with
  ``Retry-After: 86400``, and ``robotshang``, whose robots.txt never answers (:data:`ROBOTS_SITES`);
- a bystander on ``127.0.0.29:PORT``, an address no outlet owns: the tricks point at it, and it
  records whether it was ever asked anything.

Every request is recorded (:class:`~newscrawl.crawl.fixture_web.RequestRecord`). Every endpoint
ends by itself within :data:`MAX_SECONDS`, and :meth:`HostileWeb2.stop` ends those still running.

``sources.toml`` (:attr:`HostileWeb2.sources_path`) and a topic file that the good articles
match (:attr:`HostileWeb2.topic_path`) are written to the directory given to the constructor.

Serve it by hand with ``python tests/hostile2.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import itertools
import random
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import brotli
from smallweb import outlet_table

from newscrawl.crawl.fixture_web import LocalHandler, LocalServer, RequestRecord
from newscrawl.settings import newscrawl_settings

OUTLET = "hostile2"
OUTLET_HOST = "127.0.0.28"
BYSTANDER_HOST = "127.0.0.29"  # loopback, but not the outlet's: a crawl must never reach it
MAX_SECONDS = 10.0  # the longest any endpoint keeps a connection
TOPIC = '[topic]\nslug = "hostile2"\nname = "Hostile 2"\nquery = "=ICE AND detention"\n'
ARTICLE_PATTERN = "^/news/"
ARTICLES = "/news/2026/01/16"
MANY_LINKS = 50_000  # links on one listing page
OVERSIZE_SITEMAP = 60_000  # <url> entries in one sitemap: the protocol allows 50,000
SITEMAP_PROTOCOL_MAX = 50_000
LISTING_MAX_LINKS = next(s.default for s in newscrawl_settings if s.name == "NEWSCRAWL_LISTING_MAX_LINKS")
DEEP_SITEMAP_LEVELS = 10
NESTING = 10_000  # <div> levels around a story
COOKIES = 1_000
LONG_URL = f"{ARTICLES}/long-{'x' * 10_000}.html"
# One story under many addresses: tracking parameters, then session ids (in the query and the path).
TRACKING_QUERIES = (
    *(f"utm_source=feed{i}&utm_medium=rss&utm_campaign=c{i}" for i in range(12)),
    *(f"fbclid=IwAR{i:04d}" for i in range(6)),
    *(f"gclid=Cj0K{i:04d}" for i in range(4)),
    *(f"mc_cid={i:06x}&mc_eid={i:06x}" for i in range(4)),
    *(f"_ga=2.{i}.1" for i in range(3)),
    *(f"yclid={i}" for i in range(3)),
    *(f"igshid={i:08x}" for i in range(3)),
    *(f"PHPSESSID={i:016x}" for i in range(3)),
    *(f"sessionid={i:016x}" for i in range(3)),
    *(f"jsessionid={i:032X}" for i in range(3)),
)
SESSION_PATHS = tuple(f";jsessionid={i:032X}" for i in range(50 - len(TRACKING_QUERIES)))

WORDS = ("council", "warehouse", "lawyer", "families", "contract", "protest", "engineers",
         "judge", "hearing", "statement", "records", "neighbors", "vigil", "shift", "union",
         "harbor", "ferry", "clinic", "budget", "teachers", "mayor", "bridge", "permit",
         "orchard", "library", "tenants", "drivers", "pastor", "nurses", "county", "rail")


@dataclass(frozen=True)
class Endpoint:
    """One attack: where it is, how the crawl meets it, what it does and what must come of it.

    ``expect``: ``"row"`` (a pages row with a reason), ``"article"`` (a good story behind the
    attack, stored), or ``"bounded"`` (a trap: at most ``bound`` requests whose path starts
    with ``counted``, which defaults to the endpoint's path without its query)."""

    name: str
    path: str
    via: str  # "feed", "sitemap", "start page" (configured listings), "article" or "robots"
    attack: str
    expect: str = "row"
    bound: int = 0
    counted: str = ""

    @property
    def prefix(self) -> str:
        return self.counted or self.path.split("?")[0]


ENDPOINTS: tuple[Endpoint, ...] = (
    # -- traps on listings
    Endpoint("day-archive", "/archive/2026/01/14/", "start page",
             "a day's archive linking the day before and after, endlessly, every day empty", "bounded", 3,
             "/archive/"),
    Endpoint("endless-pages", "/latest/?page=1", "start page",
             "?page=N links ?page=N+1 forever, every page listing the same stories", "bounded", 2),
    Endpoint("many-links", "/everything/", "start page",
             f"one listing page of {MANY_LINKS:,} article links (all 404)", "bounded", LISTING_MAX_LINKS,
             f"{ARTICLES}/many-"),
    Endpoint("scheme-zoo", "/links/", "start page",
             "links in javascript:, data:, file:, mailto:, ftp:, tel: and to the bystander through "
             "userinfo, backslash, protocol-relative, decimal and hex addresses"),
    Endpoint("base-offsite", "/based/", "start page",
             "<base href> on the bystander, relative article links"),
    # -- sitemaps and feeds
    Endpoint("deep-sitemap", "/sitemaps/level-0.xml", "sitemap",
             f"a sitemap index {DEEP_SITEMAP_LEVELS} levels deep", "bounded", 4, "/sitemaps/level-"),
    Endpoint("oversize-sitemap", "/sitemap-60k.xml", "sitemap",
             f"{OVERSIZE_SITEMAP:,} <url> entries (the protocol's limit is {SITEMAP_PROTOCOL_MAX:,})"),
    Endpoint("gzip-sitemap-as-html", "/sitemap-news", "sitemap",
             "a gzipped sitemap sent as text/html without Content-Encoding, listing good story 4"),
    Endpoint("sitemap-leading-blank", "/sitemap-posts.xml", "sitemap",
             "blank lines before the XML declaration (a WordPress plugin's), listing good story 5"),
    Endpoint("feed-as-html", "/feed/", "feed", "an RSS feed sent as text/html, listing good story 6"),
    # -- articles: framing
    Endpoint("header-trickle", f"{ARTICLES}/header-trickle.html", "article",
             "status line and headers one byte every 0.5 s"),
    Endpoint("endless-chunked", f"{ARTICLES}/endless-chunked.html", "article",
             "a chunked body whose chunks keep coming"),
    Endpoint("short-length", f"{ARTICLES}/short-length.html", "article",
             "Content-Length half the body, the rest sent anyway"),
    Endpoint("header-overflow", f"{ARTICLES}/header-overflow.html", "article",
             "one header line of 100 kB"),
    # -- articles: encodings
    Endpoint("gzip-label-plain", f"{ARTICLES}/gzip-label-plain.html", "article",
             "Content-Encoding: gzip on a plain body"),
    Endpoint("deflate-raw", f"{ARTICLES}/deflate-raw.html", "article",
             "Content-Encoding: deflate, a raw deflate stream (no zlib header)", "article"),
    Endpoint("brotli", f"{ARTICLES}/brotli.html", "article", "Content-Encoding: br", "article"),
    # -- articles: bodies
    Endpoint("nul-bytes", f"{ARTICLES}/nul-bytes.html", "article", "NUL bytes between the paragraphs",
             "article"),
    Endpoint("utf16-bom", f"{ARTICLES}/utf16-bom.html", "article",
             "UTF-16LE with a BOM, text/html without a charset", "article"),
    Endpoint("deep-nesting", f"{ARTICLES}/deep-nesting.html", "article",
             f"the story inside {NESTING:,} nested <div>", "article"),
    # -- articles: addresses and headers
    Endpoint("tracking-dupes", f"{ARTICLES}/tracking-dupes.html", "article",
             "one story under 50 addresses of tracking parameters and session ids", "article"),
    Endpoint("long-url", LONG_URL, "article", "an article URL of 10,000 characters", "bounded", 1),
    Endpoint("cookie-flood", f"{ARTICLES}/cookie-flood.html", "article",
             f"{COOKIES:,} Set-Cookie headers on a good story", "article"),
    Endpoint("canonical-private", f"{ARTICLES}/canonical-private.html", "article",
             "a good story whose canonical is link-local and og:url the bystander", "article"),
    Endpoint("refresh-loop", f"{ARTICLES}/refresh-a.html", "article",
             "<meta http-equiv=refresh> to refresh-b, which refreshes back", "bounded", 4,
             f"{ARTICLES}/refresh-"),
    Endpoint("redirect-to-file", f"{ARTICLES}/to-file.html", "article", "302 to file:///etc/passwd"),
)
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
GOOD = tuple(f"{ARTICLES}/good-story-{i}.html" for i in range(1, 4))
# Good stories that only one odd sitemap or feed lists.
LISTED_ONLY_BY = {
    f"{ARTICLES}/good-story-4.html": "gzip-sitemap-as-html",
    f"{ARTICLES}/good-story-5.html": "sitemap-leading-blank",
    f"{ARTICLES}/good-story-6.html": "feed-as-html",
}
ROBOTS_ATTACK = "robots.txt is a CMS's HTML page of 1 MB, served 200 text/html"
# Outlets whose robots.txt fails: slug -> what it does. Each has /feed.rss listing ROBOTS_STORY.
ROBOTS_SITES = {
    "robots503": "robots.txt answers 503 with Retry-After: 86400",
    "robotshang": "robots.txt accepts the request and never answers",
}
ROBOTS_STORY = f"{ARTICLES}/behind-the-robots.html"


def story(seed: int, title: str) -> tuple[str, str]:
    """A good on-topic story's head and body (``<article>...</article>``), unlike every other."""
    rng = random.Random(seed)
    paragraphs = "".join(
        f"<p>ICE detention {' '.join(rng.choice(WORDS) for _ in range(45))} ({seed}-{n}).</p>\n"
        for n in range(4))
    return (f"<title>{title}</title>", f"<article><h1>{title}</h1>\n{paragraphs}</article>")


def story_page(seed: int, title: str, head: str = "<meta charset='utf-8'>") -> str:
    top, body = story(seed, title)
    return f"<!DOCTYPE html><html lang='en'><head>{head}{top}</head><body>{body}</body></html>"


def last_words(seed: int) -> str:
    """A marker from the last paragraph of :func:`story` ``seed``: a stored text holds it when whole."""
    return f"({seed}-3)"


SEEDS = {name: 300 + i for i, name in enumerate(BY_NAME)}


def _deflate_raw(data: bytes) -> bytes:
    out = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return out.compress(data) + out.flush()


class _Server(LocalServer):
    """One address of the web: ``respond`` answers every request."""

    QUIET_ERRORS = (ConnectionError, TimeoutError, OSError)

    def __init__(self, host: str, name: str, respond: Callable[[_Handler], None]) -> None:
        self.name = name
        self.respond = respond
        super().__init__((host, 0), _Handler)


class _Handler(LocalHandler):
    server: _Server
    server_version = "Hostile2/1.0"
    timeout = MAX_SECONDS

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self.server.respond(self)

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             headers: tuple[tuple[str, str], ...] = ()) -> None:
        """A well-formed answer with a Content-Length."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class HostileWeb2:
    """The outlet and the bystander, each on its own 127.0.0.x address and free port."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.requests: list[RequestRecord] = []
        self.sources_path = self.directory / "sources.toml"
        self.topic_path = self.directory / "topic.toml"
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self.base_url = self.bystander_url = ""
        self.robots_urls: dict[str, str] = {}  # ROBOTS_SITES' base URLs
        self._routes: dict[str, Callable[[_Handler], None]] = {}
        self._sessions = itertools.count()

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> HostileWeb2:
        """Bind both servers, write sources.toml and the topic file, start serving; returns self."""
        try:
            outlet = _Server(OUTLET_HOST, OUTLET, self._outlet)
            self._servers.append(outlet)
            bystander = _Server(BYSTANDER_HOST, "bystander", self._bystander)
            self._servers.append(bystander)
            for slug in ROBOTS_SITES:
                site = _Server(OUTLET_HOST, slug, self._robots_site)
                self._servers.append(site)
                self.robots_urls[slug] = f"http://{OUTLET_HOST}:{site.server_address[1]}"
            self.base_url = f"http://{OUTLET_HOST}:{outlet.server_address[1]}"
            self.bystander_url = f"http://{BYSTANDER_HOST}:{bystander.server_address[1]}"
            self._write_config()
            self._routes = self._answers()
            for server in self._servers:
                thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                          name=f"hostile2-{server.name}", daemon=True)
                thread.start()
                self._threads.append(thread)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """End every endpoint still running and stop the servers."""
        self._stopping.set()
        for server, _ in zip(self._servers, self._threads, strict=False):
            server.shutdown()
        for server in self._servers:
            server.close_connections()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> HostileWeb2:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what the tests ask -------------------------------------------------------------

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    def url(self, path: str) -> str:
        return self.base_url + path

    def requests_for(self, predicate: Callable[[RequestRecord], bool] | str) -> list[RequestRecord]:
        """Recorded requests matching ``predicate`` (a callable, or ``hostile2``/``bystander``)."""
        with self._lock:
            records = list(self.requests)
        if isinstance(predicate, str):
            return [r for r in records if r.outlet == predicate]
        return [r for r in records if predicate(r)]

    def tracking_urls(self) -> list[str]:
        """The 50 addresses of the tracking-dupes story."""
        path = BY_NAME["tracking-dupes"].path
        return ([self.url(f"{path}?{query}") for query in TRACKING_QUERIES]
                + [self.url(f"{path}{session}") for session in SESSION_PATHS])

    def _record(self, handler: _Handler, status: int) -> None:
        record = RequestRecord(handler.server.name, handler.command, handler.path, status,
                               time.monotonic(), tuple(handler.headers.items()))
        with self._lock:
            self.requests.append(record)

    def _write_config(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        table = outlet_table(
            OUTLET,
            feeds=["/feed.rss", *(e.path for e in ENDPOINTS if e.via == "feed")],
            sitemaps=["/sitemap.xml", *(e.path for e in ENDPOINTS if e.via == "sitemap")],
            start_pages=["/", *(e.path for e in ENDPOINTS if e.via == "start page")],
        )
        table = table.replace(f"{{{{base:{OUTLET}}}}}", self.base_url)
        table = table.replace(f"{{{{host:{OUTLET}}}}}", self.host)
        table = table.rstrip("\n") + f"\narticle_patterns = ['{ARTICLE_PATTERN}']\n"
        for slug, base in self.robots_urls.items():
            table += "\n" + outlet_table(slug, feeds=["/feed.rss"]).replace(
                f"{{{{base:{slug}}}}}", base).replace(f"{{{{host:{slug}}}}}", urlsplit(base).netloc)
        self.sources_path.write_text(table.rstrip("\n") + "\n")
        self.topic_path.write_text(TOPIC)

    # -- the bystander --------------------------------------------------------------------

    def _bystander(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, b"<html><body><p>bystander: nobody should read this</p></body></html>")

    # -- the outlets whose robots.txt fails ---------------------------------------------

    def _robots_site(self, handler: _Handler) -> None:
        path = handler.path.split("?")[0]
        slug = handler.server.name
        if path == "/robots.txt" and slug == "robots503":
            self._record(handler, 503)
            handler.send(503, b"<html><body><h1>Service unavailable</h1></body></html>",
                         headers=(("Retry-After", "86400"),))
        elif path == "/robots.txt":
            self._record(handler, 0)  # nothing is ever sent
            handler.close_connection = True
            self._stopping.wait(MAX_SECONDS)
        elif path == "/feed.rss":
            self._record(handler, 200)
            handler.send(200, self._feed([self.robots_urls[slug] + ROBOTS_STORY]), "application/rss+xml")
        elif path == ROBOTS_STORY:
            self._record(handler, 200)
            handler.send(200, story_page(sum(map(ord, slug)), f"The story behind {slug}").encode())
        else:
            self._not_found(handler)

    # -- the outlet -------------------------------------------------------------------------

    def _outlet(self, handler: _Handler) -> None:
        path = handler.path.split("?")[0].split(";")[0]
        answer = self._routes.get(path)
        if answer is None:
            answer = (self._day_archive if path.startswith("/archive/")
                      else self._deep_sitemap if path.startswith("/sitemaps/level-")
                      else self._not_found)
        answer(handler)

    def _answers(self) -> dict[str, Callable[[_Handler], None]]:
        ok = self._ok
        links = self._article_links()
        answers: dict[str, Callable[[_Handler], None]] = {
            "/robots.txt": self._robots,
            "/": ok(self._listing("Hostile Daily", links)),
            "/feed.rss": ok(self._feed(links), "application/rss+xml"),
            "/sitemap.xml": ok(self._urlset(links), "application/xml"),
            **{path: ok(story_page(i, f"Good story {i}").encode()) for i, path in enumerate(GOOD, 1)},
            **{path: ok(story_page(i, f"Good story {i}").encode())
               for i, path in enumerate(LISTED_ONLY_BY, len(GOOD) + 1)},
            f"{ARTICLES}/refresh-b.html": self._refresh_back,
        }
        for endpoint in ENDPOINTS:
            answers[endpoint.path.split("?")[0]] = getattr(self, "_" + endpoint.name.replace("-", "_"))
        return answers

    def _article_links(self) -> list[str]:
        """Every article of the outlet but those only one odd listing names, as absolute URLs."""
        paths = [*GOOD, *(e.path for e in ENDPOINTS if e.via == "article" and e.name != "tracking-dupes")]
        return [self.url(path) for path in paths] + self.tracking_urls()

    def _ok(self, body: bytes, content_type: str = "text/html; charset=utf-8") -> Callable[[_Handler], None]:
        def answer(handler: _Handler) -> None:
            self._record(handler, 200)
            handler.send(200, body, content_type)
        return answer

    def _not_found(self, handler: _Handler) -> None:
        self._record(handler, 404)
        handler.send(404, b"<html><body><h1>404</h1></body></html>")

    def _story(self, name: str) -> bytes:
        return story_page(SEEDS[name], f"The {name.replace('-', ' ')} story").encode()

    # The listings that lead to everything.

    def _robots(self, handler: _Handler) -> None:
        self._record(handler, 200)
        script = "<script>var cms = '" + "x" * (1024 * 1024) + "';</script>"
        body = (f"<!DOCTYPE html><html><head><title>Page not found</title>{script}</head><body>"
                "<h1>Sorry, we could not find that page</h1><p>Disallow: /</p></body></html>")
        handler.send(200, body.encode(), "text/html; charset=utf-8")

    @staticmethod
    def _listing(title: str, urls: list[str], head: str = "", extra: str = "") -> bytes:
        items = "".join(f'<li><a href="{url}">A long headline about the story number {i} in the harbor'
                        "</a></li>" for i, url in enumerate(urls))
        return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
                f"<h1>{title}</h1><ul>{items}</ul>{extra}</body></html>").encode()

    @staticmethod
    def _feed(urls: list[str]) -> bytes:
        items = "".join(f"<item><title>Story {i}</title><link>{url.replace('&', '&amp;')}</link>"
                        "<pubDate>Fri, 16 Jan 2026 12:00:00 GMT</pubDate></item>"
                        for i, url in enumerate(urls))
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile 2'
                f"</title><link>http://example.invalid/</link>{items}</channel></rss>").encode()

    @staticmethod
    def _urlset(urls: list[str]) -> bytes:
        locs = "".join(f"<url><loc>{url.replace('&', '&amp;')}</loc></url>" for url in urls)
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{locs}</urlset>').encode()

    # The attacks, one method per endpoint (named after it).

    def _day_archive(self, handler: _Handler) -> None:
        parts = handler.path.split("?")[0].strip("/").split("/")[1:]
        try:
            day = dt.date(*map(int, parts))
        except (TypeError, ValueError):
            self._not_found(handler)
            return
        before, after = day - dt.timedelta(days=1), day + dt.timedelta(days=1)
        extra = (f'<nav class="pagination"><a rel="next" href="/archive/{before:%Y/%m/%d}/">Older</a> '
                 f'<a href="/archive/{after:%Y/%m/%d}/">Next day</a></nav>')
        self._record(handler, 200)
        handler.send(200, self._listing(f"Archive {day}", [], extra=extra))

    def _endless_pages(self, handler: _Handler) -> None:
        query = urlsplit(handler.path).query
        page = int(query.rpartition("=")[2]) if query.rpartition("=")[2].isdigit() else 1
        extra = f'<a rel="next" href="/latest/?page={page + 1}">Next page</a>'
        self._record(handler, 200)
        handler.send(200, self._listing(f"Latest, page {page}", [self.url(p) for p in GOOD], extra=extra))

    def _many_links(self, handler: _Handler) -> None:
        self._record(handler, 200)
        links = "".join(f'<a href="{ARTICLES}/many-{i}.html">Story {i}</a>\n' for i in range(MANY_LINKS))
        handler.send(200, f"<html><head><title>Everything</title></head><body>{links}</body></html>".encode())

    def _scheme_zoo(self, handler: _Handler) -> None:
        by = urlsplit(self.bystander_url)
        port = by.port
        hrefs = [
            f"javascript:location='{ARTICLES}/js.html'",
            f"data:text/html,<a href='{ARTICLES}/data.html'>x</a>",
            "file:///etc/passwd", f"file://{OUTLET_HOST}/etc/passwd", "mailto:desk@example.com",
            f"ftp://{BYSTANDER_HOST}:{port}{ARTICLES}/ftp.html", "tel:+15555550100",
            f"http://{self.host}@{by.netloc}{ARTICLES}/userinfo.html",
            f"http://{by.netloc}\\@{self.host}{ARTICLES}/backslash.html",
            f"//{by.netloc}{ARTICLES}/protocol-relative.html",
            f"http://2130706461:{port}{ARTICLES}/decimal.html",  # 127.0.0.29
            f"http://0x7f00001d:{port}{ARTICLES}/hex.html",
            f"http://127.0.0.029:{port}{ARTICLES}/octal.html",
            f"http:{ARTICLES}/no-slashes.html", f"http:///{ARTICLES}/empty-host.html",
            f"HTTP://{self.host.upper()}{ARTICLES}/SHOUTED.html",
            f"  {self.url(GOOD[0])}  ",
        ]
        self._record(handler, 200)
        handler.send(200, self._listing("Links", hrefs))

    def _base_offsite(self, handler: _Handler) -> None:
        self._record(handler, 200)
        links = [f"{ARTICLES.lstrip('/')}/based-{i}.html" for i in range(3)]
        handler.send(200, self._listing("Based", links, head=f'<base href="{self.bystander_url}/">'))

    def _deep_sitemap(self, handler: _Handler) -> None:
        name = handler.path.rsplit("/", 1)[1]
        level = name.removeprefix("level-").removesuffix(".xml")
        if not level.isdigit() or int(level) > DEEP_SITEMAP_LEVELS:
            self._not_found(handler)
            return
        self._record(handler, 200)
        if int(level) == DEEP_SITEMAP_LEVELS:
            body = self._urlset([self.url(f"{ARTICLES}/bottom-of-the-index.html")])
        else:
            body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<sitemap><loc>{self.url(f'/sitemaps/level-{int(level) + 1}.xml')}</loc></sitemap>"
                    "</sitemapindex>").encode()
        handler.send(200, body, "application/xml")

    def _oversize_sitemap(self, handler: _Handler) -> None:
        self._record(handler, 200)
        # Off the article pattern: reading them costs the crawl nothing but the reading.
        handler.send(200, self._urlset([self.url(f"/bulk/{i}.html") for i in range(OVERSIZE_SITEMAP)]),
                     "application/xml")

    def _gzip_sitemap_as_html(self, handler: _Handler) -> None:
        self._record(handler, 200)
        urls = [self.url(path) for path, name in LISTED_ONLY_BY.items() if name == "gzip-sitemap-as-html"]
        handler.send(200, gzip.compress(self._urlset(urls)), "text/html; charset=utf-8")

    def _sitemap_leading_blank(self, handler: _Handler) -> None:
        self._record(handler, 200)
        urls = [self.url(path) for path, name in LISTED_ONLY_BY.items() if name == "sitemap-leading-blank"]
        handler.send(200, b"\n\n  \n" + self._urlset(urls), "application/xml")

    def _feed_as_html(self, handler: _Handler) -> None:
        self._record(handler, 200)
        urls = [self.url(path) for path, name in LISTED_ONLY_BY.items() if name == "feed-as-html"]
        handler.send(200, self._feed(urls), "text/html; charset=utf-8")

    def _header_trickle(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.close_connection = True
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"." * 64 + b"\r\n\r\n"
        deadline = time.monotonic() + MAX_SECONDS
        for byte in head:
            if time.monotonic() > deadline or self._stopping.wait(0.5):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    def _endless_chunked(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        deadline = time.monotonic() + MAX_SECONDS
        chunk = b"<p>ICE detention harbor council vigil</p>\n"
        while time.monotonic() < deadline and not self._stopping.wait(0.1):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            handler.wfile.flush()

    def _short_length(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = self._story("short-length")
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body) // 2))
        handler.end_headers()
        handler.wfile.write(body)

    def _header_overflow(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, self._story("header-overflow"), headers=(("X-Tracking", "t" * 100_000),))

    def _gzip_label_plain(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, self._story("gzip-label-plain"), headers=(("Content-Encoding", "gzip"),))

    def _deflate_raw(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = _deflate_raw(self._story("deflate-raw"))
        handler.send(200, body, headers=(("Content-Encoding", "deflate"),))

    def _brotli(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, brotli.compress(self._story("brotli")), headers=(("Content-Encoding", "br"),))

    def _nul_bytes(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = self._story("nul-bytes").replace(b"</p>\n", b"</p>\x00\n").replace(b"<body>", b"<body>\x00")
        handler.send(200, body)

    def _utf16_bom(self, handler: _Handler) -> None:
        self._record(handler, 200)
        page = story_page(SEEDS["utf16-bom"], "The utf16 bom story — señora Núñez",
                          head="<meta charset='utf-16'>")
        handler.send(200, page.encode("utf-16"), "text/html")

    def _deep_nesting(self, handler: _Handler) -> None:
        self._record(handler, 200)
        top, body = story(SEEDS["deep-nesting"], "The deep nesting story")
        page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{top}</head><body>"
                + "<div>" * NESTING + body + "</div>" * NESTING + "</body></html>")
        handler.send(200, page.encode())

    def _tracking_dupes(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, self._story("tracking-dupes"))

    def _long_url(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, self._story("long-url"))

    def _cookie_flood(self, handler: _Handler) -> None:
        self._record(handler, 200)
        cookies = tuple(("Set-Cookie", f"c{i}={'v' * 60}; Path=/; Max-Age=86400") for i in range(COOKIES))
        handler.send(200, self._story("cookie-flood"), headers=cookies)

    def _canonical_private(self, handler: _Handler) -> None:
        self._record(handler, 200)
        head = ("<meta charset='utf-8'><link rel='canonical' href='http://169.254.169.254/latest/meta-data/'>"
                f"<meta property='og:url' content='{self.bystander_url}{ARTICLES}/canonical.html'>")
        page = story_page(SEEDS["canonical-private"], "The canonical private story", head)
        handler.send(200, page.encode())

    def _refresh_loop(self, handler: _Handler) -> None:
        self._refresh(handler, f"{ARTICLES}/refresh-b.html")

    def _refresh_back(self, handler: _Handler) -> None:
        self._refresh(handler, BY_NAME["refresh-loop"].path)

    def _refresh(self, handler: _Handler, to: str) -> None:
        self._record(handler, 200)
        head = f"<meta charset='utf-8'><meta http-equiv='refresh' content='0; url={self.url(to)}'>"
        handler.send(200, story_page(SEEDS["refresh-loop"], "The refresh story", head).encode())

    def _redirect_to_file(self, handler: _Handler) -> None:
        self._record(handler, 302)
        handler.send(302, b"", headers=(("Location", "file:///etc/passwd"),))


def main() -> int:
    """Serve the web until Ctrl-C; print where."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, HostileWeb2(Path(tmp)) as web:
        print(f"outlet    {web.base_url}/\nbystander {web.bystander_url}/\nsources   {web.sources_path}")
        for endpoint in ENDPOINTS:
            print(f"  {endpoint.name:<22} {web.url(endpoint.path)[:100]}  ({endpoint.attack})")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
