"""End-to-end crawl throughput on a local news web, beside trafilatura alone.

Serves N article pages (default 2000) on 127.0.0.1 with the fixture web server, then in the
same run measures:

1. plain ``trafilatura.extract`` over the same pages in one process (pages/s);
2. the same in two processes (pages/s);
3. the full ``newscrawl crawl`` (spider, robots.txt, sitemap, extraction pool, dates, topic,
   dedup, SQLite store) as a subprocess: pages/s over the wall time and over Scrapy's own
   elapsed time, and the peak memory of the crawl's process tree.

Target: the full crawl reaches at least 0.85 of the two-process extraction rate.

The pages are, by default, the 181 real article pages of ../shared/corpora/
article-extraction-benchmark, served again and again under new URLs by as many outlets as
needed (so copies are syndication, not duplicates, and are all stored); ``--generated``
serves synthetic pages instead (also the fallback when the corpus is absent).

    python bench/crawl_throughput.py [--pages 2000] [--workers 2] [--generated]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.extract.article import extract_article

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "article-extraction-benchmark"
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


def _extract(html: bytes) -> int:
    return len(trafilatura.extract(html) or "")


def _extract_article(html: bytes) -> int:
    result = extract_article(html, "https://bench.example/2026/01/01/story.html")
    return len(result.text) if result else 0


def extraction_rate(bodies: list[bytes], processes: int, job=_extract) -> float:
    """Pages per second of ``job`` (plain trafilatura.extract by default) over ``bodies``."""
    start = time.perf_counter()
    if processes == 1:
        for body in bodies:
            job(body)
    else:
        with ProcessPoolExecutor(processes) as pool:
            list(pool.map(job, bodies, chunksize=8))
    return len(bodies) / (time.perf_counter() - start)


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in kB (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    tree, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree)


def run_crawl(web: FixtureWeb, root: Path, db: Path, workers: int) -> tuple[float, int, dict]:
    """Run ``newscrawl crawl`` against the web; return (wall seconds, peak kB, run stats)."""
    command = [
        sys.executable, "-m", "newscrawl.cli", "crawl", "--no-progress",
        "--sources", str(web.sources_path), "--topic", str(root / "topic.toml"), "--db", str(db),
        "--workers", str(workers), "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS=32",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "NEWSCRAWL_SITEMAP_MAX_LINKS=1000000",
    ]
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"newscrawl crawl exited with {code}")
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    conn.close()
    return wall, peak, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="extraction processes for newscrawl")
    parser.add_argument("--generated", action="store_true", help="synthetic pages, not the corpus's")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    use_corpus = not args.generated and (args.corpus / "html").is_dir()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "web"
        if use_corpus:
            bodies = build_corpus_web(root, args.pages, args.corpus)
        else:
            bodies = build_web(root, args.pages)
        single = extraction_rate(bodies, 1)
        double = extraction_rate(bodies, 2)
        ours = extraction_rate(bodies, 2, _extract_article)
        with FixtureWeb(root).start() as web:
            wall, peak_kb, stats = run_crawl(web, root, Path(tmp) / "bench.db", args.workers)
            served = len(web.requests)
    articles = stats.get("articles_new", 0)
    verdicts = stats.get("verdicts", {})
    elapsed = stats.get("elapsed_seconds") or wall
    crawl_rate_wall = args.pages / wall
    crawl_rate_scrapy = args.pages / elapsed
    rows = [
        ("trafilatura.extract, 1 process", f"{single:.1f}", ""),
        ("trafilatura.extract, 2 processes", f"{double:.1f}", "1.00"),
        ("newscrawl extract_article, 2 processes", f"{ours:.1f}", f"{ours / double:.2f}"),
        ("newscrawl crawl, wall time incl. start-up", f"{crawl_rate_wall:.1f}",
         f"{crawl_rate_wall / double:.2f}"),
        ("newscrawl crawl, from spider open to close", f"{crawl_rate_scrapy:.1f}",
         f"{crawl_rate_scrapy / double:.2f}"),
    ]
    kind = "real corpus pages" if use_corpus else "generated pages"
    print(f"{kind}: {args.pages}, requests served: {served}, articles stored: {articles}, "
          f"cores: {os.cpu_count()}, newscrawl workers: {args.workers}")
    print(f"verdicts: {json.dumps(verdicts, sort_keys=True)}")
    print(f"crawl wall time: {wall:.1f} s, spider open to close: {elapsed:.1f} s, "
          f"peak memory of the crawl's process tree: {peak_kb / 1024:.0f} MB")
    print()
    print(f"| {'what':44} | {'pages/s':>8} | {'vs 2-process':>12} |")
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 14}|")
    for what, rate, ratio in rows:
        print(f"| {what:44} | {rate:>8} | {ratio:>12} |")
    print("\ntarget: newscrawl crawl >= 0.85 x trafilatura 2-process rate")
    print(f"the crawl reaches {crawl_rate_scrapy / ours:.2f} of newscrawl's own 2-process extraction rate")


if __name__ == "__main__":
    main()
