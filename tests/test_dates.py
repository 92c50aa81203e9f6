"""Tests for newscrawl.extract.dates: parsing, page hints and resolution."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from newscrawl.extract.dates import SOURCE_WEIGHTS, ResolvedDates, page_date_hints, parse_date, resolve_dates
from newscrawl.extract.dates.parse import parse_value
from newscrawl.items import DateHint

NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def sources(hints: list[DateHint]) -> set[str]:
    return {h.source for h in hints}


# --- parse_date: formats ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-01-28T15:15:00Z", utc(2026, 1, 28, 15, 15)),
        ("2026-01-28T15:15:00.123456Z", utc(2026, 1, 28, 15, 15)),
        ("2026-01-28T15:15:00+01:00", utc(2026, 1, 28, 14, 15)),
        ("2026-01-28T15:15:00-0600", utc(2026, 1, 28, 21, 15)),
        ("2026-01-28 15:15:00", utc(2026, 1, 28, 15, 15)),
        ("2026-01-28T21:15:00Z", utc(2026, 1, 28, 21, 15)),
        ("January 5, 2026 22:30", utc(2026, 1, 5, 22, 30)),
        ("5. Januar 2026, 20.15 Uhr", utc(2026, 1, 5, 20, 15)),
        ("2026-01-28T00:05:00Z", utc(2026, 1, 28, 0, 5)),
        ("20260128T15:15:00Z", utc(2026, 1, 28, 15, 15)),
        ("2026-01-28", utc(2026, 1, 28)),
        ("20260128", utc(2026, 1, 28)),
        ("Wed, 28 Jan 2026 15:15:00 GMT", utc(2026, 1, 28, 15, 15)),
        ("Wed, 28 Jan 2026 15:15:00 +0000", utc(2026, 1, 28, 15, 15)),
        ("Wed, 28 Jan 26 15:15:00 -0500", utc(2026, 1, 28, 20, 15)),
        ("January 28, 2026 3:15 p.m. CST", utc(2026, 1, 28, 21, 15)),
        ("Jan. 28, 2026", utc(2026, 1, 28)),
        ("Wednesday, January 28th, 2026", utc(2026, 1, 28)),
        ("Updated 4:01 PM EST, Wed January 28, 2026", utc(2026, 1, 28, 21, 1)),
        ("28/01/2026", utc(2026, 1, 28)),
        ("01/28/2026", utc(2026, 1, 28)),
        ("28.01.2026", utc(2026, 1, 28)),
        ("2026/01/28 10:00", utc(2026, 1, 28, 10)),
        ("1769613300", utc(2026, 1, 28, 15, 15)),
        ("1769613300000", utc(2026, 1, 28, 15, 15)),
        ("28 de enero de 2026", utc(2026, 1, 28)),
        ("28. Januar 2026, 15:30 Uhr", utc(2026, 1, 28, 15, 30)),
        ("28 janvier 2026 à 15h30", utc(2026, 1, 28, 15, 30)),
        ("vendredi 28 février 2025", utc(2025, 2, 28)),
        ("28 января 2026", utc(2026, 1, 28)),  # dateparser fallback
        ("Posted: 2026-01-28 15:15", utc(2026, 1, 28, 15, 15)),
        ("Published 3:15 PM EST, Jan 5, 2026", utc(2026, 1, 5, 20, 15)),
    ],
)
def test_parse_formats(raw: str, expected: datetime) -> None:
    assert parse_date(raw, now=NOW) == expected


def test_parse_returns_aware_utc() -> None:
    dt = parse_date("2026-01-28T15:15:00+05:30", now=NOW)
    assert dt is not None and dt.tzinfo is not None and dt.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "raw", ["", "   ", "hello world",
            pytest.param("not a date 99", marks=pytest.mark.slow),  # dateparser loads every language
            "03/04/2026", "32/13/2026", "1:07", "Mai"]
)
def test_parse_garbage_and_ambiguous(raw: str) -> None:
    assert parse_date(raw) is None


def test_parse_rejects_future_and_old() -> None:
    assert parse_date("2026-02-02T11:00:00Z", now=NOW) is not None  # within the day of slack
    assert parse_date("2026-02-03", now=NOW) is None
    assert parse_date("2031-01-01") is None  # default now is the clock
    assert parse_date("1989-12-31") is None
    assert parse_date("1990-01-01") == utc(1990, 1, 1)


def test_parse_relative_only_with_now() -> None:
    assert parse_date("yesterday") is None
    assert parse_date("2 hours ago") is None
    assert parse_date("yesterday", now=NOW) is not None
    assert parse_date("2 hours ago", now=NOW) == NOW - timedelta(hours=2)


# --- parse_date: time zones ---------------------------------------------------------------


def test_naive_value_uses_outlet_tz() -> None:
    # Chicago is UTC-6 in winter
    assert parse_date("2026-01-28 15:15", "America/Chicago", now=NOW) == utc(2026, 1, 28, 21, 15)
    assert parse_date("2026-01-28", "America/Chicago", now=NOW) == utc(2026, 1, 28, 6)


def test_naive_value_follows_dst() -> None:
    summer = parse_date("2025-07-04 12:00", "America/New_York", now=NOW)
    winter = parse_date("2025-12-04 12:00", "America/New_York", now=NOW)
    assert summer == utc(2025, 7, 4, 16)
    assert winter == utc(2025, 12, 4, 17)
    assert parse_date("2025-07-04 12:00", "Europe/Berlin", now=NOW) == utc(2025, 7, 4, 10)


def test_explicit_offset_beats_outlet_tz() -> None:
    assert parse_date("2026-01-28T15:15:00Z", "America/Chicago", now=NOW) == utc(2026, 1, 28, 15, 15)
    assert parse_date("2026-01-28T15:15:00+01:00", "Asia/Tokyo", now=NOW) == utc(2026, 1, 28, 14, 15)


@pytest.mark.parametrize(
    ("abbr", "hours"),
    [("EST", 5), ("EDT", 4), ("CST", 6), ("CDT", 5), ("MST", 7), ("PST", 8), ("PDT", 7)],
)
def test_us_abbreviations(abbr: str, hours: int) -> None:
    got = parse_date(f"January 28, 2026 3:15 PM {abbr}", now=NOW)
    assert got == utc(2026, 1, 28, 15, 15) + timedelta(hours=hours)


def test_generic_us_zones_follow_dst() -> None:
    assert parse_date("Jan 28, 2026 3:15 PM ET", now=NOW) == utc(2026, 1, 28, 20, 15)
    assert parse_date("Jul 28, 2025 3:15 PM ET", now=NOW) == utc(2025, 7, 28, 19, 15)
    assert parse_date("Jul 28, 2025 3:15 PM CT", now=NOW) == utc(2025, 7, 28, 20, 15)


def test_unknown_default_tz_falls_back_to_utc() -> None:
    assert parse_date("2026-01-28 10:00", "Not/AZone", now=NOW) == utc(2026, 1, 28, 10)


# --- page_date_hints ---------------------------------------------------------------------

JSONLD_PAGE = """<html><head>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "@id": "https://ex.com/a", "datePublished": "2025-01-01"},
  {"@type": "NewsArticle", "mainEntityOfPage": "https://ex.com/a",
   "datePublished": "2025-03-03T10:00:00-06:00", "dateModified": "2025-03-04T08:00:00-06:00"}
]}
</script></head><body><h1>Title</h1></body></html>"""


def test_jsonld_graph_prefers_article() -> None:
    hints = page_date_hints(JSONLD_PAGE, "https://ex.com/a")
    jsonld = [h for h in hints if h.source == "jsonld"]
    assert jsonld[0] == DateHint("2025-03-03T10:00:00-06:00", "jsonld", "published")
    assert DateHint("2025-03-04T08:00:00-06:00", "jsonld", "modified") in jsonld
    assert jsonld.index(DateHint("2025-01-01", "jsonld", "published")) > 0


def test_jsonld_list_and_date_created_and_broken_json() -> None:
    page = """<script type="application/ld+json">[{"@type": "BlogPosting",
      "dateCreated": "2025-03-03"}]</script>
      <script type="application/ld+json">{"@type": "Article", "datePublished": "2025-03-05",}
      </script>
      <script type="application/ld+json">{"@type": "Article" "datePublished": "2025-03-06"
      </script>"""
    hints = page_date_hints(page)
    assert DateHint("2025-03-03", "jsonld", "published") in hints
    assert DateHint("2025-03-05", "jsonld", "published") in hints  # trailing comma repaired
    assert DateHint("2025-03-06", "jsonld", "published") in hints  # regex fallback


def test_jsonld_ignores_photo_and_site_dates() -> None:
    page = """<script type="application/ld+json">[
      {"@type": "ImageObject", "datePublished": "2019-05-05"},
      {"@type": "WebSite", "datePublished": "2001-01-01"}]</script>"""
    assert [h for h in page_date_hints(page) if h.source == "jsonld"] == []


META_PAGE = """<html><head>
<meta property="article:published_time" content="2025-03-03T10:00:00+01:00">
<meta property="article:modified_time" content="2025-03-04T10:00:00+01:00">
<meta property="og:updated_time" content="2025-03-04T11:00:00+01:00">
<meta name="parsely-pub-date" content="2025-03-03T09:00:00Z">
<meta name="sailthru.date" content="2025-03-03 09:00:00">
<meta name="dc.date.issued" content="2025-03-03">
<meta itemprop="datePublished" content="2025-03-03">
<meta name="cXenseParse:recs:publishtime" content="2025-03-03T09:00:00Z">
<meta name="description" content="Published 2019-01-01">
</head><body></body></html>"""


def test_meta_tags() -> None:
    hints = page_date_hints(META_PAGE)
    assert hints[0] == DateHint("2025-03-03T10:00:00+01:00", "meta", "published")
    meta = [h for h in hints if h.source == "meta"]
    assert DateHint("2025-03-04T11:00:00+01:00", "meta", "modified") in meta
    for value in ("2025-03-03T09:00:00Z", "2025-03-03 09:00:00", "2025-03-03"):
        assert DateHint(value, "meta", "published") in meta
    assert not any("2019" in h.value for h in meta)  # description is no date field


def test_time_elements_prefer_marked_ones() -> None:
    page = """<html><body>
      <aside><time datetime="2024-12-01">old teaser</time></aside>
      <article><header><h1>T</h1>
        <time class="updated" datetime="2025-03-04T09:00:00Z">Mar 4</time>
        <time itemprop="datePublished" datetime="2025-03-03T09:00:00Z">Mar 3</time>
      </header></article></body></html>"""
    hints = [h for h in page_date_hints(page) if h.source == "time"]
    assert hints[0] == DateHint("2025-03-04T09:00:00Z", "time", "modified")
    assert hints[1] == DateHint("2025-03-03T09:00:00Z", "time", "published")


def test_time_pubdate_attribute() -> None:
    page = '<article><time pubdate datetime="2025-03-03">3 March</time></article>'
    assert DateHint("2025-03-03", "time", "published") in page_date_hints(page)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://ex.com/news/2025/03/03/story-slug/", "2025-03-03"),
        ("https://ex.com/2025-03-03-story.html", "2025-03-03"),
        ("https://ex.com/story-20250303.html", "2025-03-03"),
        ("https://ex.com/world/2025/mar/03/story", "2025-03-03"),
        ("https://ex.com/story/12345678", None),
        ("https://ex.com/2025/13/45/story", None),
    ],
)
def test_url_dates(url: str, day: str | None) -> None:
    hints = [h for h in page_date_hints("<html><body><p>x</p></body></html>", url)
             if h.source == "url"]
    assert hints == ([DateHint(day, "url")] if day else [])


def test_canonical_url_used_when_no_url_given() -> None:
    page = '<html><head><link rel="canonical" href="https://ex.com/2025/03/03/a"></head></html>'
    assert DateHint("2025-03-03", "url") in page_date_hints(page)


def test_htmldate_and_text_hints() -> None:
    page = """<html><body><div class="content"><h1>A headline</h1>
      <p class="byline">By Jane Doe | March 3, 2025 at 9:15 a.m.</p>
      <p>""" + "Body text. " * 30 + """</p></div></body></html>"""
    hints = page_date_hints(page, "https://ex.com/story")
    assert "htmldate" in sources(hints)
    assert DateHint("March 3, 2025 at 9:15 a.m.", "text", "published") in hints
    resolved = resolve_dates(hints, "America/New_York", now=NOW)
    assert resolved.published_at == utc(2025, 3, 3, 14, 15)


@pytest.mark.parametrize(("line", "value", "local"), [
    ("Posted: Thu 22 Jan 2026 23:30:00 +0100", "22 Jan 2026 23:30:00 +0100", "2026-01-22T23:30:00+01:00"),
    ("Published 22 January 2026, 23:30 +01:00", "22 January 2026, 23:30 +01:00", "2026-01-22T23:30:00+01:00"),
    ("January 22, 2026 11:45 pm -05:00", "January 22, 2026 11:45 pm -05:00", "2026-01-22T23:45:00-05:00"),
    # a range of times is no offset
    ("22.01.2026 10:00-12:00", "22.01.2026 10:00", "2026-01-22T10:00:00-06:00"),
])
def test_a_numeric_offset_written_after_the_time_is_the_pages(line: str, value: str, local: str) -> None:
    page = f"""<html><body><div class="content"><h1>A headline</h1>
      <p class="date">{line}</p><p>""" + "Body text. " * 30 + """</p></div></body></html>"""
    hints = page_date_hints(page, "https://ex.com/story")
    assert DateHint(value, "text", "published") in hints
    assert resolve_dates(hints, "America/Chicago", now=NOW).published_local == local


def test_a_time_after_the_date_is_not_taken_from_the_update_beside_it() -> None:
    page = """<html><body><div class="content"><h1>A headline</h1><div class="gnt_ar_dt">Published
      11:46 p.m. CT Jan. 22, 2026 | Updated 9:05 a.m. CT Jan. 23, 2026</div><p>""" + "Body text. " * 30 + """
      </p></div></body></html>"""
    resolved = resolve_dates(page_date_hints(page, "https://ex.com/story"), "America/Chicago", now=NOW)
    assert resolved.published_local == "2026-01-22T23:46:00-06:00"
    assert resolved.published_day == date(2026, 1, 22)


def test_text_updated_is_modified_and_comments_ignored() -> None:
    page = """<html><body><h1>T</h1><div class="meta">Updated: 4 March 2025</div>
      <div class="comments"><span class="date">9 March 2025</span></div></body></html>"""
    hints = [h for h in page_date_hints(page) if h.source == "text"]
    assert DateHint("4 March 2025", "text", "modified") in hints
    assert not any("9 March" in h.value for h in hints)


def test_hint_order_follows_trust() -> None:
    page = JSONLD_PAGE.replace("</head>", META_PAGE.split("<head>")[1].split("</head>")[0]
                               + "</head>")
    order = [h.source for h in page_date_hints(page, "https://ex.com/2025/03/03/a")]
    firsts = [s for i, s in enumerate(order) if s not in order[:i]]
    assert firsts[:3] == ["jsonld", "meta", "url"]


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<<<>>>", "\x00\x00", "<html><body>" + "<div>" * 3000 + "x",
     "<html><head><meta property='article:published_time' content='garbage'>",
     '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>',
     "<script type='application/ld+json'>{{{{</script>"],
)
def test_broken_html_never_raises(html: str) -> None:
    hints = page_date_hints(html)
    assert isinstance(hints, list)
    resolve_dates(hints)


def test_empty_input_gives_no_hints() -> None:
    assert page_date_hints("") == []
    assert page_date_hints(b"") == []


def test_latin1_spanish_page() -> None:
    page = ('<html><head><meta charset="iso-8859-1"></head><body><h1>Año nuevo</h1>'
            '<p class="fecha">Sábado, 28 de febrero de 2025 - 10:30</p>'
            '<p>El niño está aquí.</p></body></html>').encode("latin-1")
    hints = page_date_hints(page)
    assert DateHint("28 de febrero de 2025 - 10:30", "text", "published") in hints
    resolved = resolve_dates(hints, "Europe/Madrid", now=NOW)
    assert resolved.published_at == utc(2025, 2, 28, 9, 30)


# --- resolve_dates -----------------------------------------------------------------------


def test_resolve_structured_date_wins() -> None:
    hints = page_date_hints(JSONLD_PAGE, "https://ex.com/a")
    resolved = resolve_dates(hints, "America/Chicago", now=NOW)
    assert resolved == ResolvedDates(utc(2025, 3, 3, 16), utc(2025, 3, 4, 14), "jsonld")


def test_modified_never_taken_for_published() -> None:
    hints = [DateHint("2025-03-04T10:00:00Z", "meta", "modified"),
             DateHint("2025-03-05", "jsonld", "modified")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at is None and resolved.date_source is None
    assert resolved.modified_at == utc(2025, 3, 5)


def test_modified_before_published_is_dropped() -> None:
    hints = [DateHint("2025-03-04T10:00:00Z", "jsonld"),
             DateHint("2025-03-01T10:00:00Z", "jsonld", "modified")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2025, 3, 4, 10)
    assert resolved.modified_at is None


def test_future_hints_ignored() -> None:
    hints = [DateHint("2027-01-01", "jsonld"), DateHint("2025-03-03", "url")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2025, 3, 3)
    assert resolved.date_source == "url"


def test_feed_vs_page_disagreement() -> None:
    page = [DateHint("2025-03-03T10:00:00Z", "jsonld"), DateHint("2025-03-03T10:00:00Z", "meta")]
    feed = DateHint("Wed, 05 Mar 2025 08:00:00 GMT", "feed")
    # the page's own structured data outweighs a lone feed date...
    assert resolve_dates([feed, *page], now=NOW).date_source == "jsonld"
    # ...but a feed date confirmed by the URL outweighs a lone JSON-LD date
    backed = [feed, DateHint("2025-03-03T10:00:00Z", "jsonld"), DateHint("2025-03-05", "url")]
    resolved = resolve_dates(backed, now=NOW)
    assert resolved.published_at == utc(2025, 3, 5, 8)
    assert resolved.date_source == "feed"


def test_feed_alone_and_feed_agreeing() -> None:
    feed = DateHint("Mon, 03 Mar 2025 08:00:00 -0500", "feed")
    assert resolve_dates([feed], now=NOW) == ResolvedDates(utc(2025, 3, 3, 13), None, "feed")
    agree = resolve_dates([feed, DateHint("2025-03-03", "jsonld")], "America/New_York", now=NOW)
    assert agree.published_at == utc(2025, 3, 3, 13)  # the feed's time refines the day


def test_url_confirms_and_time_refines() -> None:
    hints = [DateHint("2025-03-03", "jsonld"), DateHint("2025-03-03", "url"),
             DateHint("2025-03-03T09:15:00-06:00", "time")]
    resolved = resolve_dates(hints, "America/Chicago", now=NOW)
    assert resolved.published_at == utc(2025, 3, 3, 15, 15)
    assert resolved.date_source == "jsonld+time"


def test_url_date_backed_by_weak_sources() -> None:
    hints = [DateHint("2025-03-03", "url"), DateHint("March 3, 2025", "text"),
             DateHint("2025-03-01", "htmldate")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2025, 3, 3)
    assert resolved.date_source == "text+url"  # the URL, the weakest, is named last


ISSUE_PAGE = """<html><head><title>Council votes on the budget</title></head><body><article>
<h1>Council votes on the budget</h1><p class="byline">By Ann Lee</p>
<p class="dateline">Published {stated}</p>
<p>The council voted on the budget late on Thursday after a long debate about the new library
and the roads, and many residents stayed to watch the vote in the chamber until it ended.</p>
</article></body></html>"""
NOW2026 = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("stated", [
    "January 22, 2026 at 4:05 p.m. CST", "Jan. 22, 2026", "22/01/2026", "2026-01-22 16:05",
])
def test_a_date_in_the_url_never_beats_the_publication_date_the_page_states(stated: str) -> None:
    html = ISSUE_PAGE.format(stated=stated)
    hints = page_date_hints(html, "https://ledger.test/2026/01/20/council-votes.html")
    resolved = resolve_dates(hints, "America/Chicago", now=NOW2026)
    assert resolved.published_day == date(2026, 1, 22)
    assert resolved.date_source.split("+")[0] == "text"


def test_the_url_is_the_weakest_evidence_of_all() -> None:
    assert SOURCE_WEIGHTS["url"] < min(w for s, w in SOURCE_WEIGHTS.items() if s != "url")
    for source in SOURCE_WEIGHTS.keys() - {"url"}:
        hints = [DateHint("2026-01-20", "url"), DateHint("2026-01-22", source)]
        assert resolve_dates(hints, now=NOW2026).published_day == date(2026, 1, 22), source
    # it still confirms: with the URL, a weak date beats a lone stronger one on another day
    hints = [DateHint("2026-01-20", "url"), DateHint("2026-01-20", "text"), DateHint("2026-01-22", "time")]
    assert resolve_dates(hints, now=NOW2026).published_day == date(2026, 1, 20)


@pytest.mark.parametrize("hints", [
    [DateHint("2026-01-22T10:00:00-06:00", "jsonld", "modified")],
    [DateHint("2026-01-22T10:00:00-06:00", "meta", "modified"),
     DateHint("2026-01-22", "sitemap", "modified")],
    [DateHint("Updated January 22, 2026", "text", "modified"), DateHint("2026-01-22", "feed", "modified")],
])
def test_a_modified_date_never_stands_in_for_a_published_one(hints: list[DateHint]) -> None:
    resolved = resolve_dates(hints, "America/Chicago", now=NOW2026)
    assert (resolved.published_at, resolved.published_day, resolved.published_local) == (None, None, None)
    assert resolved.modified_at is not None


def test_updated_text_on_the_page_is_a_modified_date_not_the_publication() -> None:
    updated = "<p class='updated'>Updated January 22, 2026 at 9:00 a.m.</p>"
    html = ISSUE_PAGE.format(stated="January 20, 2026").replace("<p>The council", updated + "<p>The council")
    hints = page_date_hints(html, "https://ledger.test/news/council-votes.html")
    resolved = resolve_dates(hints, "America/Chicago", now=NOW2026)
    assert resolved.published_day == date(2026, 1, 20)
    assert resolved.modified_at == datetime(2026, 1, 22, 15, 0, tzinfo=UTC)
    only_updated = html.replace("Published January 20, 2026", "")
    resolved = resolve_dates(page_date_hints(only_updated, "https://ledger.test/news/council-votes.html"),
                             "America/Chicago", now=NOW2026)
    assert resolved.published_at is None and resolved.modified_at is not None


def test_published_local_keeps_the_offset_the_page_gives() -> None:
    resolved = resolve_dates([DateHint("2026-01-22T16:05:00-06:00", "jsonld")], "Europe/Paris", now=NOW2026)
    assert resolved.published_local == "2026-01-22T16:05:00-06:00"
    # a naive time is the outlet's wall-clock time; a UTC-written one is shown in the outlet's zone
    naive = resolve_dates([DateHint("2026-01-22 16:05", "meta")], "America/Chicago", now=NOW2026)
    assert naive.published_local == "2026-01-22T16:05:00-06:00"
    written_utc = resolve_dates([DateHint("2026-01-23T05:30:00Z", "meta")], "America/Chicago", now=NOW2026)
    assert written_utc.published_local == "2026-01-22T23:30:00-06:00"
    assert written_utc.published_day == date(2026, 1, 22)
    # a date without a time stays a day; a time from another source on that day refines it
    assert resolve_dates([DateHint("2026-01-22", "jsonld")], now=NOW2026).published_local == "2026-01-22"
    refined = resolve_dates([DateHint("2026-01-22", "jsonld"), DateHint("2026-01-22T16:05:00-06:00", "time")],
                            "America/Chicago", now=NOW2026)
    assert refined.published_local == "2026-01-22T16:05:00-06:00"


def test_published_local_is_on_the_published_day() -> None:
    # a UTC instant of the 20th that the outlet dates the 19th (its dateline names its zone):
    # the instant in the outlet's clock
    hints = [DateHint("2019-11-20T04:31:13+00:00", "meta"), DateHint("Nov 19, 2019, 10:31 pm CST", "text")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_day == date(2019, 11, 19)
    assert resolved.published_local == "2019-11-19T22:31:13-06:00"
    # moved to the day a URL names, with no offset known: the bare day, not the UTC clock's day
    moved = resolve_dates([DateHint("2023-11-09T05:30:59Z", "meta"), DateHint("2023-11-08", "url")], now=NOW)
    assert (moved.published_day, moved.published_local) == (date(2023, 11, 8), "2023-11-08")


def test_time_refinement_needs_same_day() -> None:
    hints = [DateHint("2025-03-03", "jsonld"), DateHint("2025-03-04T09:15:00Z", "time")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2025, 3, 3)
    assert resolved.date_source == "jsonld"


def test_resolve_empty_and_garbage() -> None:
    assert resolve_dates([]) == ResolvedDates(None, None, None)
    assert resolve_dates([DateHint("soon", "jsonld")]) == ResolvedDates(None, None, None)


def test_published_day_is_the_day_as_written() -> None:
    hints = [DateHint("2025-11-08T22:05:41-05:00", "jsonld"), DateHint("2025-11-08", "url")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2025, 11, 9, 3, 5, 41)
    assert resolved.published_day == datetime(2025, 11, 8).date()
    # published_day is extra: equality is over the three documented fields
    assert resolved == ResolvedDates(utc(2025, 11, 9, 3, 5, 41), None, "jsonld")


def test_date_only_modified_same_day_is_kept() -> None:
    hints = [DateHint("2025-03-03T10:00:00Z", "meta"), DateHint("2025-03-03", "meta", "modified")]
    assert resolve_dates(hints, now=NOW).modified_at == utc(2025, 3, 3)


# --- speed-related behaviour --------------------------------------------------------------


def test_page_date_hints_accepts_a_parsed_tree_and_leaves_it_alone() -> None:
    from lxml import etree
    from trafilatura.utils import load_html

    page = JSONLD_PAGE.replace("</body>", '<p class="Byline-DATE">March 3, 2025</p></body>')
    tree = load_html(page)
    before = etree.tostring(tree)
    assert page_date_hints(tree, "https://ex.com/a") == page_date_hints(page, "https://ex.com/a")
    assert etree.tostring(tree) == before


def test_text_container_marks_are_case_insensitive() -> None:
    for mark in ("Byline-DATE", "PUBLISHED", "İnfo-box"):
        page = (f'<html><body><h1>T</h1><p>{"Long prose. " * 12}</p>'
                f'<div class="{mark}">4 March 2025</div></body></html>')
        hints = [h for h in page_date_hints(page) if h.source == "text"]
        assert DateHint("4 March 2025", "text", "published") in hints, mark


def test_htmldate_skipped_when_structured_data_gives_the_date() -> None:
    body = '<body><h1>T</h1><p>Posted on March 3, 2025</p><p>' + "Body text. " * 30 + "</p></body>"
    with_meta = ('<html><head><meta property="article:published_time" '
                 'content="2025-03-03T10:00:00Z"></head>' + body + "</html>")
    assert "htmldate" not in sources(page_date_hints(with_meta, "https://ex.com/story"))
    garbage = with_meta.replace("2025-03-03T10:00:00Z", "not a date")
    assert "htmldate" in sources(page_date_hints(garbage, "https://ex.com/story"))


def test_lazy_resolution_equals_the_full_vote() -> None:
    import random

    from newscrawl.extract.dates import resolve as dates

    rng = random.Random(7)
    values = ["2025-03-03", "2025-03-03T10:00:00Z", "2025-03-04T01:00:00-05:00", "2025-03-04",
              "2025-03-04T03:00:00Z", "2025-03-02T20:00:00+00:00",
              "2025-03-02T23:00:00Z", "garbage", "March 3, 2025", "2025-03-05T08:00:00+01:00",
              "2031-01-01", "1980-01-01", "4 March 2025 10:15",
              "2025-03-03T10:00:00", "2025-03-04T03:00:00"]  # naive twins of UTC instants
    kinds = ["published", "published", "modified"]
    for _ in range(3000):
        hints = [DateHint(rng.choice(values), rng.choice([*dates.SOURCE_WEIGHTS, "other"]),
                          rng.choice(kinds)) for _ in range(rng.randint(0, 8))]
        tz = rng.choice(["UTC", "America/New_York", "Asia/Tokyo"])
        full = dates._resolve_published(dates._candidates(hints, "published", tz, NOW),
                                        dates._outlet_offset(hints, tz, NOW))
        assert dates._published(hints, tz, NOW) == full
        modified = dates._candidates(hints, "modified", tz, NOW)
        assert dates._first_modified(hints, tz, NOW) == (modified[0].parsed if modified else None)


def test_resolution_does_not_parse_what_cannot_change_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawl.extract.dates import resolve

    seen: list[str] = []
    real = resolve.parse_value

    def spy(raw: object, default_tz: str = "UTC", now: datetime | None = None) -> object:
        seen.append(str(raw))
        return real(raw, default_tz, now)

    monkeypatch.setattr(resolve, "parse_value", spy)
    odd = DateHint("Published Wed, Mar 3 20254:29 AM EST", "time")
    hints = [DateHint("2025-03-03T10:00:00+01:00", "jsonld"),
             DateHint("2025-03-03T10:00:00+01:00", "meta"), odd]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved == ResolvedDates(utc(2025, 3, 3, 9), None, "jsonld")
    assert not any("Published" in raw for raw in seen)  # 10 + 9 cannot lose to a lone time (5)
    # UTC-written instants wait for a local date that could move their day; once a local time
    # confirms theirs, the rest is not parsed
    hints = [DateHint("2025-03-03T10:00:00Z", "jsonld"), DateHint("2025-03-03T10:00:00Z", "meta"),
             DateHint("2025-03-03 11:00", "time"), DateHint(odd.value, "text")]
    assert resolve_dates(hints, now=NOW) == ResolvedDates(utc(2025, 3, 3, 10), None, "jsonld")
    assert not any("Published" in raw for raw in seen)


# --- the outlet's own calendar day --------------------------------------------------------


def test_utc_instant_takes_the_local_day_the_page_names() -> None:
    # 05:30 UTC on the 9th is the evening of the 8th in the Americas: URL and dateline agree
    hints = [DateHint("2025-11-09T05:30:59Z", "jsonld"),
             DateHint("2025-11-09T05:30:59+00:00", "meta"),
             DateHint("2025-11-08", "url"),
             DateHint("November 8, 2025 at 11:30 p.m.", "text")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2025, 11, 9, 5, 30, 59)  # the instant is kept
    assert resolved.published_day == datetime(2025, 11, 8).date()
    assert resolved.date_source == "jsonld"


@pytest.mark.parametrize(
    ("instant", "others"),
    [
        ("05:30", [DateHint("2025-11-08", "url"), DateHint("9 November 2025", "text")]),  # own day
        ("11:00", [DateHint("2025-11-08", "url"), DateHint("2025-11-10", "time")]),  # both sides
        ("05:30", [DateHint("2025-11-08", "htmldate")]),  # htmldate's guess is no local evidence
        ("05:30", [DateHint("2025-11-07", "url")]),  # two days away
    ],
)
def test_utc_instant_keeps_its_day_without_clear_local_evidence(
    instant: str, others: list[DateHint]
) -> None:
    hints = [DateHint(f"2025-11-09T{instant}:00Z", "jsonld"), *others]
    assert resolve_dates(hints, now=NOW).published_day == datetime(2025, 11, 9).date()


def test_utc_instant_moves_only_as_far_as_a_real_offset_reaches() -> None:
    # 15:00 UTC is the 9th from UTC-12 to UTC+8:59: no zone makes it the 8th
    hints = [DateHint("2025-11-09T15:00:00Z", "jsonld"), DateHint("2025-11-08", "url")]
    assert resolve_dates(hints, now=NOW).published_day == datetime(2025, 11, 9).date()
    # ... but 23:00 UTC on the 8th is already the 9th from UTC+1 eastwards
    hints = [DateHint("2025-11-08T23:00:00Z", "jsonld"), DateHint("2025-11-09", "url")]
    assert resolve_dates(hints, now=NOW).published_day == datetime(2025, 11, 9).date()


def test_utc_instant_falls_on_the_outlets_day() -> None:
    hints = [DateHint("2025-11-09T03:05:41Z", "jsonld")]
    assert resolve_dates(hints, "America/New_York", now=NOW).published_day == (
        datetime(2025, 11, 8).date())
    assert resolve_dates(hints, now=NOW).published_day == datetime(2025, 11, 9).date()
    # an explicit non-UTC offset is the outlet's own word and stays as written
    hints = [DateHint("2025-11-09T01:05:41+01:00", "jsonld")]
    assert resolve_dates(hints, "America/New_York", now=NOW).published_day == (
        datetime(2025, 11, 9).date())


def test_weak_date_after_the_last_change_is_not_the_publication() -> None:
    hints = [DateHint("5 February 2025", "text"), DateHint("2025-01-29", "htmldate"),
             DateHint("29 January 2025 13:22", "text", "modified")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_day == datetime(2025, 1, 29).date()
    assert resolved.date_source == "htmldate"
    # a URL date stays, and a strong date is never dropped for a modified one
    hints = [DateHint("2019-10-22", "url"), DateHint("22 October 2019", "text"),
             DateHint("2009-04-11 18:06:36", "time", "modified")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2019, 10, 22)
    assert resolved.modified_at is None
    hints = [DateHint("2025-02-05T10:00:00Z", "jsonld"),
             DateHint("2025-01-29", "meta", "modified")]
    assert resolve_dates(hints, now=NOW).published_at == utc(2025, 2, 5, 10)


def test_last_modified_footer_is_a_modified_date() -> None:
    page = """<html><body><h1>Monthly meeting</h1>
      <p>The next meeting is on 5 February 2025 at the cafe.</p>
      <div id="footer"><ul><li id="footer-info-lastmod">Diese Seite wurde zuletzt am
      29. Januar 2025 um 13:22 Uhr geändert.</li></ul></div></body></html>"""
    hints = [h for h in page_date_hints(page) if h.source == "text"]
    assert DateHint("29. Januar 2025 um 13:22", "text", "modified") in hints


def test_headline_without_h1_is_the_heading_that_begins_the_title() -> None:
    page = """<html><head><title>Megablaze brought under control | Star</title></head><body>
      <div class="logo"><span class="date">Tue, 14 Jan 2025</span></div>
      <div><h2>Latest news</h2></div>
      <div class="story"><h2>Megablaze brought under control</h2>
      <p>News24<br>13 Jan 2025, 22:11 GMT+10</p>
      <p>""" + "Body text. " * 30 + """</p></div></body></html>"""
    hints = [h for h in page_date_hints(page) if h.source == "text"]
    assert hints[0] == DateHint("13 Jan 2025, 22:11 GMT+10", "text", "published")
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_at == utc(2025, 1, 13, 12, 11)
    assert resolved.published_day == datetime(2025, 1, 13).date()


def test_headline_without_h1_is_the_heading_that_ends_the_title() -> None:
    # a hand-written page: "Outlet - Headline" in <title>, the headline an <h2>, the update
    # line before the original time, no structured date
    page = """<html><head><title>Pine Sentinel - Commission backs sheriff in 3-2 vote</title></head>
      <body><table><tr><td><h2>Commission backs sheriff in 3-2 vote</h2>
      <p><b>By Ann Roe</b><br><i>Updated Jan. 28, 2026, 9:10 a.m. &mdash; Originally posted
      Jan. 27, 2026, 11:40 p.m.</i></p>
      <p>""" + "Body text. " * 30 + """</p></td></tr></table></body></html>"""
    hints = [h for h in page_date_hints(page) if h.source == "text"]
    assert hints == [DateHint("Jan. 28, 2026, 9:10 a.m.", "text", "modified"),
                     DateHint("Jan. 27, 2026, 11:40 p.m.", "text", "published")]
    resolved = resolve_dates(hints, default_tz="America/Denver", now=NOW)
    assert resolved.published_day == date(2026, 1, 27)


def test_byline_with_time_before_date() -> None:
    page = """<html><body><h1>A headline</h1>
      <p class="byline">Published 3:15 PM EST, Tuesday, Jan 5, 2021</p>
      <p>""" + "Body text. " * 30 + """</p></body></html>"""
    hints = [h for h in page_date_hints(page) if h.source == "text"]
    assert hints[0] == DateHint("3:15 PM EST, Tuesday, Jan 5, 2021", "text", "published")
    assert resolve_dates(hints, now=NOW).published_at == utc(2021, 1, 5, 20, 15)


def test_a_naive_twin_of_a_utc_instant_names_no_local_day() -> None:
    # the meta tag writes JSON-LD's UTC instant without its Z: the page's own day is the
    # dateline's and the URL's, not the UTC day
    hints = [DateHint("2019-11-20T01:50:59.403Z", "jsonld"),
             DateHint("2019-11-20T01:50:59.403", "meta"),
             DateHint("2019-11-19", "url"), DateHint("Nov. 19, 2019 5:50 PM", "text")]
    resolved = resolve_dates(hints, now=NOW)
    assert resolved.published_day == date(2019, 11, 19)
    assert resolved.published_at == datetime(2019, 11, 20, 1, 50, 59, tzinfo=UTC)
    # a time written with its own offset is never such a twin
    hints[1] = DateHint("2019-11-20T01:50:59-05:00", "meta")
    assert resolve_dates(hints, now=NOW).published_day == date(2019, 11, 20)


def test_a_zone_that_only_dateparser_reads_keeps_the_day_as_written() -> None:
    # Unix `date` output: the zone sits between the clock and the year
    parsed = parse_value("Fri Mar 13 21:30:09 EST 2015", "UTC", NOW)
    assert parsed is not None and parsed.day == date(2015, 3, 13)
    assert parsed.dt == datetime(2015, 3, 14, 2, 30, 9, tzinfo=UTC)
    assert not parsed.utc


def test_a_date_after_a_bylines_link_counts_and_a_photo_caption_does_not() -> None:
    html = """<html><body><article><h1>A guide to tariffs</h1>
    <p class="article__meta">By <a href="/staff/jo/">Jo Roe</a> on Monday, November 18th, 2019
    at 11:04 a.m.</p>
    <figure><img src="x.jpg"><figcaption>A ship leaves port on Aug. 31, 2019. (AP)</figcaption>
    </figure><p>""" + "Breaking with decades of policy, the president raised tariffs. " * 5 + """</p>
    </article></body></html>"""
    hints = page_date_hints(html, "https://example.org/article/tariffs/")
    texts = [h.value for h in hints if h.source == "text"]
    assert texts and texts[0].startswith("November 18th, 2019")
    assert not any("Aug. 31" in t for t in texts)
    assert resolve_dates(hints, now=NOW).published_day == date(2019, 11, 18)


def test_a_weak_date_far_from_the_urls_month_is_not_the_publication() -> None:
    html = """<html><body><article><h1>Chrome gets a never-slow mode</h1>
    <p>""" + "Google is testing a mode that caps what a page may load. " * 5 + """</p></article>
    <div class="events"><h5><a href="/live">Live conference</a></h5>
    <span class="meta date">AUGUST 23, 2022</span></div></body></html>"""
    url = "https://example.org/news/2019/02/chrome-never-slow-mode"
    assert [h.value for h in page_date_hints(html, url) if h.source == "text"] == []
    # in or near the URL's month it stays, and a URL without a month drops nothing
    near = html.replace("AUGUST 23, 2022", "MARCH 2, 2019")
    assert "MARCH 2, 2019" in [h.value for h in page_date_hints(near, url)]
    assert "AUGUST 23, 2022" in [h.value for h in page_date_hints(html, "https://example.org/news/x")]
    # structured data is never dropped this way
    meta = html.replace("<html>", '<html><head><meta property="article:published_time" '
                        'content="2016-12-15"></head>')
    assert "2016-12-15" in [h.value for h in page_date_hints(meta, url)]


@pytest.mark.parametrize(("line", "day"), [
    ("Опубликовано: 22 февраля 2019, 14:30", date(2019, 2, 22)),
    ("2019年02月22日 14時30分 公開", date(2019, 2, 22)),
    ("2019년 2월 22일", date(2019, 2, 22)),
    ("Autor: Jan Roe, 22 lutego 2019", date(2019, 2, 22)),
    ("22 Şubat 2019 Cuma", date(2019, 2, 22)),
    ("2019. február 22.", date(2019, 2, 22)),
])
def test_a_dateline_in_other_languages_is_read(line: str, day: date) -> None:
    html = f"""<html><body><article><h1>A headline of the story</h1><p class="meta">{line}</p>
    <p>{"The story goes on for a while with many words in it. " * 5}</p></article></body></html>"""
    hints = page_date_hints(html, "https://example.org/story")
    assert resolve_dates(hints, now=NOW).published_day == day


def test_a_weekday_or_a_word_is_no_month() -> None:
    html = """<html><body><article><h1>A headline of the story</h1>
    <ul><li class="publish">Dec 28 Sat 2013 00:28</li><li class="date">12 people 2019</li></ul>
    </article></body></html>"""
    assert [h for h in page_date_hints(html, "https://example.org/story") if h.source == "text"] == []


def test_updated_in_other_languages_marks_a_modified_date() -> None:
    html = """<html><body><article><h1>A headline of the story</h1>
    <p class="meta">Обновлено 23 февраля 2019</p></article></body></html>"""
    hints = page_date_hints(html, "https://example.org/story")
    assert [(h.value, h.kind) for h in hints if h.source == "text"] == [("23 февраля 2019", "modified")]


def test_a_comments_or_related_storys_time_is_not_the_storys() -> None:
    html = """<html><body><article><h1>A headline of the story</h1>
    <p>""" + "The story goes on for a while with many words in it. " * 5 + """</p></article>
    <ol class="comment-list"><li><footer class="comment-meta"><div class="comment-metadata">
    <time datetime="2019-08-24T03:36:11+02:00">August 24, 2019</time></div></footer></li></ol>
    <div class="related-posts"><time class="entry-date published" datetime="2019-07-01">July 1</time></div>
    </body></html>"""
    assert [h for h in page_date_hints(html, "https://example.org/story") if h.source == "time"] == []
    # the story's own time, in an <aside> of meta data or a page-wide slider box, counts
    own = html.replace("<article>", '<div class="sliderBox"><article><aside class="meta">'
                       '<time datetime="2019-08-16">16.08.2019</time></aside>', 1)
    assert [h.value for h in page_date_hints(own, "https://example.org/story")
            if h.source == "time"] == ["2019-08-16"]


NEAR_HEADLINE_XPATH = ("(.//text()|following::text())[normalize-space()]"
                       "[not(ancestor::script) and not(ancestor::style)][position() <= 12]")


@pytest.mark.parametrize(
    "body",
    [
        "<h1>Headline</h1><p>By <a href='/a'>Jane Roe</a> on May 2, 2026</p>",
        "<div><h1>Head<!-- c -->line<span> x </span>tail</h1> after<!-- c2 --> more</div><p>next</p>",
        "<h1>H</h1><script>var d = '2026-05-02';</script><style>p{}</style>\n \t<p>\u00a0</p>"
        + "".join(f"<p>line {i}<b> b{i} </b></p>" for i in range(20)),
        "<section><div><h1>Deep</h1></div> tail of div</section> tail of section <footer>end</footer>",
        "<h1>Only</h1>",
    ],
)
def test_the_text_after_the_headline_is_the_xpaths(body: str) -> None:
    import lxml.html

    from newscrawl.extract.dates.hints import _near_headline
    from newscrawl.extract.decode import load_html

    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    for tree in (load_html(html), lxml.html.document_fromstring(html)):  # comments kept in one
        for start in [*tree.iter("h1", "p", "section"), tree.find(".//head")]:
            expected = [(str(n), n.getparent(), n.is_tail) for n in start.xpath(NEAR_HEADLINE_XPATH)]
            assert _near_headline(start) == expected


def test_the_meta_elements_are_the_xpaths() -> None:
    """_meta_hints finds its elements by ``//meta|//@itemprop/..`` (and leaves out <time>): the
    same elements, in the same order, as the XPath it stands for (its loop over them is the
    one it had), so the same hints."""
    from pathlib import Path

    import lxml.html

    from newscrawl.extract.dates.hints import _meta_elements, _meta_hints
    from newscrawl.extract.decode import load_html

    page = """<html><head><meta itemprop="datePublished" content="2026-01-02">
    <meta name="date" content=" "><meta property="article:modified_time" content="2026-01-05T10:00Z">
    <meta name="DATE" value="2026-01-03"></head><body itemprop="articleBody">
    <time itemprop="datePublished" datetime="2026-01-09">9 Jan</time>
    <span itemprop="dateModified"> 2026-01-04 </span><span itemprop="dateCreated"></span>
    <div itemprop="author" name="pubdate">2026-01-06</div><p itemprop="x" property="datepublished"
    name="date">7 January 2026</p><svg><meta name="pubdate" content="2026-01-08"/></svg></body></html>"""
    files = sorted((Path(__file__).parent / "pages").glob("*.html"))
    pages = [page, *(f.read_text(encoding="utf-8") for f in files)]
    kinds = set()
    for html in pages:
        for tree in (load_html(html), lxml.html.document_fromstring(html)):
            assert _meta_elements(tree) == tree.xpath("//meta|//*[@itemprop and not(self::time)]")
            kinds.update(hint.kind for hint in _meta_hints(tree))
    assert kinds >= {"published", "modified"}  # the pages hold hints of both kinds
    assert len(_meta_hints(load_html(page))) == 7


MASTHEAD_PAGE = """<html><head><title>Budget approved</title></head><body>
<header><div class="site-date">Saturday, December 5, 2026</div><a href="/">Gazette</a></header>
<main><article><h1>Budget approved</h1>{byline}
<p>The council voted on Tuesday to approve the new budget for the coming year, after a long
debate about the library and the roads that kept many residents in the chamber until late.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Another story</a>
<span class="date">March 3, 2026</span></li></ul></aside>
<footer>© 2026 Gazette</footer></body></html>"""


def test_the_sites_masthead_date_and_a_sidebars_dates_are_not_the_storys() -> None:
    # the masthead shows the day of the visit; the sidebar lists other stories' days
    hints = page_date_hints(MASTHEAD_PAGE.format(byline=""), "https://ex.com/news/budget")
    assert resolve_dates(hints, now=NOW2026).published_day is None
    byline = '<p class="byline">By Jane Roe | January 22, 2026</p>'
    hints = page_date_hints(MASTHEAD_PAGE.format(byline=byline), "https://ex.com/news/budget")
    assert resolve_dates(hints, now=NOW2026).published_day == date(2026, 1, 22)
    assert not any(k in h.value for h in hints for k in ("2026-12-05", "December 5", "2026-03-03", "March 3"))


def test_the_updated_time_of_a_wordpress_posted_on_line_is_the_modification() -> None:
    # WordPress themes write both days in one posted-on line; Yoast writes the instants in UTC,
    # so the local published day must come from the text of the first <time> alone
    page = """<html><head>
      <meta property="article:published_time" content="2026-01-22T06:30:00+00:00">
      </head><body><article><header><h1 class="entry-title">A headline</h1>
      <div class="entry-meta"><span class="posted-on">Posted on <a href="/p/" rel="bookmark">
      <time class="entry-date published" datetime="2026-01-22T06:30:00+00:00">January 21, 2026</time>
      <time class="updated" datetime="2026-01-22T17:45:00+00:00">January 22, 2026</time></a></span>
      </div></header><p>""" + "Body text. " * 30 + "</p></article></body></html>"
    hints = [h for h in page_date_hints(page, "https://ex.com/tech/a-story/") if h.source == "text"]
    assert DateHint("January 21, 2026", "text", "published") in hints
    assert DateHint("January 22, 2026", "text", "modified") in hints
    assert resolve_dates(page_date_hints(page, "https://ex.com/tech/a-story/"), now=NOW).published_day \
        == date(2026, 1, 21)


def test_a_time_element_whose_own_text_says_updated_is_the_modification() -> None:
    # a German daily: the byline's <time> holds the last update, its label inside it; the
    # JSON-LD publication is in UTC, late in the evening of the day before
    page = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
      "@type": "NewsArticle", "headline": "Ein Titel", "datePublished": "2026-01-24T22:55:00Z",
      "dateModified": "2026-01-25T09:10:00+01:00"}</script></head><body><article><h1>Ein Titel</h1>
      <div class="article-meta"><time class="atc-MetaTime" datetime="2026-01-25T09:10:00+01:00">
      Aktualisiert am 25.01.2026 - 09:10</time></div><p>""" + "Ein Satz. " * 40 + "</p></article></body>"
    hints = page_date_hints(page, "https://ex.de/politik/ein-titel-110845120.html")
    assert DateHint("2026-01-25T09:10:00+01:00", "time", "modified") in hints
    assert DateHint("2026-01-25T09:10:00+01:00", "time", "published") not in hints
    assert resolve_dates(hints, default_tz="Europe/Berlin", now=NOW).published_day == date(2026, 1, 24)
    # a time without such a label is still the publication
    plain = page.replace("Aktualisiert am 25.01.2026 - 09:10", "25.01.2026 - 09:10")
    assert DateHint("2026-01-25T09:10:00+01:00", "time", "published") in page_date_hints(plain)


def test_an_updated_element_with_both_days_is_read_by_its_words() -> None:
    page = """<html><body><article><h1>Un titolo</h1><p class="is-last-update">22 gennaio 2026
      (modifica il 23 gennaio 2026 | 09:14)</p><p>""" + "Testo. " * 40 + "</p></article></body></html>"
    hints = [h for h in page_date_hints(page, "https://ex.it/esteri/un-titolo.shtml") if h.source == "text"]
    assert hints[0] == DateHint("22 gennaio 2026", "text", "published")


def test_the_webpage_of_the_section_above_the_page_does_not_date_it() -> None:
    page = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
      "@graph": [{"@type": "WebSite", "@id": "https://ex.mx/#website", "datePublished": "2009-02-11"},
      {"@type": "WebPage", "@id": "https://ex.mx/opinion/", "datePublished": "2014-08-20T10:00:00-05:00",
       "dateModified": "2026-01-21T09:00:00-06:00"}]}</script></head>
      <body><article><h1>Una columna</h1><div class="nota__fecha">
      <span class="fecha">21 de enero de 2026</span>
      </div><p>""" + "Texto. " * 40 + "</p></article></body></html>"
    hints = page_date_hints(page, "https://ex.mx/opinion/una-columna/")
    assert not [h for h in hints if h.source == "jsonld"]
    assert resolve_dates(hints, now=NOW).published_day == date(2026, 1, 21)
    # the page's own WebPage still dates it
    own = page.replace("https://ex.mx/opinion/", "https://ex.mx/opinion/una-columna/")
    assert resolve_dates(page_date_hints(own, "https://ex.mx/opinion/una-columna/"),
                         now=NOW).published_day == date(2014, 8, 20)


def test_a_bare_year_in_the_text_is_no_publication_date() -> None:
    # htmldate reads a year found alone as its January 1st; a page that writes no such day is undated
    body = ("<p>L’agenzia federale fa parte del Dipartimento per la sicurezza interna ed è stata "
            "creata nel 2003, dopo gli attentati, e da allora applica le leggi.</p>") * 3
    page = f"<html><body><article><h1>Che cos’è l’agenzia</h1>{body}</article></body></html>"
    hints = page_date_hints(page, "https://ex.it/esteri/che-cos-e.shtml")
    assert not [h for h in hints if h.source == "htmldate"]
    assert resolve_dates(hints, now=NOW).published_day is None
    dated = page.replace("<h1>", '<p class="date">1 gennaio 2003</p><h1>')
    assert resolve_dates(page_date_hints(dated, "https://ex.it/esteri/che-cos-e.shtml"),
                         now=NOW).published_day == date(2003, 1, 1)


@pytest.mark.parametrize(("lang", "day"), [
    ("en-US", date(2026, 1, 2)), ("en-GB", date(2026, 2, 1)), ("fr", date(2026, 2, 1)), ("en", None),
])
def test_an_ambiguous_slashed_date_is_read_by_the_pages_locale(lang: str, day: date | None) -> None:
    page = f"""<html lang="{lang}"><body><article><h1>A headline</h1>
      <span class="posted-on">Posted 01/02/2026 at 9:15 PM</span><p>""" + "Body. " * 40 + \
        "</p></article></body></html>"
    hints = [h for h in page_date_hints(page, "https://ex.com/news/a-story/") if h.source == "text"]
    parsed = [resolve_dates([h], now=NOW).published_day for h in hints]
    assert parsed[:1] == ([day] if day else [None])


@pytest.mark.parametrize("line", [
    "22 jan 2026, 06:05 · Aangepast 23 jan 2026, 10:00",
    "22 gennaio 2026 (modifica il 23 gennaio 2026 | 10:00)",
])
def test_dutch_and_italian_update_words_mark_the_modified_date(line: str) -> None:
    page = f"""<html><body><article><h1>Een kop</h1><span class="article__date">{line}</span><p>""" + \
        "Tekst. " * 40 + "</p></article></body></html>"
    resolved = resolve_dates(page_date_hints(page, "https://ex.nl/buitenland/een-kop/"), now=NOW)
    assert resolved.published_day == date(2026, 1, 22)
    assert resolved.modified_at is not None and resolved.modified_at.date() == date(2026, 1, 23)


def test_a_utc_instant_the_byline_writes_in_eastern_time_is_on_the_bylines_day() -> None:
    # the URL was built from the UTC day; the byline gives the same instant on the outlet's clock
    page = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "2026-01-23T04:48:00.000Z"}</script>
      <meta property="article:published_time" content="2026-01-23T04:48:00.000Z"></head>
      <body><article><h1>Senators ask tech firms to explain contracts</h1>
      <div class="ts-byline">By Jane Roe | Jan. 22, 2026, 11:48 p.m. ET</div><p>""" + "Body. " * 40 + \
        "</p></article></body></html>"
    url = "https://ex.com/politics/2026/01/23/senators-letter/"
    resolved = resolve_dates(page_date_hints(page, url), now=NOW)
    assert resolved.published_day == date(2026, 1, 22)
    assert resolved.published_at == datetime(2026, 1, 23, 4, 48, tzinfo=UTC)


