"""A twelfth fixture news web, written apart from newscrawl's code: ``tests/kindweb/web``.

Ten fictional outlets (nine English-language, one German) whose pages are hard to tell apart
as articles or not. Articles that look unlike articles: briefs, a photo gallery told in its
captions, a video page with its summary, a podcast episode with show notes and a transcript,
a live blog, a story split over two pages, an opinion column with a long author bio, an FAQ
explainer with only ``FAQPage`` JSON-LD, a press release on a company's newsroom, stories whose
JSON-LD says ``WebPage`` or nothing, a story with ten "More coverage" teasers under it, a
newsletter issue that is one essay. Pages that look like articles and are not: a topic hub with
a long intro and ``NewsArticle`` JSON-LD, an author page with a long bio, a coverage roundup
(issue 18's case), a newsletter archive, search results, "Most read", a tag page with one
teaser, a section front with its lead story in full, AMP and print copies, a comments page, a
corrections page, error pages served with status 200 (English and German), a consent wall and
a paywall at articles' URLs, and the second page of the split story. Served by
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.18`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/kindweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.18"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
