"""The South and Southeast Asian fixture web, written apart from newscrawl's code: ``tests/asiaweb/web``.

Thirteen fictional outlets of India, Pakistan, Bangladesh, Indonesia, Malaysia, Singapore,
Vietnam, Thailand and the Philippines, in the markup of the real outlet types they imitate:
Hindi dailies and TV sites ("Published by:", "Reported by: ..., Edited by: ...", "Written by:
IANS", a live blog, a date in Devanagari digits only), a Bengali daily (a desk byline, Bengali
digits), an Urdu daily (right-to-left, "ویب ڈیسک", a "Latest news" list without summaries),
Pakistani and Indian English papers ("Reuters | AFP", "NAME / TNN / Updated: ... IST", "PTI |",
text in ``<br>`` runs, "Also Read" boxes, "(With inputs from agencies)", a photo gallery, a
topic page and an author page), an Indonesian daily ("Penulis / Editor", "Baca juga:",
"Laporan wartawan"), a Malay daily ("Oleh NAME" with an e-mail, "Bernama"), a Singapore daily
(an author card with a role, "Source: Reuters/ac"), a Vietnamese daily (the author at the end,
"Thanh Hà (Theo Reuters)", a name in capitals), a Thai daily (text without spaces between
words, Latin words written against Thai letters, Buddhist-era dates) and a Philippine site
("By: NAME - Reporter / @handle", an agency as a JSON-LD Person, a story in Filipino, "Ni NAME").
ICE in other senses (engines, a band) makes the traps. Served by the project's own
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.23`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/asiaweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.23"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
