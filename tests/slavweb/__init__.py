"""A fifteenth fixture news web, written apart from newscrawl's code: ``tests/slavweb/web``.

Eleven fictional outlets writing in Russian, Ukrainian, Polish, Czech and Greek about the tech
workers' campaign against ICE, each in the markup of a real outlet type: a state news agency
(RIA-like: the headline in a ``div``, the subtitle in the ``h1``, "ВАШИНГТОН, 23 янв — ..."),
an exile news site (Meduza-like: a two-part ``RichTitle``, "Текст:", "Фото:" credits, a
donation box), a business daily (RBC-like: "Автор", "Авторы", "Обновлено", a Pro paywall, a
Brent-on-ICE trap), an online daily (Ukrainska Pravda-like: "Джерело:", "Читайте також:", a
guest column with the author's line), a public broadcaster (Suspilne-like: "Оновлено:", UTC
structured data after midnight, an agency byline "Укрінформ"), a Warsaw daily (Wyborcza-like:
"oprac.", "Źródło: PAP", "Czytaj też:", a paywall, an ICE-train trap), a business-and-law
daily (Rzeczpospolita-like: "Aktualizacja:" before "Publikacja:", "Headline - Site | Section",
a PAP item), a Czech portal (iDNES-like: "Jan Novák, ČTK", "Přečtěte si také", "Diskuse"), a
Czech newsroom with generated class names (Seznam Zprávy-like: "Autor:", a live blog), a Greek
daily (Kathimerini-like: "Του Γιάννη Παπαδόπουλου", "23.01.2026 • 00:40" over UTC structured
data) and a Greek portal (in.gr-like: "Newsroom", "Πηγή: ΑΠΕ-ΜΠΕ", "Διαβάστε επίσης").
Served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.21`` (one port per
outlet). ``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/slavweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.21"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
