"""Where an extraction worker's CPU goes, per page, in one process: the crawl benchmark's pages
through the pool's own job (``page_job``), part by part.

    python bench/worker_cost.py [--corpus DIR] [--rounds 3]

The extraction pool's first process is loaded as in a crawl (``newscrawl.pipelines.forkserver``:
the stack imported and warmed up; the CPU it took is printed: the pool's start-up). Then, on
the 181 pages of the extraction corpus, one page at a time, best of ``--rounds`` runs of each
page (CPU time of this process, so other jobs on the machine weigh little):

- ``page_job`` as the crawl benchmark's two crawls call it: the catch-all topic (every page
  extracted: ratio 1) and the narrow topic (most pages turned away by the prefilter: ratio 2),
  each with its result pickled and unpickled as the pool sends it back;
- its parts: the WARC record, decoding, the prefilter, ``extract_article`` and its stages
  (the main text, bylines, dates, ...), the MinHash signature, the word count and text hash,
  the topic match;
- the ceiling of ``bench/crawl_throughput.py``, ``trafilatura.extract(html, url=url,
  with_metadata=True, output_format="json")``, in turn with the rest.
"""

from __future__ import annotations

import gzip
import pickle
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from crawl_throughput import CATCH_ALL, NARROW, cost_arguments, cpu_seconds

URL = "http://127.0.0.31:8080/2026/01/02/story-1.html"
HEADERS = {"content-type": "text/html", "server": "nginx"}
TZ = "America/Chicago"
# extract_article's stages, timed where article.py calls them.
STAGES = ("decode_page", "load_html", "extract_texts", "is_link_list", "read_page_meta", "choose_title",
          "count_teasers", "choose_authors", "choose_language", "page_date_hints", "resolve_dates")



def main(argv: Sequence[str] | None = None) -> int:
    args, files = cost_arguments(__doc__.split("\n\n")[0], argv)
    if not files:
        print(f"Error: no pages in {args.corpus / 'html'}", file=sys.stderr)
        return 2
    start = time.process_time()
    import newscrawl.pipelines.forkserver  # noqa: F401  (what the pool's first process loads)

    startup = time.process_time() - start
    import trafilatura

    from newscrawl.extract import article, fastxpaths
    from newscrawl.extract.decode import decode_page
    from newscrawl.judge.dedup import (
        NearDupSettings,
        minhash_signature,
        normalize_text,
        text_hash,
    )
    from newscrawl.judge.prefilter import prefilter_for
    from newscrawl.judge.topics import parse_query
    from newscrawl.pipelines.extract import page_job
    from newscrawl.store.warc import response_record
    from newscrawl.words import word_count

    pages = [gzip.decompress(f.read_bytes()) for f in files]
    near, now = NearDupSettings(), datetime.now(UTC)
    broad, narrow = parse_query(CATCH_ALL), parse_query(NARROW)
    narrow_filter = prefilter_for(narrow.root)

    stage_cpu: dict[str, float] = defaultdict(float)
    originals = {name: getattr(article, name) for name in STAGES}

    def timed(name: str, fn: Callable) -> Callable:
        def run(*a: object, **k: object) -> object:
            begin = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                stage_cpu[name] += time.process_time() - begin
        return run

    # normalize_text keeps the last text's form (the pool's job normalizes each text once):
    # forgotten before each timed run, so a round does not reuse the round before it
    forget = getattr(normalize_text, "cache_clear", lambda: None)

    def job(body: bytes, query: object, prefilter: object) -> object:
        forget()
        result = page_job((URL, 200, HEADERS, now), (query, 80), body, URL, TZ, "text/html", near,
                          prefilter, [])
        return pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def plain_extract(body: bytes) -> object:
        """The ceiling: trafilatura as installed, without newscrawl's guarded expressions."""
        with fastxpaths.trafilaturas_own():
            return trafilatura.extract(body, url=URL, with_metadata=True, output_format="json")

    for body in pages[:10]:  # lazily built state, as a worker's first pages
        job(body, broad, None)
        plain_extract(body)
    def page_runs(body: bytes) -> dict[str, Callable[[], object]]:
        """What is timed on one page, each on its own."""
        extracted = article.extract_article(body, URL, default_tz=TZ, content_type="text/html")
        text = extracted.text if extracted is not None else ""
        title = extracted.title if extracted is not None else None
        decoded = decode_page(body, "text/html")
        return {
            "ceiling: trafilatura.extract (metadata, JSON)": lambda: plain_extract(body),
            "page_job, catch-all topic (ratio 1)": lambda: job(body, broad, None),
            "page_job, narrow topic (ratio 2)": lambda: job(body, narrow, narrow_filter),
            "  WARC record (gzip, digests)": lambda: response_record(URL, 200, HEADERS, body, now),
            "  decode_page (prefilter's input)": lambda: decode_page(body, "text/html"),
            "  prefilter (narrow topic)": lambda: narrow_filter.passes(decoded.text) if decoded else None,
            "  MinHash signature": lambda: (forget(), minhash_signature(text, near) if text else None),
            "  word count and text hash": lambda: (forget(), word_count(text), text_hash(text)),
            "  topic match (catch-all)": lambda: broad.match(title, text) if text else None,
        }

    def staged(body: bytes) -> tuple[float, dict[str, float]]:
        """extract_article's CPU, and its stages'."""
        stage_cpu.clear()
        for name, fn in originals.items():
            setattr(article, name, timed(name, fn))
        try:
            whole = cpu_seconds(lambda: article.extract_article(body, URL, default_tz=TZ,
                                                                content_type="text/html"))
        finally:
            for name, fn in originals.items():
                setattr(article, name, fn)
        return whole, dict(stage_cpu)

    costs: dict[str, list[float]] = defaultdict(list)
    for body in pages:
        best: dict[str, float] = defaultdict(lambda: float("inf"))
        runs = page_runs(body)
        for _ in range(max(1, args.rounds)):
            for name, run in runs.items():
                best[name] = min(best[name], cpu_seconds(run))
            whole, stages = staged(body)
            if whole < best["  extract_article"]:
                best["  extract_article"] = whole
                for name in STAGES:
                    best[f"    {name}"] = stages.get(name, 0.0)
        for name, seconds in best.items():
            costs[name].append(seconds * 1000)
    print(f"{len(pages)} pages, best of {args.rounds} per page; the pool's start-up (imports and warm-up of "
          f"the first process): {startup:.2f} s of CPU\n")
    print(f"| {'what':48} | {'mean ms':>8} | {'median ms':>9} |")
    print(f"|{'-' * 50}|{'-' * 10}|{'-' * 11}|")
    order = [n for n in costs if not n.startswith("  ")] + [n for n in costs if n.startswith("  ")]
    for name in order:
        values = costs[name]
        print(f"| {name:48} | {statistics.fmean(values):8.2f} | {statistics.median(values):9.2f} |")
    print("\n(the stages of extract_article are of its best run; the parts of page_job are each "
          "timed alone)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
