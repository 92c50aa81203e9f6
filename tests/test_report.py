"""``newscrawl report``: the Store's aggregates on known rows, the shaping, the page, the CLI,
and the page of a crawled fixture web rendered in a headless Chromium."""

from __future__ import annotations

import re
import sqlite3
import struct
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from smallweb import assert_user_error, run

from newscrawl.items import Article
from newscrawl.outputs import charts
from newscrawl.outputs.report import (
    ReportFilters,
    choose_bin,
    date_source_rows,
    gather_report,
    period_of,
    periods_between,
    stack_by_outlet,
    term_series,
    write_report,
)
from newscrawl.outputs.report_page import render_html
from newscrawl.store import Store
from newscrawl.store.crawl import utcnow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
WIRE_OUTLETS = {"bytewire", "ledger", "prairie", "wire"}  # the fixture web's wire story
CHART_IDS = ("chart-per-period", "chart-outlets", "chart-clusters", "chart-terms", "chart-dates")


def table(doc: lxml.html.HtmlElement, table_id: str) -> list[list[str]]:
    """A table's rows (header first) as lists of cell texts."""
    element = doc.get_element_by_id(table_id)
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")]
            for row in element.iter("tr")]


def _outlet(slug: str, name: str) -> dict[str, object]:
    return {
        "slug": slug, "name": name, "domain": f"{slug}.example", "homepage": f"https://{slug}.example/",
        "country": "US", "language": "en", "kind": "national", "timezone": "UTC", "verified": 0,
        "feeds": "[]", "sitemaps": "[]",
    }


def _topics(**topics: dict[str, int]) -> dict[str, dict]:
    return {slug: {"score": float(sum(terms.values())), "terms": terms} for slug, terms in topics.items()}


def _add(store: Store, n: int, outlet: str, when: datetime | None, source: str | None,
         topics: dict, cluster_id: int | None = None) -> int:
    text = f"Story number {n} from {outlet}."
    return store.insert_article(Article(
        url=f"https://{outlet}.example/{n}", outlet=outlet, title=f"Story {n}", text=text,
        published_at=when, date_source=source, word_count=len(text.split()), topics=topics,
        cluster_id=cluster_id), None)


def _day(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 1, day, hour, tzinfo=UTC)


@pytest.fixture
def known(tmp_path: Path) -> Path:
    """Seven articles at three outlets; one undated, one dated without a recorded source."""
    db = tmp_path / "known.db"
    store = Store.open(db)
    store.upsert_outlets([_outlet("a", "Alpha"), _outlet("b", "Beta"), _outlet("c", "Gamma")])
    first = _add(store, 1, "a", _day(5, 10), "jsonld", _topics(t1={"=ICE": 2, "raid*": 1}))
    _add(store, 2, "a", _day(5, 23), "jsonld+time", _topics(t1={"=ICE": 1}))
    _add(store, 3, "b", _day(6), "meta", _topics(t1={"=ICE": 3, "raid*": 2}), cluster_id=first)
    _add(store, 4, "b", _day(8), "url", _topics(t1={"=ICE": 1}, t2={"Palantir": 2}))
    _add(store, 5, "c", _day(8), "text+htmldate", _topics(t2={"Palantir": 1}), cluster_id=first)
    _add(store, 6, "c", None, None, _topics(t1={"raid*": 1}))
    _add(store, 7, "a", _day(10), None, {})
    store.close()
    return db


# -- the store's aggregates ------------------------------------------------------------------


