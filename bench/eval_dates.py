"""Publication-date accuracy on real pages: newscrawl vs plain htmldate vs plain trafilatura.

Corpus: ``dates-htmldate`` (gzipped HTML + ``truth.jsonl`` with YYYY-MM-DD or null). The
truth is the publication day as the page shows it, in the outlet's own calendar (a story
stamped ``2020-08-15T20:53:24-04:00`` is the 15th). A prediction is right when its day equals
the truth; a null truth is right only when the method says nothing.

All three methods are scored on the same thing, the day as written: htmldate and trafilatura
return the date part of the value they pick (its offset is dropped), and newscrawl's
``published_day`` is the winning day in the value's own offset (a UTC-written instant: the
local day the page confirms, see docs/dates.md). The extra row ``newscrawl (UTC day)`` scores
the UTC day of ``published_at`` instead, which differs for late-evening and early-morning
stories. ``default_tz`` is UTC: the corpus does not say where its outlets are.

The "tune" half of the pages (last hex digit of the page id even) was used to find failure
causes and choose rules; the "held-out" half (odd) is reported separately.

    python bench/eval_dates.py [--corpus PATH] [--workers 2] [--limit N] [--misses]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "dates-htmldate"
METHODS = ("newscrawl", "htmldate", "trafilatura")


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


def _newscrawl(html: str, url: str) -> dict[str, Any]:
    from newscrawl.extract.dates import page_date_hints, resolve_dates

    resolved = resolve_dates(page_date_hints(html, url), "UTC")
    return {
        "day": _day(resolved.published_day),
        "source": resolved.date_source,
        "instant": resolved.published_at.isoformat() if resolved.published_at else None,
        "utc_day": _day(resolved.published_at),
    }


def _htmldate(html: str, url: str) -> dict[str, Any]:
    from htmldate import find_date

    return {"day": _day(find_date(html, original_date=True))}


def _trafilatura(html: str, url: str) -> dict[str, Any]:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url)
    return {"day": _day(meta.date if meta is not None else None)}


RUNNERS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "newscrawl": _newscrawl, "htmldate": _htmldate, "trafilatura": _trafilatura,
}


def _init_worker() -> None:
    import logging

    logging.disable(logging.CRITICAL)


def evaluate(task: tuple[str, str, str]) -> dict[str, Any]:
    """Run every method on one page; returns predictions, sources and seconds spent."""
    page_id, url, path = task
    html = decode(gzip.decompress(Path(path).read_bytes()))
    out: dict[str, Any] = {"id": page_id, "url": url}
    for name, runner in RUNNERS.items():
        start = time.perf_counter()
        try:
            result = runner(html, url)
        except Exception as exc:  # a crash counts as no answer, and is reported
            result = {"day": None, "source": f"error: {type(exc).__name__}: {exc}"[:120]}
        out[f"{name}_seconds"] = time.perf_counter() - start
        out[name] = result.pop("day")
        out.update({f"{name}_{key}": value for key, value in result.items()})
    return out


def score(rows: list[dict[str, Any]], truth: dict[str, str | None], name: str) -> Counter[str]:
    """Counts of correct / wrong / missing / spurious for one method."""
    counts: Counter[str] = Counter()
    for row in rows:
        gold, pred = truth[row["id"]], row[name]
        if pred == gold:
            counts["correct"] += 1
        elif gold is None:
            counts["spurious"] += 1
        elif pred is None:
            counts["missing"] += 1
        else:
            counts["wrong"] += 1
    return counts


def is_tune(page_id: str) -> bool:
    """The tune half: the page id's last hex digit is even."""
    return int(page_id[-1], 16) % 2 == 0


def table(rows: list[dict[str, Any]], truth: dict[str, str | None]) -> str:
    """The side-by-side result table, then each method on the tune and held-out halves."""
    header = f"{'method':<20} {'accuracy':>8} {'correct':>7} {'wrong':>5} {'missing':>7} " \
             f"{'spurious':>8} {'seconds':>8}"
    lines = [header, "-" * len(header)]
    for name, label in [*((m, m) for m in METHODS), ("newscrawl_utc_day", "newscrawl (UTC day)")]:
        c = score(rows, truth, name)
        timed = name if name in METHODS else "newscrawl"
        secs = sum(r[f"{timed}_seconds"] for r in rows)
        lines.append(
            f"{label:<20} {c['correct'] / len(rows):>8.3f} {c['correct']:>7} {c['wrong']:>5} "
            f"{c['missing']:>7} {c['spurious']:>8} {secs:>8.1f}"
        )
    for half, keep in (("tune half", True), ("held-out half", False)):
        subset = [r for r in rows if is_tune(r["id"]) == keep]
        if not subset:
            continue
        cells = []
        for name in METHODS:
            c = score(subset, truth, name)
            cells.append(f"{name} {c['correct'] / len(subset):.3f} ({c['correct']})")
        lines.append(f"{half} ({len(subset)} pages): " + ", ".join(cells))
    wins = [r for r in rows if r["newscrawl"] == truth[r["id"]]
            and all(r[m] != truth[r["id"]] for m in METHODS[1:])]
    losses = [r for r in rows if r["newscrawl"] != truth[r["id"]]
              and any(r[m] == truth[r["id"]] for m in METHODS[1:])]
    lines.append(f"newscrawl right where both baselines are wrong: {len(wins)} page(s); "
                 f"wrong where a baseline is right: {len(losses)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--misses", action="store_true", help="list newscrawl's misses")
    args = parser.parse_args(argv)

    truth_file = args.corpus / "truth.jsonl"
    if not truth_file.exists():
        print(f"error: no truth.jsonl in {args.corpus}", file=sys.stderr)
        return 2
    entries = [json.loads(line) for line in truth_file.read_text().splitlines() if line.strip()]
    if args.limit:
        entries = entries[: args.limit]
    truth = {e["id"]: e["date"] for e in entries}
    tasks = [(e["id"], e["url"], str(args.corpus / "html" / f"{e['id']}.html.gz"))
             for e in entries]

    start = time.perf_counter()
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers, initializer=_init_worker) as pool:
            rows = list(pool.map(evaluate, tasks, chunksize=4))
    else:
        _init_worker()
        rows = [evaluate(t) for t in tasks]
    wall = time.perf_counter() - start

    print(f"dates-htmldate: {len(rows)} pages ({sum(v is None for v in truth.values())} "
          f"with no date), {args.workers} worker(s)")
    print(table(rows, truth))
    print(f"wall time {wall:.1f} s; 'seconds' is the time each method spent, summed over pages")
    sources = Counter(r.get("newscrawl_source") or "none" for r in rows)
    print("newscrawl date_source: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()))
    if args.misses:
        from newscrawl.extract.dates import page_date_hints

        for row in rows:
            if row["newscrawl"] == truth[row["id"]]:
                continue
            html = decode(gzip.decompress((args.corpus / "html" / f"{row['id']}.html.gz")
                                          .read_bytes()))
            print(f"\n{row['id']} {row['url']}\n  truth={truth[row['id']]} "
                  f"newscrawl={row['newscrawl']} ({row.get('newscrawl_source')} "
                  f"{row.get('newscrawl_instant')}) "
                  f"htmldate={row['htmldate']} trafilatura={row['trafilatura']}")
            for hint in page_date_hints(html, row["url"])[:12]:
                print(f"    {hint.source:<8} {hint.kind:<9} {hint.value[:70]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
