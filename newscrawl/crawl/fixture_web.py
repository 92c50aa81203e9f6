"""Serve the demo news web (``data/demo-web``, package data) on 127.0.0.1, one port per outlet.

Each subdirectory of the root is an outlet with its own ``127.0.0.1:PORT`` host, so outlets
have distinct hosts, their own robots.txt, and cross-outlet links are real. Text files are
templated at the byte level: ``{{base:SLUG}}`` becomes ``http://127.0.0.1:PORT`` and
``{{host:SLUG}}`` becomes ``127.0.0.1:PORT``. ``root/routes.toml`` declares special
responses (errors, redirects, content types, headers, delays). Stdlib only, no Scrapy.

Serve it by hand with ``python -m newscrawl.crawl.fixture_web``.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import hashlib
import html
import mimetypes
import os
import posixpath
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = ["FixtureWeb", "RequestRecord", "default_root", "main"]

TEXT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".toml": "application/toml",
}
BINARY_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".css": "text/css",
    ".js": "text/javascript",
}
# and text/xml, which many sites send their feeds as
_TEXT_MEDIA_TYPES = frozenset(t.split(";")[0] for t in TEXT_TYPES.values()) | {"text/xml"}
_PLACEHOLDER = re.compile(rb"\{\{(base|host):([A-Za-z0-9_.-]+)\}\}")


def default_root() -> Path:
    """The demo web that ships with newscrawl (package data): ``data/demo-web``."""
    from newscrawl.data import DATA_DIR

    root = DATA_DIR / "demo-web"
    if not root.is_dir():
        raise FileNotFoundError(f"demo web not found at {root}: reinstall newscrawl, or pass root=")
    return root


@dataclass(frozen=True)
class RequestRecord:
    """One request the fixture web answered; ``path`` includes the query string."""

    outlet: str
    method: str
    path: str
    status: int
    at: float = 0.0  # time.monotonic() when answered
    headers: tuple[tuple[str, str], ...] = ()  # the request's headers


@dataclass(frozen=True)
class Route:
    """A special response declared in ``routes.toml`` (matched on outlet + path, no query)."""

    outlet: str
    path: str
    status: int | None = None
    location: str | None = None
    content_type: str | None = None
    body: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    etag: str | bool = True
    last_modified: str | bool = True
    delay: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Route:
        """Build a route from one ``[[route]]`` table, rejecting unknown keys."""
        known = {
            "outlet", "path", "status", "location", "content_type", "body", "headers",
            "etag", "last_modified", "delay",
        }
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"routes.toml: unknown keys {sorted(unknown)} in {data!r}")
        headers = tuple((str(k), str(v)) for k, v in dict(data.get("headers", {})).items())
        return cls(
            outlet=data["outlet"],
            path=data["path"],
            status=data.get("status"),
            location=data.get("location"),
            content_type=data.get("content_type"),
            body=data.get("body"),
            headers=headers,
            etag=data.get("etag", True),
            last_modified=data.get("last_modified", True),
            delay=float(data.get("delay", 0.0)),
        )


class LocalServer(ThreadingHTTPServer):
    """A threaded HTTP server on a local address that knows its open connections, so that
    :meth:`close_connections` can end kept-alive clients when it stops. Clients that hang up
    (a killed crawl, a timeout) are not errors worth a traceback: ``QUIET_ERRORS``."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    QUIET_ERRORS: tuple[type[BaseException], ...] = (ConnectionError,)

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self.open_connections: set[socket.socket] = set()
        self.conn_lock = threading.Lock()
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], self.QUIET_ERRORS):
            return
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        """Close kept-alive client connections so that no request is served after stop."""
        with self.conn_lock:
            conns = list(self.open_connections)
            self.open_connections.clear()
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class LocalHandler(BaseHTTPRequestHandler):
    """A quiet HTTP/1.1 handler whose connections its :class:`LocalServer` keeps track of."""

    server: LocalServer
    protocol_version = "HTTP/1.1"
    sys_version = ""
    disable_nagle_algorithm = True  # keep-alive clients would otherwise wait ~40 ms a response

    def setup(self) -> None:
        super().setup()
        with self.server.conn_lock:
            self.server.open_connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.conn_lock:
                self.server.open_connections.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Stay quiet: requests are recorded instead."""


class _OutletServer(LocalServer):
    """One outlet's HTTP server; knows its slug and the owning :class:`FixtureWeb`."""

    def __init__(self, address: tuple[str, int], web: FixtureWeb, slug: str) -> None:
        self.web = web
        self.slug = slug
        super().__init__(address, _Handler)


