"""The topic prefilter's cost per page, on the real pages of the article-extraction corpus.

For each query: how many of the 181 pages pass, how many of those turned away were turned
away by the proof of absence alone (no form of the page built), and the milliseconds per
turned-away page (mean and median) of ``Prefilter.passes`` three ways: *before* (the
prefilter before the light forms: every page that fails the quick test gets every full form),
*light* (the quick test, then the light forms: the prefilter before the proof of absence) and
*after* (the proof of absence, then the light forms for the words it leaves open). Each figure
is the best of ``--repeat`` runs of that page (the machine is shared: the best run is the
least disturbed). All three must agree on every page; the script says so.

The tune and held-out halves (by a hash of the file name) are shown apart: the light forms
and the proof were worked out on the corpus, so the held-out half is the honest figure.

    python bench/prefilter.py [--repeat N] [--query QUERY ...]

``--against REV`` instead compares ``Prefilter.passes`` as it is with the module as it was at
the git revision ``REV`` (loaded under another name), both in one run: the decisions must be
the same on every page and query, and each side is timed as a worker runs it (a freshly
unpickled prefilter for each page, the page's UTF-8 bytes given).

    python bench/prefilter.py --against main [--repeat N] [--query QUERY ...]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import importlib.util
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from newscrawl.extract.decode import decode_page
from newscrawl.judge import prefilter as pf
from newscrawl.judge.query import fold
from newscrawl.judge.topics import parse_query

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p / "shared" / "corpora" / "article-extraction-benchmark" / "html"
               for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), ROOT / "missing")
QUERIES = ['respiratory OR infection OR "infectious disease"', "=ICE OR deport* OR immigration",
           '"last year" OR game* OR =Apple']
# --against's default queries: the crawl benchmark's narrow topic, one word, an exact word with
# prefixes, the project's topic file (many words and phrases), and a common word.
AGAINST_QUERIES = ['respiratory OR infection OR "infectious disease"', "vaccine",
                   "=ICE OR deport* OR immigration", "@topic", '"last year" OR game* OR =Apple']
TOPIC_FILE = ROOT / "data" / "topics" / "ice-tech-workers.toml"


def old_json_windows(text: str) -> str:
    """The JSON windows before the light forms: 1000 characters either side, cut anywhere."""
    spans: list[list[int]] = []
    for m in pf._JSON_ESCAPE_RE.finditer(text):
        lo, hi = max(0, m.start() - 1000), m.end() + 1000
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    return "\n".join(pf._json_unescaped(text[lo:hi]) for lo, hi in spans)


def old_replace(data: bytes, mapping: dict[bytes, bytes]) -> bytes:
    if len(mapping) <= 4:
        for old, new in mapping.items():
            data = data.replace(old, new)
        return data
    pattern = re.compile(b"|".join(map(re.escape, mapping)))
    return pattern.sub(lambda m: mapping[m.group()], data)


def old_fold_page(data: bytes, needed: frozenset[str]) -> bytes:
    if data.isascii():
        return data.lower()
    mapping = pf._fold_mapping(pf._non_ascii(data), needed)
    return pf._bytes(fold(pf._text(data))) if mapping is None else old_replace(data, mapping).lower()


def old_page_variants(text: str) -> bytes:
    """``page_variants`` before the light forms: one string, tags stripped across pieces."""
    if "\\u" in text:
        text += "\n" + old_json_windows(text)
    names = "\n".join(pf._ENTITY_RE.findall(text)) if "&" in text else ""
    data = pf._bytes(html.unescape(text) if "&" in text else text).translate(None, pf._ASCII_DROPPED)
    if not data.isascii():
        dropped = [c for c in pf._non_ascii(data) if pf._dropped(c)]
        if dropped:
            data = old_replace(data, dict.fromkeys(map(pf._bytes, dropped), b""))
    return b"\n".join((data, pf._bytes(names), pf._TAG_RE.sub(b"", data)))


def old_passes(prefilter: pf.Prefilter, page_text: str) -> bool:
    """``Prefilter.passes`` before the light forms (the quick test, then every full form)."""
    if prefilter.condition is None:
        return True
    needles = prefilter.needles
    data = pf._bytes(page_text)
    lowered = data.lower() if any(not e for _, e in needles) else b""
    if pf._holds(prefilter.condition, {(s, e): pf._bytes(s) in (data if e else lowered) for s, e in needles}):
        return True
    data = old_page_variants(page_text)
    folded = old_fold_page(data, prefilter._needed) if any(not e for _, e in needles) else b""
    exact = b""
    if any(e for _, e in needles):
        text = pf._text(data)
        if not unicodedata.is_normalized("NFC", text):
            data = pf._bytes(unicodedata.normalize("NFC", text))
        exact = data
    found = {(s, e): pf._bytes(s) in (exact if e else folded) for s, e in needles}
    return pf._holds(prefilter.condition, found)


def light_passes(prefilter: pf.Prefilter, page_text: str) -> bool:
    """``Prefilter.passes`` before the proof of absence: the quick test, then the light forms."""
    if prefilter.condition is None:
        return True
    data = pf._bytes(page_text)
    lowered = data.lower() if prefilter._needed else b""
    quick = prefilter._found_in(data, lowered)
    if pf._holds(prefilter.condition, quick):
        return True
    light = prefilter._light_forms(page_text, data)
    if light is None:
        return prefilter.passes_full(page_text)
    exact, folded = light
    found = pf._Found(lambda n: quick[n] or pf._bytes(n[0]) in (exact if n[1] else folded))
    return pf._holds(prefilter.condition, found)


def best_ms(fn, arg, repeat: int) -> float:  # noqa: ANN001 - any callable of one argument
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def half(name: str) -> str:
    return "tune" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "held-out"


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per page and function (best kept)")
    parser.add_argument("--query", action="append", help="a topic query (default: three; "
                        "'@topic' is data/topics/ice-tech-workers.toml's)")
    parser.add_argument("--against", metavar="REV", help="compare with the prefilter at this git revision")
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.html.gz"))
    if not files:
        print(f"Error: no pages in {CORPUS}", file=sys.stderr)
        return 2
    if args.against:
        return against(args.against, files, args.query or AGAINST_QUERIES, args.repeat)
    bodies = [(f.name, gzip.decompress(f.read_bytes())) for f in files]
    decode_ms = {name: best_ms(decode_page, body, args.repeat) for name, body in bodies}
    texts = {name: decode_page(body).text for name, body in bodies}
    print(f"{len(texts)} pages, {mean([len(b) for _, b in bodies]) / 1000:.0f} KB mean; "
          f"decode_page {mean(list(decode_ms.values())):.2f} ms/page (best of {args.repeat})")
    print()
    print(f"{'query':<50} {'half':<8} {'pass':>4} {'proved':>6} {'full':>4}   turned away, ms: "
          f"{'before':>6} {'med':>5} {'light':>6} {'med':>5} {'after':>6} {'med':>5}")
    disagree = 0
    for source in args.query or QUERIES:
        prefilter = pf.prefilter_for(_parse(source).root)
        rows: dict[str, list[tuple[bool, bool, bool, float, float, float]]] = {"tune": [], "held-out": []}
        for name, text in texts.items():
            new, light = prefilter.passes(text), light_passes(prefilter, text)
            disagree += not new == light == old_passes(prefilter, text)
            proved = not new and _proved(prefilter, text)
            before = best_ms(lambda t, p=prefilter: old_passes(p, t), text, args.repeat)
            lighter = best_ms(lambda t, p=prefilter: light_passes(p, t), text, args.repeat)
            after = best_ms(prefilter.passes, text, args.repeat)
            rows[half(name)].append((new, proved, _needs_full(prefilter, text), before, lighter, after))
        for which in ("tune", "held-out", "all"):
            got = rows["tune"] + rows["held-out"] if which == "all" else rows[which]
            rejected = [r for r in got if not r[0]]
            figures = " ".join(f"{mean([r[i] for r in rejected]):>6.2f} "
                               f"{median([r[i] for r in rejected]):>5.2f}" for i in (3, 4, 5))
            print(f"{source[:50]:<50} {which:<8} {sum(r[0] for r in got):>4} {sum(r[1] for r in got):>6} "
                  f"{sum(r[2] for r in got):>4}   {'':>17}{figures}")
    print()
    print("ms a turned-away page (mean, median), each page the best of its runs; 'proved': turned away")
    print("by the proof of absence alone; 'full': pages that needed the full forms")
    print("before, light and after agree on every page" if not disagree
          else f"DISAGREE on {disagree} page(s)")
    return 1 if disagree else 0


def _parse(source: str):  # noqa: ANN202 - a parsed Query
    if source == "@topic":
        from newscrawl.config import load_topic

        return load_topic(TOPIC_FILE).query
    return parse_query(source)


def _module_at(rev: str):  # noqa: ANN202 - the prefilter module as it was at ``rev``
    try:
        source = subprocess.run(["git", "show", f"{rev}:newscrawl/judge/prefilter.py"], cwd=ROOT,
                                check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"Error: no prefilter at {rev!r}: {e.stderr.decode().strip()}") from None
    path = Path(tempfile.mkdtemp()) / "prefilter_then.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("prefilter_then", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["prefilter_then"] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _fresh_ms(prefilters: tuple[object, ...], text: str, data: bytes, repeat: int,
              ) -> list[tuple[bool, float]]:
    """For each prefilter, the decision and the best time of ``passes`` over ``repeat`` runs
    (the prefilters' runs taken in turns), each on a prefilter unpickled anew (as a pool
    worker gets it with each page), given the page's UTF-8 bytes."""
    blobs = [pickle.dumps(p) for p in prefilters]
    best = [float("inf")] * len(blobs)
    decisions = [False] * len(blobs)
    for _ in range(repeat):
        for i, blob in enumerate(blobs):
            fresh = pickle.loads(blob)
            start = time.perf_counter()
            decisions[i] = bool(fresh.passes(text, data))
            best[i] = min(best[i], time.perf_counter() - start)
    return [(d, b * 1000) for d, b in zip(decisions, best, strict=True)]