@pytest.mark.parametrize("tz", ["UTC", "Europe/Berlin"])
def test_a_naive_meta_time_an_offset_before_the_shown_time_is_utc(tz: str) -> None:
    page = """<html><head><meta name="date" content="2026-01-21T23:45:00"></head><body><article>
      <h1>Proteste gegen ICE</h1><span class="metatextline">Stand: 22.01.2026 00:45 Uhr</span><p>""" + \
        "Text. " * 40 + "</p></article></body></html>"
    resolved = resolve_dates(page_date_hints(page, "https://ex.de/politik/proteste-a-1.html"), tz, now=NOW)
    assert resolved.published_day == date(2026, 1, 22)
    assert resolved.published_at == datetime(2026, 1, 21, 23, 45, tzinfo=UTC)
    # the same clock in the text: the meta is the outlet's wall time, as before
    same = page.replace("00:45 Uhr", "23:45 Uhr").replace("22.01.2026", "21.01.2026")
    assert resolve_dates(page_date_hints(same, "https://ex.de/politik/proteste-a-1.html"), tz,
                         now=NOW).published_day == date(2026, 1, 21)


def test_a_korean_date_with_spaces_after_its_dots_is_read() -> None:
    assert parse_value("2026. 1. 22. 07:30", "Asia/Seoul").local.isoformat() == "2026-01-22T07:30:00+09:00"
    page = """<html><head><meta property="article:published_time" content="2026-01-21T22:30:00Z"></head>
      <body><h1 class="article-head-title">기사 제목</h1><ul class="infomation"><li><span class="date">
      2026. 1. 22. 07:30</span></li></ul><article><p>""" + "본문입니다. " * 40 + \
        "</p></article></body></html>"
    resolved = resolve_dates(page_date_hints(page, "https://ex.kr/news/articleView-1.html"), now=NOW)
    assert resolved.published_day == date(2026, 1, 22)


