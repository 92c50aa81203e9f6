"""A tenth fixture web, written apart from newscrawl's code: ``tests/blogweb/web``.

Sixteen fictional blogs, newsletters and small-organisation sites writing about the tech
workers' ICEout campaign, each in the markup of a real platform or theme with its real noise:
a WordPress Twenty Twenty-Four blog (Yoast ``@graph`` with the Person by ``@id``, Jetpack's
"Share this:", "Like this:" and related posts, a comment list and "Leave a Reply"), a
Blogger blog (``date-header`` above the post, "Posted by X at 3:15 PM" in the ``post-footer``,
"Labels:", "said..." comments, the profile widget), a Ghost (Casper) publication (several
authors, the author card, the members sign-up boxes), a Substack newsletter (footnotes,
"Leave a comment", "Share", likes and restacks), a Medium post (claps, "Follow", "min read",
"Written by", responses), a Hugo (PaperMod) and a Jekyll (minima) personal site, a union's
WordPress (Astra) news and statements, an activist coalition's Squarespace statements signed
by "the team", a German WordPress blog ("Veröffentlicht am ... von ...", "Ein Gedanke zu ...")
and a French one ("Publié le ... par ... et ..."). Guest posts, co-written posts, a post signed
only at its end, front and label pages that show whole posts, an author archive and tag
pages. A second batch, written after the first batch's rules: a WordPress Twenty Twenty blog
(an author box plugin's bio, "says:" comments, a post under the ``admin`` login signed at its
end), a university's news with a staff byline and a media contact, a Spanish Blogger blog; a
third: a members' newsletter with three Co-Authors Plus authors, a beehiiv newsletter.
Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.16`` (one port per
outlet). ``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/blogweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.16"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
