"""A third fixture news web, written apart from newscrawl's code: ``tests/intlweb/web``.

Nine fictional outlets outside the English-speaking US, in the styles of their countries' CMSs
(a French, an Italian, a Brazilian, a Dutch, a Polish, a Japanese, a Korean, a Swedish and an
Indian English daily), served by the project's own
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.9`` (one port per outlet).
``truth.json`` says, page by page, what its author meant: on the topic or not, the title, the
outlet's own publication day, the people and credits, and which pages are listings (see
docs/testing.md).

Serve it by hand with ``python tests/intlweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.9"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