def test_store_report_reads_exact_counts(known: Path) -> None:
    store = Store.open(known, readonly=True)
    try:
        assert store.report_overview() == {
            "articles": 7, "stories": 5, "dated": 6, "outlets": 3,
            "first_published": "2026-01-05", "last_published": "2026-01-10"}
        assert store.report_day_outlet_counts() == [
            {"day": "2026-01-05", "outlet": "a", "articles": 2},
            {"day": "2026-01-06", "outlet": "b", "articles": 1},
            {"day": "2026-01-08", "outlet": "b", "articles": 1},
            {"day": "2026-01-08", "outlet": "c", "articles": 1},
            {"day": "2026-01-10", "outlet": "a", "articles": 1}]
        outlets = store.report_outlets()
        assert [(o["outlet"], o["name"], o["articles"], o["dated"]) for o in outlets] == [
            ("a", "Alpha", 3, 3), ("b", "Beta", 2, 2), ("c", "Gamma", 2, 1)]
        assert outlets[2]["first_published"] == outlets[2]["last_published"] == "2026-01-08"
        assert store.report_date_sources() == {
            "jsonld": 1, "jsonld+time": 1, "meta": 1, "url": 1, "text+htmldate": 1, "unknown": 1, None: 1}
        terms = [(r["day"], r["topic"], r["term"], r["articles"], r["hits"])
                 for r in store.report_topic_terms()]
        assert terms == [
            ("2026-01-05", "t1", "=ICE", 2, 3), ("2026-01-05", "t1", "raid*", 1, 1),
            ("2026-01-06", "t1", "=ICE", 1, 3), ("2026-01-06", "t1", "raid*", 1, 2),
            ("2026-01-08", "t1", "=ICE", 1, 1), ("2026-01-08", "t2", "Palantir", 2, 3)]
        assert store.report_topic_slugs() == ["t1", "t2"]
    finally:
        store.close()


def test_store_report_reads_filters(known: Path) -> None:
    store = Store.open(known, readonly=True)
    try:
        assert store.report_overview(outlets=["b"])["articles"] == 2
        assert store.report_overview(outlets=["b", "c"])["outlets"] == 2
        assert store.report_overview(topic="t2")["articles"] == 2
        assert [(r["term"], r["articles"]) for r in store.report_topic_terms(topic="t2")] == [("Palantir", 2)]
        assert store.report_overview(topic="nope")["articles"] == 0
        window = {"since": "2026-01-06", "until": "2026-01-08"}  # inclusive days
        assert store.report_overview(**window)["articles"] == 3
        assert store.report_date_sources(**window) == {"meta": 1, "url": 1, "text+htmldate": 1}
        # an undated article counts by the day it was first seen (today)
        today = utcnow().date()
        assert store.report_overview(since=today.isoformat()) == {
            "articles": 1, "stories": 1, "dated": 0, "outlets": 1, "first_published": None,
            "last_published": None}
        assert store.report_date_sources(until=(today - timedelta(days=1)).isoformat()).get(None) is None
        assert store.report_outlets(topic="t1", outlets=["c"])[0]["articles"] == 1
    finally:
        store.close()


# -- shaping ---------------------------------------------------------------------------------


def test_time_bins() -> None:
    assert choose_bin("2026-01-01", "2026-03-03") == "day"  # 62 days
    assert choose_bin("2026-01-01", "2026-03-04") == "week"
    assert choose_bin("2024-01-01", "2025-12-31") == "week"  # 731 days
    assert choose_bin("2024-01-01", "2026-01-01") == "month"
    assert period_of("2026-01-28", "day") == "2026-01-28"
    assert period_of("2026-01-28", "week") == "2026-01-26"  # a Wednesday -> its Monday
    assert period_of("2026-01-26", "week") == "2026-01-26"
    assert period_of("2026-02-01", "week") == "2026-01-26"  # Sunday ends the week
    assert period_of("2026-01-28", "month") == "2026-01"
    assert periods_between("2026-01-30", "2026-02-02", "day") == [
        "2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"]
    assert periods_between("2026-01-28", "2026-02-10", "week") == ["2026-01-26", "2026-02-02", "2026-02-09"]
    assert periods_between("2025-11-30", "2026-02-01", "month") == [
        "2025-11", "2025-12", "2026-01", "2026-02"]


