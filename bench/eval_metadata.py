"""Score titles and authors on real pages with title and byline truth.

    python bench/eval_metadata.py [--corpora DIR] [--workers 2] [--json out.json] [--show-misses]

Corpora (``shared/corpora/``, see each README for the truth format): ``metadata-postlight``
(136 pages, titles and bylines typed by Postlight Parser's developers) and
``metadata-readability`` (75 pages, Mozilla Readability's checked output). Each page runs
through newscrawl's ``extract_article(html, url)`` and plain
``trafilatura.extract_metadata(html, default_url=url)`` in the same run.

Scoring, as the corpora's READMEs ask:
- **title exact**: equal after casefolding and collapsing spaces. On the Readability pages,
  whose truth sometimes keeps the site suffix, a match also counts when one title equals the
  other with a trailing `` | Site`` / `` - Site`` / ``_Site`` removed, or two or three such parts
  (Readability's title keeps a Chinese site's ``Headline_Section_Site``, which it does not part).
- **authors exact**: the set of names (casefolded, spaces collapsed) equals the truth's, on
  pages whose truth names at least one author. newscrawl's ``authors`` are people only; the
  truth also keeps desk and staff credits as names (``AOL Staff``), so a second column,
  **byline**, scores newscrawl's authors or, when it names no person, its ``credit``.
  trafilatura's ``author`` string is split on ``;`` (its own separator).

Halves: a page is in the *tune* half when the last hex digit of the MD5 of its id is even,
else *held-out*. Rules were chosen on the tune half only. No rule names a site or a page.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newscrawl.extract.article import extract_article

# ../shared/corpora beside the checkout (a worktree lives one level deeper: ../../shared)
DEFAULT_CORPORA = next(
    (
        p / "shared" / "corpora"
        for p in Path(__file__).resolve().parents[2:4]
        if (p / "shared" / "corpora").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpora",
)
CORPORA = ("metadata-postlight", "metadata-readability")
SUFFIX_RE = re.compile(r"\s*(?:\s[|\-–—·»:]\s|_)[^|\-–—·»:_]*$")


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Page:
    """One page and its truth."""

    corpus: str
    id: str
    path: str
    url: str | None
    title: str
    authors: tuple[str, ...]

    @property
    def half(self) -> str:
        return "tune" if int(hashlib.md5(self.id.encode()).hexdigest()[-1], 16) % 2 == 0 else "held-out"


def load_pages(root: Path, corpora: Iterable[str] = CORPORA) -> list[Page]:
    pages = []
    for corpus in corpora:
        for line in (root / corpus / "truth.jsonl").open(encoding="utf-8"):
            t = json.loads(line)
            pages.append(
                Page(
                    corpus, t["id"], str(root / corpus / "pages" / f"{t['id']}.html.gz"),
                    t.get("url"), t["title"], tuple(t.get("authors") or ()),
                )
            )
    return pages


# --------------------------------------------------------------------------- scoring


def norm(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def title_matches(got: str | None, truth: str, lenient_suffix: bool) -> bool:
    a, b = norm(got), norm(truth)
    if a == b:
        return True
    if not lenient_suffix or not a:
        return False
    return b in _without_suffixes(a) or a in _without_suffixes(b)


def _without_suffixes(title: str, most: int = 3) -> list[str]:
    """``title`` with its last one, two, ... (up to ``most``) trailing parts removed (SUFFIX_RE):
    a Chinese site's ``Headline_Section_Site`` is ``Headline`` twice removed."""
    found = []
    for _ in range(most):
        shorter = SUFFIX_RE.sub("", title)
        if shorter == title or not shorter:
            break
        found.append(title := shorter)
    return found


def authors_match(got: Iterable[str], truth: Iterable[str]) -> bool:
    return {norm(a) for a in got if norm(a)} == {norm(a) for a in truth}


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Result:
    id: str
    title: str | None
    authors: tuple[str, ...]
    credit: tuple[str, ...]


def run_newscrawl(page: Page) -> Result:
    body = gzip.decompress(Path(page.path).read_bytes())
    art = extract_article(body, page.url)
    if art is None:
        return Result(page.id, None, (), ())
    return Result(page.id, art.title, tuple(art.authors), tuple(getattr(art, "credit", []) or []))


