"""A hostile news web for tests and ``bench/chaos.py``: every listing of one outlet leads to an attack.

:class:`HostileWeb` serves, in threads of this process:

- the outlet ``hostile`` on ``127.0.0.2:PORT``: a feed, a sitemap and a start page that link
  to a few good on-topic articles and to every endpoint of :data:`ENDPOINTS` (5xx storms, a
  slow body, a hang, a truncated body, wrong charsets, a gzip bomb, an XML bomb, XXE, a
  self-referencing sitemap index, redirect loops, a huge page, a binary page, a huge feed, an
  empty feed, redirects to private addresses);
- a bystander on ``127.0.0.3:PORT``, an address no outlet owns: the private redirects point
  at it, and it records whether it was ever asked anything.

With ``by_homepage=True`` the outlet is configured by its homepage alone (its only start
page): the crawl finds the feeds there (announced by ``<link rel="alternate">``, the attacks
first) and the sitemaps in its robots.txt (every attack, the bystander's and a link-local one).

Every request is recorded (:class:`~newscrawl.crawl.fixture_web.RequestRecord`: path, time,
headers). Every endpoint ends by itself within :data:`MAX_SECONDS`, and :meth:`HostileWeb.stop`
ends the ones still running. The huge feed and the huge page are generated as they are sent.

``sources.toml`` (:attr:`HostileWeb.sources_path`) and a topic file that the good articles
match (:attr:`HostileWeb.topic_path`) are written to the directory given to the constructor.

Serve it by hand with ``python tests/hostile.py``.
"""

from __future__ import annotations

import contextlib
import functools
import random
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from smallweb import outlet_table

from newscrawl.crawl.fixture_web import LocalHandler, LocalServer, RequestRecord

OUTLET = "hostile"
OUTLET_HOST = "127.0.0.2"
BYSTANDER_HOST = "127.0.0.3"  # loopback, but not the outlet's: a crawl must never reach it
# Link-local, like the cloud metadata address 169.254.169.254, but not that address: a crawler
# that fails the test asks nothing of a real metadata service.
LINK_LOCAL = "http://169.254.0.9/latest/meta-data/iam"
MAX_SECONDS = 10.0  # the longest any endpoint keeps a connection
MAXSIZE = 10 * 1024 * 1024  # Scrapy's DOWNLOAD_MAXSIZE as newscrawl sets it
# Reading the huge feed blocks the crawl's reactor for seconds (feedparser alone: about 6 s
# here, then a check of every link); downloads in flight meanwhile time out.
HUGE_FEED_ITEMS = 100_000
SITEMAP_MAX_DEPTH = 3  # NEWSCRAWL_SITEMAP_MAX_DEPTH's default
CHAIN_HOPS = 30  # the endless redirect chain ends after this many hops, so a crawl stays bounded
TOPIC = '[topic]\nslug = "hostile"\nname = "Hostile"\nquery = "=ICE AND detention"\n'
# The outlet's articles live under /news/: the huge feed's entries (/huge/N.html) are held
# out by this pattern, so a crawl that takes them all still ends in seconds.
ARTICLE_PATTERN = "^/news/"
ARTICLES = "/news/2026/01/15"

WORDS = ("council", "warehouse", "lawyer", "families", "contract", "protest", "engineers",
         "judge", "hearing", "statement", "records", "neighbors", "vigil", "shift", "union",
         "harbor", "ferry", "clinic", "budget", "teachers", "mayor", "bridge", "permit")

# Two articles that are only right when decoded by their bytes, not by what they declare (two
# texts: once both are decoded right, they must not be near-duplicates of each other).
CHARSET_TEXTS = (
    "<p>Los señores Ibáñez y Muñoz told the council that ICE detention of a neighbor in Peñasco "
    "left the families of the cañón without news for three days, according to the lawyer.</p>"
    "<p>The niño's teacher, señora Núñez, said the school kept a vigil outside the detention "
    "centre while the judge heard the case, and the mayor asked ICE for the records.</p>"
    "<p>Residents of the Año Nuevo district signed a statement; the union and the clinic "
    "promised help, and engineers from the harbor joined the protest at the bridge.</p>",
    "<p>At the ferry terminal, los señores Ibáñez and Muñoz handed out leaflets about the ICE "
    "detention hearing set for Thursday, while señora Núñez read the names of the detained.</p>"
    "<p>Warehouse workers on the night shift left early to join them; a spokesperson for the "
    "port said permits for the march had been granted after a week of delays.</p>"
    "<p>The budget committee postponed its vote, and teachers from the Peñasco school asked "
    "the federal judge to let families visit before any transfer.</p>",
)
CHARSET_WORDS = ("señores", "Ibáñez", "Muñoz", "Núñez")  # what a correct decoding keeps


