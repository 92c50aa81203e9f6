"""A twentieth fixture news web, written apart from newscrawl's code: ``tests/afroweb/web``.

Twelve fictional African outlets writing in English, French, Portuguese, Swahili and Amharic about
the tech workers' campaign against ICE, deportation flights to African countries and African
students and engineers on US visas, each in the markup of a real outlet type: a Lagos daily on
WordPress (Punch-like: Title Case headlines, "- Punchline Newspapers", a Yoast graph, "READ
ALSO:", a WhatsApp channel box, an AMP copy, a "News Agency of Nigeria" story signed "(NAN)", an
internal-combustion-engine trap), an Abuja investigative site on WordPress's Jannah theme (Premium
Times-like: " – Premium Wire Nigeria", two authors, "Support Premium Wire's journalism" box, a
tag page), a Lagos daily on the Newspaper theme (Vanguard-like: tdb_ blocks, the uploader
"Editor" or "Admin" as the WordPress author and "By X" in the body, "— Reuters"), a Nairobi and
a Dar es Salaam daily of one media group's platform (Nation / Mwananchi-like: "| Daybreak",
"What you need to know:", an author block with a role, "KNA", "2 hours ago", a Swahili story, an
author page "Posts by X"), a Johannesburg site on Arc XP (TimesLIVE-like: Fusion.globalContent,
"Staff Reporter" and "— ANA", a live page and a live index), an Addis Ababa site on the JNews
theme (Addis Standard-like: "News:" before the headline, "Addis Abeba –", an Amharic page), a
Cairo site of old ASP.NET markup (Ahram Online-like: "Headline - Americas - World - Nile Online",
"MENA , Monday 26 Jan 2026", "Short link:"), a Dakar portal (Seneweb-like: an ALL-CAPS
headline, "Source : APA", "Publié le 24/01/2026 à 08h15 | Mis à jour le ..."), a Paris-based
pan-African weekly (Jeune Afrique-like: "- Jeune Continent.com", a paywall, "De notre
correspondant à Abidjan, X", "Jeune Continent avec AFP"), a Luanda daily (Jornal de Angola-like:
"Publicado em ... às ...", "Leia também:", "Lusa", an AMP copy) and a pan-African aggregator
(allAfrica-like: "Nigeria: Headline", the source outlet's name and logo, "By Herald Reporter",
"Read the original article on ...").
Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.27`` (one port per
outlet). ``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/afroweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.27"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
