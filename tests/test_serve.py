"""Datasette over the corpus: crawl the fixture web, serve the database, read it over HTTP.

The database is crawled as the user does it (``newscrawl crawl`` in a subprocess), then
``datasette`` runs as a subprocess with :func:`newscrawl.outputs.serve.datasette_metadata` on a free
127.0.0.1 port. A headless Chromium (``/usr/bin/chromium``) renders a search page for real.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.items import Article
from newscrawl.outputs.serve import HIDDEN, TABLES, datasette_metadata, serve_command
from newscrawl.store import Store

pytest.importorskip("datasette", reason="datasette is not installed: pip install -e '.[serve]'")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
WIRE_OUTLETS = {"bytewire", "ledger", "prairie", "wire"}  # the wire story's four copies
LETTER_TITLES = (
    "Inside ICEout.tech, the open letter engineers passed around before going public",
    "Twin Cities tech workers add their names to letter against ICE",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Datasette:
    """A ``datasette serve`` subprocess for one database, stopped on exit."""

    def __init__(self, db: Path, metadata: dict[str, Any]) -> None:
        self.db = db
        self.name = db.stem
        self.metadata_path = db.with_suffix(".metadata.json")
        self.metadata_path.write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = db.with_suffix(".datasette.log")
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Datasette:
        command = serve_command(self.db, port=self.port, metadata_path=self.metadata_path)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"datasette exited {self.process.returncode}: {self.log.read_text()}")
            try:
                self.get("/-/versions.json")
                return self
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"datasette did not answer within 30 s: {self.log.read_text()}")

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def json(self, path: str, **params: str) -> Any:
        query = urllib.parse.urlencode(params)
        return json.loads(self.get(f"/{self.name}/{path}" + (f"?{query}" if query else "")))

    def rows(self, path: str, **params: str) -> list[dict[str, Any]]:
        return self.json(path, _shape="array", **params)


@pytest.fixture(scope="module")
def server(crawled: Path) -> Iterator[Datasette]:
    with Datasette(crawled, datasette_metadata(crawled, topic_terms=("letter", '"open letter"'))) as ds:
        yield ds


def _schema(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: [r[1] for r in conn.execute(f"PRAGMA table_info([{name}])")]
            for name in names
            if not name.startswith(("sqlite_", "articles_fts_"))
        }
    finally:
        conn.close()


# -- metadata --------------------------------------------------------------------------------


@pytest.mark.slow
def test_metadata_describes_every_table_and_column(crawled: Path) -> None:
    meta = datasette_metadata(crawled)
    assert meta["title"] and meta["description"]
    database = meta["databases"]["news"]
    assert database["title"] and database["description"]
    for table, columns in _schema(crawled).items():
        assert database["tables"][table]["description"], table
        assert set(database["tables"][table]["columns"]) == set(columns), table
        assert all(database["tables"][table]["columns"].values()), table
    for name, query in database["queries"].items():
        assert query["title"] and query["description"] and query["sql"], name
    assert set(TABLES) == set(_schema(crawled))


def test_serve_command_reads_a_live_database(tmp_path: Path) -> None:
    command = serve_command(tmp_path / "x.db", port=9999, metadata_path=tmp_path / "m.json")
    assert command[:4] == [sys.executable, "-m", "newscrawl.outputs.room", "serve"]  # Datasette + the room
    assert "-i" not in command and "--immutable" not in command  # a crawl may be writing
    assert str(tmp_path / "m.json") in command and "9999" in command


# -- over HTTP -------------------------------------------------------------------------------


@pytest.mark.slow
def test_search_returns_fts_results_with_facets(server: Datasette) -> None:
    data = server.json("articles.json", _search="letter", _shape="objects", _size="max")
    titles = [row["title"] for row in data["rows"]]
    assert set(LETTER_TITLES) <= set(titles)
    assert all("letter" in (row["title"] + row["text"]).lower() for row in data["rows"])
    dates = [row["published_at"] for row in data["rows"]]
    assert dates == sorted(dates, reverse=True), "sorted by published_at, newest first"
    facets = data["facet_results"]
    assert {"outlet", "language", "published_at", "cluster_id"} <= set(facets)
    assert sum(r["count"] for r in facets["outlet"]["results"]) == len(titles)
    assert all(len(r["value"]) == 10 for r in facets["published_at"]["results"])  # days
    clusters = facets["cluster_id"]["results"]
    assert clusters[0]["count"] > 1, "the syndicated wire story's cluster leads the cluster facet"
    # any input is safe: FTS syntax is escaped in the table search
    broken = server.json("articles.json", _search='"unbalanced ( AND', _shape="objects")
    assert broken["rows"] == []


@pytest.mark.slow
def test_canned_queries_return_rows(server: Datasette, crawled: Path) -> None:
    conn = sqlite3.connect(crawled)
    dated = conn.execute("SELECT count(*) FROM articles WHERE published_at IS NOT NULL").fetchone()[0]
    conn.close()
    coverage = server.rows("coverage_per_day.json")
    assert coverage and sum(r["articles"] for r in coverage) == dated
    later = server.rows("coverage_per_day.json", since="2026-02-01")
    assert later and all(r["day"] >= "2026-02-01" for r in later) and len(later) < len(coverage)

    latest = server.rows("latest_articles.json")
    assert len(latest) == dated + len([r for r in latest if r["published_at"] is None])
    assert latest[0]["published_at"] == max(r["published_at"] for r in latest if r["published_at"])

    clusters = server.rows("biggest_clusters.json")
    assert clusters[0]["copies"] == 4
    assert set(clusters[0]["outlets"].split(", ")) == WIRE_OUTLETS
    assert clusters[0]["title"] and clusters[0]["first_outlet"] == "wire"  # the earliest published copy

    versions = server.rows("article_versions_of.json", id=str(clusters[0]["cluster_id"]))
    assert [v["version"] for v in versions][-1] == "current"


@pytest.mark.slow
def test_html_shows_descriptions_hides_index_tables_and_links_outlets(server: Datasette) -> None:
    database = server.get("/news")
    for name in ("articles", "outlets", "pages", "crawl_runs", "article_versions"):
        assert f'href="/news/{name}"' in database
    for name in HIDDEN:
        assert f'href="/news/{name}"' not in database
    assert "Coverage per day" in database and "Biggest syndication clusters" in database
    listed = {t["name"]: t["hidden"] for t in json.loads(server.get("/news.json"))["tables"]}
    assert all(listed[name] for name in HIDDEN)

    page = server.get("/news/articles?_search=letter")
    assert TABLES["articles"][0] in page
    assert '<dt>cluster_id</dt><dd>Id of the first stored copy' in page
    assert '<a href="/news/outlets/ledger">The Northfield Ledger</a>' in page  # article -> outlet
    outlet = server.get("/news/outlets/ledger")
    assert "/news/articles?outlet=ledger" in outlet  # outlet -> its articles
    labelled = server.rows("articles.json", _labels="on", outlet="ledger", _size="1")
    assert labelled[0]["outlet"] == {"value": "ledger", "label": "The Northfield Ledger"}


# -- reading while a crawl writes -------------------------------------------------------------


@pytest.mark.slow
def test_reads_while_another_process_writes(crawled: Path, tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    source, target = sqlite3.connect(crawled), sqlite3.connect(live)
    source.backup(target)
    source.close()
    target.execute("PRAGMA journal_mode = WAL")
    before = target.execute("SELECT count(*) FROM articles").fetchone()[0]
    target.close()
    errors: list[BaseException] = []
    writing = threading.Event()
    writing.set()
    written: list[int] = []

    def write() -> None:
        store = Store.open(live, batch_size=1)
        try:
            end = time.monotonic() + 2.0
            i = 0
            while time.monotonic() < end and i < 3000:  # (under Datasette's 1,000-row cap for versions)
                text = f"Live story number {i} about the zebraword hearing. " * 20
                store.insert_article(
                    Article(url=f"http://live.test/{i}", outlet="wire", title=f"Live {i} zebraword",
                            text=text, word_count=len(text.split()), language="en"),
                    None,
                )
                if i % 10 == 0:
                    store.update_article(2, Article(url="x", outlet="ledger", title=f"Edited {i}",
                                                    text=f"edit {i}"), None)
                i += 1
                written.append(i)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            store.close()
            writing.clear()

    def read_store(counts: list[int]) -> None:
        store = Store.open(live, readonly=True)
        try:
            while writing.is_set():
                counts.append(store.count("articles"))
                time.sleep(0.01)
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    with Datasette(live, datasette_metadata(live)) as ds:
        store_counts: list[int] = []
        http_counts: list[int] = []
        threads = [threading.Thread(target=write), threading.Thread(target=read_store, args=(store_counts,))]
        for thread in threads:
            thread.start()
        try:
            while writing.is_set():
                http_counts.append(ds.json("articles.json", _size="1")["filtered_table_rows_count"])
                ds.rows("coverage_per_day.json")
                ds.json("articles.json", _search="zebraword", _size="1")
        except (OSError, urllib.error.HTTPError) as exc:
            errors.append(exc)
        for thread in threads:
            thread.join(10)
        assert not errors, errors
        final = ds.json("articles.json", _size="1")["filtered_table_rows_count"]
        found = ds.json("articles.json", _search="zebraword", _size="1")["filtered_table_rows_count"]
        versions = ds.rows("article_versions_of.json", id="2")
    assert len(http_counts) > 5 and len(store_counts) > 5
    for counts in (http_counts, store_counts):
        assert counts == sorted(counts), "counts only grow"
    assert store_counts[-1] > store_counts[0] and http_counts[-1] > http_counts[0], "saw the writes"
    assert found == len(written) and final == before + len(written)
    assert [v["version"] for v in versions].count("earlier") == (len(written) + 9) // 10


# -- a real browser -------------------------------------------------------------------------------


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'chromium-profile'}", *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium")
def test_browser_renders_search_results(server: Datasette, tmp_path: Path) -> None:
    url = f"{server.base}/news/articles?_search=letter"
    dom = _chromium(tmp_path, "--dump-dom", url).stdout
    assert "rows where search matches" in dom
    for title in LETTER_TITLES:
        assert title in dom
    assert "Families wait for word of detained relatives" not in dom  # no "letter" in it
    assert "The Northfield Ledger" in dom  # outlet labels, from the foreign key

    shot = tmp_path / "articles-search.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,900", url)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1280, 900)
    assert len(png) > 30_000, "a blank page compresses to a few kB"