def test_stack_by_outlet_keeps_top_outlets_and_sums_the_rest() -> None:
    periods = ["2026-01-05", "2026-01-12"]
    rows = [{"day": "2026-01-07", "outlet": f"o{i:02}", "articles": 20 - i} for i in range(12)]
    rows.append({"day": "2026-01-13", "outlet": "o11", "articles": 2})
    series = stack_by_outlet(rows, periods, "week", top=8)
    assert list(series) == [f"o{i:02}" for i in range(8)] + ["other"]
    assert series["o00"] == [20, 0]
    assert series["other"] == [12 + 11 + 10 + 9, 2]
    assert sum(map(sum, series.values())) == sum(r["articles"] for r in rows)
    assert "other" not in stack_by_outlet(rows[:3], periods, "week", top=8)


def test_term_series_ranks_terms_and_labels_topics() -> None:
    rows = [
        {"day": "2026-01-05", "topic": "t1", "term": "=ICE", "articles": 2, "hits": 3},
        {"day": "2026-01-06", "topic": "t1", "term": "=ICE", "articles": 1, "hits": 3},
        {"day": "2026-01-06", "topic": "t1", "term": "raid*", "articles": 2, "hits": 3},
        {"day": "2026-01-06", "topic": "t2", "term": "Palantir", "articles": 2, "hits": 3},
        {"day": "2026-01-06", "topic": "t2", "term": "rare", "articles": 1, "hits": 9},
    ]
    series, totals = term_series(rows, ["2026-01-05", "2026-01-06"], "day", top=3)
    assert list(series) == ["t1: =ICE", "t1: raid*", "t2: Palantir"]  # ties: hits, then name
    assert series["t1: =ICE"] == [2, 1]
    assert totals["t2: rare"] == (1, 9) and len(totals) == 4
    single, _ = term_series(rows[:3], ["2026-01-05", "2026-01-06"], "day")
    assert list(single) == ["=ICE", "raid*"]  # one topic: plain terms


def test_date_source_rows_group_by_the_source_that_gave_the_day() -> None:
    rows = date_source_rows({"jsonld": 3, "jsonld+time": 2, "text+htmldate": 2, "text": 1, "url": 3,
                             "meta": 1, None: 4})
    assert [(r["source"], r["articles"]) for r in rows] == [
        ("jsonld", 5), ("text", 3), ("url", 3), ("meta", 1), ("undated", 4)]
    assert rows[0]["values"] == {"jsonld": 3, "jsonld+time": 2}
    assert rows[0]["label"] == "JSON-LD" and rows[1]["label"] == "page text"
    assert date_source_rows({"url": 2})[-1] == {"source": "undated", "label": "undated", "articles": 0,
                                                "values": {}}


# -- charts and the page ------------------------------------------------------------------------


def test_charts_are_self_contained_inline_svg() -> None:
    one = charts.lines("c1", ["d1", "d2"], {"x": [1, 2], "y": [0, 3]}, title="Lines & more",
                       xlabel="day", ylabel="n", legend_title="term")
    two = charts.stacked_bars("c2", ["d1", "d2"], {"x": [1, 2], "other": [1, 1]}, title="Bars",
                              xlabel="day", ylabel="n")
    for svg, chart_id, title in ((one, "c1", "Lines &amp; more"), (two, "c2", "Bars")):
        assert svg.startswith(f'<svg id="{chart_id}" class="chart" role="img"')
        assert f'<title id="{chart_id}-title">{title}</title>' in svg
        assert re.search(rf"<text[^>]*>{re.escape(title)}</text>", svg), "text stays text"
        assert "http" not in svg and "<metadata" not in svg and "<?xml" not in svg
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert all(i == chart_id or i.startswith(f"{chart_id}-") for i in ids)
        for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
            assert ref in ids
    assert charts.OTHER_COLOUR in two  # "other" is grey
    assert "#1f77b4" in two


