"""Distributed crawl throughput: one process without Redis, one worker, two workers, and the
writer's drain rate (the cluster's ceiling).

Serves N real article pages (default 500: the 181 pages of ../shared/corpora/
article-extraction-benchmark, again and again under new URLs of as many outlets as needed,
as ``bench/crawl_throughput.py`` does) on 127.0.0.1, starts a redis-server on a free port
(no persistence), and measures, each on a fresh database:

1. ``newscrawl crawl`` in one process, no Redis;
2. ``newscrawl crawl --redis`` (the coordinator and writer) with one ``newscrawl worker``;
3. the same with two workers;
4. the writer alone draining a filled queue: the coordinator is killed once it has seeded,
   the workers fill the queue with every page and stop, and a new coordinator resumes and
   stores them all (items/s over its spider's open-to-close time).

Every crawl process gets ``--workers W`` extraction processes (default 1). Pages/s is pages
over the wall time from the first process started to the coordinator's exit (start-up
included) and over the writer's own run time (``crawl_runs.stats.elapsed_seconds``).

    python bench/distributed.py [--pages 500] [--workers 1] [--generated]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.distributed.keys import Keys

ROOT = Path(__file__).resolve().parent.parent
# From a worktree (/work/wt/NAME) the corpus is not beside the repository.
SHARED_CORPUS = Path("/work/shared/corpora/article-extraction-benchmark")
CORPUS = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark"
NEWSCRAWL = (sys.executable, "-m", "newscrawl.cli")
FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=32",
        "CONCURRENT_REQUESTS_PER_DOMAIN=32", "NEWSCRAWL_SITEMAP_MAX_LINKS=1000000", "RETRY_TIMES=0")


# The web crawled: the corpus's pages (or generated ones) on 127.0.0.1, served by FixtureWeb
# (this bench measures the cluster against one process, both beside the same server).
CATCH_ALL_TOPIC = '[topic]\nslug = "bench"\nname = "bench"\nquery = "the OR of OR and OR de OR la OR =ICE"\n'

WORDS = (
    "the agency officers workers letter city council federal court detention immigration company "
    "employees contract protest minneapolis statement report data cloud engineers executives "
    "community families neighbors policy spokesperson hearing judge lawyer raid warehouse week "
    "month said according morning evening public records investigation response demand"
).split()


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(4, 7)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
        words[0] = words[0].capitalize()
        if rng.random() < 0.3:
            words.insert(rng.randint(1, len(words) - 1), "ICE")
        sentences.append(" ".join(words) + ".")
    return " ".join(sentences)


def _page(i: int, rng: random.Random) -> tuple[str, str]:
    day = 1 + i % 28
    path = f"/2026/01/{day:02d}/story-{i}.html"
    title = f"Story {i}: " + " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    paragraphs = "\n".join(f"<p>{_paragraph(rng)}</p>" for _ in range(rng.randint(5, 9)))
    nav = "\n".join(f'<li class="menu-item"><a href="/section/{w}/{k}/">{w.title()} {k}</a></li>'
                    for k in range(8) for w in WORDS)
    script = "var config = " + json.dumps({f"key{k}": rng.choice(WORDS) * 12 for k in range(900)}) + ";"
    style = " ".join(f".c{k} {{ margin: {k % 9}px; color: #{k % 999:03d}; }}" for k in range(700))
    comments = "".join(f'<li class="comment"><p>{_paragraph(rng)}</p></li>' for _ in range(4))
    related = "".join(f'<li><a href="/2026/01/01/story-{rng.randrange(10**6)}.html">Related {k}</a></li>'
                      for k in range(6))
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Generated Gazette</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2026-01-{day:02d}T{i % 24:02d}:15:00-05:00">
<link rel="canonical" href="{{{{base:gen}}}}{path}">
<style>{style}</style><script>{script}</script>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}",
"datePublished":"2026-01-{day:02d}T{i % 24:02d}:15:00-05:00",
"author":{{"@type":"Person","name":"Reporter {i % 40}"}}}}</script>
</head><body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Reporter {i % 40}</p>
{paragraphs}
</article>
<aside><h2>Related</h2><ul>{related}</ul></aside>
<div class="newsletter">Sign up for our daily newsletter.</div>
<section id="comments"><h2>Comments</h2><ol>{comments}</ol></section></main>
<footer>Generated Gazette. All rights reserved.</footer></body></html>"""
    return path, html


