"""A fourteenth fixture news web, written apart from newscrawl's code: ``tests/mideastweb/web``.

Eleven fictional outlets writing right to left (Arabic, Persian, Hebrew) and in Turkish about
the tech workers' campaign against ICE, each in the markup of a real outlet type with its noise:
a pan-Arab broadcaster (``المصدر : ... + وكالات``, "اقرأ أيضا" inside the story, "نشر في 23/1/2026"),
a Gulf site ("نشر في: 24 يناير ,2026: 11:25 ص GST", "آفاق.نت - A"), a London-based pan-Arab
daily on Drupal (a Hijri date beside the Gregorian one, "واشنطن: A", an opinion page), an
Egyptian portal ("كتب:", "كتبت:", "(د ب أ)" in the dateline, an inline "اقرأ أيضا.."), a
Lebanese WordPress daily (Arabic-Indic digits and Levantine month names, "إعداد:", "المصدر:
وكالات"), a Persian diaspora site ("نویسنده:", a Solar Hijri date beside the Gregorian one,
"بیشتر بخوانید"), a Tehran news agency (Solar Hijri dates only, UTC structured data, "انتهای
پیام"), a Hebrew daily ("מאת A ו-B", a Hebrew date, "קראו עוד", a paywall's hasPart), a Hebrew
portal (DD.MM.YY dates, paragraphs as spans, a late-evening story, "סוכנויות הידיעות"), a Turkish
daily ("Haber Merkezi", "Güncelleme:", "İlgili Haberler", "Kaynak: AA", a columnist) and a
Turkish news agency ("A   |24.01.2026 - Güncelleme : 24.01.2026", "WASHINGTON (AA) -"); section
and tag pages; traps with ICE futures (Brent) and ICE engines. Served by
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.20`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/mideastweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.20"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
