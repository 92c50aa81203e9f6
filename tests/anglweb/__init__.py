"""The English-language fixture web, written apart from newscrawl's code: ``tests/anglweb/web``.

Twelve fictional English-language outlets from the United States, the United Kingdom, Canada,
Ireland, Australia and New Zealand, each in the markup of a real kind of outlet that the
earlier webs did not cover: a Condé Nast magazine, a Telegraph-like broadsheet with a live
blog, the Globe and Mail, Postmedia ("Author of the article:"), the Irish Times and RTÉ, ABC
News Australia ("By North America correspondent ...", "SCN/wires"), Stuff and RNZ, a Texas
Tribune-like nonprofit (republish box, disclosure, author bios, a co-published story, a guest
column, an author page), Axios ("Why it matters:", "Go deeper:", a newsletters index),
Politico (bylines in capitals, an ``h2`` headline, "Analysis by"), McClatchy (author card,
an AP reprint, "By A, B and C | The Outlet") and Bloomberg ("With assistance from").
Titles whose ``og:title``, ``twitter:title`` and ``<title>`` differ from the headline ("Opinion
| ...", "LIVE UPDATES: ...", SEO text); traps with the ICE District, ICE futures, "ICE Road",
hockey and the drug ice. Served by the project's own
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.24`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/anglweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.24"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