def _resolved(top: str, head: str = "") -> ResolvedDates:
    page = (f"<html><head>{head}</head><body><article><h1>A headline for the story</h1>{top}<p>"
            + "Body text of the story. " * 20 + "</p></article></body></html>")
    return resolve_dates(page_date_hints(page, "https://ex.com/news/a-story/"), now=NOW)


def test_the_nearest_label_decides_updated_or_published() -> None:
    # "Updated" first and a "Published" line after it: the second date is the publication's
    got = _resolved('<div class="byline">By Jo Roe</div><p>Updated Jan. 24, 2026</p>'
                    '<p>Published Jan. 21, 2026</p>')
    assert got.published_day == date(2026, 1, 21)
    assert got.modified_at == datetime(2026, 1, 24, tzinfo=UTC)
    # the same with unmarked <time>s: the words before each say which it is
    got = _resolved('<div class="dates">Last updated <time datetime="2026-01-24T10:00:00Z">Jan 24</time>'
                    ' | First published <time datetime="2026-01-21T10:00:00Z">Jan 21</time></div>')
    assert got.published_day == date(2026, 1, 21)
    assert got.modified_at == datetime(2026, 1, 24, 10, tzinfo=UTC)


@pytest.mark.parametrize("note", [
    "Originally published Jan. 15, 2026 by The Conversation.",
    "This article was originally published on The Conversation on Jan. 15, 2026.",
])
def test_a_republished_storys_first_date_elsewhere_is_not_the_pages(note: str) -> None:
    got = _resolved(f'<p class="note"><em>{note}</em></p><div class="date">January 19, 2026</div>')
    assert got.published_day == date(2026, 1, 19)
    # the outlet's own "Originally published <date>" is its publication
    own = _resolved('<div class="date">Originally published January 15, 2026 at 5:00 am</div>')
    assert own.published_day == date(2026, 1, 15)