def run_trafilatura(page: Page) -> Result:
    html = gzip.decompress(Path(page.path).read_bytes()).decode("utf-8", errors="replace")
    doc = trafilatura.extract_metadata(html, default_url=page.url)
    author = (doc.author if doc else None) or ""
    names = tuple(a.strip() for a in author.split(";") if a.strip())
    return Result(page.id, doc.title if doc else None, names, ())


def _run_both(page: Page) -> tuple[Result, Result]:
    return run_newscrawl(page), run_trafilatura(page)


# --------------------------------------------------------------------------- report


@dataclass
class Figures:
    """Exact-match rates of one system on one set of pages."""

    titles: float
    title_pages: int
    authors: float
    byline: float
    author_pages: int


def figures(pages: Sequence[Page], results: dict[str, Result]) -> Figures:
    titled = [p for p in pages]
    authored = [p for p in pages if p.authors]
    t = sum(
        title_matches(results[p.id].title, p.title, p.corpus == "metadata-readability")
        for p in titled
    )
    a = sum(authors_match(results[p.id].authors, p.authors) for p in authored)
    b = sum(
        authors_match(results[p.id].authors or results[p.id].credit, p.authors) for p in authored
    )
    n_a = max(1, len(authored))
    return Figures(t / max(1, len(titled)), len(titled), a / n_a, b / n_a, len(authored))


def measure(root: Path = DEFAULT_CORPORA, workers: int = 2, trafilatura_too: bool = True):
    """{(corpus, half, system): Figures} with corpus and half also "all"; and the raw results."""
    pages = load_pages(root)
    ours: dict[str, Result] = {}
    theirs: dict[str, Result] = {}
    with ProcessPoolExecutor(workers) as pool:
        if trafilatura_too:
            for a, b in pool.map(_run_both, pages, chunksize=4):
                ours[a.id], theirs[b.id] = a, b
        else:
            for a in pool.map(run_newscrawl, pages, chunksize=4):
                ours[a.id] = a
    table = {}
    for corpus in (*CORPORA, "all"):
        for half in ("tune", "held-out", "all"):
            subset = [
                p for p in pages
                if corpus in ("all", p.corpus) and half in ("all", p.half)
            ]
            table[corpus, half, "newscrawl"] = figures(subset, ours)
            if trafilatura_too:
                table[corpus, half, "trafilatura"] = figures(subset, theirs)
    return table, pages, ours, theirs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--show-misses", choices=("tune", "held-out", "all"))
    parser.add_argument("--dump", type=Path, help="write newscrawl's fields per page to this JSON")
    args = parser.parse_args(argv)
    for corpus in CORPORA:
        if not (args.corpora / corpus / "truth.jsonl").is_file():
            print(f"error: no {corpus}/truth.jsonl under {args.corpora}", file=sys.stderr)
            return 2
    table, pages, ours, theirs = measure(args.corpora, args.workers)
    header = (
        f"{'corpus':<22}{'half':<10}{'system':<22}{'pages':>6}{'title':>8}"
        f"{'w/author':>9}{'authors':>9}{'byline':>8}"
    )
    print(header)
    print("-" * len(header))
    version = trafilatura.__version__
    for (corpus, half, system), f in table.items():
        name = "newscrawl" if system == "newscrawl" else f"trafilatura {version}"
        byline = f"{f.byline:>8.3f}" if system == "newscrawl" else f"{'-':>8}"
        print(
            f"{corpus:<22}{half:<10}{name:<22}{f.title_pages:>6}{f.titles:>8.3f}"
            f"{f.author_pages:>9}{f.authors:>9.3f}{byline}"
        )
    if args.json:
        args.json.write_text(
            json.dumps({"|".join(k): vars(v) for k, v in table.items()}, indent=1)
        )
    if args.dump:
        args.dump.write_text(json.dumps({k: vars(v) for k, v in ours.items()}, indent=1))
    if args.show_misses:
        for p in pages:
            if args.show_misses not in ("all", p.half):
                continue
            r = ours[p.id]
            if not title_matches(r.title, p.title, p.corpus == "metadata-readability"):
                print(f"TITLE  {p.id}\n  got   {r.title!r}\n  truth {p.title!r}")
            if p.authors and not authors_match(r.authors or r.credit, p.authors):
                print(
                    f"AUTHOR {p.id}\n  got   {list(r.authors)} credit {list(r.credit)}"
                    f"\n  truth {list(p.authors)}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
