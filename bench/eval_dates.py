"""Publication-day accuracy on real pages: newscrawl vs plain htmldate vs plain trafilatura.

Every dated corpus in ``shared/corpora`` is scored in one run, each method on the same pages:

- ``dates-htmldate``: 285 pages from many countries, truth ``date`` (YYYY-MM-DD or null; a null
  truth is right only when the method says nothing);
- ``metadata-postlight``: the 116 pages whose truth has a ``published`` day (the publisher's
  calendar day, derived by the corpus from a UTC instant: see its README);
- ``metadata-readability``: the 29 pages whose truth has a ``published`` day (pages with a
  null truth are not scored: null there means Readability found none, not that there is none).

Methods:

- ``newscrawl``: ``extract_article(html, url).published_day``, what the public API returns
  and the store keeps as the outlet's day;
- ``newscrawl dates``: ``resolve_dates(page_date_hints(html, url)).published_day``, the dates
  module alone;
- ``htmldate``: ``find_date(html, original_date=True)``;
- ``trafilatura``: ``extract_metadata(html, default_url=url).date``.

All are scored on the day as written (htmldate and trafilatura drop the offset of the value
they pick). ``default_tz`` is UTC: the corpora do not say where their outlets are.

Halves: a page is in the tune half when the first byte of the SHA-256 of its file name is
even, else in the held-out half. Rules were chosen on tune-half pages only; ``--misses`` lists
tune-half misses only, unless ``--misses-all`` is given.

    python bench/eval_dates.py [--corpora DIR] [--only NAME ...] [--workers 2] [--misses]
                               [--json FILE]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# shared/corpora beside the checkout (or beside the folder of worktrees)
DEFAULT_CORPORA = next((p / "shared" / "corpora" for p in REPO.parents
                        if (p / "shared" / "corpora").is_dir()), REPO.parent / "shared" / "corpora")
METHODS = ("newscrawl", "newscrawl_dates", "htmldate", "trafilatura")
OUR_METHODS = ("newscrawl", "newscrawl_dates")
LABELS = {"newscrawl_dates": "newscrawl dates", "newscrawl_utc_day": "newscrawl UTC day"}


@dataclass(frozen=True)
class Corpus:
    """One dated corpus: where its pages are and which truth key holds the day."""

    name: str
    pages: str  # folder of <id>.html.gz
    key: str  # truth key of the day
    score_null: bool  # a null truth is scored (the page has no date) or skipped


CORPORA = (
    Corpus("dates-htmldate", "html", "date", True),
    Corpus("metadata-postlight", "pages", "published", False),
    Corpus("metadata-readability", "pages", "published", False),
)


def decode(raw: bytes) -> str:
    """Bytes -> text: UTF-8, else the declared charset, else charset detection."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_.:-]+)", raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            return str(best)
    except ImportError:
        pass
    return raw.decode("latin-1")


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    m = re.match(r"\d{4}-\d{2}-\d{2}", str(value))
    return m.group(0) if m else None


def _newscrawl(html: str, url: str | None) -> dict[str, Any]:
    from newscrawl.extract.article import extract_article

    art = extract_article(html, url)
    if art is None:
        return {"day": None, "source": "no article"}
    return {"day": art.published_day, "source": art.date_source, "instant": art.published_at,
            "utc_day": _day(art.published_at)}


def _newscrawl_dates(html: str, url: str | None) -> dict[str, Any]:
    from newscrawl.extract.dates import page_date_hints, resolve_dates

    resolved = resolve_dates(page_date_hints(html, url), "UTC")
    return {"day": _day(resolved.published_day), "source": resolved.date_source}


def _htmldate(html: str, url: str | None) -> dict[str, Any]:
    from htmldate import find_date

    return {"day": _day(find_date(html, original_date=True, url=url))}


def _trafilatura(html: str, url: str | None) -> dict[str, Any]:
    from trafilatura import extract_metadata

    from newscrawl.extract import fastxpaths

    with fastxpaths.trafilaturas_own():  # plain trafilatura, as installed
        meta = extract_metadata(html, default_url=url)
    return {"day": _day(meta.date if meta is not None else None)}


RUNNERS: dict[str, Callable[[str, str | None], dict[str, Any]]] = {
    "newscrawl": _newscrawl, "newscrawl_dates": _newscrawl_dates,
    "htmldate": _htmldate, "trafilatura": _trafilatura,
}


