"""End to end on a twentieth fixture web (tests/afroweb), written apart from newscrawl's code.

Twelve fictional outlets from Nigeria, Kenya, Tanzania, South Africa, Ethiopia, Egypt, Senegal,
Côte d'Ivoire (a Paris-based pan-African weekly), Angola and a pan-African aggregator, writing in
English, French, Portuguese, Swahili and Amharic, in the markup of real outlet types (WordPress
with Yoast, Jannah, Newspaper and JNews themes, a media group's platform, Arc XP, old ASP.NET,
an aggregator of syndicated copies): titles with "- Punchline Newspapers", " – Premium Wire
Nigeria", "| Daybreak", "- Jeune Continent.com", "AfriWire.com: Nigeria: ...", Title Case and
ALL-CAPS headlines, bylines "By X" in the body under a WordPress author "Editor" or "Admin",
"Staff Reporter", "By Herald Reporter", "Source : APA", "De notre correspondant à Abidjan, X",
"Jeune Continent avec AFP", "Lusa", "MENA", "KNA", "(NAN)", "— ANA", "— Reuters", dates in each
local format ("Publié le 24/01/2026 à 08h15", "Publicado em 25/01/2026 às 00:30", "Jan 25, 2026
| 01:15 EAT", "2 hours ago"), "READ ALSO:", "Lire aussi", "Leia também:", "Soma zaidi:" boxes,
WhatsApp, app and donation boxes, paywalls, AMP copies, a live page, and Swahili and Amharic
stories that the default topic's query does not know the words of. ``tests/afroweb/truth.json``
says what their writer meant each page to be. One crawl with the real CLI into a real SQLite
file; every page of the truth is then checked against it.
"""

from __future__ import annotations

import afroweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(afroweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {
    "lagosherald/2026/01/tech-workers-letter-diaspora-groups-want-fg-to-engage-us-over-ice-raids/":
        "the WordPress account 'Editor' that posted the story is its credit",
    "luandajornal/ao/noticias/mundo/governo-pede-explicacoes-aos-eua-sobre-estudantes-angolanos-detidos-pelo-ice/":
        "the byline 'Com Lusa' in an element of class 'autor' (Portuguese) is not read: the outlet's "
        "JSON-LD organisation author stays the credit",
    "dakarmatin/news/international/silicon-valley-des-ingenieurs-senegalais-signent-la-lettre-contre-l-ice_n_412388.html":
        "the outlet's JSON-LD organisation author is kept as the credit beside the person the byline names",
}
KNOWN_TEXT: dict[str, str] = {
}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(afroweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
