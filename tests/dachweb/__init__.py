"""An eleventh fixture news web, written apart from newscrawl's code: ``tests/dachweb/web``.

Ten fictional German-language outlets from Germany, Austria and Switzerland (the DACH region)
writing about the tech workers' campaign against ICE, German tech workers at US firms and
Palantir in Germany, each in the markup of a real outlet type of the region with its noise: a
news magazine (kicker and headline in one ``h2``, Zeitspiegel+ paywall, "Mehr zum Thema"), a
weekly's site (``Quelle: DIE WOCHENPOST, dpa, AFP, lk``, "Eine Analyse von", "Ein Gastbeitrag
von", Z+, "Hören Sie diesen Artikel", "Zur Startseite", a Thema page), a Frankfurt daily (F+,
"Lesen Sie auch", "Aktualisiert am", ``Quelle: dpa/Reuters``), a Munich daily (a live blog, a
Plus article, a dpa news-channel page with its ``dpa-infocom`` line), a public broadcaster
("Stand:", "Von A, ARD-Studio Washington", a Q&A, a dossier page), a regional paper on a
newspaper group's CMS (``RNW/dpa`` as the JSON-LD person), an Austrian daily ("Jänner", "A aus
Washington", posting forum, ``(APA, Reuters, 24.1.2026)``), a Swiss daily ("18.45 Uhr", "ss"
for ß, ``(sda/dpa)``, a desk byline), a tech news site (sign-offs ``(mit Material der dpa) /
(jwe)``, ``article:modified_time`` only) and a dpa-AFX page on a finance portal; traps with ICE
trains and the ICE futures exchange. Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb`
on ``127.0.0.17`` (one port per outlet). ``truth.json`` says, page by page, what its writer
meant (see docs/testing.md).

Serve it by hand with ``python tests/dachweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.17"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
