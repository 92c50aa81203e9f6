"""A twenty-third fixture web, written apart from newscrawl's code: ``tests/syndweb/web``.

Syndication: the same stories travel between twelve fictional US outlets, and the corpus should
hold every article about the story, from every outlet, once. A metro daily's story (The Riverside
Times) republished by a Yahoo-like portal ("Jane Roe, The Riverside Times", rel=canonical to the
original, "Read the original article on ..."), an MSN-like portal (no canonical, "This story
originally appeared in ... Republished with permission.") and a SmartNews-like app (canonical),
with an AMP copy, an ``?outputType=amp`` form, a print page and an updated version at a second
URL; an Associated Press story run by five outlets, each headline changed, one paragraph trimmed
or a local one added; a Reuters story run by two; a nonprofit newsroom's story (CalMatters-like)
republished under a Creative Commons license by two local papers and a ProPublica-like
investigation republished by the daily; a press release (PR Newswire-like) picked up by a portal
and a paper; a syndicated column in two papers; an Apple News-like stub and a Ground News-like
coverage page; traps ("ICE" futures, ice hockey, ICE trains). ``truth.json`` says page by page
what its writer meant, and which pages are one story (``story``, ``original``, ``duplicate_of``).
Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.42`` (one port per
outlet).

Serve it by hand with ``python tests/syndweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.42"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