@pytest.mark.slow
def test_page_from_known_rows(known: Path) -> None:
    store = Store.open(known, readonly=True)
    try:
        data = gather_report(store, ReportFilters(), database=str(known),
                             now=datetime(2026, 2, 1, 9, 30, tzinfo=UTC))
    finally:
        store.close()
    assert data.bin == "day" and data.periods[0] == "2026-01-05" and len(data.periods) == 6
    assert data.outlet_series == {"a": [2, 0, 0, 0, 0, 1], "b": [0, 1, 0, 1, 0, 0], "c": [0, 0, 0, 1, 0, 0]}
    assert list(data.term_series) == ["t1: =ICE", "t1: raid*", "t2: Palantir"]
    page = render_html(data)
    doc = lxml.html.fromstring(page)
    header = dict(zip(doc.xpath("//dl/dt/text()"), doc.xpath("//dl/dd/text()"), strict=True))
    assert header == {
        "Database": str(known), "Generated at": "2026-02-01T09:30:00+00:00", "Filters": "none",
        "Articles": "7 (6 dated, 1 undated)",
        "Stories": "5 (syndicated copies counted once, as an export without --include-duplicates "
                   "writes them)",
        "Outlets": "3", "Published": "2026-01-05 to 2026-01-10",
        "Time bins": "day, 6 bins"}
    for chart_id in CHART_IDS:
        assert len(doc.xpath(f"//svg[@id='{chart_id}']")) == 1, chart_id
    assert table(doc, "table-per-period")[1] == ["2026-01-05", "2", "0", "0", "2"]
    assert table(doc, "table-per-period")[-1] == ["total", "3", "2", "1", "6"]
    assert table(doc, "table-outlets")[1] == ["a", "Alpha", "3", "42.9%", "3", "2026-01-05", "2026-01-10"]
    assert table(doc, "table-clusters")[1][:4] == ["1", "3", "a, b, c", "a"]
    assert table(doc, "table-terms")[-1] == ["total", "4", "2", "2"]
    assert table(doc, "table-all-terms")[1] == ["t1: =ICE", "4", "7"]
    dates = table(doc, "table-dates")
    assert dates[1] == ["jsonld", "JSON-LD", "2", "28.6%", "jsonld 1, jsonld+time 1"]
    assert dates[-2][:3] == ["undated", "undated", "1"] and dates[-1][:3] == ["total", "", "7"]
    assert "1 undated article is not counted here" in page
    # one Chromium-free check of the offline rule: only in-page links and article links
    links = doc.xpath("//@href|//@src")
    assert links and all(v.startswith("#") or v == "https://a.example/1" for v in links), links


