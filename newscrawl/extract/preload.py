"""The extraction stack, imported and warmed up: what the extraction pool's fork server loads.

The crawl's extraction workers are forked from a fork server that imports this module once,
so every worker starts with what it holds: the extraction modules, trafilatura's, htmldate's
and lxml's lazily built state (one small page is extracted), and dateparser's locale data,
which dateparser otherwise builds in each worker at the first date string no common locale
reads (about 1.5 s of CPU and 90 MB, mid-crawl). ``gc.freeze()`` then moves all of it out
of the collector's sight, so the collector never writes to those pages and the forked
workers keep sharing them instead of copying them.

Warming up takes seconds on a busy machine; a crawl killed meanwhile must not leave the fork
server behind, so a watch ends the process as soon as its parent is gone, until the warm-up
is over (after that the fork server's own loop notices its parent's end).

Importing it has these effects and no others; nothing imports it but the pool.
"""

from __future__ import annotations

import gc
import os
import threading

from newscrawl.extract.article import extract_article
from newscrawl.extract.dates.parse import warm_up

__all__ = ["SAMPLE_PAGE"]

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



def _end_with_parent(parent: int, done: threading.Event) -> None:
    while not done.wait(0.1):
        if os.getppid() != parent:  # the crawl is gone (killed mid warm-up)
            os._exit(0)


_done = threading.Event()
_watch = threading.Thread(target=_end_with_parent, args=(os.getppid(), _done), daemon=True)
_watch.start()
try:
    warm_up()
    extract_article(SAMPLE_PAGE, "https://news.example.org/2026/01/02/council-budget")
except Exception:  # noqa: BLE001 - warming up saves time; failing to must not stop the pool
    pass
finally:
    _done.set()
    _watch.join()  # no thread of ours is left when the fork server forks its workers
gc.freeze()
