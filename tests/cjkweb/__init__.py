"""A thirteenth fixture news web, written apart from newscrawl's code: ``tests/cjkweb/web``.

Ten fictional Chinese, Japanese and Korean outlets (mainland China, Taiwan, Hong Kong, Japan,
Korea) writing about the tech workers' campaign against ICE, each in the markup of a real outlet
type of the region with its noise: a party paper's site (``Headline--国际--Site`` titles,
"本报华盛顿1月22日电 （记者王小明）", "(责编：…)", "点击进入专题", a 专题 page), a state
agency's site ("来源：新华社", "新华社华盛顿1月22日电（记者王小明 李佳颖）", "（完）",
"【责任编辑:…】", "【纠错】", a 专题 page), a portal that reposts ("本文来源：中国新闻网
作者：李佳颖", "责任编辑：王晓_NF5619", the platform's 特别声明, a ``Headline_Section_Site``
title, an ICE-engine trap), a Taiwanese paper ("中央社 / 記者王小明／華盛頓22日專電",
"（編輯：李佳穎）1150123", "延伸閱讀", traditional characters), a Hong Kong paper
("【港事專訊】", "下午10:45", a date code in the title, Chinese characters in its URLs), a
Japanese national paper ("【ワシントン＝山田太郎】", ruby, a 有料記事 paywall, "（共同）"), a tech
news site (a story of two pages, "（1/2 ページ）", "次のページへ", "[山田太郎，テックウォッチ]"), a
portal ("1/23(金) 8:05配信", "（共同通信）" in the title, a UTC JSON-LD date, an ICE futures
trap), a Korean daily ("입력 2026.01.23 08:05", "(워싱턴=연합뉴스) 김민준 특파원 =", e-mail
sign-offs, "무단전재 및 재배포 금지") and a Korean paper of ``Headline : Section : Site`` titles
("워싱턴/이서연 특파원", "등록 … 수정 …", an editorial). Served by
:class:`~newscrawl.crawl.fixture_web.FixtureWeb` on ``127.0.0.19`` (one port per outlet).
``truth.json`` says, page by page, what its writer meant (see docs/testing.md).

Serve it by hand with ``python tests/cjkweb`` (the same host, ``__main__.py``).
"""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.fixture_web import FixtureWeb

HERE = Path(__file__).resolve().parent
WEB = HERE / "web"
HOST = "127.0.0.19"


def serve() -> FixtureWeb:
    """The web, started (stop it, or use it as a context manager)."""
    return FixtureWeb(WEB, host=HOST).start()
