"""Warming the extraction stack up: what the extraction pool's first process does once.

:func:`warm` builds what the stack otherwise builds lazily, in each worker, mid-crawl:
dateparser's locale data (at its first date string no common locale reads: about 1.5 s of
CPU and 90 MB; read from the user's cache folder when an earlier pool built it:
:mod:`newscrawl.extract.dates.localecache`), justext's stop words of every language (about
3 MB: :class:`~newscrawl.extract.text.StopWords`) and trafilatura's, htmldate's and lxml's
state (one small page is extracted). The pool's first process
(:mod:`newscrawl.pipelines.forkserver`) calls it before forking any worker, so every worker
starts with it, shared.
"""

from __future__ import annotations

from newscrawl.extract.article import extract_article
from newscrawl.extract.dates.parse import warm_up
from newscrawl.extract.text import warm_stoplists

__all__ = ["SAMPLE_PAGE", "warm"]

SAMPLE_PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Council votes on the budget | Example News</title>
<meta property="og:title" content="Council votes on the budget">
<meta name="author" content="Jane Doe">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council votes on the budget",
"datePublished": "2026-01-02T09:30:00-05:00", "author": {"@type": "Person", "name": "Jane Doe"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council votes on the budget</h1><p class="byline">By Jane Doe, Example News</p>
<time datetime="2026-01-02">Published January 2, 2026 at 9:30 a.m. EST</time>
<p>The city council voted on Monday to adopt next year's budget after a long debate about
how much to spend on schools, roads and the parks that residents say they use every day.</p>
<p>Members who voted against it said the plan leaves too little for repairs, while the mayor
called the vote a sign that the city can agree on what matters most to its people.</p>
</article><footer>(c) 2026 Example News</footer></body></html>"""


def warm() -> None:
    """Build the stack's lazily built state now. Never raises (warming up only saves time)."""
    try:
        warm_up()
        warm_stoplists()
        extract_article(SAMPLE_PAGE, "https://news.example.org/2026/01/02/council-budget")
    except Exception:  # noqa: BLE001 - failing to warm up must not stop the pool
        pass