def test_a_utc_instant_is_on_the_day_of_the_offset_the_page_writes_its_update_time_in() -> None:
    # the page writes its update both in UTC (JSON-LD) and at -05:00 (og:updated_time): that is
    # the outlet's clock, so the UTC publication instant (03:05Z) is the evening before, whatever
    # the date-only meta made from the UTC day says
    page = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "Thu Jan 22 2026 03:05:46 GMT+0000",
      "dateModified": "Thu Jan 22 2026 03:15:39 GMT+0000"}</script>
      <meta property="og:updated_time" content="2026-01-21T22:15:39-05:00">
      <meta property="article:published" content="2026-01-22" itemprop="datePublished"></head>
      <body><article><h1>How a duvet made a man ill</h1><p>""" + "Body. " * 40 + \
        "</p></article></body></html>"
    url = "https://ex.com/sites/someone/2026/01/21/how-a-duvet-made-a-man-ill/"
    resolved = resolve_dates(page_date_hints(page, url), now=NOW)
    assert resolved.published_day == date(2026, 1, 21)
    assert resolved.published_at == datetime(2026, 1, 22, 3, 5, 46, tzinfo=UTC)
    # no value in an offset of its own: the date-only meta keeps the UTC day, as before
    plain = page.replace("2026-01-21T22:15:39-05:00", "2026-01-22T03:15:39Z")
    assert resolve_dates(page_date_hints(plain, url), now=NOW).published_day == date(2026, 1, 22)


@pytest.mark.parametrize(("line", "day"), [
    ("By Jo Roe | January 21, 2026 at 4:26 PM HST", date(2026, 1, 21)),  # the one dateline
    ("Updated 10:05 pm CST, Wednesday, January 21, 2026", date(2026, 1, 21)),  # an update's
    ("January 21, 2026 at 4:46 PM", date(2026, 1, 22)),  # no zone named: the URL's day stays
])
def test_a_utc_instant_is_on_its_day_in_the_zone_the_dateline_names(line: str, day: date) -> None:
    # JSON-LD 02:46Z on the 22nd and a URL built from that UTC day; the dateline writes its
    # times in the outlet's zone, where the instant is the afternoon of the 21st
    page = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "2026-01-22T02:46:42.471Z", "dateModified": "2026-01-22T03:48:03.835Z"}
      </script></head><body><article><h1>Scientists spot water vapour on a moon</h1>
      <div class="byline">""" + line + "</div><p>" + "Body. " * 40 + "</p></article></body></html>"
    url = "https://ex.com/2026/01/22/scientists-spot-water-vapour/"
    resolved = resolve_dates(page_date_hints(page, url), now=NOW)
    assert resolved.published_day == day
    assert resolved.published_at == datetime(2026, 1, 22, 2, 46, 42, tzinfo=UTC)


