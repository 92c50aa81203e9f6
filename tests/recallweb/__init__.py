"""A sixth fixture news web, written apart from newscrawl's code: ``tests/recallweb/web``.

Eleven fictional English-language outlets whose stories have the shapes text extractors tend to
drop: subheadings, bulleted and numbered lists, pull quotes that repeat a sentence, Q&A
interviews with bold questions, tables of figures, an editor's note before the story and a
correction after it, one-sentence paragraphs, text split across several ``div``s or
``section``s, a lede in an intro block, a timeline, FAQ accordions (``details``), live
updates, ads and related links between paragraphs, a link-heavy paragraph and a bold first
paragraph; and around them the furniture that must stay out (newsletter boxes, related
stories, share bars, comments, author bios, "Most read" rails, image credits, cookie
banners, carousels, paywall teasers). The markup follows real CMSs: WordPress with
Newspack, Arc XP, a New York Times-like page, Vox Media's Chorus, a metro daily with live
updates, a Reuters-like wire, Drupal, a TechCrunch-like block theme, Ghost, an NPR
member station and a small weekly on an old WordPress theme (paragraphs pasted as divs,
framed notes). Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on
``127.0.0.12`` (one port per outlet). ``truth.json`` says, page by page, what its writer
meant (see docs/testing.md).

Serve it by hand with ``python tests/recallweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.12"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
