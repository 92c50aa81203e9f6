"""The texts of a story split over pages, joined into one (no Scrapy).

The crawl fetches a story's later pages with its first (:mod:`newscrawl.discover.storypages`
finds them); each page is extracted as a page of its own and :func:`join_pages` makes one text
of theirs: a blank line between pages as between paragraphs, without the lines that only link
the pages together ("1 | 2 | 次のページへ", "« Previous page 1 2 3 Next »") and without a later
page's paragraphs that an earlier page already holds (a standfirst or a teaser repeated on
every page).
"""

from __future__ import annotations

import re

__all__ = ["NEXT_PAGE_TEXTS", "PREVIOUS_PAGE_TEXTS", "join_pages", "page_links_line"]

# A link's text that says it leads to the next page, read without case, spaces and arrows
# (besides the next page's number, "Seite 2", "2ページ": newscrawl.discover.storypages).
NEXT_PAGE_TEXTS = frozenset({
    "next", "next page", "continue", "continued", "continue to next page",
    "weiter", "nächste seite", "nächste", "page suivante", "suivante", "suivant",
    "página siguiente", "siguiente", "pagina successiva", "successiva", "próxima página",
    "volgende pagina", "następna strona", "следующая страница", "далее",
    "次のページへ", "次のページ", "次ページ", "次へ", "下一页", "下一頁", "下页", "다음", "다음 페이지",
})
PREVIOUS_PAGE_TEXTS = frozenset({
    "previous", "previous page", "prev", "back", "zurück", "vorherige seite", "vorherige",
    "page précédente", "précédente", "précédent", "página anterior", "anterior",
    "pagina precedente", "precedente", "vorige pagina", "poprzednia strona", "предыдущая страница",
    "назад", "前のページへ", "前のページ", "前ページ", "前へ", "上一页", "上一頁", "上页", "이전",
    "이전 페이지",
})
_PAGE_WORDS = sorted(NEXT_PAGE_TEXTS | PREVIOUS_PAGE_TEXTS | {"page", "seite", "pagina", "página"},
                     key=len, reverse=True)
# A line of page links: page numbers ("1 | 2", "(1/2 ページ)" is no such line: a title's part),
# separators and the words of the next and previous pages, nothing else.
_PAGE_LINKS_LINE = re.compile(
    r"^(?:[\s|·•/,.:\-–—_«»‹›<>←→⟨⟩❮❯\[\]()…]|\d{1,2}|"
    + "|".join(re.escape(w) for w in _PAGE_WORDS)
    + r")+$",
    re.IGNORECASE,
)


def page_links_line(paragraph: str) -> bool:
    """True when ``paragraph`` only links the pages of a story: page numbers, separators,
    next and previous, with at least one of those words or two numbers."""
    text = paragraph.strip()
    if not text or not _PAGE_LINKS_LINE.match(text):
        return False
    return bool(re.search(r"[^\W\d_]", text)) or len(re.findall(r"\d+", text)) >= 2


def join_pages(texts: list[str]) -> str:
    """One text of a story's pages' texts, in their order (see the module's docstring)."""
    kept: list[str] = []
    seen: set[str] = set()  # the paragraphs of the pages before
    for text in texts:
        page: list[str] = []
        for paragraph in text.split("\n\n"):
            key = " ".join(paragraph.split())
            if key and not page_links_line(key) and key not in seen:
                page.append(key)
                kept.append(paragraph.strip("\n"))
        seen.update(page)
    return "\n\n".join(kept)