def _outlet_toml(slug: str) -> str:
    return (
        f'[outlets.{slug}]\nname = "Outlet {slug}"\nhomepage = "{{{{base:{slug}}}}}/"\n'
        f'domain = "{{{{host:{slug}}}}}"\ncountry = "US"\nlanguage = "en"\nkind = "local"\n'
        f'timezone = "America/Chicago"\nfeeds = []\nsitemaps = ["{{{{base:{slug}}}}}/sitemap.xml"]\n\n'
    )


def _write_sitemap(site: Path, slug: str, paths: list[str]) -> None:
    locs = "".join(f"<url><loc>{{{{base:{slug}}}}}{path}</loc></url>" for path in paths)
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    )
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")


def build_corpus_web(root: Path, pages: int, corpus: Path) -> list[bytes]:
    """Serve the corpus's real pages under ``root``, as many outlets as ``pages`` needs."""
    originals = [gzip.decompress(f.read_bytes()) for f in sorted((corpus / "html").glob("*.html.gz"))]
    outlets = math.ceil(pages / len(originals))
    bodies: list[bytes] = []
    sources = ""
    for k in range(outlets):
        slug = f"o{k}"
        site = root / slug
        paths = []
        for i, html in enumerate(originals[: pages - len(bodies)]):
            path = f"/2026/01/{1 + i % 28:02d}/story-{i}.html"
            file = site / path.lstrip("/")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(html)
            paths.append(path)
            bodies.append(html)
        _write_sitemap(site, slug, paths)
        sources += _outlet_toml(slug)
    (root / "sources.toml").write_text(sources)
    (root / "topic.toml").write_text(CATCH_ALL_TOPIC)
    return bodies


def build_web(root: Path, pages: int, seed: int = 7) -> list[bytes]:
    """Write a generated outlet under ``root`` and return the pages' HTML."""
    rng = random.Random(seed)
    site = root / "gen"
    site.mkdir(parents=True)
    bodies, paths = [], []
    for i in range(pages):
        path, html = _page(i, rng)
        file = site / path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html)
        bodies.append(html.encode())
        paths.append(path)
    _write_sitemap(site, "gen", paths)
    (root / "sources.toml").write_text(_outlet_toml("gen"))
    (root / "topic.toml").write_text(CATCH_ALL_TOPIC)
    return bodies


class Redis:
    """redis-server on a free port in ``folder``, no persistence."""

    def __init__(self, folder: Path) -> None:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        self.client = client

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def crawl_command(web: FixtureWeb, root: Path, db: Path, workers: int, redis_url: str | None) -> list[str]:
    command = [*NEWSCRAWL, "crawl", "--no-progress", "--sources", str(web.sources_path),
               "--topic", str(root / "topic.toml"), "--db", str(db), "--workers", str(workers)]
    if redis_url:
        command += ["--redis", redis_url]
    for setting in FAST:
        command += ["-s", setting]
    return command


def worker_command(url: str, warc: Path, name: str, workers: int) -> list[str]:
    return [*NEWSCRAWL, "worker", "--no-progress", "--redis", url, "--warc-dir", str(warc),
            "--name", name, "--workers", str(workers), "--wait", "60"]


