"""The byline fixture web, written apart from newscrawl's code: ``tests/bylineweb/web``.

Ten fictional outlets whose bylines have the shapes real sites use: several authors joined by
commas and "and" (or "y", or "、"), author cards with a photo and a role, "Written by", "Words
by", "Interview by", "Story by" in a footer, a Reuters-like "Reporting by ...; Editing by ..."
sign-off, "By A, Staff Writer", "By A, The Capitol Post", "From staff reports", "By The
Associated Press", "By AP", "Por EFE", a guest column posted by a desk account with its writer's
bio at the end, an interview whose interviewee's name stands in a byline-like line, a byline in
capitals, a byline with its date, Twitter handles after names, names with particles, initials,
"Jr." and hyphens, Chinese names in a "記者…／…報導" line, microdata ``itemprop=author`` Persons,
``meta name=author`` holding an outlet or several names, and JSON-LD authors as Person and
Organization mixed, a Person with a list of names, a URL or a string. Served by the project's
own :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.13`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/bylineweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.13"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
