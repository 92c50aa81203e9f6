"""What the reading room's pages show, read from a :class:`~newscrawl.store.Store` (no HTTP here).

- :func:`glance`: the corpus at a glance (home page);
- :class:`SearchForm` and :func:`run_search`: a search as the CLI runs it (the one query
  language, :func:`newscrawl.judge.query.to_fts5`, and :meth:`Store.search`); and
  :func:`run_timeline`, the matching articles per day and outlet for the chart
  (:meth:`Store.search_timeline`), which Datasette runs at the same time on another connection;
- :func:`article_page`: one article for reading, with its copies, other URLs and versions.

The functions run inside Datasette's database thread (:mod:`newscrawl.outputs.room.views`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.judge.query import SearchQueryError, to_fts5
from newscrawl.outputs.report import DATE_SOURCE_LABELS
from newscrawl.outputs.room import chart
from newscrawl.outputs.room.diff import word_diff
from newscrawl.outputs.search import highlighted
from newscrawl.store import RANK_WINDOW, Store
from newscrawl.store.search import TIMELINE_WINDOW

__all__ = [
    "LIMITS", "SearchForm", "article_page", "choices", "day_range", "glance", "local_time", "run_search",
    "run_timeline",
]

LIMITS = (20, 50, 100, 200, 500)  # results per page offered; the first is the default
SORTS = {"relevance": "rank", "date": "date"}


# -- home -----------------------------------------------------------------------------------


def glance(store: Store) -> dict[str, Any]:
    """articles, outlets, first/last published day, the last crawl (started, finished, status)."""
    first, last = store.published_range()
    runs = store.runs(limit=1)
    return {"articles": store.count("articles"), "outlets": store.count("outlets"),
            "first_day": (first or "")[:10], "last_day": (last or "")[:10],
            "last_crawl": runs[0] if runs else None}


def choices(store: Store) -> dict[str, Any]:
    """What the search filters offer: outlets (slug, name), languages and topics.

    Read from the small tables (outlets, crawl runs), never from a scan of the articles.
    """
    outlets = list(store.db.query("SELECT slug, name, language FROM outlets ORDER BY name, slug"))
    languages = sorted({(o["language"] or "").lower() for o in outlets} - {""})
    runs = store.db.query("SELECT DISTINCT topic FROM crawl_runs")
    topics = sorted({r["topic"] for r in runs} - {None, ""})
    return {"outlets": outlets, "languages": languages, "topics": topics}


# -- search ---------------------------------------------------------------------------------


def _day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SearchQueryError(f"{name} {value!r} is not a day: write it as YYYY-MM-DD") from None


def day_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """A form's From and To days as ISO days (None when empty); :class:`SearchQueryError` for a
    day that is not one, or a range that ends before it starts."""
    first, last = _day(since, "From"), _day(until, "to")
    if first and last and first > last:
        raise SearchQueryError(f"the date range ends ({last}) before it starts ({first})")
    return first, last


@dataclass
class SearchForm:
    """A search as the page's form (and URL) gives it: ``q`` in the CLI's query language."""

    q: str = ""
    outlets: list[str] = field(default_factory=list)
    language: str = ""
    topic: str = ""
    since: str = ""
    until: str = ""
    sort: str = "relevance"
    limit: int = LIMITS[0]

    @classmethod
    def from_args(cls, get: Callable[[str], str | None], getlist: Callable[[str], list[str]]) -> SearchForm:
        try:
            limit = int(get("n") or LIMITS[0])
        except ValueError:
            limit = LIMITS[0]
        sort = get("sort") or "relevance"
        return cls(q=(get("q") or "").strip(), outlets=[o for o in getlist("outlet") if o],
                   language=(get("language") or "").strip(), topic=(get("topic") or "").strip(),
                   since=(get("since") or "").strip(), until=(get("until") or "").strip(),
                   sort=sort if sort in SORTS else "relevance", limit=min(max(limit, 1), LIMITS[-1]))

    def filters(self) -> dict[str, Any]:
        """The store's filters; :class:`SearchQueryError` for a day that is not one, or a range that
        ends before it starts."""
        since, until = day_range(self.since, self.until)
        return {"outlets": self.outlets, "since": since, "until": until, "topic": self.topic or None,
                "language": self.language or None}


def _friendly(exc: SearchQueryError) -> str:
    """The query language's own message; SQLite's wording (which should never be reached) is not shown."""
    text = str(exc)
    if text.startswith("cannot search for"):
        return "This search could not be run: check its quotes and parentheses."
    return text[:1].upper() + text[1:]


def _parsed(form: SearchForm) -> tuple[str, dict[str, Any]]:
    """The FTS5 expression and the store's filters of ``form``; :class:`SearchQueryError` if none."""
    return to_fts5(form.q), form.filters()