def against(rev: str, files: list[Path], queries: list[str], repeat: int) -> int:
    """``passes`` now and at ``rev``, page by page in one run (turns alternating)."""
    then = _module_at(rev)
    texts = {f.name: decode_page(gzip.decompress(f.read_bytes())).text for f in files}
    print(f"{len(texts)} pages; ms per turned-away page, each page the best of {repeat} runs "
          f"(a prefilter unpickled anew each run), {rev} against the working tree")
    print()
    print(f"{'query':<50} {'half':<8} {'pass':>4}   {rev[:10]:>10} {'med':>5}   {'now':>6} {'med':>5}"
          f"   {'now/then':>8}")
    differ = []
    for source in queries:
        root = _parse(source).root
        old, new = then.prefilter_for(root), pf.prefilter_for(root)
        rows: dict[str, list[tuple[bool, float, float]]] = {"tune": [], "held-out": []}
        for name, text in texts.items():
            data = pf._bytes(text)
            (old_passes, old_ms), (new_passes, new_ms) = _fresh_ms((old, new), text, data, repeat)
            if new_passes != old_passes:
                differ.append((source, name))
            rows[half(name)].append((new_passes, old_ms, new_ms))
        for which in ("tune", "held-out", "all"):
            got = rows["tune"] + rows["held-out"] if which == "all" else rows[which]
            away = [r for r in got if not r[0]]
            then_mean, now_mean = mean([r[1] for r in away]), mean([r[2] for r in away])
            print(f"{source[:50]:<50} {which:<8} {sum(r[0] for r in got):>4}   {then_mean:>10.3f} "
                  f"{median([r[1] for r in away]):>5.2f}   {now_mean:>6.3f} "
                  f"{median([r[2] for r in away]):>5.2f}   {now_mean / then_mean:>8.2f}")
    print()
    if differ:
        print(f"DECISIONS DIFFER on {len(differ)} (query, page) pair(s)")
        return 1
    print(f"the same decision on every page for every query ({len(queries)} x {len(texts)})")
    return 0


def _proved(prefilter: pf.Prefilter, text: str) -> bool:
    """Whether the proof of absence alone turns the page away."""
    data = pf._bytes(text)
    seen = pf._Absent(data, prefilter.needles)
    return not pf._holds(prefilter.condition, pf._Found(lambda n: seen.look(n) is not False))


def _needs_full(prefilter: pf.Prefilter, text: str) -> bool:
    """Whether ``passes`` falls back to the full forms on this page (it fails the quick test and
    has a construct the light forms leave to them)."""
    data = pf._bytes(text)
    if pf._holds(prefilter.condition, prefilter._found_in(data, data.lower())):
        return False
    return prefilter._light_forms(text, data) is None


if __name__ == "__main__":
    sys.exit(main())
