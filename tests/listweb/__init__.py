"""A ninth fixture news web, written apart from newscrawl's code: ``tests/listweb/web``.

Nine fictional English-language outlets whose stories carry their content in shapes other than
plain paragraphs: bulleted lists with bold lead-ins ("Why it matters:", "Key points"), story
highlights, "What we know" boxes, numbered timelines and a ``dl`` of dates, lists whose items
each hold a link (accounts to follow, documents, the letter's demands with links to the
companies' statements, a reading list), Q&A explainers (``h3`` questions, ``details`` FAQs, a
glossary ``dl``), interview transcripts (bold speaker names, ``blockquote`` Q/A), a table with a
caption, block and pull quotes of the letter, a statement quoted in full, live updates with
lists and a photo essay told in its captions; and around them the list furniture that must
stay out (related links, "More on this story", tag lists, share lists, newsletter perks, side
navigation, "Most read"). The markup follows real sites: an Axios-like brief, a CNN-like
page with live updates, a city government's Drupal blog (USWDS), a Vox-like explainer, a
metro daily, a public radio station's transcripts, a WordPress photo site, a nonprofit
newsroom and a Substack newsletter. Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb`
on ``127.0.0.15`` (one port per outlet). ``truth.json`` says, page by page, what its writer
meant (see docs/testing.md).

Serve it by hand with ``python tests/listweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.15"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
