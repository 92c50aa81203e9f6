"""trafilatura's XPath expressions as newscrawl rewrites them (newscrawl/extract/fastxpaths.py)
against trafilatura's own, on the raw pages of the corpora.

For every expression ``fastxpaths.install`` rewrites: the milliseconds a page of trafilatura's
own and of the rewritten one (CPU time, one process, each evaluated over every page in turn),
and whether the two selected the same elements, in the same order, on every page. The script
exits 1 when any selection differs.

    python bench/xpaths.py [--corpora DIR] [--every N]

``--every N`` reads every N-th page only (all 677 by default: about a minute).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import trafilatura.xpaths
from trafilatura.utils import load_html

from newscrawl.extract import fastxpaths

DEFAULT_CORPORA = next(
    (
        p / "shared" / "corpora"
        for p in Path(__file__).resolve().parents[2:4]
        if (p / "shared" / "corpora").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpora",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--every", type=int, default=1)
    args = parser.parse_args(argv)
    files = sorted(args.corpora.rglob("*.html.gz"))[:: max(1, args.every)]
    trees = [t for f in files if (t := load_html(gzip.decompress(f.read_bytes()))) is not None]
    if not trees:
        print(f"Error: no pages under {args.corpora}", file=sys.stderr)
        return 2
    fastxpaths.install()
    print(f"{len(trees)} raw pages of {args.corpora}; CPU ms a page, one process\n")
    print(f"| {'expression':<36} | trafilatura's | rewritten | same elements |")
    print(f"|{'-' * 38}|---------------|-----------|---------------|")
    totals, differ = [0.0, 0.0], 0
    for name, own in fastxpaths.originals().items():
        for i, (theirs, ours) in enumerate(zip(own, getattr(trafilatura.xpaths, name), strict=True)):
            if theirs is ours:
                continue
            cost, found = [], []
            for expression in (theirs, ours):
                start = time.process_time()
                found.append([expression(tree) for tree in trees])
                cost.append((time.process_time() - start) / len(trees) * 1000)
            same = found[0] == found[1]
            differ += not same
            totals = [totals[0] + cost[0], totals[1] + cost[1]]
            label, verdict = f"{name}[{i}]", "yes" if same else "NO"
            print(f"| {label:<36} | {cost[0]:13.3f} | {cost[1]:9.3f} | {verdict:>13} |")
    print(f"| {'all':<36} | {totals[0]:13.2f} | {totals[1]:9.2f} | {'yes' if not differ else 'NO':>13} |")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
