"""A twenty-second fixture news web, written apart from newscrawl's code: ``tests/localweb/web``.

Twelve fictional US local outlets writing about ICE arrests, detention centres, county jails'
287(g) agreements, city councils' sanctuary votes and local tech workers signing the ICEout.tech
letter, each in the markup of a real local outlet type: a Nexstar-like TV station on WordPress
("By: Marisol Vega", "Posted: Jan 23, 2026 / 11:20 PM CST Updated: ...", an AP copy "By: The
Associated Press" under the station's name, a story credited "By: KXYZ", a nonprofit's story
republished with "This article was originally published by ..."), a Sinclair-like station
("by A and B", "Fri, January 23rd 2026, 11:05 PM EST"), a Gray-like station on Arc XP
("Published: Jan. 24, 2026 at 4:15 PM MST", a live page), a Lee Enterprises daily on BLOX
(TownNews: tnt-byline, "Staff Writer" after the name, author cards), a McClatchy-like daily
("Updated January 25, 2026 8:10 AM", "This story was originally published ..."), a Gannett small
daily (gnt_ar_by, "USA TODAY NETWORK", an AMP copy), a Patch-like hyperlocal ("By Dana Kessler,
Porch Staff", "Posted Sat, Jan 24, 2026 at 5:42 pm ET"), an Axios Local-like site ("Why it
matters:"), a Telemundo-like Spanish-language station ("Por A y B", "Publicado el 24 de enero de
2026"), a Texas Tribune-like nonprofit ("Jan. 26, 2026, 5 a.m. Central"), an NPR member station
("By Tomás Herrera | KSNR", "Copyright 2026 KSNR", Phoenix's MST all year) and an alt-weekly on
WordPress. Furniture: "Sign up for our newsletter", weather widgets, "Trending now". Traps: road
black ice, an ice rink, an ice jam, Germany's ICE train, ice fishing.
Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.41`` (one port per
outlet). ``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/localweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.41"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