def test_a_utc_meta_time_the_dateline_shows_beats_json_ld_writing_that_clock_at_an_offset() -> None:
    # JSON-LD writes the UTC clock with the outlet's offset (-06:00); the meta's 04:31Z is the
    # dateline's 10:31 pm CST of the 19th
    page = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "2026-01-20T04:31:13-06:00"}</script>
      <meta property="article:published_time" content="2026-01-20T04:31:13+00:00"></head>
      <body><article><h1>A weird electric sports wagon</h1><div class="byline">Jo Roe - Jan 19,
      2026, 10:31 pm CST</div><p>""" + "Body. " * 40 + "</p></article></body></html>"
    resolved = resolve_dates(page_date_hints(page, "https://ex.com/a-weird-wagon-19600475/"), now=NOW)
    assert resolved.published_day == date(2026, 1, 19)
    assert resolved.published_at == datetime(2026, 1, 20, 4, 31, 13, tzinfo=UTC)


def test_an_embedded_videos_microdata_date_is_not_the_pages() -> None:
    page = """<html><body><h1 class="headline">Veteran wraps baby in a flag</h1>
      <div class="byline"><abbr>January 11, 2026 3:46 PM</abbr></div>
      <div itemprop="video" itemscope itemtype="https://schema.org/VideoObject">
        <meta itemprop="datePublished" content="2026-01-12T13:11:07Z"></div>
      <div class="body" itemscope itemtype="https://schema.org/Article">
        <meta itemprop="datePublished" content="2026-01-11T19:46:14Z"><p>""" + "Body. " * 40 + \
        "</p></div></body></html>"
    hints = page_date_hints(page, "https://ex.com/veteran-wraps-baby-175203890.html")
    assert DateHint("2026-01-12T13:11:07Z", "meta", "published") not in hints
    assert resolve_dates(hints, now=NOW).published_day == date(2026, 1, 11)


@pytest.mark.parametrize(("dateline", "day"), [
    ("November 18, 2025 -- 19:14 GMT", date(2025, 11, 18)),  # the save is not the publication
    ("19.11.2025", date(2025, 11, 19)),  # the page shows the saved day too: it stays
])
def test_a_structured_publication_that_is_the_last_save_yields_to_the_shown_one(
        dateline: str, day: date) -> None:
    page = """<html><head><script type="application/ld+json">{"@type": "Article",
      "datePublished": "2025-11-19 19:31:39", "dateModified": "2025-11-19 19:31:39"}</script>
      </head><body><article><h1>The best tech gadgets of the year</h1>
      <p class="byline">By Jo Roe | <time datetime="2025-11-18 19:14:00">""" + dateline + \
        "</time></p><p>" + "Body. " * 40 + "</p></article></body></html>"
    resolved = resolve_dates(page_date_hints(page, "https://ex.com/article/best-tech-gadgets/"), now=NOW)
    assert resolved.published_day == day


def test_the_titles_date_is_taken_only_when_the_page_offers_none() -> None:
    page = """<html><head><title>Una solución para el sur - 07.12.2025 - EL DIARIO</title></head>
      <body><article class="nota"><h1>Una solución para el sur</h1><p>""" + "Texto. " * 40 + \
        "</p></article></body></html>"
    url = "https://ex.com.ar/2089096-una-solucion-para-el-sur"
    hints = page_date_hints(page, url)
    assert DateHint("07.12.2025", "text", "published") in hints
    assert resolve_dates(hints, now=NOW).published_day == date(2025, 12, 7)
    dated = page.replace("<h1>Una solución para el sur</h1>",
                         '<h1>Una solución para el sur</h1><span class="fecha">8 de diciembre de 2025</span>')
    assert resolve_dates(page_date_hints(dated, url), now=NOW).published_day == date(2025, 12, 8)
    assert "07.12.2025" not in [h.value for h in page_date_hints(dated, url)]


def test_a_bare_day_written_as_midnight_utc_keeps_its_day_whatever_zone_the_dateline_names() -> None:
    page = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "2026-01-21T00:00:00Z"}</script></head><body><article>
      <h1>Council approves the new budget</h1><div class="byline">Updated Jan 22, 2026,
      10:31 pm CST</div><p>""" + "Body. " * 40 + "</p></article></body></html>"
    resolved = resolve_dates(page_date_hints(page, "https://ex.com/council-budget-19600475/"), now=NOW)
    assert resolved.published_day == date(2026, 1, 21)