class _Handler(LocalHandler):
    """Serves files of one outlet directory, applying routes and templating (requests are
    recorded in :attr:`FixtureWeb.requests`)."""

    server: _OutletServer
    server_version = "FixtureWeb/1.0"
    timeout = 30

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(send_body=False)

    # -- response building -------------------------------------------------------------

    def _serve(self, send_body: bool) -> None:
        web, slug = self.server.web, self.server.slug
        path = urlsplit(self.path).path or "/"
        route = web._routes.get((slug, path))
        if route is not None and route.delay:
            time.sleep(route.delay)
        status, headers, body = self._respond(route, path)
        record = RequestRecord(
            slug, self.command, self.path, status, time.monotonic(), tuple(self.headers.items())
        )
        web._record(record)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def _respond(self, route: Route | None, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        web, slug = self.server.web, self.server.slug
        extra = list(route.headers) if route else []
        if route is not None and route.location is not None:
            status = route.status or 301
            location = web.render(route.location.encode()).decode()
            if "://" not in location:
                location = web.base_urls[slug] + location
            body = _small_page(status, f'Moved to <a href="{html.escape(location)}">here</a>.')
            return status, [("Location", location), *_html_type(), *extra], body
        if route is not None and route.status is not None and route.status >= 400:
            body = (
                web.render(route.body.encode()) if route.body is not None
                else _small_page(route.status)
            )
            ctype = route.content_type or TEXT_TYPES[".html"]
            return route.status, [("Content-Type", ctype), *extra], body
        file = self._resolve(path)
        if file is None:
            return 404, [*_html_type()], _small_page(404)
        if isinstance(file, str):  # directory without trailing slash
            location = web.base_urls[slug] + file
            return 301, [("Location", location), *_html_type()], _small_page(301)
        return self._file_response(route, file, extra)

    def _resolve(self, path: str) -> Path | str | None:
        """Map a URL path to a file; a str result is the slash-terminated directory path."""
        root = self.server.web.root / self.server.slug
        parts = [p for p in posixpath.normpath(unquote(path)).split("/") if p not in ("", ".")]
        if any(p == ".." or p.startswith(".") for p in parts):
            return None
        target = root.joinpath(*parts)
        if target.is_dir():
            if not path.endswith("/"):
                return path + "/"
            target = target / "index.html"
        return target if target.is_file() else None

    def _file_response(
        self, route: Route | None, file: Path, extra: list[tuple[str, str]]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        web = self.server.web
        suffix = file.suffix.lower()
        raw = file.read_bytes()
        ctype = (route.content_type if route and route.content_type else None) or TEXT_TYPES.get(
            suffix
        ) or BINARY_TYPES.get(suffix) or mimetypes.guess_type(file.name)[0] or (
            "application/octet-stream"
        )
        # A path without a suffix (Drupal's /news/story) is templated when routes.toml gives it
        # a text type.
        textual = suffix in TEXT_TYPES or ctype.split(";")[0].strip() in _TEXT_MEDIA_TYPES
        body = web.render(raw) if textual else raw
        headers: list[tuple[str, str]] = [("Content-Type", ctype)]
        etag = _etag(route, body)
        last_modified = _last_modified(route, file)
        if etag:
            headers.append(("ETag", etag))
        if last_modified:
            headers.append(("Last-Modified", last_modified))
        headers.extend(extra)
        status = route.status if route and route.status else 200
        if status == 200 and self._not_modified(etag, last_modified):
            return 304, [h for h in headers if h[0] != "Content-Type"], b""
        return status, headers, body

    def _not_modified(self, etag: str | None, last_modified: str | None) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = {t.strip() for t in inm.split(",")}
            return etag is not None and ("*" in tags or etag in tags or f"W/{etag}" in tags)
        ims = self.headers.get("If-Modified-Since")
        if ims and last_modified:
            try:
                since = email.utils.parsedate_to_datetime(ims)
                modified = email.utils.parsedate_to_datetime(last_modified)
            except (TypeError, ValueError):
                return False
            return modified.timestamp() <= since.timestamp()
        return False


def _html_type() -> list[tuple[str, str]]:
    return [("Content-Type", TEXT_TYPES[".html"])]


def _small_page(status: int, message: str | None = None) -> bytes:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Status"
    text = message or html.escape(phrase)
    return (
        f"<!DOCTYPE html>\n<html><head><title>{status} {phrase}</title></head>"
        f"<body><h1>{status} {phrase}</h1><p>{text}</p></body></html>\n"
    ).encode()


def _etag(route: Route | None, body: bytes) -> str | None:
    if route is not None and route.etag is False:
        return None
    if route is not None and isinstance(route.etag, str):
        return route.etag if route.etag.startswith(('"', "W/")) else f'"{route.etag}"'
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def _last_modified(route: Route | None, file: Path) -> str | None:
    if route is not None and route.last_modified is False:
        return None
    if route is not None and isinstance(route.last_modified, str):
        return route.last_modified
    return email.utils.formatdate(int(file.stat().st_mtime), usegmt=True)


class FixtureWeb:
    """The fixture news web: one threaded HTTP server per outlet directory of ``root``."""

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1") -> None:
        self.root = Path(root) if root is not None else default_root()
        if not self.root.is_dir():
            raise FileNotFoundError(f"fixture web root {self.root} is not a directory")
        self.host = host
        self.outlets: list[str] = sorted(
            d.name for d in self.root.iterdir()
            if d.is_dir() and not d.name.startswith(("_", "."))
            and any(f.is_file() for f in d.rglob("*"))
        )
        self.base_urls: dict[str, str] = {}
        self.sources_path: Path = self.root / "sources.toml"
        self.requests: list[RequestRecord] = []
        self._routes: dict[tuple[str, str], Route] = self._load_routes()
        self._servers: dict[str, _OutletServer] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()
        self._tmpdir: Path | None = None

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> FixtureWeb:
        """Bind one port per outlet, render sources.toml, start serving; returns self."""
        if self._servers:
            return self
        try:
            for slug in self.outlets:
                server = _OutletServer((self.host, 0), self, slug)
                self._servers[slug] = server
                self.base_urls[slug] = f"http://{self.host}:{server.server_address[1]}"
            self._render_sources()
            for slug, server in self._servers.items():
                thread = threading.Thread(
                    target=server.serve_forever, kwargs={"poll_interval": 0.1},
                    name=f"fixture-web-{slug}", daemon=True,
                )
                thread.start()
                self._threads[slug] = thread
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop every server, close connections and remove the rendered sources.toml."""
        for slug, server in self._servers.items():
            if slug in self._threads:
                server.shutdown()
            server.close_connections()
            server.server_close()
        for thread in self._threads.values():
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
        self.sources_path = self.root / "sources.toml"

    def __enter__(self) -> FixtureWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- URLs and templating ------------------------------------------------------------

    def url(self, slug: str, path: str = "/") -> str:
        """Absolute URL of ``path`` on outlet ``slug``."""
        if slug not in self.base_urls:
            raise KeyError(f"unknown or not started outlet {slug!r}; outlets: {self.outlets}")
        return self.base_urls[slug] + (path if path.startswith("/") else "/" + path)

    def host_of(self, slug: str) -> str:
        """``127.0.0.1:PORT`` of outlet ``slug`` (what ``{{host:SLUG}}`` renders to)."""
        return urlsplit(self.url(slug)).netloc

    def render(self, data: bytes) -> bytes:
        """Replace ``{{base:SLUG}}`` and ``{{host:SLUG}}`` in ``data`` (unknown slugs stay)."""

        def sub(match: re.Match[bytes]) -> bytes:
            kind, slug = match.group(1).decode(), match.group(2).decode()
            base = self.base_urls.get(slug)
            if base is None:
                return match.group(0)
            return (base if kind == "base" else base.split("://", 1)[1]).encode()

        return _PLACEHOLDER.sub(sub, data)

    # -- request log --------------------------------------------------------------------

    def _record(self, record: RequestRecord) -> None:
        with self._lock:
            self.requests.append(record)

    def clear_requests(self) -> None:
        """Forget the requests recorded so far."""
        with self._lock:
            self.requests.clear()

    def requests_for(
        self, predicate: Callable[[RequestRecord], bool] | str | None = None
    ) -> list[RequestRecord]:
        """Recorded requests matching ``predicate`` (a callable, or an outlet slug)."""
        with self._lock:
            records = list(self.requests)
        if predicate is None:
            return records
        if isinstance(predicate, str):
            slug = predicate
            return [r for r in records if r.outlet == slug]
        return [r for r in records if predicate(r)]

    # -- internals ----------------------------------------------------------------------

    def _load_routes(self) -> dict[tuple[str, str], Route]:
        path = self.root / "routes.toml"
        if not path.is_file():
            return {}
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        routes = [Route.from_dict(r) for r in data.get("route", [])]
        return {(r.outlet, r.path): r for r in routes}

    def _render_sources(self) -> None:
        src = self.root / "sources.toml"
        if not src.is_file():
            return
        _remove_orphaned_folders()
        self._tmpdir = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-"))
        self.sources_path = self._tmpdir / "sources.toml"
        self.sources_path.write_bytes(self.render(src.read_bytes()))


# The rendered sources.toml goes to a temp folder named with the serving process's id, so a
# server killed outright (kill -9 skips every clean-up) has its folder removed by the next one.
TMP_PREFIX = "newscrawl-fixture-web-"


def _remove_orphaned_folders() -> None:
    """Remove the temp folders of fixture webs whose process is gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{TMP_PREFIX}*-*"):
        pid = folder.name[len(TMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(argv: list[str] | None = None) -> int:
    """Serve the fixture web and print the outlets' base URLs until Ctrl-C."""
    parser = argparse.ArgumentParser(
        prog="python -m newscrawl.crawl.fixture_web", description=main.__doc__
    )
    parser.add_argument("--root", type=Path, default=None, help="fixture web directory")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    try:
        web = FixtureWeb(args.root, host=args.host).start()
    except (FileNotFoundError, ValueError, tomllib.TOMLDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        for slug in web.outlets:
            print(f"{slug:<12} {web.base_urls[slug]}/")
        print(f"sources.toml rendered at {web.sources_path}")
        print("serving; press Ctrl-C to stop", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopped")
    finally:
        web.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
