"""A nineteenth fixture news web, written apart from newscrawl's code: ``tests/nordweb/web``.

Fifteen fictional outlets of Sweden, Norway, Denmark, Finland (in Finnish and in Swedish),
Iceland, the Netherlands, Flanders, Estonia, Latvia and Lithuania writing about the tech
workers' campaign against ICE, each in the markup of a real outlet type: a Stockholm morning
daily (SvD-like, Schibsted: "| SvP", a "Vignette" before the headline, "Av A och B",
"Publicerad 23 januari 2026 kl. 08.15", "För prenumeranter", "Läs också", "Av TT", a debate
piece signed at its end), an evening tabloid (Aftonbladet-like: hashed class names, a reporter
and a photographer as JSON-LD authors, a "JUST NU" live page, "Reuters/TT", "Plus"), an Oslo
daily (Aftenposten/VG-like: "Av A og B", "Publisert:", "Oppdatert:", "(©NTB)", a "DIREKTE"
live page), a public broadcaster (NRK-like: author cards with roles, "– Rikskanalen Urix – ..."),
a Copenhagen daily (Politiken/Berlingske-like: "Af A og B", "Kun for abonnenter", comment
counts, "/ritzau/Reuters", an AMP copy, a trap: DSB's ICE trains to Hamburg), Yle-like and
Helsingin Sanomat-like Finnish sites ("| Uutisradio Uutiset", "Julkaistu 24.1.2026 klo 0.10",
"Kuva:", "Lue myös", "STT", "STT–AFP", "A ja B"), a Swedish-language Helsinki daily (HBL-like,
"FNB-Reuters"), an Icelandic site (mbl.is-like, an e-mail beside the author), a Dutch public
broadcaster (NOS-like: no bylines, a liveblog), a Dutch daily of DPG Media (de Volkskrant-like:
"Door A en B", "Premium", "Lees ook", "ANP", an AMP copy, an author page), a Flemish broadcaster
(VRT NWS-like: "Redactie, met Belga", "Laatste update", a trap: the ICE train to Frankfurt), an
Estonian daily (ERR/Postimees-like: "Toimetaja:", "BNS"), a Latvian broadcaster (LSM-like:
"Autors: A (RRZ), LETA") and a Lithuanian portal (15min-like: "ELTA").
Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.26`` (one port per
outlet). ``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/nordweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.26"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