def test_the_headline_is_the_first_h1_in_a_story_else_in_the_body_as_the_xpaths_find_it() -> None:
    """_headline reads the page's h1s once: the first that an ``<article>`` or ``<main>`` holds,
    else the first in ``<body>``, as ``//article//h1|//main//h1`` and then ``//body//h1`` find
    them (random pages, asked from the root and from an element inside)."""
    import random

    from lxml import html as lxml_html

    from newscrawl.extract.dates.hints import _headline

    def earlier(tree):  # noqa: ANN001, ANN202 - an lxml tree
        for xp in ("//article//h1|//main//h1", "//body//h1"):
            found = tree.xpath(xp)
            if found:
                return found[0]
        return None

    rng = random.Random(15)

    def markup(depth: int) -> str:
        kids = "".join(markup(depth + 1) for _ in range(rng.randint(0, 3) if depth < 4 else 0))
        tag = rng.choice(["h1", "div", "article", "main", "section", "span", "p"])
        return f"<{tag}>t{kids}</{tag}>"

    found = 0
    for _ in range(400):
        body = f"<body>{markup(0)}{markup(0)}</body>"  # (no h2 or h3: no headline besides the h1s)
        tree = lxml_html.document_fromstring(f"<html><head><title>t</title></head>{body}</html>")
        expected = earlier(tree)
        found += expected is not None
        assert _headline(tree) is expected
        assert _headline(tree.find("body")) is expected
    assert 100 < found < 400