def run_search(store: Store, form: SearchForm) -> dict[str, Any]:
    """The results of ``form``, one row per story; ``error`` when the query is not one (then
    nothing else), in words a person can act on.

    Rows are the store's search rows with ``snippet_html`` (matches in ``<mark>``), ``snippet``
    (matches **marked**, as the CLI's JSON and CSV) and ``day`` (the outlet's own day of publication).
    """
    try:
        fts_query, filters = _parsed(form)
        rows = store.search(fts_query, **filters, limit=form.limit, order=SORTS[form.sort],
                            rank_window=RANK_WINDOW)
    except SearchQueryError as exc:
        return {"error": _friendly(exc)}
    out = [{**row, "day": row["published_day"] or "",
            "snippet_html": highlighted(row["snippet"], "<mark>", "</mark>", html.escape),
            "snippet": highlighted(row["snippet"])} for row in rows]
    return {"error": None, "rows": out, "complete": rows.complete, "ranked": rows.ranked}


def run_timeline(store: Store, form: SearchForm) -> dict[str, Any]:
    """The chart of ``form``'s matching articles per day (week, month) and outlet: ``timeline``
    (:class:`~newscrawl.outputs.room.chart.Timeline`), ``chart`` (SVG), ``chart_title``, and
    whether it counted every match (``timeline_complete``; else the newest ``timeline_counted``).
    Empty when the query is not one (:func:`run_search` says why)."""
    try:
        fts_query, filters = _parsed(form)
        counts = store.search_timeline(fts_query, **filters, window=TIMELINE_WINDOW)
    except SearchQueryError:
        return {}
    names = {o["slug"]: o["name"] or o["slug"] for o in store.db.query("SELECT slug, name FROM outlets")}
    binned = chart.bin_timeline(counts, names)
    title = f"Matching articles per {binned.bin} by outlet"
    return {"timeline": binned, "timeline_complete": counts.complete, "timeline_counted": counts.ranked,
            "chart_title": title, "chart": chart.svg(binned, title=title) if binned.periods else ""}


# -- article --------------------------------------------------------------------------------


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_time(value: str | None, zone_name: str | None) -> dict[str, str] | None:
    """An ISO UTC time as words in the outlet's zone and in UTC (None when there is none)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return {"utc": value, "local": "", "zone": "", "iso": value}
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    utc = moment.astimezone(UTC)
    zone = _zone(zone_name)
    local = moment.astimezone(zone) if zone else None
    return {
        "iso": utc.isoformat(),
        "utc": f"{utc:%A %-d %B %Y, %H:%M} UTC",
        "local": f"{local:%A %-d %B %Y, %H:%M} {local.tzname()}" if local else "",
        "zone": zone_name if zone else "",
    }


def date_source_words(source: str | None) -> str:
    """``text+htmldate`` -> ``page text (htmldate heuristics agreed)``."""
    if not source:
        return "not recorded"
    first, *others = source.split("+")
    words = DATE_SOURCE_LABELS.get(first, first)
    if others:
        words += " (" + ", ".join(DATE_SOURCE_LABELS.get(o, o) for o in others) + " agreed)"
    return words


def paragraphs(text: str | None) -> list[str]:
    """The text's paragraphs (separated by blank lines), each on one line."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _versions(article: Mapping[str, Any], earlier: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every version oldest first, each after the first with its diff from the one before."""
    chain = [*earlier, {"id": None, "seen_at": article["last_seen_at"], "title": article["title"],
                        "text": article["text"], "current": True}]
    out = []
    for i, version in enumerate(chain):
        item = {"seen_at": version["seen_at"], "title": version["title"],
                "current": version.get("current", False), "words": len((version["text"] or "").split())}
        if i:
            before = chain[i - 1]
            item["title_diff"] = word_diff(before["title"], version["title"])[0] \
                if before["title"] != version["title"] else ""
            item["diff"], item["removed"], item["added"] = word_diff(before["text"], version["text"])
        out.append(item)
    return out


def web_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, which a page may link to; else None (shown as text)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def article_page(store: Store, article_id: int) -> dict[str, Any] | None:
    """One article for reading (None if there is none): its row, outlet, times, paragraphs,
    copies at other outlets (with outlet names), other URLs and versions."""
    article = store.article(article_id)
    if article is None:
        return None
    article.pop("facets", None)
    slugs = {article["outlet"], *(c["outlet"] for c in article["copies"])}
    outlets = {o["slug"]: o for o in store.outlet_rows(slugs)}
    outlet = outlets.get(article["outlet"], {"slug": article["outlet"], "name": article["outlet"]})
    copies = [{**c, "outlet_name": outlets.get(c["outlet"], {}).get("name") or c["outlet"],
               "link": web_link(c["url"])} for c in article["copies"]]
    earlier = store.versions(article_id)
    return {
        "article": article, "outlet": outlet, "copies": copies, "link": web_link(article["url"]),
        "other_urls": [(url, web_link(url)) for url in article["other_urls"]],
        "published": local_time(article["published_at"], outlet.get("timezone")),
        "modified": local_time(article["modified_at"], outlet.get("timezone")),
        "date_source": date_source_words(article["date_source"]),
        "paragraphs": paragraphs(article["text"]),
        "versions": _versions(article, earlier) if earlier else [],
    }