@dataclass(frozen=True)
class Endpoint:
    """One attack: where it is, how the crawl meets it, and what it does."""

    name: str
    path: str
    via: str  # "feed", "sitemap", "start page" (an outlet's configured listing) or "article"
    attack: str


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("storm-500", f"{ARTICLES}/storm-500.html", "article", "always 500"),
    Endpoint("storm-502", f"{ARTICLES}/storm-502.html", "article", "always 502"),
    Endpoint("storm-503", f"{ARTICLES}/storm-503.html", "article", "always 503, Retry-After: a day"),
    Endpoint("storm-feed", "/storm-feed.rss", "feed", "a feed that is always 503"),
    Endpoint("storm-sitemap", "/storm-sitemap.xml", "sitemap", "a sitemap that is always 500"),
    Endpoint("slow", f"{ARTICLES}/slow.html", "article", "dribbles one byte every 0.1 s"),
    Endpoint("hang", f"{ARTICLES}/hang.html", "article", "accepts, reads, never answers"),
    Endpoint("truncated", f"{ARTICLES}/truncated.html", "article",
             "Content-Length larger than the body, then close"),
    Endpoint("latin1-as-utf8", f"{ARTICLES}/latin1-as-utf8.html", "article",
             "Latin-1 bytes declared UTF-8"),
    Endpoint("utf8-as-latin1", f"{ARTICLES}/utf8-as-latin1.html", "article",
             "UTF-8 bytes declared ISO-8859-1"),
    Endpoint("gzip-bomb", f"{ARTICLES}/gzip-bomb.html", "article",
             "Content-Encoding: gzip inflating to 4 x DOWNLOAD_MAXSIZE"),
    Endpoint("gzip-bomb-sitemap", "/sitemap-bomb.xml.gz", "sitemap",
             "a gzipped sitemap inflating to 200 MB"),
    Endpoint("xml-bomb-sitemap", "/sitemap-lol.xml", "sitemap", "billion laughs in a sitemap"),
    Endpoint("xml-bomb-feed", "/feed-lol.rss", "feed", "billion laughs in a feed"),
    Endpoint("xxe-sitemap", "/sitemap-xxe.xml", "sitemap",
             "an external entity to file:///etc/passwd in a sitemap"),
    Endpoint("xxe-feed", "/feed-xxe.rss", "feed", "an external entity to file:///etc/passwd in a feed"),
    Endpoint("self-index", "/sitemap-self.xml", "sitemap", "a sitemap index that lists itself"),
    Endpoint("redirect-loop", f"{ARTICLES}/loop-a.html", "article", "302 to loop-b, which 302s back"),
    Endpoint("redirect-chain", f"{ARTICLES}/chain-0.html", "article",
             f"302 to chain-1, to chain-2, ... ({CHAIN_HOPS} hops)"),
    Endpoint("feed-redirect-loop", "/feed-loop.rss", "feed", "a feed that redirects to itself"),
    Endpoint("huge-page", f"{ARTICLES}/huge.html", "article",
             "DOWNLOAD_MAXSIZE + 1 MB of HTML, chunked, no Content-Length"),
    Endpoint("binary-page", f"{ARTICLES}/binary.html", "article", "PNG bytes as text/html"),
    Endpoint("huge-feed", "/feed-huge.rss", "feed", f"{HUGE_FEED_ITEMS:,} items, streamed"),
    Endpoint("empty-feed", "/feed-empty.rss", "feed", "200 with an empty body"),
    Endpoint("article-to-private", f"{ARTICLES}/to-private.html", "article",
             "302 to the bystander on another 127.0.0.x"),
    Endpoint("article-to-link-local", f"{ARTICLES}/to-link-local.html", "article",
             "302 to a link-local address"),
    Endpoint("feed-to-private", "/feed-private.rss", "feed", "302 to the bystander"),
    Endpoint("sitemap-to-private", "/sitemap-private.xml", "sitemap", "302 to the bystander"),
    Endpoint("start-to-private", "/start-private", "start page", "302 to the bystander"),
    Endpoint("start-to-link-local", "/start-link-local", "start page", "302 to a link-local address"),
)
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
GOOD = tuple(f"{ARTICLES}/good-story-{i}.html" for i in range(1, 4))