def test_a_zone_in_brackets_after_the_clock_is_read() -> None:
    # a Vietnamese daily's date line: "(GMT+7)" after the clock (tests/asiaweb); read as UTC
    # before, a story of 23:30 fell on the next day
    parsed = parse_value("Thứ sáu, 23/1/2026, 23:30 (GMT+7)", "UTC")
    assert parsed is not None and parsed.dt == datetime(2026, 1, 23, 16, 30, tzinfo=UTC)
    assert parsed.day == date(2026, 1, 23)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Bengali digits and month, a clock with a space after its colon (a Dhaka daily)
        ("২৫ জানুয়ারি ২০২৬, ০৮: ৩০", datetime(2026, 1, 25, 2, 30, tzinfo=UTC)),
        # Devanagari digits
        ("२६ जनवरी २०२६", datetime(2026, 1, 25, 18, 0, tzinfo=UTC)),
        # Thai: the label "date", the Buddhist era (2569 = 2026), also as its last two digits
        ("วันที่ 25 มกราคม พ.ศ. 2569 - 14:20 น.", datetime(2026, 1, 25, 8, 20, tzinfo=UTC)),
        ("23 ม.ค. 69 08:05 น.", datetime(2026, 1, 23, 2, 5, tzinfo=UTC)),
    ],
)
def test_dates_in_other_scripts_digits_and_eras(raw: str, expected: datetime) -> None:
    assert parse_date(raw, "Asia/Dhaka") == expected


