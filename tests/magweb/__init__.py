"""The magazines' fixture web, written apart from newscrawl's code: ``tests/magweb/web``.

Fourteen fictional magazines, longform sites, opinion sections and newsletters writing about
the tech workers' campaign against ICE, each in the markup of a real kind of outlet: a Condé Nast
weekly (rubric, ``ContentHeaderHed``, "Photographs by", a print-issue date and the print
edition's headline, an issue's table of contents) and a Condé Nast tech monthly ("Save this
story", "By A and B", an ICE-versus-EV trap), The Atlantic's Next.js markup (``ArticleTitle``,
``ArticleDek``, "Listen to this article", a print edition of a later month, an author page), New
York Magazine's Clay ("As told to", an appended correction, a rubric, a feature's display
headline in one ``h1`` and its SEO headline in another), The Verge's Duet ("by A",
an update note, "Most Popular"), Slate (a legal column with its writer's bio in italics, an
advice column), Mother Jones on WordPress VIP (bylines without "By", a Yoast graph, donation
boxes, a republished guest essay), a German weekly's longform (a kicker in the ``h1``, "Eine
Reportage von A und B", "Interview:", an ICE-train trap), Le Monde diplomatique (a monthly issue
dated after its day, footnotes, "Traduit de ... par"), El País Semanal (a reportaje and a
tribuna), a Substack newsletter (a guest post, footnotes, a UTC date past the outlet's midnight,
an archive), a Ghost publication (two authors of whom the JSON-LD names one, "Edited by", a
tag page), an Intercept-like nonprofit (a members' box, "Contact the author:", a podcast's
transcript) and a Medium publication. Display headlines differ from the SEO, ``og:title`` and
``<title>`` headlines.
Served by the project's own :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.30``
(one port per outlet). ``truth.json`` says, page by page, what its writer meant (see
docs/testing.md).

Serve it by hand with ``python tests/magweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.30"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
