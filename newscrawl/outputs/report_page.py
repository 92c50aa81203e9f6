"""The HTML page of ``newscrawl report``: a :class:`~newscrawl.outputs.report.ReportData` -> one page.

A header says what the report covers; then one section per chart (inline SVG from
:mod:`newscrawl.outputs.charts`), each with its data in a captioned ``<table>``. Everything is
escaped; the only links that leave the page are the clusters' article URLs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path

from newscrawl.outputs import charts
from newscrawl.outputs.report import (
    BIN_NAMES,
    DAILY_MAX_DAYS,
    TOP_CLUSTERS,
    TOP_OUTLETS,
    TOP_OUTLETS_CHART,
    TOP_TERMS,
    UNDATED,
    WEEKLY_MAX_DAYS,
    ReportData,
)

CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem;
       color: #222; line-height: 1.4; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
svg.chart { width: 100%; height: auto; display: block; margin: 1rem 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; vertical-align: top; }
th { background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; } td:first-child { white-space: nowrap; }
.empty { font-size: 1.2rem; padding: 1rem; background: #fff8e1; border: 1px solid #ffe082; }
.note { color: #555; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _cell(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="n">{value}</td>'
    if isinstance(value, tuple):  # (text, href): an article link
        text, href = value
        return f'<td><a href="{_e(href)}">{_e(text)}</a></td>' if href else f"<td>{_e(text)}</td>"
    return f"<td>{_e(value)}</td>"


def html_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[object]],
               total: Sequence[object] | None = None, table_id: str = "") -> str:
    """An HTML table with a caption; tuple cells ``(text, href)`` become links."""
    attrs = f' id="{_e(table_id)}"' if table_id else ""
    out = [f"<table{attrs}>",
           f"<caption>{_e(caption)}</caption>",
           "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows]
    if total is not None:
        out.append('<tr class="total">' + "".join(_cell(v) for v in total) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _day(value: str | None) -> str:
    return (value or "")[:10]


def _short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "(no title)").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _period_label(bin: str) -> str:
    return {"day": "publication day (outlet's own)", "week": "week (from Monday)", "month": "month"}[bin]


def _section_per_period(data: ReportData) -> str:
    heading = f"Articles per {BIN_NAMES[data.bin]} by outlet"
    parts = [f'<h2 id="per-period">{_e(heading)}</h2>']
    if not data.periods:
        return parts[0] + '<p class="note">No dated articles: nothing to chart over time.</p>'
    undated = data.overview["articles"] - data.overview["dated"]
    note = (f"Stacked by outlet: the {TOP_OUTLETS} outlets with the most articles, the rest as "
            f"&ldquo;other&rdquo;. Bins: days when the articles span at most {DAILY_MAX_DAYS} days, "
            f"weeks up to {WEEKLY_MAX_DAYS} days, months beyond.")
    if undated:
        note += f" {undated} undated article{'s are' if undated != 1 else ' is'} not counted here."
    parts.append(f'<p class="note">{note}</p>')
    title = f"Articles per {data.bin} by outlet"
    parts.append(charts.stacked_bars("chart-per-period", data.periods, data.outlet_series, title=title,
                                     xlabel=_period_label(data.bin), ylabel="articles published"))
    names = list(data.outlet_series)
    rows = [[p, *(data.outlet_series[n][i] for n in names), sum(data.outlet_series[n][i] for n in names)]
            for i, p in enumerate(data.periods)]
    total = ["total", *(sum(data.outlet_series[n]) for n in names),
             sum(map(sum, data.outlet_series.values()))]
    parts.append(html_table(f"{title} (data)", [data.bin, *names, "total"], rows, total, "table-per-period"))
    return "\n".join(parts)


def _section_outlets(data: ReportData) -> str:
    title = "Top outlets by articles"
    shown = data.outlets[:TOP_OUTLETS_CHART]
    parts = [f'<h2 id="outlets">{_e(title)}</h2>']
    if len(data.outlets) > TOP_OUTLETS_CHART:
        parts.append(f'<p class="note">The chart shows the {TOP_OUTLETS_CHART} outlets with the most '
                     "articles; the table lists all.</p>")
    parts.append(charts.horizontal_bars("chart-outlets", [o["outlet"] for o in shown],
                                        [o["articles"] for o in shown], title=title,
                                        xlabel="articles", ylabel="outlet"))
    total = data.overview["articles"]
    rows = [[o["outlet"], o["name"] or "", o["articles"], f"{100 * o['articles'] / total:.1f}%", o["dated"],
             _day(o["first_published"]), _day(o["last_published"])] for o in data.outlets]
    parts.append(html_table(f"{title} (data)", ["outlet", "name", "articles", "share", "dated",
                                                "first published", "last published"],
                            rows, ["total", "", total, "100.0%", data.overview["dated"], "", ""],
                            "table-outlets"))
    return "\n".join(parts)


def _section_clusters(data: ReportData) -> str:
    title = "Biggest syndication clusters"
    parts = [f'<h2 id="clusters">{_e(title)}</h2>']
    if not data.clusters:
        return parts[0] + '<p class="note">No syndication clusters: no story ran at two or more outlets.</p>'
    parts.append(f'<p class="note">The same story (exact or near-duplicate text) stored at several outlets; '
                 f"the {TOP_CLUSTERS} biggest, labelled with the title of the first copy: the earliest "
                 f"published (ties: the earliest seen).</p>")
    labels = [f"#{c['cluster_id']} {_short(c['title'], 50)}" for c in data.clusters]
    parts.append(charts.horizontal_bars("chart-clusters", labels, [c["size"] for c in data.clusters],
                                        title=title, xlabel="copies (articles in the cluster)",
                                        ylabel="cluster (first copy's title)"))
    rows = [[c["cluster_id"], c["size"], ", ".join(c["outlets"]), c["first_outlet"],
             _day(c["first_published_at"]), _day(c["first_seen_at"]),
             (c["title"] or "(no title)", c["first_url"])] for c in data.clusters]
    parts.append(html_table(f"{title} (data)", ["cluster", "copies", "outlets", "first copy at",
                                                "first published", "first seen by the crawl", "title"],
                            rows, None,
                            "table-clusters"))
    return "\n".join(parts)


def _section_terms(data: ReportData) -> str:
    title = f"Top matched topic terms per {data.bin}"
    parts = [f'<h2 id="terms">{_e(title)}</h2>']
    if not data.term_series:
        return parts[0] + '<p class="note">No dated article records matched topic terms.</p>'
    parts.append(f'<p class="note">Articles whose title or text matched each term of the topic query '
                 f"(terms as written in the query), for the {TOP_TERMS} terms matched by the most articles; "
                 "undated articles are left out.</p>")
    parts.append(charts.lines("chart-terms", data.periods, data.term_series, title=title,
                              xlabel=_period_label(data.bin), ylabel="articles matching the term",
                              legend_title="term"))
    names = list(data.term_series)
    rows = [[p, *(data.term_series[n][i] for n in names)] for i, p in enumerate(data.periods)]
    total = ["total", *(data.term_totals[n][0] for n in names)]
    parts.append(html_table(f"{title} (data: articles matching)", [data.bin, *names], rows, total,
                            "table-terms"))
    all_rows = [[term, articles, hits] for term, (articles, hits) in data.term_totals.items()]
    parts.append(html_table("Every matched term (articles matching, occurrences)",
                            ["term", "articles", "occurrences"], all_rows, None, "table-all-terms"))
    return "\n".join(parts)


def _section_dates(data: ReportData) -> str:
    title = "Where the publication dates came from"
    parts = [f'<h2 id="dates">{_e(title)}</h2>',
             '<p class="note">The source that gave each article its publication day (the first part of '
             "<code>date_source</code>; e.g. <code>text+htmldate</code> counts under page text), and "
             "the articles without a date.</p>"]
    labels = [r["label"] if r["source"] in (r["label"], UNDATED) else f"{r['label']} ({r['source']})"
              for r in data.date_sources]
    colours = [charts.OTHER_COLOUR if r["source"] == UNDATED else "#1f77b4" for r in data.date_sources]
    parts.append(charts.horizontal_bars("chart-dates", labels, [r["articles"] for r in data.date_sources],
                                        title=title, xlabel="articles", ylabel="date from",
                                        colours=colours))
    total = data.overview["articles"]
    rows = [[r["source"], r["label"], r["articles"], f"{100 * r['articles'] / total:.1f}%",
             ", ".join(f"{v} {n}" for v, n in r["values"].items())] for r in data.date_sources]
    parts.append(html_table(f"{title} (data)", ["source", "what", "articles", "share",
                                                "recorded date_source values"],
                            rows, ["total", "", total, "100.0%", ""], "table-dates"))
    return "\n".join(parts)


def _section_coverage(data: ReportData) -> str:
    """How complete the corpus is, per outlet: capture-recapture across the discovery channels."""
    title = "How complete is the corpus?"
    parts = [f'<h2 id="coverage">{_e(title)}</h2>']
    cov = data.coverage
    if not cov:
        parts.append('<p class="note">No discovery evidence recorded (crawled before schema 9): no '
                     "estimate. See docs/coverage.md.</p>")
        return "\n".join(parts)
    parts.append('<p class="note">Share of each outlet\'s articles the crawl found, estimated by '
                 "capture-recapture across its discovery channels, with 95% intervals. Dependent "
                 "channels (a feed and a sitemap from one CMS) make completeness look higher than it "
                 "is. See docs/coverage.md.</p>")
    shown = [o for o in cov["outlets"] if o.get("headline")]
    if shown:
        parts.append(charts.intervals(
            "chart-coverage", [o["outlet"] for o in shown], [o["headline"]["completeness"] for o in shown],
            [o["headline"]["completeness_low"] for o in shown],
            [o["headline"]["completeness_high"] for o in shown],
            title="Estimated completeness by outlet", xlabel="completeness (%)", ylabel="outlet"))

    def pct(value: float | None) -> str:
        return "" if value is None else f"{100 * value:.0f}%"

    rows = []
    for o in cov["outlets"]:
        h = o.get("headline") or {}
        rows.append([o["outlet"], ", ".join(o["channels"]), o["observed"], h.get("total", ""),
                     pct(h.get("completeness")),
                     f"{pct(h.get('completeness_low'))}-{pct(h.get('completeness_high'))}" if h else "",
                     h.get("method", o.get("note") or ""),
                     "; ".join([*h.get("flags", []), *o.get("flags", [])])])
    overall = cov["overall"]
    parts.append(html_table(f"{title} (data)", ["outlet", "channels", "seen", "estimated total",
                                                "completeness", "95% interval", "method", "flags"], rows,
                            ["all outlets", "", overall["observed"], overall["total"],
                             pct(overall["completeness"]),
                             f"{pct(overall['completeness_low'])}-{pct(overall['completeness_high'])}",
                             "sum", ""], "table-coverage"))
    return "\n".join(parts)


def _header(data: ReportData) -> str:
    o = data.overview
    span = (f"{_day(o.get('first_published'))} to {_day(o.get('last_published'))}"
            if o.get("first_published") else "no dated articles")
    items = [("Database", data.database), ("Generated at", data.generated_at),
             ("Filters", data.filters.describe()),
             ("Articles", f"{o.get('articles', 0)} ({o.get('dated', 0)} dated, "
                          f"{o.get('articles', 0) - o.get('dated', 0)} undated)"),
             ("Stories", f"{o.get('stories', 0)} (syndicated copies counted once, as an export "
                         "without --include-duplicates writes them)"),
             ("Outlets", str(o.get("outlets", 0))), ("Published", span)]
    if not data.empty and data.periods:
        items.append(("Time bins", f"{BIN_NAMES[data.bin]}, {len(data.periods)} bins"))
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items)
    return f'<h1>newscrawl report</h1>\n<dl class="meta">{rows}</dl>'


def render_html(data: ReportData) -> str:
    """The whole page: header, then one section per chart with its data table."""
    body = [_header(data)]
    if data.empty:
        where = "match the filters" if data.filters.describe() != "none" else "are in the database"
        body.append(f'<p class="empty" id="nothing">Nothing to report: no articles {where}.</p>')
    else:
        links = [("per-period", "Articles over time"), ("outlets", "Top outlets"),
                 ("clusters", "Syndication clusters"), ("terms", "Topic terms"), ("dates", "Date sources"),
                 ("coverage", "Completeness")]
        body.append("<nav>" + " · ".join(f'<a href="#{i}">{t}</a>' for i, t in links) + "</nav>")
        body += [_section_per_period(data), _section_outlets(data), _section_clusters(data),
                 _section_terms(data), _section_dates(data), _section_coverage(data)]
    title = f"newscrawl report: {Path(data.database).name}"
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{_e(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{CSS}</style>\n'
            "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


__all__ = ["html_table", "render_html"]
