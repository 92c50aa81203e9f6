"""A fourth fixture news web, written apart from newscrawl's code: ``tests/cmsweb/web``.

Eleven fictional English-language outlets in the styles of CMSs and platforms the second web
(``tests/otherweb``) does not cover: Brightspot (Gannett), Vox Media's Chorus, Newspack,
Substack, Medium, Blogger, a BBC-like and a Guardian-like page, a Reuters-like wire, a
Nexstar-like local TV station and a PR Newswire-like release service. Served by the project's own
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.10`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/cmsweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.10"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
