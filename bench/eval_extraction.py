"""Score article-body extraction on the Zyte article-extraction-benchmark.

    python bench/eval_extraction.py [--corpus PATH] [--workers 2] [--limit N]

Implements the benchmark's metric as its README describes it (``\\w+`` tokens, 4-gram
shingles, per-page TP/FP/FN scaled to sum to 1, precision and recall averaged over pages,
F1 from the two means, exact token-sequence accuracy, bootstrap ±). It first checks that
the scorer reproduces the published trafilatura 2.0.0 figures from
``output/trafilatura.json``, then runs newscrawl's ``extract_article(html, url).text`` and
plain ``trafilatura.extract(html, url=url)`` (default settings, installed version) side by
side in a process pool. The "tune" half of the pages (last hex digit of the page id even)
was used to choose newscrawl's options; the "held-out" half (odd) was not.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newscrawl.extract import fastxpaths
from newscrawl.extract.article import extract_article

TOKEN_RE = re.compile(r"\w+")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])|\n+")
PUBLISHED_TRAFILATURA_2_0_0 = {"f1": 0.958, "precision": 0.938, "recall": 0.978}
# ../shared/corpora beside the checkout (a worktree lives one level deeper: ../../shared)
DEFAULT_CORPUS = next(
    (
        p / "shared" / "corpora" / "article-extraction-benchmark"
        for p in Path(__file__).resolve().parents[2:4]
        if (p / "shared" / "corpora").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "article-extraction-benchmark",
)
WARMUP_HTML = (
    "<html><head><title>Warm up</title></head><body><article><p>"
    + "A short paragraph written only to load the extractors once per worker. " * 5
    + "</p></article></body></html>"
)


# --------------------------------------------------------------------------- metric


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Counts of token n-grams; a text shorter than n tokens gives one shorter shingle."""
    tokens = TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_scores(true: str, pred: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where undefined (TP+FP or TP+FN is zero)."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    total = tp + fp + fn
    tp_s, fp_s, fn_s = tp / total, fp / total, fn / total
    precision = tp_s / (tp_s + fp_s) if tp_s + fp_s > 0 else None
    recall = tp_s / (tp_s + fn_s) if tp_s + fn_s > 0 else None
    return precision, recall


def sentences(text: str) -> list[str]:
    """The text's sentences as lowercase token strings (short fragments left out)."""
    out = []
    for part in SENTENCE_END_RE.split(text or ""):
        tokens = TOKEN_RE.findall(part.lower())
        if len(tokens) >= 3 or sum(map(len, tokens)) >= 15:
            out.append(" ".join(tokens))
    return out


def sentence_scores(true: str, pred: str) -> tuple[float | None, float | None]:
    """(contain, clean) of one page: the share of the truth's sentences found whole in the
    output, the share of the output's sentences found in the truth; None without sentences."""
    truth_sentences, pred_sentences = sentences(true), sentences(pred)
    pred_tokens = f" {' '.join(TOKEN_RE.findall((pred or '').lower()))} "
    true_tokens = f" {' '.join(TOKEN_RE.findall(true.lower()))} "
    contain = (
        sum(f" {s} " in pred_tokens for s in truth_sentences) / len(truth_sentences)
        if truth_sentences
        else None
    )
    clean = (
        sum(f" {s} " in true_tokens for s in pred_sentences) / len(pred_sentences)
        if pred_sentences
        else None
    )
    return contain, clean


@dataclass
class Score:
    """Benchmark figures for one system over a set of pages."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    f1_std: float = 0.0
    pages: int = 0
    contain: float = 0.0  # share of truth sentences in the output (must-contain)
    clean: float = 0.0  # share of output sentences in the truth (must-not-contain)


def _aggregate(rows: Sequence[tuple[float | None, float | None, bool]]) -> tuple[float, ...]:
    ps = [p for p, _, _ in rows if p is not None]
    rs = [r for _, r, _ in rows if r is not None]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, sum(exact for _, _, exact in rows) / max(1, len(rows))


def score(truth: dict[str, str], preds: dict[str, str], ids: Iterable[str], boot: int = 1000) -> Score:
    """Precision, recall, F1, accuracy over ``ids`` and the bootstrap std of F1."""
    rows = []
    contains: list[float] = []
    cleans: list[float] = []
    for key in ids:
        pred = preds.get(key) or ""
        p, r = page_scores(truth[key], pred)
        rows.append((p, r, TOKEN_RE.findall(truth[key]) == TOKEN_RE.findall(pred)))
        contain, clean = sentence_scores(truth[key], pred)
        contains.extend([contain] if contain is not None else [])
        cleans.extend([clean] if clean is not None else [])
    p, r, f1, acc = _aggregate(rows)
    rng = random.Random(0)
    f1s = [_aggregate(rng.choices(rows, k=len(rows)))[2] for _ in range(boot)] if rows else []
    return Score(
        p, r, f1, acc, statistics.pstdev(f1s) if f1s else 0.0, len(rows),
        statistics.fmean(contains) if contains else 0.0,
        statistics.fmean(cleans) if cleans else 0.0,
    )


# --------------------------------------------------------------------------- extraction


def _warm_up() -> None:
    extract_article(WARMUP_HTML, "https://example.com/warm-up")
    with fastxpaths.trafilaturas_own():
        trafilatura.extract(WARMUP_HTML, url="https://example.com/warm-up")


def run_page(item: tuple[str, str, str]) -> tuple[str, str, float, str, float]:
    """Both extractors on one page: (id, newscrawl text, seconds, trafilatura text, seconds)."""
    key, path, url = item
    body = gzip.decompress(Path(path).read_bytes())
    start = time.perf_counter()
    article = extract_article(body, url)
    ours = article.text if article else ""
    ours_s = time.perf_counter() - start
    html = body.decode("utf-8", errors="replace")
    with fastxpaths.trafilaturas_own():  # plain trafilatura, as installed
        start = time.perf_counter()
        theirs = trafilatura.extract(html, url=url) or ""
        theirs_s = time.perf_counter() - start
    return key, ours, ours_s, theirs, theirs_s


def _newscrawl_text(item: tuple[str, str, str]) -> tuple[str, str]:
    key, path, url = item
    article = extract_article(gzip.decompress(Path(path).read_bytes()), url)
    return key, article.text if article else ""


def halves(ids: Iterable[str]) -> dict[str, list[str]]:
    """The tune half (last hex digit of the page id even) and the held-out half (odd)."""
    ids = list(ids)
    return {
        "tune": [k for k in ids if int(k[-1], 16) % 2 == 0],
        "held-out": [k for k in ids if int(k[-1], 16) % 2 == 1],
    }


def newscrawl_scores(corpus: Path = DEFAULT_CORPUS, workers: int = 2) -> dict[str, Score]:
    """newscrawl's precision, recall and F1 on the tune and held-out halves (no trafilatura,
    no timing, no bootstrap): what tests/test_bench_floors.py holds to its floors."""
    meta = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {k: v["articleBody"] for k, v in meta.items()}
    items = [(k, str(corpus / "html" / f"{k}.html.gz"), meta[k]["url"]) for k in sorted(truth)]
    with ProcessPoolExecutor(workers) as pool:
        preds = dict(pool.map(_newscrawl_text, items, chunksize=4))
    return {half: score(truth, preds, ids, boot=0) for half, ids in halves(truth).items()}


# --------------------------------------------------------------------------- report


def _row(name: str, s: Score, ms: float | None = None) -> str:
    timing = f"{ms:8.1f}" if ms is not None else f"{'-':>8}"
    return (
        f"{name:<34}{s.pages:>6}{s.precision:>11.3f}{s.recall:>9.3f}"
        f"{s.f1:>9.3f} ±{s.f1_std:.3f}{s.accuracy:>10.3f}{s.contain:>9.3f}{s.clean:>7.3f}{timing}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--dump", type=Path, help="write both systems' texts to this JSON")
    args = parser.parse_args(argv)

    truth_path = args.corpus / "ground-truth.json"
    if not truth_path.is_file():
        print(f"error: no ground-truth.json under {args.corpus}", file=sys.stderr)
        return 2
    meta = json.loads(truth_path.read_text(encoding="utf-8"))
    truth = {k: v["articleBody"] for k, v in meta.items()}
    ids = sorted(truth)[: args.limit or None]

    published = args.corpus / "output" / "trafilatura.json"
    if published.is_file() and not args.limit:
        ref = json.loads(published.read_text(encoding="utf-8"))
        ref_preds = {k: v.get("articleBody") or "" for k, v in ref["output"].items()}
        s = score(truth, ref_preds, ids, boot=0)
        ok = all(
            round(getattr(s, m), 3) == v for m, v in PUBLISHED_TRAFILATURA_2_0_0.items()
        )
        print(
            f"scorer check on published trafilatura {ref.get('version')} output: "
            f"F1 {s.f1:.3f} (published 0.958), P {s.precision:.3f} (0.938), "
            f"R {s.recall:.3f} (0.978), accuracy {s.accuracy:.3f} -> "
            + ("reproduced" if ok else "MISMATCH")
        )

    version = trafilatura.__version__
    items = [(k, str(args.corpus / "html" / f"{k}.html.gz"), meta[k]["url"]) for k in ids]
    ours: dict[str, str] = {}
    theirs: dict[str, str] = {}
    ours_t: list[float] = []
    theirs_t: list[float] = []
    with ProcessPoolExecutor(args.workers, initializer=_warm_up) as pool:
        for key, a, a_s, b, b_s in pool.map(run_page, items, chunksize=4):
            ours[key], theirs[key] = a, b
            ours_t.append(a_s)
            theirs_t.append(b_s)
    if args.dump:
        args.dump.write_text(json.dumps({"newscrawl": ours, "trafilatura": theirs}, indent=1))

    tune, held = halves(ids).values()
    ms_ours = 1000 * statistics.fmean(ours_t)
    ms_theirs = 1000 * statistics.fmean(theirs_t)
    header = (
        f"{'system':<34}{'pages':>6}{'precision':>11}{'recall':>9}{'F1':>9}{'':>7}"
        f"{'accuracy':>10}{'contain':>9}{'clean':>7}{'ms/page':>8}"
    )
    print(f"\n{len(ids)} pages, {args.workers} worker processes, corpus {args.corpus}")
    print(header)
    print("-" * len(header))
    print(_row("newscrawl extract_article", score(truth, ours, ids), ms_ours))
    print(_row(f"trafilatura {version} extract()", score(truth, theirs, ids), ms_theirs))
    for label, subset in (("tune half", tune), ("held-out half", held)):
        if subset:
            print(_row(f"  newscrawl, {label}", score(truth, ours, subset)))
            print(_row(f"  trafilatura, {label}", score(truth, theirs, subset)))
    empty = sum(1 for k in ids if not ours[k])
    print(
        f"\nmedian ms/page: newscrawl {1000 * statistics.median(ours_t):.1f}, "
        f"trafilatura {1000 * statistics.median(theirs_t):.1f}"
    )
    print(
        f"newscrawl returned no text for {empty} page(s); ms/page is the mean wall time of one "
        "call in a warmed-up worker (newscrawl's includes metadata, dates and decoding)."
    )
    print(
        "contain: share of the truth's sentences found whole in the output (must-contain); "
        "clean: share of the output's sentences found in the truth (must-not-contain)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
