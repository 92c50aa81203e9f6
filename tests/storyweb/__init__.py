"""A small fixture web of stories split over pages (issue 18: recall): ``tests/storyweb/web``.

Two fictional outlets on ``127.0.0.25`` (one port per outlet), served by
:class:`~newscrawl.crawl.fixture_web.FixtureWeb`:

- ``riverdispatch`` (English, read from its section page ``/news/``): a story over three pages
  (``/story.html``, ``/story_2.html``, ``/story_3.html``; ``<link rel="next">`` in the head and
  "Next page »" links), a WordPress-style story whose page 2 (``/story/2/``, ``rel=next``) is
  missing (404), and the section page's own next page (``/news/page/2/``, ``rel=next``: a
  listing's, never joined) that alone lists a third story;
- ``spreeblatt`` (German, read from its sitemap, which lists both pages): a story over two
  pages (``/story-2.html``, "Nächste Seite", no ``rel=next``; page 2 links "Seite 1"), its
  page 2 answering after 2 s (``routes.toml``: a timeout in a crawl with
  ``DOWNLOAD_TIMEOUT=1``).

Serve it by hand with ``python tests/storyweb``.
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.25"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