def is_tune(file_name: str) -> bool:
    """The tune half: the first byte of the SHA-256 of the page's file name is even."""
    return hashlib.sha256(file_name.encode()).digest()[0] % 2 == 0


def _init_worker() -> None:
    import logging

    logging.disable(logging.CRITICAL)


def evaluate(task: tuple[str, str, str | None, str, tuple[str, ...]]) -> dict[str, Any]:
    """Run the methods on one page; returns their days, newscrawl's sources and the seconds."""
    corpus, page_id, url, path, methods = task
    html = decode(gzip.decompress(Path(path).read_bytes()))
    out: dict[str, Any] = {"corpus": corpus, "id": page_id, "url": url,
                           "tune": is_tune(Path(path).name)}
    for name in methods:
        start = time.perf_counter()
        try:
            result = RUNNERS[name](html, url)
        except Exception as exc:  # a crash counts as no answer, and is reported
            result = {"day": None, "source": f"error: {type(exc).__name__}: {exc}"[:120]}
        out[f"{name}_seconds"] = time.perf_counter() - start
        out[name] = result.pop("day")
        out.update({f"{name}_{key}": value for key, value in result.items()})
    return out


def load_tasks(root: Path, names: Iterable[str] | None = None,
               methods: tuple[str, ...] = METHODS) -> tuple[list[tuple], dict[tuple[str, str], str | None]]:
    """The pages to score and their truth, keyed by (corpus, id)."""
    tasks, truth = [], {}
    for corpus in CORPORA:
        if names and corpus.name not in names:
            continue
        folder = root / corpus.name
        truth_file = folder / "truth.jsonl"
        if not truth_file.exists():
            raise FileNotFoundError(f"no truth.jsonl in {folder}")
        for line in truth_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            day = entry.get(corpus.key)
            if day is None and not corpus.score_null:
                continue
            truth[(corpus.name, entry["id"])] = day
            path = folder / corpus.pages / f"{entry['id']}.html.gz"
            tasks.append((corpus.name, entry["id"], entry.get("url"), str(path), methods))
    return tasks, truth


def run(root: Path = DEFAULT_CORPORA, *, names: Iterable[str] | None = None,
        methods: tuple[str, ...] = METHODS, workers: int = 2) -> tuple[list[dict], dict]:
    """Score the corpora: (one row per page, truth by (corpus, id))."""
    tasks, truth = load_tasks(root, names, methods)
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init_worker) as pool:
            rows = list(pool.map(evaluate, tasks, chunksize=4))
    else:
        _init_worker()
        rows = [evaluate(t) for t in tasks]
    return rows, truth


def counts(rows: list[dict[str, Any]], truth: dict, name: str) -> Counter[str]:
    """correct / wrong / missing / spurious for one method."""
    c: Counter[str] = Counter()
    for row in rows:
        gold, pred = truth[(row["corpus"], row["id"])], row.get(name)
        c["pages"] += 1
        if pred == gold:
            c["correct"] += 1
        elif gold is None:
            c["spurious"] += 1
        elif pred is None:
            c["missing"] += 1
        else:
            c["wrong"] += 1
    return c


def figures(rows: list[dict[str, Any]], truth: dict,
            methods: tuple[str, ...] = METHODS) -> dict[str, dict[str, float]]:
    """Accuracy per method for each corpus and half, and for all pages: {"all/held-out": {...}}."""
    out: dict[str, dict[str, float]] = {}
    groups = sorted({r["corpus"] for r in rows}) + ["all"]
    for group in groups:
        for half in ("all", "tune", "held-out"):
            subset = [r for r in rows if group in ("all", r["corpus"])
                      and (half == "all" or r["tune"] == (half == "tune"))]
            if not subset:
                continue
            out[f"{group}/{half}"] = {
                m: round(counts(subset, truth, m)["correct"] / len(subset), 3) for m in methods
            } | {"pages": len(subset)}
    return out