@pytest.mark.slow
def test_many_outlets_over_months_are_weekly_with_other(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    store = Store.open(db)
    store.upsert_outlets([_outlet(f"o{i}", f"Outlet {i}") for i in range(10)])
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    for n in range(40):  # four articles per outlet, every third day from 1 January
        _add(store, n, f"o{n % 10}", start + timedelta(days=n * 3), "jsonld", {})
    data = gather_report(store, ReportFilters(), database=str(db))
    store.close()
    assert data.bin == "week" and data.periods[0] == "2025-12-29" and len(data.periods) == 18
    assert len(data.outlet_series) == 9 and list(data.outlet_series)[-1] == "other"
    assert sum(data.outlet_series["other"]) == 8  # o8 and o9, four articles each
    doc = lxml.html.fromstring(render_html(data))
    assert table(doc, "table-per-period")[0][-2:] == ["other", "total"]
    assert table(doc, "table-per-period")[-1][-1] == "40"
    assert len(table(doc, "table-outlets")) == 12  # header, ten outlets, total
    assert "No dated article records matched topic terms." in render_html(data)


@pytest.mark.slow
def test_page_escapes_titles(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    store = Store.open(db)
    store.upsert_outlets([_outlet("a", "A <b>&"), _outlet("b", "B")])
    first = store.insert_article(Article(url="https://a.example/x", outlet="a", title="<script>x</script>",
                                         text="t", published_at=_day(1)), None)
    store.insert_article(Article(url="https://b.example/x", outlet="b", title="t", text="t",
                                 published_at=_day(2), cluster_id=first), None)
    data = gather_report(store, ReportFilters(), database=str(db))
    store.close()
    page = render_html(data)
    assert "<script" not in page and "&lt;script&gt;" in page and "A &lt;b&gt;&amp;" in page


def test_filters_without_dated_articles_still_give_a_page(known: Path) -> None:
    store = Store.open(known, readonly=True)
    try:
        data = gather_report(store, ReportFilters(since=utcnow().date().isoformat()), database="k.db")
    finally:
        store.close()
    page = render_html(data)
    assert "No dated articles: nothing to chart over time." in page
    assert 'id="chart-per-period"' not in page and 'id="chart-dates"' in page
    assert f"since {utcnow().date().isoformat()}" in page


def test_write_report_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("newscrawl.outputs.report.os.replace", fail)
    with pytest.raises(OSError):
        write_report(out, "<html>new</html>")
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]
    monkeypatch.undo()
    write_report(out, "<html>new</html>")
    assert out.read_text(encoding="utf-8") == "<html>new</html>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


# -- the command -----------------------------------------------------------------------------


def test_empty_database_says_nothing_to_report(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store.open(db).close()
    out = tmp_path / "report.html"
    code, output = run("report", "--db", str(db), "-o", str(out))
    assert code == 0, output
    assert "nothing to report" in output
    page = out.read_text(encoding="utf-8")
    assert "Nothing to report: no articles are in the database." in page
    assert "<svg" not in page and "<table" not in page
    code, output = run("report", "--db", str(db), "-o", str(out), "--force", "--since", "2026-01-01")
    assert code == 0, output
    assert "no articles match the filters" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_bad_input_is_one_error_line(known: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    db = str(known)
    assert_user_error(*run("report", "--db", db), "-o")  # required
    assert_user_error(*run("report", "--db", str(tmp_path / "nope.db"), "-o", str(out)), "nope.db")
    assert_user_error(*run("report", "--db", db, "-o", str(out), "--since", "2026-02-30"), "--since")
    assert_user_error(*run("report", "--db", db, "-o", str(out), "--until", "yesterday"), "--until")
    assert_user_error(*run("report", "--db", db, "-o", str(out), "--since", "2026-02-02",
                           "--until", "2026-02-01"), "after")
    assert_user_error(*run("report", "--db", db, "-o", str(out), "--outlet", "a,zz"), "zz")
    assert_user_error(*run("report", "--db", db, "-o", str(out), "--topic", "t3"), "t3", "t1, t2")
    assert_user_error(*run("report", "--db", db, "-o", str(tmp_path)), "directory")
    assert_user_error(*run("report", "--db", db, "-o", str(tmp_path / "no" / "r.html")), "not an existing")
    assert_user_error(*run("report", "--db", db, "-o", db, "--force"), "database itself")
    not_ours = tmp_path / "other.db"
    sqlite3.connect(not_ours).execute("CREATE TABLE x (y)").connection.close()
    assert_user_error(*run("report", "--db", str(not_ours), "-o", str(out)), "not a newscrawl database")
    assert not out.exists()
    out.write_text("keep me", encoding="utf-8")
    assert_user_error(*run("report", "--db", db, "-o", str(out)), "--force")
    assert out.read_text(encoding="utf-8") == "keep me"
    code, output = run("report", "--db", db, "-o", str(out), "--force", "--outlet", "b", "--topic", "t1")
    assert code == 0, output
    assert "2 articles (2 stories) from 1 outlets" in output
    assert "Filters</dt><dd>outlets b; topic t1</dd>" in out.read_text(encoding="utf-8")


# -- a crawled fixture web, in a real browser ------------------------------------------------------


@pytest.fixture(scope="module")
def crawled_report(crawled: Path) -> Path:
    out = crawled.with_name("report.html")
    code, output = run("report", "--db", str(crawled), "-o", str(out))
    assert code == 0, output
    return out


def _facts(db: Path) -> dict[str, object]:
    """What the report should say, read with plain SQL."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "dated": conn.execute(
                "SELECT count(*) FROM articles WHERE published_at IS NOT NULL").fetchone()[0],
            "per_outlet": dict(conn.execute("SELECT outlet, count(*) FROM articles GROUP BY outlet")),
            "urls": {u for (u,) in conn.execute("SELECT url FROM articles")},
            "jsonld": conn.execute("SELECT count(*) FROM articles WHERE published_at IS NOT NULL "
                                   "AND date_source LIKE 'jsonld%'").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_report_of_a_crawl(crawled: Path, crawled_report: Path) -> None:
    facts = _facts(crawled)
    assert facts["articles"] > 10
    page = crawled_report.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(page)
    for chart_id in CHART_IDS:
        assert len(doc.xpath(f"//svg[@id='{chart_id}']")) == 1, chart_id
    outlets = {row[0]: int(row[2]) for row in table(doc, "table-outlets")[1:-1]}
    assert outlets == facts["per_outlet"]
    assert table(doc, "table-per-period")[-1][-1] == str(facts["dated"])
    clusters = table(doc, "table-clusters")
    assert clusters[1][1] == "4" and set(clusters[1][2].split(", ")) == WIRE_OUTLETS
    dates = {row[0]: int(row[2]) for row in table(doc, "table-dates")[1:-1]}
    assert sum(dates.values()) == facts["articles"] and dates.get("jsonld", 0) == facts["jsonld"]
    assert dates["undated"] == facts["articles"] - facts["dated"]
    assert table(doc, "table-terms")[0][1] == "=ICE"  # the agency, in every fixture article
    # offline: no scripts, no stylesheets or images from elsewhere; links only in-page or to articles
    assert not doc.xpath("//script|//link|//iframe|//object|//embed|//img")
    for value in doc.xpath("//@href|//@src"):
        assert value.startswith("#") or value in facts["urls"], value
    assert not re.search(r"url\((?!#)|@import", page)


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium")
def test_browser_renders_the_charts(crawled: Path, crawled_report: Path, tmp_path: Path) -> None:
    def chromium(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--no-first-run", "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", f"--user-data-dir={tmp_path / 'chromium-profile'}", *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr[-2000:]
        return result

    url = crawled_report.resolve().as_uri()
    dom = lxml.html.fromstring(chromium("--dump-dom", url).stdout)
    titles = {
        "chart-per-period": "Articles per week by outlet",  # the fixture web spans > 62 days
        "chart-outlets": "Top outlets by articles",
        "chart-clusters": "Biggest syndication clusters",
        "chart-terms": "Top matched topic terms per week",
        "chart-dates": "Where the publication dates came from",
    }
    for chart_id, title in titles.items():
        svg = dom.xpath(f"//svg[@id='{chart_id}']")
        assert len(svg) == 1, chart_id
        assert svg[0].xpath("./title")[0].text == title
        texts = [" ".join(t.text_content().split()) for t in svg[0].iter("text")]
        assert title in texts, (chart_id, texts[:5])
        assert len(svg[0].xpath(".//path")) > 10, chart_id  # bars, lines, axes were drawn
        following = svg[0].xpath("following-sibling::table[1]/caption")
        assert following and following[0].text_content().startswith(f"{title} (data"), chart_id
    legend = {" ".join(t.text_content().split()) for t in dom.xpath("//svg[@id='chart-per-period']//text")}
    assert legend >= WIRE_OUTLETS, "a legend names the outlets"
    facts = _facts(crawled)
    assert table(dom, "table-outlets")[-1][:3] == ["total", "", str(facts["articles"])]
    assert table(dom, "table-clusters")[1][1] == "4"

    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,2400", url)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1280, 2400)
    assert len(png) > 60_000, "a page of text without charts compresses far smaller"
