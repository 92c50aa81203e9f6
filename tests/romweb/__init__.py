"""A sixteenth fixture news web, written apart from newscrawl's code: ``tests/romweb/web``.

Seventeen fictional outlets writing in French, Spanish, Catalan, Italian, Portuguese and
Romanian about the tech workers' campaign against ICE, each in the markup of a real outlet type:
a Paris evening daily (Le Monde-like: "| Le Mondial", a subscribers' paywall, "Lire aussi |", an
"En direct" live page with "Live animé par A et B", a live index, a "Tribune" in guillemets), a
free daily (20 Minutes-like: "Propos recueillis par", "Par A, B et C", "Publié le 24/01/26 à
07h00 — Mis à jour ..."), a Paris morning daily (Le Figaro-like: "Le Courrier de Paris avec
AFP", "De notre correspondante à Washington, ...", "Publié le 24/01/2026 à 18:45, mis à jour le
...", a tag page), a Belgian broadcaster (RTBF-like: "Par A avec Belga", "Belga"), a Montreal
daily (La Presse-like: a surtitre, "Publié le 23 janvier à 22 h 30" over UTC structured data,
"Agence France-Presse" as the author), a Madrid daily (El País-like: "Headline | Internacional |
EL DIARIO GLOBAL", two author links, "Agencias", an author page, a tag page, an AMP copy, an
ICE-futures trap), a Madrid daily of El Mundo's markup ("Enviado especial", "EUROPA PRESS", a
"Tribuna" by "Ana de la Fuente"), a Catalan daily ("Redacció / ACN", "Llegiu també"), an
Argentine site on Arc XP (Infobae-like: "Por A, B y C", "Seguir leyendo:"), a Mexican daily
(Milenio-like: "Redacción", "Agencias", "Con información de EFE", "TE RECOMENDAMOS:"), a
Colombian daily (El Tiempo-like: "REDACCIÓN INTERNACIONAL", "*Con información de AFP"), a Milan
daily (Corriere-like: "di A", an occhiello, "- Corrieredelnord.it", "Leggi anche", a "DIRETTA"
live page, an AMP copy, the Agenzia ICE trap, "(ANSA)"), an Italian news agency (ANSA-like: "dal
nostro corrispondente Luca D’Alessandro", "Redazione AIN", "- Nord America - AIN.it"), an
explainer site without bylines (Il Post-like), a Lisbon daily (Público-like: "Lusa", "Texto: /
Fotografia:", "Ler mais"), a Brazilian portal (G1-like: "Por A e B, n1 — São Paulo", "LEIA
TAMBÉM:", "Por Reuters", an AMP copy) and a Romanian news channel's site (Digi24-like: "de A",
"Editor: A", "Sursa: Agerpres", "Citește și:").
Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.22`` (one port per
outlet). ``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/romweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.22"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
