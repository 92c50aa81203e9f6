"""A fifth fixture news web, written apart from newscrawl's code: ``tests/titleweb/web``.

Twelve fictional outlets whose headline, as a reader sees it, differs from what the page's
``<title>``, ``og:title``, ``twitter:title`` and JSON-LD ``headline`` say, in the ways real sites
do: SEO titles unlike the displayed headline, "Headline | Section | Outlet" and "Outlet |
Headline" titles, kickers and labels above the headline or inside its ``<h1>``, deks beside it,
a logo in the ``<h1>`` and the headline in an ``<h2>``, two ``<h1>``s, quotes and dashes turned
typographic on the page only, colons that belong to the headline, Spanish, German and French
outlets, a magazine, digital natives, Ghost, Drupal, WordPress and a newsletter issue. Served by
the project's own :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.11`` (one port
per outlet). ``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/titleweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.11"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
