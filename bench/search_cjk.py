"""Search in a synthetic Chinese corpus: the cost of a word of Chinese characters, found inside
runs, on an index that reads them a character at a time (schema 10) or in overlapping pairs.

    python bench/search_cjk.py --db /tmp/zh20k.db --articles 20000      # generate, then search
    python bench/search_cjk.py --db /tmp/zh20k.db                        # search an existing one

The corpus: titles of 20 characters and texts of about 1,100 (log-normal, 300..3,000), Han
characters of the CJK fixture web (``tests/cjkweb``) drawn with Zipf frequencies (rank^-1) of
their order there, punctuation every 8-30 characters, and a few known words put in
(``移民局`` in 2% of the articles, ``科技公司`` 3%, ``美国ICE`` 1%, ``执法`` 10%, ``合同`` 5%),
written through ``Store.insert_article`` (the real triggers), with a fixed seed. Each query runs
through ``Store.search`` (the CLI's path: ``to_fts5``, 20 rows) ``--runs`` times after one
warm-up; printed: matches, the median CPU (``time.process_time``) and wall time.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newscrawl.items import Article
from newscrawl.judge.query import to_fts5
from newscrawl.store import Store

ROOT = Path(__file__).resolve().parent.parent
KNOWN = [("移民局", 0.02), ("科技公司", 0.03), ("美国ICE", 0.01), ("执法", 0.10), ("合同", 0.05)]
PUNCT = "，。、；：！？"


def alphabet() -> list[str]:
    """The Han characters of the CJK fixture web, commonest first."""
    counts: Counter[str] = Counter()
    for path in sorted((ROOT / "tests" / "cjkweb" / "web").rglob("*")):
        if path.is_file():
            counts.update(re.findall("[\u4e00-\u9fff]", path.read_text("utf-8", "replace")))
    return [c for c, _ in counts.most_common()]


def generate(db: Path, articles: int, seed: int) -> None:
    rng = random.Random(seed)
    chars = alphabet()
    weights = [1 / (rank + 1) for rank in range(len(chars))]
    store = Store.open(db)
    store.upsert_outlets([{"slug": "zh", "name": "中文", "domain": "zh.example",
                           "homepage": "https://zh.example/", "country": "CN", "language": "zh",
                           "kind": "national", "timezone": "UTC", "verified": 0, "feeds": "[]",
                           "sitemaps": "[]"}])
    start = time.perf_counter()

    def run(length: int) -> str:
        out, drawn = [], rng.choices(chars, weights, k=length)
        gap = rng.randint(8, 30)
        for i, c in enumerate(drawn):
            out.append(c)
            if i == gap:
                out.append(rng.choice(PUNCT))
                gap += rng.randint(8, 30)
        return "".join(out)

    for n in range(articles):
        text = run(max(300, min(3000, int(rng.lognormvariate(7.0, 0.4)))))
        for word, share in KNOWN:
            if rng.random() < share:
                at = rng.randrange(len(text))
                text = text[:at] + word + text[at:]
        article = Article(url=f"https://zh.example/{n}", outlet="zh", title=run(20), text=text,
                          language="zh", text_hash=f"{n:x}",
                          published_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n))
        store.insert_article(article, None)
    store.close()
    took = time.perf_counter() - start
    print(f"generated {articles:,} articles in {took:.0f} s; {db.stat().st_size:,} bytes")


def queries() -> list[tuple[str, str]]:
    chars = alphabet()
    common = chars[:4]
    middle = chars[len(chars) // 3: len(chars) // 3 + 2]
    return [("known word", "移民局"), ("known word", "科技公司"), ("Latin + Chinese", "美国ICE"),
            ("Latin", "ICE"),
            ("exclusion", "执法 -合同"), ("commonest character", common[0]),
            ("two commonest as a word", "".join(common[:2])), ("four commonest in a row", "".join(common)),
            ("two middling characters", "".join(middle))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=0, help="generate this many articles first")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--runs", type=int, default=20, help="runs of each query (0: none)")
    args = parser.parse_args()
    if args.articles:
        generate(args.db, args.articles, args.seed)
    store = Store.open(args.db, readonly=True)
    (index,) = store.conn.execute("SELECT sum(length(block)) FROM articles_fts_data").fetchone()
    size = args.db.stat().st_size
    print(f"{args.db}: {size:,} bytes (FTS5 index data {index:,}), schema {store.schema_version}")
    if not args.runs:
        return
    print("| query | typed | matches | rows | CPU ms (median) | wall ms (median) |")
    print("|---|---|---|---|---|---|")
    for kind, typed in queries():
        fts = to_fts5(typed)
        rows = store.search(fts, rank_window=None, limit=20)
        matches = rows.ranked
        cpu, wall = [], []
        for _ in range(args.runs):
            c, w = time.process_time(), time.perf_counter()
            store.search(fts, limit=20)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
        print(f"| {kind} | {typed} | {matches} | {len(rows)} | {statistics.median(cpu) * 1000:.1f} | "
              f"{statistics.median(wall) * 1000:.1f} |")
    store.close()


if __name__ == "__main__":
    main()