def test_a_bengali_or_thai_date_line_is_found_in_the_text() -> None:
    # month words whose vowel signs are no word characters, a Buddhist-era year (tests/asiaweb)
    for line, value in [
        ("প্রকাশ: ২৫ জানুয়ারি ২০২৬, ০৮: ৩০", "২৫ জানুয়ারি ২০২৬, ০৮: ৩০"),
        ("วันที่ 25 มกราคม พ.ศ. 2569 - 14:20 น.", "25 มกราคม พ.ศ. 2569 - 14:20"),
    ]:
        html = (f"<html><body><h1>Headline of the story</h1><div class='meta'><span>{line}</span></div>"
                "<p>Text.</p></body></html>")
        assert DateHint(value, "text", "published") in page_date_hints(html)


def test_a_zone_abbreviation_after_a_clock_is_ours_not_dateparsers() -> None:
    # a Hindi date line goes to dateparser (its month word), which reads "IST" as Israel's zone;
    # the zone after the clock is read from our own table (India's) and left out of its input,
    # so that a story of 11:50 PM stays on its day (tests/asiaweb)
    parsed = parse_value("26 जनवरी 2026, 11:50 PM IST", "UTC")
    assert parsed is not None and parsed.dt == datetime(2026, 1, 26, 18, 20, tzinfo=UTC)
    assert parsed.day == date(2026, 1, 26)
    assert parse_date("22 февраля 2026, 10:30 MSK") == datetime(2026, 2, 22, 7, 30, tzinfo=UTC)