def _good_article(i: int) -> bytes:
    rng = random.Random(i)
    paragraphs = "".join(
        "<p>ICE detention " + " ".join(rng.choice(WORDS) for _ in range(45)) + ".</p>" for _ in range(4)
    )
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Good story {i}</title>"
            f"</head><body><article><h1>Good story {i}</h1>{paragraphs}</article></body></html>").encode()


def _charset_article(title: str, charset: str, text: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='{charset}'><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1>{text}</article></body></html>")


def _article_links() -> list[str]:
    return [*GOOD, *(e.path for e in ENDPOINTS if e.via == "article")]


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c"
    "6360000002000154a24f5d0000000049454e44ae426082"
)


_LAUGHS = (
    '<!DOCTYPE {root} [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


@functools.cache
def _gzip_of_zeros(size: int, chunk: int = 1024 * 1024) -> bytes:
    """A gzip stream of ``size`` zero bytes (about 1 kB a MB), made once per size."""
    out = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(chunk)
    parts = [out.compress(zeros) for _ in range(size // chunk)]
    return b"".join([*parts, out.flush()])


class _Server(LocalServer):
    """One address of the hostile web: ``respond`` answers every request."""

    # A crawler that hung up (a timeout, a size limit, a kill) is the point, not an error.
    QUIET_ERRORS = (ConnectionError, TimeoutError, OSError)

    def __init__(self, host: str, name: str, respond: Callable[[_Handler], None]) -> None:
        self.name = name
        self.respond = respond
        super().__init__((host, 0), _Handler)


class _Handler(LocalHandler):
    """Hands every GET to the server's ``respond``; helpers write well- and ill-formed answers."""

    server: _Server
    server_version = "Hostile/1.0"
    timeout = MAX_SECONDS

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self.server.respond(self)

    @property
    def url_path(self) -> str:
        return urlsplit(self.path).path or "/"

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

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", headers=(("Location", location),))

    def chunked(self, content_type: str, chunks: Iterator[bytes], deadline: float) -> None:
        """Stream ``chunks`` with chunked transfer encoding, giving up at ``deadline``."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in chunks:
            if time.monotonic() > deadline:
                return  # an unfinished chunked body: the crawler sees the connection close
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")


class HostileWeb:
    """The hostile outlet and the bystander, each on its own 127.0.0.x address and free port."""

    def __init__(self, directory: Path, maxsize: int = MAXSIZE, *, by_homepage: bool = False) -> None:
        self.directory = Path(directory)
        self.maxsize = maxsize
        self.by_homepage = by_homepage
        self.requests: list[RequestRecord] = []
        self.sources_path = self.directory / "sources.toml"
        self.topic_path = self.directory / "topic.toml"
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self.base_url = self.bystander_url = ""
        self._routes: dict[str, Callable[[_Handler], None]] = {}

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> HostileWeb:
        """Bind both servers, write sources.toml and the topic file, start serving; returns self."""
        try:
            outlet = _Server(OUTLET_HOST, OUTLET, self._outlet)
            self._servers.append(outlet)
            bystander = _Server(BYSTANDER_HOST, "bystander", self._bystander)
            self._servers.append(bystander)
            self.base_url = f"http://{OUTLET_HOST}:{outlet.server_address[1]}"
            self.bystander_url = f"http://{BYSTANDER_HOST}:{bystander.server_address[1]}"
            self._write_config()
            self._routes = self._answers()
            for server in self._servers:
                thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                          name=f"hostile-web-{server.name}", daemon=True)
                thread.start()
                self._threads.append(thread)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """End every endpoint still running and stop both servers."""
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

    def __enter__(self) -> HostileWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what the tests ask -------------------------------------------------------------

    @property
    def host(self) -> str:
        """``127.0.0.2:PORT``, the outlet's domain in sources.toml."""
        return urlsplit(self.base_url).netloc

    def url(self, path: str) -> str:
        return self.base_url + path

    def requests_for(self, predicate: Callable[[RequestRecord], bool] | str) -> list[RequestRecord]:
        """Recorded requests matching ``predicate`` (a callable, or ``hostile``/``bystander``)."""
        with self._lock:
            records = list(self.requests)
        if isinstance(predicate, str):
            return [r for r in records if r.outlet == predicate]
        return [r for r in records if predicate(r)]

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def _record(self, handler: _Handler, status: int) -> None:
        record = RequestRecord(handler.server.name, handler.command, handler.path, status,
                               time.monotonic(), tuple(handler.headers.items()))
        with self._lock:
            self.requests.append(record)

    def _write_config(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.by_homepage:  # the feeds and sitemaps are for the crawl to find
            table = outlet_table(OUTLET, start_pages=["/"])
        else:
            table = outlet_table(
                OUTLET,
                feeds=["/feed.rss", *(e.path for e in ENDPOINTS if e.via == "feed")],
                sitemaps=["/sitemap.xml", *(e.path for e in ENDPOINTS if e.via == "sitemap")],
                start_pages=["/", *(e.path for e in ENDPOINTS if e.via == "start page")],
            )
        table = table.replace(f"{{{{base:{OUTLET}}}}}", self.base_url)
        table = table.replace(f"{{{{host:{OUTLET}}}}}", self.host)
        self.sources_path.write_text(table.rstrip("\n") + f"\narticle_patterns = ['{ARTICLE_PATTERN}']\n")
        self.topic_path.write_text(TOPIC)

    # -- the bystander --------------------------------------------------------------------

    def _bystander(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, b"<html><body><p>bystander: nobody should read this</p></body></html>")

    # -- the outlet -------------------------------------------------------------------------

    def _outlet(self, handler: _Handler) -> None:
        path = handler.url_path
        answer = self._routes.get(path)
        if answer is None:
            answer = self._numbered(path)
        answer(handler)

    def _answers(self) -> dict[str, Callable[[_Handler], None]]:
        ok = self._ok
        answers: dict[str, Callable[[_Handler], None]] = {
            "/robots.txt": ok(self._robots(), "text/plain"),
            "/": ok(self._start_page()),
            "/feed.rss": ok(self._feed(_article_links()), "application/rss+xml"),
            "/sitemap.xml": ok(self._sitemap(_article_links()), "application/xml"),
            **{path: ok(_good_article(i)) for i, path in enumerate(GOOD, 1)},
            f"{ARTICLES}/loop-b.html": self._loop_back,
        }
        for endpoint in ENDPOINTS:
            answers[endpoint.path] = getattr(self, "_" + endpoint.name.replace("-", "_"))
        return answers

    def _ok(self, body: bytes, content_type: str = "text/html; charset=utf-8") -> Callable[[_Handler], None]:
        def answer(handler: _Handler) -> None:
            self._record(handler, 200)
            handler.send(200, body, content_type)
        return answer

    def _status(self, handler: _Handler, status: int, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self._record(handler, status)
        handler.send(status, f"<html><body><h1>{status}</h1></body></html>".encode(), headers=headers)

    def _redirect(self, handler: _Handler, location: str) -> None:
        self._record(handler, 302)
        handler.redirect(location)

    def _numbered(self, path: str) -> Callable[[_Handler], None]:
        """The hops of the redirect chain (``chain-N.html``); anything else is 404."""
        def answer(handler: _Handler) -> None:
            prefix = f"{ARTICLES}/chain-"
            if path.startswith(prefix) and path.endswith(".html"):
                hop = path[len(prefix):-5]
                if hop.isdigit() and int(hop) < CHAIN_HOPS:
                    self._redirect(handler, self.url(f"{prefix}{int(hop) + 1}.html"))
                    return
            self._status(handler, 404)
        return answer

    # The listings that lead to everything.

    def _robots(self) -> bytes:
        lines = ["User-agent: *", "Allow: /"]
        if self.by_homepage:
            sitemaps = [*(e.path for e in ENDPOINTS if e.via == "sitemap"), "/sitemap.xml",
                        f"{self.bystander_url}/sitemap.xml", LINK_LOCAL]
            lines += [f"Sitemap: {url}" for url in sitemaps]
        return ("\n".join(lines) + "\n").encode()

    def _start_page(self) -> bytes:
        links = "".join(f'<li><a href="{path}">A long headline about story {i} in the harbor</a></li>'
                        for i, path in enumerate(_article_links()))
        feeds = ""
        if self.by_homepage:  # the attacks first: the crawl takes the first five on the site
            announced = [f"{self.bystander_url}/feed.rss", LINK_LOCAL,
                         *(e.path for e in ENDPOINTS if e.via == "feed"), "/feed.rss"]
            feeds = "".join(f'<link rel="alternate" type="application/rss+xml" href="{url}">'
                            for url in announced)
        return (f"<!DOCTYPE html><html><head><title>Hostile Daily</title>{feeds}</head><body>"
                f"<h1>Latest news</h1><ul>{links}</ul></body></html>").encode()

    def _feed(self, paths: list[str]) -> bytes:
        items = "".join(f"<item><title>Story {i}</title><link>{self.url(path)}</link>"
                        f"<pubDate>Thu, 15 Jan 2026 12:00:00 GMT</pubDate></item>"
                        for i, path in enumerate(paths))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile Daily'
                f"</title><link>{self.url('/')}</link>{items}</channel></rss>").encode()

    def _sitemap(self, paths: list[str]) -> bytes:
        urls = "".join(f"<url><loc>{self.url(path)}</loc></url>" for path in paths)
        return (f'<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{urls}</urlset>').encode()

    # The attacks, one method per endpoint (named after it).

    def _storm_500(self, handler: _Handler) -> None:
        self._status(handler, 500)

    def _storm_502(self, handler: _Handler) -> None:
        self._status(handler, 502)

    def _storm_503(self, handler: _Handler) -> None:
        self._status(handler, 503, (("Retry-After", "86400"),))

    def _storm_feed(self, handler: _Handler) -> None:
        self._status(handler, 503, (("Retry-After", "86400"),))

    def _storm_sitemap(self, handler: _Handler) -> None:
        self._status(handler, 500)

    def _slow(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = _good_article(99)
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        deadline = time.monotonic() + MAX_SECONDS
        for byte in body:
            if time.monotonic() > deadline or self._stopping.wait(0.1):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    def _hang(self, handler: _Handler) -> None:
        self._record(handler, 0)  # no status: nothing is ever sent
        handler.close_connection = True
        self._stopping.wait(MAX_SECONDS)

    def _truncated(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = _good_article(98)
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body) * 10))
        handler.end_headers()
        handler.wfile.write(body)

    def _latin1_as_utf8(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = _charset_article("Latin-1 declared UTF-8", "utf-8", CHARSET_TEXTS[0]).encode("latin-1")
        handler.send(200, body, "text/html; charset=utf-8")

    def _utf8_as_latin1(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = _charset_article("UTF-8 declared Latin-1", "iso-8859-1", CHARSET_TEXTS[1]).encode("utf-8")
        handler.send(200, body, "text/html; charset=iso-8859-1")

    def _gzip_bomb(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, _gzip_of_zeros(4 * self.maxsize), headers=(("Content-Encoding", "gzip"),))

    def _gzip_bomb_sitemap(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, _gzip_of_zeros(200 * 1024 * 1024), "application/gzip")

    def _xml_bomb_sitemap(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = ('<?xml version="1.0"?>' + _LAUGHS.format(root="urlset")
                + f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
                f"{self.url(ARTICLES)}/lol-&lol9;.html</loc></url></urlset>")
        handler.send(200, body.encode(), "application/xml")

    def _xml_bomb_feed(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = ('<?xml version="1.0"?>' + _LAUGHS.format(root="rss")
                + f'<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
                f"<link>{self.url(ARTICLES)}/lol.html</link><description>&lol9;</description>"
                "</item></channel></rss>")
        handler.send(200, body.encode(), "application/rss+xml")

    def _xxe_sitemap(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = ('<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
                f"{self.url(ARTICLES)}/xxe-&xxe;.html</loc></url></urlset>")
        handler.send(200, body.encode(), "application/xml")

    def _xxe_feed(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title>'
                f"<link>{self.url(ARTICLES)}/xxe-feed.html?&xxe;</link><description>&xxe;</description>"
                "</item></channel></rss>")
        handler.send(200, body.encode(), "application/rss+xml")

    def _self_index(self, handler: _Handler) -> None:
        self._record(handler, 200)
        body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{self.url(BY_NAME['self-index'].path)}</loc></sitemap></sitemapindex>")
        handler.send(200, body.encode(), "application/xml")

    def _redirect_loop(self, handler: _Handler) -> None:
        self._redirect(handler, self.url(f"{ARTICLES}/loop-b.html"))

    def _loop_back(self, handler: _Handler) -> None:
        self._redirect(handler, self.url(BY_NAME["redirect-loop"].path))

    def _redirect_chain(self, handler: _Handler) -> None:
        self._redirect(handler, self.url(f"{ARTICLES}/chain-1.html"))

    def _feed_redirect_loop(self, handler: _Handler) -> None:
        hop = urlsplit(handler.path).query.rpartition("=")[2]
        hop_number = int(hop) if hop.isdigit() else 0
        if hop_number >= CHAIN_HOPS:
            self._status(handler, 404)
            return
        self._redirect(handler, self.url(f"{BY_NAME['feed-redirect-loop'].path}?again={hop_number + 1}"))

    def _huge_page(self, handler: _Handler) -> None:
        self._record(handler, 200)
        paragraph = b"<p>" + b"ICE detention harbor council " * 2000 + b"</p>\n"
        count = (self.maxsize + 1024 * 1024) // len(paragraph) + 1
        chunks = iter([b"<!DOCTYPE html><html><body><article>", *([paragraph] * count), b"</article>"])
        handler.chunked("text/html; charset=utf-8", chunks, time.monotonic() + MAX_SECONDS)

    def _binary_page(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, _PNG * 200, "text/html; charset=utf-8")

    def _huge_feed(self, handler: _Handler) -> None:
        self._record(handler, 200)

        def chunks() -> Iterator[bytes]:
            yield (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Huge'
                   f"</title><link>{self.url('/')}</link>").encode()
            for start in range(0, HUGE_FEED_ITEMS, 1000):
                yield "".join(f"<item><link>/huge/{i}.html</link></item>"  # relative: a smaller feed
                              for i in range(start, min(start + 1000, HUGE_FEED_ITEMS))).encode()
            yield b"</channel></rss>"

        handler.chunked("application/rss+xml", chunks(), time.monotonic() + MAX_SECONDS)

    def _empty_feed(self, handler: _Handler) -> None:
        self._record(handler, 200)
        handler.send(200, b"", "application/rss+xml")

    def _article_to_private(self, handler: _Handler) -> None:
        self._redirect(handler, f"{self.bystander_url}/from-article")

    def _article_to_link_local(self, handler: _Handler) -> None:
        self._redirect(handler, LINK_LOCAL)

    def _feed_to_private(self, handler: _Handler) -> None:
        self._redirect(handler, f"{self.bystander_url}/from-feed")

    def _sitemap_to_private(self, handler: _Handler) -> None:
        self._redirect(handler, f"{self.bystander_url}/from-sitemap")

    def _start_to_private(self, handler: _Handler) -> None:
        self._redirect(handler, f"{self.bystander_url}/from-start")

    def _start_to_link_local(self, handler: _Handler) -> None:
        self._redirect(handler, LINK_LOCAL)


def main() -> int:
    """Serve the hostile web until Ctrl-C; print where."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, HostileWeb(Path(tmp)) as web:
        print(f"outlet    {web.base_url}/\nbystander {web.bystander_url}/\nsources   {web.sources_path}")
        for endpoint in ENDPOINTS:
            print(f"  {endpoint.name:<22} {web.url(endpoint.path)}  ({endpoint.attack})")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
