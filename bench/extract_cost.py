"""CPU per page of newscrawl's extraction against the crawl benchmark's ceiling, in one process.

    python bench/extract_cost.py [--corpus DIR] [--rounds 3]

On the 181 pages of the extraction corpus, one page at a time, the two in turn: newscrawl's
``extract_article(body, url)`` (decoding, text, metadata, bylines, page type, dates) and the
ceiling of ``bench/crawl_throughput.py``, ``trafilatura.extract(html, url=url,
with_metadata=True, output_format="json")``. Each page's figure is the best of ``--rounds``
runs of each (CPU time of this process), so other jobs on the machine weigh on both sides
alike. dateparser's locale data is built first, as the crawl's fork server does
(``newscrawl.extract.preload``). Prints the mean and the median ms a page and their ratio.
"""

from __future__ import annotations

import gzip
import statistics
import sys
from collections.abc import Callable, Sequence

import trafilatura
from crawl_throughput import cost_arguments, cpu_seconds  # the crawl benchmark's pages: the same corpus

from newscrawl.extract.article import extract_article
from newscrawl.extract.dates.parse import warm_up

URL = "https://news.example.org/2026/01/02/story"



def main(argv: Sequence[str] | None = None) -> int:
    args, files = cost_arguments(__doc__.split("\n\n")[0], argv)
    if not files:
        print(f"Error: no pages in {args.corpus / 'html'}", file=sys.stderr)
        return 2
    pages = [gzip.decompress(f.read_bytes()) for f in files]
    warm_up()
    systems: dict[str, Callable[[bytes], object]] = {
        "newscrawl extract_article": lambda body: extract_article(body, URL),
        "trafilatura.extract (metadata, JSON)": lambda body: trafilatura.extract(
            body.decode("utf-8", "replace"), url=URL, with_metadata=True, output_format="json"),
    }
    for body in pages[:10]:  # lazily built state on both sides
        for run in systems.values():
            run(body)
    costs: dict[str, list[float]] = {name: [] for name in systems}
    for body in pages:
        best = dict.fromkeys(systems, float("inf"))
        for _ in range(max(1, args.rounds)):
            for name, run in systems.items():
                best[name] = min(best[name], cpu_seconds(run, body))
        for name, seconds in best.items():
            costs[name].append(seconds * 1000)
    print(f"{len(pages)} pages, best of {args.rounds} per page, the two in turn\n")
    print(f"| {'what':38} | {'mean ms':>8} | {'median ms':>9} |")
    print(f"|{'-' * 40}|{'-' * 10}|{'-' * 11}|")
    for name, values in costs.items():
        print(f"| {name:38} | {statistics.fmean(values):8.1f} | {statistics.median(values):9.1f} |")
    ours, ceiling = (statistics.fmean(v) for v in costs.values())
    print(f"\nceiling / newscrawl: {ceiling / ours:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