def table(rows: list[dict[str, Any]], truth: dict, methods: tuple[str, ...] = METHODS) -> str:
    """Per corpus: each method's counts on all pages, then accuracy on the two halves."""
    lines = []
    header = (f"{'method':<17} {'accuracy':>8} {'correct':>7} {'wrong':>5} {'missing':>7} "
              f"{'spurious':>8} {'tune':>6} {'held-out':>8} {'seconds':>8}")
    for group in [*sorted({r["corpus"] for r in rows}), "all"]:
        subset = [r for r in rows if group in ("all", r["corpus"])]
        tune = [r for r in subset if r["tune"]]
        held = [r for r in subset if not r["tune"]]
        lines += ["", f"{group}: {len(subset)} pages (tune {len(tune)}, held-out {len(held)}; "
                      f"{sum(truth[(r['corpus'], r['id'])] is None for r in subset)} with no date)",
                  header, "-" * len(header)]
        shown = [*methods, *(["newscrawl_utc_day"] if "newscrawl" in methods else [])]
        for name in shown:
            c = counts(subset, truth, name)
            half = [counts(h, truth, name)["correct"] / len(h) if h else 0.0 for h in (tune, held)]
            secs = sum(r.get(f"{name}_seconds", 0.0) for r in subset)
            lines.append(
                f"{LABELS.get(name, name):<17} {c['correct'] / len(subset):>8.3f} {c['correct']:>7} "
                f"{c['wrong']:>5} {c['missing']:>7} {c['spurious']:>8} {half[0]:>6.3f} "
                f"{half[1]:>8.3f} {secs:>8.1f}"
            )
    baselines = [m for m in ("htmldate", "trafilatura") if m in methods]
    for ours in (m for m in OUR_METHODS if m in methods and baselines):
        gold = {id(r): truth[(r["corpus"], r["id"])] for r in rows}
        wins = sum(r[ours] == gold[id(r)] and all(r[b] != gold[id(r)] for b in baselines) for r in rows)
        losses = sum(r[ours] != gold[id(r)] and any(r[b] == gold[id(r)] for b in baselines) for r in rows)
        lines.append(f"{LABELS.get(ours, ours)} right where every baseline is wrong: {wins} page(s); "
                     f"wrong where a baseline is right: {losses}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA,
                        help="the folder holding the corpora (default: shared/corpora)")
    parser.add_argument("--only", nargs="+", choices=[c.name for c in CORPORA],
                        help="score only these corpora")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--misses", action="store_true",
                        help="list newscrawl's misses on the tune half, with their hints")
    parser.add_argument("--misses-all", action="store_true",
                        help="list misses on both halves (spoils the held-out half)")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS),
                        help="run only these methods (default: all)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    methods = tuple(args.methods)

    start = time.perf_counter()
    try:
        rows, truth = run(args.corpora, names=args.only, methods=methods, workers=args.workers)
    except FileNotFoundError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    wall = time.perf_counter() - start
    print(f"{len(rows)} dated pages, {args.workers} worker(s), default_tz UTC")
    print(table(rows, truth, methods))
    print(f"\nwall time {wall:.1f} s; 'seconds' is the time each method spent, summed over pages")
    sources = Counter(r.get("newscrawl_source", r.get("newscrawl_dates_source")) or "none" for r in rows)
    print("newscrawl date_source: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()))
    if args.json:
        args.json.write_text(json.dumps(figures(rows, truth, methods), indent=1, sort_keys=True) + "\n")
    if args.misses or args.misses_all:
        _print_misses(rows, truth, args.corpora, everything=args.misses_all)
    return 0


def _print_misses(rows: list[dict], truth: dict, root: Path, *, everything: bool) -> None:
    from newscrawl.extract.dates import page_date_hints

    pages = {c.name: c.pages for c in CORPORA}
    for row in rows:
        gold = truth[(row["corpus"], row["id"])]
        ours = row.get("newscrawl", row.get("newscrawl_dates"))
        if ours == gold or not (everything or row["tune"]):
            continue
        path = root / row["corpus"] / pages[row["corpus"]] / f"{row['id']}.html.gz"
        html = decode(gzip.decompress(path.read_bytes()))
        print(f"\n{row['corpus']}/{row['id']} {row['url']}\n  truth={gold} "
              f"newscrawl={row.get('newscrawl')} ({row.get('newscrawl_source')} "
              f"{row.get('newscrawl_instant')}) dates={row.get('newscrawl_dates')} "
              f"({row.get('newscrawl_dates_source')}) "
              f"htmldate={row.get('htmldate')} trafilatura={row.get('trafilatura')}")
        for hint in page_date_hints(html, row["url"])[:12]:
            print(f"    {hint.source:<8} {hint.kind:<9} {hint.value[:70]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