def run_stats(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    finally:
        conn.close()


def crawl(web: FixtureWeb, root: Path, tmp: Path, name: str, workers: int, crew: int,
          server: Redis | None) -> tuple[float, dict]:
    """One crawl on a fresh database: (wall seconds, the run's stats)."""
    db = tmp / f"{name}.db"
    start = time.perf_counter()
    coordinator = subprocess.Popen(crawl_command(web, root, db, workers, server.url if server else None),
                                   stdout=subprocess.DEVNULL)
    processes = [subprocess.Popen(worker_command(server.url, tmp / f"{name}-warc", f"w{n}", workers),
                                  stdout=subprocess.DEVNULL) for n in range(crew)] if server else []
    if coordinator.wait() != 0:
        raise SystemExit(f"{name}: the crawl exited with {coordinator.returncode}")
    wall = time.perf_counter() - start
    for process in processes:
        process.wait()
    return wall, run_stats(db)


def drain(web: FixtureWeb, root: Path, tmp: Path, workers: int, server: Redis) -> tuple[int, float, float]:
    """Fill the queue with every page, then time a writer emptying it: (pages, wall s, run s)."""
    db = tmp / "drain.db"
    keys = Keys()
    command = crawl_command(web, root, db, workers, server.url)
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    while server.client.hget(keys.state, "phase") != b"running":
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    crew = [subprocess.Popen(worker_command(server.url, tmp / "drain-warc", f"d{n}", workers),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for n in range(2)]
    inflight = f"{keys.requests}:inflight"
    while server.client.zcard(keys.requests) or server.client.zcard(inflight):
        time.sleep(0.2)
    for process in crew:
        process.send_signal(signal.SIGTERM)
        process.wait()
    queued = server.client.llen(keys.items) + server.client.llen(keys.items_taken)
    start = time.perf_counter()
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    if writer.wait() != 0:
        raise SystemExit(f"drain: the writer exited with {writer.returncode}")
    wall = time.perf_counter() - start
    return queued, wall, run_stats(db).get("elapsed_seconds") or wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1, help="extraction processes per crawl process")
    parser.add_argument("--generated", action="store_true", help="synthetic pages, not the corpus's")
    parser.add_argument("--corpus", type=Path, default=CORPUS if CORPUS.is_dir() else SHARED_CORPUS)
    args = parser.parse_args()
    use_corpus = not args.generated and (args.corpus / "html").is_dir()
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        root = tmp / "web"
        if use_corpus:
            build_corpus_web(root, args.pages, args.corpus)
        else:
            build_web(root, args.pages)
        (tmp / "redis").mkdir()
        server = Redis(tmp / "redis")
        try:
            with FixtureWeb(root).start() as web:
                for label, crew, cluster in (("one process, no Redis", 0, None),
                                             ("coordinator + 1 worker", 1, server),
                                             ("coordinator + 2 workers", 2, server)):
                    wall, stats = crawl(web, root, tmp, f"crawl{crew}", args.workers, crew, cluster)
                    elapsed = stats.get("elapsed_seconds") or wall
                    rows.append((label, stats.get("articles_new", 0), wall, args.pages / wall,
                                 args.pages / elapsed))
                queued, wall, elapsed = drain(web, root, tmp, args.workers, server)
                rows.append(("writer draining a filled queue", queued, wall, queued / wall, queued / elapsed))
        finally:
            server.stop()
    kind = "real corpus pages" if use_corpus else "generated pages"
    print(f"{kind}: {args.pages}; cores: {os.cpu_count()}; extraction processes per crawl process: "
          f"{args.workers}; load average (1 min) before: {load_before:.1f}, after: {os.getloadavg()[0]:.1f}")
    print()
    print(f"| {'what':32} | {'stored':>6} | {'wall s':>7} | {'pages/s (wall)':>14} | {'pages/s (run)':>13} |")
    print(f"|{'-' * 34}|{'-' * 8}|{'-' * 9}|{'-' * 16}|{'-' * 15}|")
    for label, pages, wall, per_wall, per_run in rows:
        print(f"| {label:32} | {pages:>6} | {wall:>7.1f} | {per_wall:>14.1f} | {per_run:>13.1f} |")


if __name__ == "__main__":
    main()
