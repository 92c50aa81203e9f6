"""A second fixture news web, written apart from newscrawl's code: ``tests/otherweb/web``.

Seven fictional outlets in the styles of real CMSs (Arc XP, WordPress with Yoast, Ghost,
Drupal, a hand-written local paper, a German and a Spanish-language outlet), served by the project's own
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.7`` (one port per outlet), so that
the crawl's addresses are not the demo web's ``127.0.0.1``. ``truth.json`` says, page by page,
what its author meant: on the topic or not, the title, the outlet's own publication day, the
authors and credits, and which pages are listings (see docs/testing.md).

Serve it by hand with ``python tests/otherweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.7"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
