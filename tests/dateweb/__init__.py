"""A fixture news web on publication dates, written apart from newscrawl's date code
(``tests/dateweb/web``).

Twelve fictional outlets in nine languages, whose pages make the publication day hard in the ways
real sites do: "Published" and "Updated" both shown (the update first and bigger), a relative time
beside a machine-readable ``<time datetime>``, a ``<time>`` without ``datetime``, the date only in
the byline line, late-evening US stories whose UTC instant is the next day and early-morning
European and Asian stories whose UTC instant is the day before, dates written in German, Spanish,
French, Portuguese, Italian, Dutch, Japanese and Korean, day-month against month-day
(``01/02/2026`` on a UK and a US site), JSON-LD that dates the WebPage rather than the article,
sitewide "last updated" footers, related stories and comments with their own dates, a URL date
that differs from the page's, a wire story reposted a day later, an op-ed first published
elsewhere, meta tags in the wrong format (no zone, RFC 822), a date only in ``og:updated_time``, a
live blog with many timestamps, and a page with no date at all. Served by the project's own
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.14`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md); its
``published_day`` is the outlet's own calendar day (null when the page shows none).

Serve it by hand with ``python tests/dateweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.14"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
