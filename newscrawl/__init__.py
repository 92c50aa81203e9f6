"""newscrawl: build a trustworthy news-coverage corpus with Scrapy, trafilatura and SQLite.

From Python, open a corpus a crawl wrote (docs/api.md)::

    import newscrawl

    with newscrawl.open("news.db") as corpus:
        for hit in corpus.search("ICE raid", since="2026-01-01"):
            print(hit["published_at"], hit["outlet"], hit["title"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.versions import __version__

if TYPE_CHECKING:
    from os import PathLike

    from newscrawl.api import Corpus

__all__ = ["__version__", "open"]


def open(path: str | PathLike[str]) -> Corpus:  # noqa: A001 - the name sqlite3 and sqlite-utils users expect
    """Open the corpus database at ``path`` for reading: a :class:`newscrawl.api.Corpus`."""
    from newscrawl.api import Corpus

    return Corpus.open(path)
