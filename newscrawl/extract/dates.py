"""Dates: raw strings and pages -> timezone-aware UTC datetimes with provenance.

Pure functions, no Scrapy; safe to run in a worker process pool.

Parsing (:func:`parse_date`)
    Fast explicit parsers first: epoch seconds/milliseconds and compact ``YYYYMMDD``; ISO 8601
    (``T`` or space, optional fraction, ``Z``/offset); month-name dates in English, Spanish,
    Catalan, Portuguese, Italian, French, German and Dutch (``January 28, 2026 3:15 p.m. CST``,
    ``Jan. 28, 2026``, ``Wed, 28 Jan 2026 15:15:00 GMT``, ``28 de enero de 2026``,
    ``28. Januar 2026``); numeric ``28/01/2026``, ``28.01.2026``, ``2026/01/28``. Slashed
    day/month is read day-first when the first number is above 12, month-first when the
    second is, and refused when both could be a month (``03/04/2026``); dotted dates are
    always day-first. Then RFC 2822 via :mod:`email.utils`, then dateparser for the long
    tail (year and month required, missing day -> the 1st, relative dates such as
    ``yesterday`` only when ``now`` is given).
    Time zones: an explicit offset or ``Z`` wins; US abbreviations (EST/EDT/CST/CDT/...,
    with ``ET``/``CT``/``MT``/``PT`` following daylight saving time) and a few common
    others are known; a naive value is wall time in ``default_tz`` (IANA name, DST-aware)
    and a bare date is midnight there; a UTC-written instant (``Z``, ``+00:00``, epoch) keeps
    its instant but falls on its calendar day in ``default_tz``. Everything is returned in UTC.
    Rejected: garbage, anything before 1990-01-01 and anything later than ``now`` + 1 day.

Page hints (:func:`page_date_hints`), in order of trust
    ``jsonld`` (article-like objects first, the one naming the page URL before others; also
    ``@graph``, lists and ``mainEntity``; broken JSON falls back to the bare key/value
    pairs), ``meta`` (Open Graph, Dublin Core, itemprop, parsely, sailthru, ...; specific
    names before a generic ``date``), ``time`` (``<time datetime>``; ones marked as
    publish/update first, then the first unmarked one, inside article/header/main if any),
    ``url`` (``/2026/01/28/``, ``/2026-01-28-``, ``20260128``, ``/2026/jan/28/``; the page's
    canonical URL when none is given), ``htmldate`` (its own guess, ``original_date=True``;
    asked only when the URL carries no date, since it would return that date as is, and the
    page's JSON-LD or meta tags give no valid published date), and
    ``text`` (a date written in or just after the headline -- the ``<h1>``, else the ``<h2>``/
    ``<h3>`` that begins the page title -- before the first paragraph of prose, then short
    texts in elements whose class/id speaks of a date or byline; never inside comments,
    teasers, related lists, navigation or links; ``modified`` after "updated" or inside a
    "lastmod" element). An htmldate answer that is exactly a modified hint's instant is
    dropped: htmldate falls back to the modified date.

Resolution (:func:`resolve_dates`)
    1. Weights: ``jsonld`` 10, ``meta`` 9, ``feed`` 9, ``sitemap`` 8 (strong; a feed or
       sitemap hint is the outlet's own word), ``time`` 5, ``url`` 5, ``text`` 4.5,
       ``htmldate`` 4 (weak), anything else 1. Only ``published`` hints can become
       ``published_at``; a ``modified`` hint never does.
    2. Each source votes once, with its weight, for the calendar day of its most trusted
       hint (the day as written: in the value's own offset, else in ``default_tz``). The
       day with the highest total wins; on a tie, the day of the most trusted hint. So a
       URL date that agrees with a structured date confirms it, a lone feed date loses to
       the page's JSON-LD, and a feed date backed by the URL beats a lone JSON-LD date.
    3. Within the winning day the most trusted hint gives the datetime; if it is date-only,
       a precise time from another hint on the same day refines it (``date_source`` then
       reads e.g. ``jsonld+time``). When the winner is weak, every source that agreed is
       named (``url+text``).
    4. ``modified_at`` is the most trusted modified hint; it is dropped when it is earlier
       than ``published_at``. Future dates (> now + 1 day) and dates before 1990 are ignored.
    5. The outlet's day: a UTC-written instant whose day no local date on the page names
       (URL, date-only value, naive or non-UTC time; not htmldate) moves to the neighbouring
       day exactly one of them names, when a real offset (-12 h..+14 h) reaches it.
    6. A weak winner (time, url, text, htmldate) more than a day after the modified date is
       not the publication: the vote is run again without such weak dates (URL dates stay).
    Hints are parsed lazily, most trusted first: once the votes still to come cannot change
    the outcome, the rest are never parsed (the result is the same as parsing them all).
"""

from __future__ import annotations

import email.utils
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import islice
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import lxml.html
from lxml import etree

from newscrawl.items import DateHint

__all__ = ["ResolvedDates", "page_date_hints", "parse_date", "resolve_dates"]

MIN_DATE = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
MAX_RAW_LEN = 300

# ---------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------

_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "ene", "gener", "janeiro", "gennaio", "gen", "janvier",
        "janv", "januar", "jänner", "jaenner", "januari"),
    2: ("february", "feb", "febrero", "febrer", "fevereiro", "fev", "fév", "febbraio",
        "février", "fevrier", "févr", "fevr", "februar", "feber", "februari"),
    3: ("march", "mar", "marzo", "març", "marc", "março", "marco", "mars", "märz", "maerz",
        "mär", "mrz", "maart", "mrt"),
    4: ("april", "apr", "abril", "abr", "aprile", "avril", "avr"),
    5: ("may", "mayo", "maig", "maio", "maggio", "mag", "mai", "mei"),
    6: ("june", "jun", "junio", "juny", "junho", "giugno", "giu", "juin", "juni"),
    7: ("july", "jul", "julio", "juliol", "julho", "luglio", "lug", "juillet", "juil", "juli"),
    8: ("august", "aug", "agosto", "ago", "agost", "août", "aout", "augustus"),
    9: ("september", "sep", "sept", "septiembre", "setiembre", "setembre", "setembro", "set",
        "settembre", "septembre"),
    10: ("october", "oct", "octubre", "outubro", "out", "ottobre", "ott", "octobre",
         "oktober", "okt"),
    11: ("november", "nov", "noviembre", "novembre", "novembro", "novemb"),
    12: ("december", "dec", "diciembre", "dic", "desembre", "dezembro", "dez",
         "dicembre", "décembre", "decembre", "déc", "dezember"),
}
MONTHS: dict[str, int] = {w: n for n, words in _MONTH_WORDS.items() for w in words}
_MONTH_ALT = "|".join(sorted((re.escape(w) for w in MONTHS), key=len, reverse=True))

# Fixed offsets (minutes east of UTC) for common abbreviations; CST is the US one.
TZ_OFFSETS: dict[str, int] = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "AST": -240,
    "ADT": -180, "NST": -210, "NDT": -150,
    "BST": 60, "IST": 330, "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "WEST": 60,
    "EET": 120, "EEST": 180, "MSK": 180, "PKT": 300, "ICT": 420, "WIB": 420, "HKT": 480,
    "SGT": 480, "PHT": 480, "AWST": 480, "JST": 540, "KST": 540, "ACST": 570, "AEST": 600,
    "AEDT": 660, "NZST": 720, "NZDT": 780,
}
# Generic US zone names follow daylight saving time.
TZ_ZONES: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

_TZ_ALT = "|".join(sorted(list(TZ_OFFSETS) + list(TZ_ZONES), key=len, reverse=True))
_TZ_RE = re.compile(
    rf"\s*(?:(?P<off>[+\-−]\d{{2}}(?::?\d{{2}})?)(?!\d)"
    rf"|(?:GMT|UTC)\s*(?P<goff>[+\-−]\s*\d{{1,2}}(?::?\d{{2}})?)(?!\d)"
    rf"|\(?(?P<abbr>{_TZ_ALT})\)?(?![A-Za-z]))"
)
_TIME_RE = re.compile(
    r"(?<![\d:.])(?P<h>2[0-3]|[01]?\d)"
    r"(?:\s*(?::|h|\.(?=\d\d\s*(?:uhr|h\b|[ap]\.?\s?m\b)))\s*(?P<m>[0-5]\d))?"
    r"(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<ap>[ap]\.?\s?m\b\.?)?",
    re.I,
)
_ISO_RE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})-(\d{1,2})(?!\d)|(\d{2})(\d{2})(?=T\d))")
_YMD_RE = re.compile(r"(?<!\d)(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_DMY_RE = re.compile(r"(?<![\d.])(\d{1,2})(/|-|\.\s?)(\d{1,2})\2(\d{4})(?!\d)")
_SPACES_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MDY_WORDS_RE = re.compile(
    rf"(?<![^\W\d_])(?P<mon>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+"
    rf"(?P<year>\d{{4}})(?!\d)",
    re.I,
)
_DMY_WORDS_RE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:\.|º|°|er|st|nd|rd|th)?\s*(?:de\s+|of\s+)?"
    rf"(?P<mon>{_MONTH_ALT})(?![^\W\d_])\.?,?\s*(?:de\s+|del\s+|de\s+l'|d')?(?P<year>\d{{4}})"
    rf"(?!\d)",
    re.I,
)
_LABEL_RE = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2}\s*:?\s+(?=\d{4}-)")
_HAS_TIME_RE = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}|\d\s*[ap]\.?\s?m\b", re.I)


class _Ambiguous:
    """Marker: the string is a date, but which one cannot be told."""


_AMBIGUOUS = _Ambiguous()


class _Parsed(NamedTuple):
    """A parsed value: the UTC instant, whether it had a time, and its day as written.

    ``utc`` marks an instant written in UTC (``Z``, ``+00:00``, ``GMT``, epoch seconds): how
    servers store times, which says nothing about the outlet's own calendar day.
    """

    dt: datetime
    precise: bool
    day: date
    utc: bool = False


def _is_utc(tz: tzinfo | None, at: datetime) -> bool:
    """True when ``tz`` is an explicit zero offset at ``at``."""
    return tz is not None and tz.utcoffset(at) == timedelta(0)


@lru_cache(maxsize=64)
def _zone(name: str | None) -> tzinfo:
    """IANA zone by name; unknown or empty names fall back to UTC."""
    if not name or name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _offset_tz(text: str) -> tzinfo:
    sign = -1 if text[0] in "-−" else 1
    digits = re.sub(r"\D", "", text)
    hours = int(digits[:2]) if len(digits) >= 3 else int(digits)
    minutes = int(digits[2:4]) if len(digits) >= 3 else 0
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _read_tz(text: str) -> tzinfo | None:
    """A time zone at the very start of ``text`` (offset, GMT+x, or known abbreviation)."""
    m = _TZ_RE.match(text)
    if not m:
        return None
    if m["off"]:
        return _offset_tz(m["off"])
    if m["goff"]:
        return _offset_tz(m["goff"].replace(" ", ""))
    abbr = m["abbr"]
    if abbr in TZ_ZONES:
        return ZoneInfo(TZ_ZONES[abbr])
    return timezone(timedelta(minutes=TZ_OFFSETS[abbr]))


def _read_time(text: str, *, anchored: bool = False) -> tuple[time, tzinfo | None] | None:
    """First clock time in ``text`` (needs minutes or am/pm) and a zone right after it."""
    for m in _TIME_RE.finditer(text):
        if anchored and text[: m.start()].strip(" \t,;|-–—@T").lower() not in (
            "", "at", "um", "à", "a las", "alle", "om", "às", "a les", "ore", "kl.", "kl"
        ):
            return None
        if m["m"] is None and m["ap"] is None:
            if anchored:
                return None
            continue
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if m["ap"]:
            if hour > 12:
                continue
            hour = hour % 12 + (12 if m["ap"][0].lower() == "p" else 0)
        return time(hour, minute, int(m["s"] or 0)), _read_tz(text[m.end():])
    return None


def _build(
    y: int, mo: int, d: int, rest_after: str, rest_before: str, tz: tzinfo, *, iso: bool
) -> _Parsed | None:
    """Combine a calendar day with a time and zone found around it."""
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    found = _read_time(rest_after, anchored=iso)
    if found is None and not iso:
        found = _read_time(rest_before)
    if found is None:
        own = _read_tz(rest_after) if iso else None
        local = datetime.combine(day, time(0), own or tz)
        return _Parsed(local.astimezone(UTC), False, day)
    clock, own = found
    local = datetime.combine(day, clock, own or tz)
    return _Parsed(local.astimezone(UTC), True, day, _is_utc(own, local))


def _parse_epoch(raw: str) -> _Parsed | None:
    if re.fullmatch(r"\d{8}", raw):
        try:
            day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        except ValueError:
            return None
        return _Parsed(datetime.combine(day, time(0), UTC), False, day)
    if re.fullmatch(r"\d{14}", raw):
        try:
            dt = datetime.strptime(raw, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            return None
        return _Parsed(dt, True, dt.date())
    m = re.fullmatch(r"(\d{9,10}|\d{12,13})(?:\.\d+)?", raw)
    if not m:
        return None
    seconds = int(m[1]) / (1000 if len(m[1]) > 10 else 1)
    dt = datetime.fromtimestamp(seconds, UTC)
    return _Parsed(dt, True, dt.date(), True)


def _parse_explicit(raw: str, tz: tzinfo) -> _Parsed | _Ambiguous | None:
    """The fast, unambiguous formats; None when none of them applies."""
    unlabelled = _LABEL_RE.sub("", raw, count=1)  # "Posted: 2026-01-28 15:15"
    if m := _ISO_RE.match(raw) or _ISO_RE.match(unlabelled):
        rest = m.string[m.end():]
        if not rest.strip() or rest[:1] in "T t" or _read_tz(rest):
            mon, day = (m[2], m[3]) if m[2] else (m[4], m[5])
            return _build(int(m[1]), int(mon), int(day), rest, "", tz, iso=True)
    found = [m for rx in (_MDY_WORDS_RE, _DMY_WORDS_RE) if (m := rx.search(raw))]
    if found:
        m = min(found, key=lambda m: m.start())
        mon = MONTHS[m["mon"].lower()]
        return _build(int(m["year"]), mon, int(m["day"]), raw[m.end():], raw[: m.start()], tz,
                      iso=False)
    if m := _YMD_RE.search(raw):
        return _build(int(m[1]), int(m[3]), int(m[4]), raw[m.end():], raw[: m.start()], tz,
                      iso=False)
    if m := _DMY_RE.search(raw):
        a, b = int(m[1]), int(m[3])
        if m[2] == "/" and a <= 12 and b <= 12 and a != b:
            return _AMBIGUOUS  # 03/04/2026 could be March or April: refuse to guess
        day, mon = (b, a) if (m[2] == "/" and b > 12) else (a, b)
        return _build(int(m[4]), mon, day, raw[m.end():], raw[: m.start()], tz, iso=False)
    return None


def _parse_rfc2822(raw: str, tz: tzinfo) -> _Parsed | None:
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}", raw):
        return None
    parts = email.utils.parsedate_tz(raw)
    if not parts:
        return None
    try:
        naive = datetime(*parts[:6])  # type: ignore[misc]
    except (TypeError, ValueError):
        return None
    local = naive.replace(tzinfo=tz if parts[9] is None else timezone(timedelta(seconds=parts[9])))
    return _Parsed(local.astimezone(UTC), True, naive.date(), parts[9] == 0)


def _parse_dateparser(raw: str, tz_name: str, now: datetime | None) -> _Parsed | None:
    if not re.search(r"\d", raw) and now is None:
        return None
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    parsers = ["timestamp", "custom-formats", "absolute-time"]
    settings: dict[str, Any] = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": tz_name or "UTC",
        "TO_TIMEZONE": "UTC",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["month", "year"],
    }
    if now is not None:
        parsers.insert(1, "relative-time")
        settings["RELATIVE_BASE"] = now.astimezone(_zone(tz_name)).replace(tzinfo=None)
        settings["REQUIRE_PARTS"] = []
    settings["PARSERS"] = parsers
    try:
        data = DateDataParser(settings=settings).get_date_data(raw)
    except Exception:  # dateparser raises many kinds of errors on odd input
        return None
    dt = data.date_obj
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_zone(tz_name))
    dt = dt.astimezone(UTC)
    return _Parsed(dt, bool(_HAS_TIME_RE.search(raw)), dt.astimezone(_zone(tz_name)).date())


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo else now.replace(tzinfo=UTC)


@lru_cache(maxsize=4096)
def _parse_cached(
    raw: str, tz_name: str, now: datetime | None, today: date | None = None
) -> _Parsed | None:
    """Parse ``raw``; ``today`` only keys the cache when ``now`` is the real clock."""
    tz = _zone(tz_name)
    text = _SPACES_RE.sub(" ", raw).strip()[:MAX_RAW_LEN]
    if not text:
        return None
    try:
        parsed = (
            _parse_epoch(text)
            or _parse_explicit(text, tz)
            or _parse_rfc2822(text, tz)
            or _parse_dateparser(text, tz_name, now)
        )
    except (ValueError, OverflowError, OSError):
        return None
    if not isinstance(parsed, _Parsed) or parsed.dt < MIN_DATE or parsed.dt > _now(now) + FUTURE_SLACK:
        return None
    if parsed.utc and tz is not UTC:  # a UTC-written instant falls on the outlet's own day
        parsed = parsed._replace(day=parsed.dt.astimezone(tz).date())
    return parsed


def _parse(raw: object, default_tz: str = "UTC", now: datetime | None = None) -> _Parsed | None:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        return None
    today = datetime.now(UTC).date() if now is None else None
    return _parse_cached(str(raw), default_tz or "UTC", now, today)


def parse_date(
    raw: str, default_tz: str = "UTC", *, now: datetime | None = None
) -> datetime | None:
    """Parse one raw date string into an aware UTC datetime, or None.

    Naive values are wall time in ``default_tz`` (an IANA name); a bare date is midnight
    there. Garbage, dates before 1990 and dates after ``now`` + 1 day give None.
    """
    parsed = _parse(raw, default_tz, now)
    return parsed.dt if parsed else None


# ---------------------------------------------------------------------------------------
# Page hints
# ---------------------------------------------------------------------------------------

_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "satiricalarticle", "liveblogposting", "socialmediaposting", "discussionforumposting",
    "techarticle", "scholarlyarticle", "report", "posting", "blog", "medicalscholarlyarticle",
}
_PAGE_TYPES = {"webpage", "itempage", "aboutpage", "qapage", "faqpage", "medicalwebpage"}
_NOT_PAGE_TYPES = {
    "imageobject", "videoobject", "audioobject", "mediaobject", "clip", "website",
    "organization", "newsmediaorganization", "person", "product", "event", "comment",
    "review", "offer", "rating", "breadcrumblist", "sitenavigationelement", "itemlist",
}
_JSONLD_KEYS = (("datePublished", "published"), ("dateCreated", "published"),
                ("dateModified", "modified"))

# Meta names (name/property/itemprop/http-equiv, lower-cased) in order of trust.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article:published", "og:published_time", "published_time", "article.published",
    "article:published_date", "article:publicationdate", "parsely-pub-date",
    "sailthru.date", "cxenseparse:recs:publishtime", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date.publication", "datecreated",
    "publishdate", "publish-date", "publish_date", "pubdate", "pub_date", "publication_date",
    "publication-date", "publicationdate", "date_published", "date-published",
    "article_date_original", "original-publish-date", "article.created", "article:post_date",
    "bt:pubdate", "citation_publication_date", "citation_date", "citation_online_date",
    "rnews:datepublished", "displaydate", "dateposted", "date_created", "content_create_date",
    "dcsext.articlefirstpublished", "mediator_published_time", "analyticsattributes.articledate",
    "dc.date", "dc:date", "dcterms.date", "dc.created", "dc:created", "date", "created",
    "og:pubdate", "article:created_time", "created_time",
)
META_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article:modified", "article:modified_date", "og:modified_time", "modified_time",
    "updated_time", "article.updated", "dcterms.modified", "dc.date.modified", "dc.modified",
    "sailthru.lastmodified", "parsely-modified-date", "lastmodified", "last-modified",
    "lastmod", "modified", "date_modified", "dateupdated", "dateupdate", "revision_date",
    "article:post_modified", "bt:moddate", "eomportal-lastupdate", "utime",
)
_META_RANK = {name: i for i, name in enumerate(META_PUBLISHED)}
_META_RANK.update({name: i for i, name in enumerate(META_MODIFIED)})
_META_KIND = {name: "published" for name in META_PUBLISHED}
_META_KIND.update({name: "modified" for name in META_MODIFIED})


class _Marks:
    """A case-insensitive search for lowercase ASCII words in class/id/itemprop strings.

    ASCII text is lowercased and searched case-sensitively, which finds the same matches
    about ten times faster than ``re.I``; other text gets the ``re.I`` pattern.
    """

    def __init__(self, pattern: str) -> None:
        self._lower = re.compile(pattern)
        self._any_case = re.compile(pattern, re.I)

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return self._lower.search(text.lower())
        return self._any_case.search(text)


_PUB_MARK = _Marks(r"publi|posted|pubdate|created|entry-date|date-?pub|article-date|origin")
_MOD_MARK = _Marks(r"updat|modif|revis|edited|lastmod|last-mod|aktualisiert|actualiz|mis-a-jour|maj\b")
_TEXT_CONTAINER = _Marks(
    r"date|time|publi|posted|byline|dateline|meta|fecha|datum|data\b|zeit|info"
)
_TEXT_CONTAINER_TAGS = (
    "span", "div", "p", "li", "small", "em", "dd", "address", "footer", "header",
)  # fmt: skip
_NOISE_MARK = _Marks(
    r"comment|related|teaser|recommend|sidebar|widget|promo|slider|swiper|carousel|"
    r"\bnav|menu|trending|popular|most-read|more-from|newsletter"
)
_MOD_WORDS = re.compile(
    r"updated|modified|last edit|aktualisiert|geändert|actualizad|modificad|mis à jour|"
    r"modifié|aggiornat|atualizad|bijgewerkt", re.I
)
_TEXT_DATE_RE = re.compile(
    # a clock time may come first: "3:15 PM EST, Tuesday, Jan 5, 2021"
    rf"(?:(?<![\d:.])\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?-i:{_TZ_ALT})(?![A-Za-z]))?"
    rf"\s*[,|–—-]?\s*(?:[^\W\d_]{{2,12}}\.?,?\s+)?)?"
    rf"(?:(?<![^\W\d_])(?:{_MONTH_ALT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\.?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:\.|º|er|st|nd|rd|th)?\s*(?:de\s+|of\s+)?(?:{_MONTH_ALT})(?![^\W\d_])\.?,?"
    rf"\s*(?:de\s+|del\s+)?\d{{4}}"
    rf"|(?<![\d.])\d{{1,2}}(?:/|-|\.\s?)\d{{1,2}}(?:/|-|\.\s?)\d{{4}}(?!\d)"
    rf"|(?<!\d)\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d))"
    rf"(?:[^\n\d]{{0,12}}\d{{1,2}}[:h.]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?\s?m\.?)?"
    rf"(?:\s*(?:(?-i:GMT|UTC)\s?[+\-−]\d{{1,2}}(?::?\d{{2}})?(?!\d)|(?-i:{_TZ_ALT})(?![A-Za-z])))?)?",
    re.I,
)
_URL_DATE_RES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[-_.])"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})[-_/.](\d{2})[-_/.](\d{2})(?![\d])"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])"),
)
_URL_MONTH_RE = re.compile(rf"/((?:19|20)\d{{2}})/({_MONTH_ALT})/(\d{{1,2}})(?=/|$)", re.I)
_MAX_TEXT_HINTS = 3
_COMPACT_RE = re.compile(r"[\W_]+")


def _parse_html(html: str | bytes) -> Any:
    """Parse a page with lxml; None when nothing usable comes out."""
    if isinstance(html, str):
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html.replace("\x00", ""))
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        try:
            return lxml.html.fromstring(html)
        except (etree.ParserError, ValueError, TypeError):
            return None


def _norm_url(url: str | None) -> str:
    if not url:
        return ""
    parts = urlsplit(url.strip())
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")).lower()


def _jsonld_load(text: str) -> Any:
    text = text.strip()
    text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$", "",
                  text).strip()
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", ())
    items = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1].lower() for t in items if isinstance(t, str)}


def _jsonld_objects(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Top-level objects, members of @graph and lists, and their mainEntity."""
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from _jsonld_objects(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity"):
            if key in node:
                yield from _jsonld_objects(node[key], depth + 1)


def _jsonld_hints(tree: Any, url: str | None) -> list[DateHint]:
    page = _norm_url(url)
    ranked: list[tuple[int, int, DateHint]] = []
    scripts = tree.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]")
    seq = 0
    for script in scripts:
        text = script.text_content() if script.text is None else script.text
        data = _jsonld_load(text or "")
        if data is None:  # broken JSON: fall back to the bare key/value pairs
            for key, kind in _JSONLD_KEYS:
                for value in re.findall(rf'"{key}"\s*:\s*"([^"]{{4,60}})"', text or ""):
                    ranked.append((3, seq, DateHint(value, "jsonld", kind)))
                    seq += 1
            continue
        for obj in _jsonld_objects(data):
            types = _types(obj)
            if types & _ARTICLE_TYPES or any(t.endswith("article") for t in types):
                rank = 0
            elif types & _PAGE_TYPES:
                rank = 2
            elif types & _NOT_PAGE_TYPES:
                continue  # a photo's, the site's or an organisation's date is not the page's
            elif types:
                rank = 4
            else:
                rank = 3
            ids = [obj.get("url"), obj.get("@id"), obj.get("mainEntityOfPage")]
            ids = [i.get("@id") if isinstance(i, dict) else i for i in ids]
            if rank == 0 and page and any(isinstance(i, str) and _norm_url(i) == page for i in ids):
                rank = -1
            for key, kind in _JSONLD_KEYS:
                value = obj.get(key)
                if isinstance(value, list) and value:
                    value = value[0]
                if isinstance(value, str | int | float) and str(value).strip():
                    ranked.append((rank, seq, DateHint(str(value).strip(), "jsonld", kind)))
                    seq += 1
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [hint for _, _, hint in ranked]


def _meta_hints(tree: Any) -> list[DateHint]:
    ranked: list[tuple[int, int, DateHint]] = []
    for seq, el in enumerate(tree.xpath("//meta|//*[@itemprop and not(self::time)]")):
        value = el.get("content") or el.get("datetime") or el.get("value")
        if value is None and el.tag != "meta":
            value = el.text_content()
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (el.get(attr) or "").strip().lower()
            if key in _META_KIND and value and value.strip():
                ranked.append((_META_RANK[key], seq, DateHint(value.strip()[:MAX_RAW_LEN],
                                                            "meta", _META_KIND[key])))
                break
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [hint for _, _, hint in ranked]


def _marks(el: Any) -> str:
    return " ".join(el.get(a) or "" for a in ("itemprop", "class", "id", "name"))


def _time_hints(tree: Any) -> list[DateHint]:
    marked: list[DateHint] = []
    unmarked: list[tuple[int, DateHint]] = []
    elems = tree.xpath("//time|//abbr[contains(concat(' ',@class,' '),' published ') or "
                       "contains(concat(' ',@class,' '),' updated ')]")
    for el in elems:
        value = el.get("datetime") or el.get("title") or (el.text_content() or "")
        value = " ".join(value.split())[:MAX_RAW_LEN]
        if not value:
            continue
        marks = _marks(el) + " " + " ".join(_marks(p) for p in el.iterancestors() if
                                            p.tag not in ("html", "body"))[:200]
        own = _marks(el)
        if _MOD_MARK.search(own):
            marked.append(DateHint(value, "time", "modified"))
        elif _PUB_MARK.search(own) or el.get("pubdate") is not None:
            marked.append(DateHint(value, "time", "published"))
        elif _MOD_MARK.search(marks) and not _PUB_MARK.search(marks):
            continue
        else:
            in_main = any(p.tag in ("article", "header", "main") for p in el.iterancestors())
            unmarked.append((0 if in_main else 1, DateHint(value, "time", "published")))
    unmarked.sort(key=lambda r: r[0])
    return marked + [hint for _, hint in unmarked[:1]]


def url_date(url: str | None) -> str | None:
    """The calendar day a URL path names (``/2026/01/28/``, ``2026-01-28``), as YYYY-MM-DD."""
    if not url:
        return None
    path = unquote(urlsplit(url).path)
    if m := _URL_MONTH_RE.search(path):
        year, mon, day = int(m[1]), MONTHS[m[2].lower()], int(m[3])
        candidates = [(year, mon, day)]
    else:
        candidates = [(int(m[1]), int(m[2]), int(m[3])) for rx in _URL_DATE_RES
                      for m in rx.finditer(path)]
    for year, mon, day in candidates:
        try:
            return date(year, mon, day).isoformat()
        except ValueError:
            continue
    return None


def _canonical(tree: Any) -> str | None:
    for xp in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = tree.xpath(xp)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return None


def _htmldate_hints(tree: Any, url: str | None) -> list[DateHint]:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return []
    try:
        found = find_date(tree, extensive_search=True, original_date=True,
                          outputformat="%Y-%m-%dT%H:%M:%S%z", url=url)
    except Exception:  # htmldate must never break a page
        return []
    if not found:
        return []
    # a naive midnight is how htmldate writes a date without a time
    return [DateHint(found.removesuffix("T00:00:00"), "htmldate", "published")]


def _dates_in(text: str, context: str = "") -> Iterator[DateHint]:
    """Date-like substrings of a short text, as ``text`` hints (``modified`` after 'updated')."""
    text = _SPACES_RE.sub(" ", text)
    for m in _TEXT_DATE_RE.finditer(text):
        before = text[max(0, m.start() - 40): m.start()]
        modified = _MOD_WORDS.search(before + " " + context) or (context and _MOD_MARK.search(context))
        kind = "modified" if modified else "published"
        yield DateHint(m.group(0).strip(), "text", kind)


def _headline(tree: Any) -> Any:
    """The page's headline: its ``<h1>`` (one in article/main first), else the first ``<h2>`` or
    ``<h3>`` whose text begins the page's title (og:title or ``<title>``)."""
    for xp in ("//article//h1|//main//h1", "//body//h1"):
        found = tree.xpath(xp)
        if found:
            return found[0]
    titles = tree.xpath("//meta[@property='og:title']/@content|//head/title/text()")
    keys = [k for k in (_COMPACT_RE.sub("", str(t)).casefold() for t in titles) if k]
    for heading in tree.xpath("//body//h2|//body//h3"):
        key = _COMPACT_RE.sub("", heading.text_content()).casefold()
        if len(key) >= 12 and any(k.startswith(key) for k in keys):
            return heading
    return None


def _in_noise(el: Any, memo: dict[Any, bool] | None = None) -> bool:
    """True inside comments, teasers, related-article lists, navigation or links.

    ``memo`` keeps the answers for elements already seen (and their ancestors) within one page.
    """
    memo = {} if memo is None else memo
    path = []
    node = el
    noise = False
    while node is not None:
        if node in memo:
            noise = memo[node]
            break
        path.append(node)
        if node.tag in ("a", "nav", "aside") or _NOISE_MARK.search(_marks(node)):
            noise = True
            break
        node = node.getparent()
    for seen in path:
        memo[seen] = noise
    return noise


def _text_containers(tree: Any) -> Iterator[Any]:
    """Elements inside <body> (span, div, p, li, ...) whose class/id/itemprop/name speaks of a
    date, time, byline or publication, in document order. A lazy walk: the caller stops early."""
    bodies = tree.xpath("//body")
    if len(bodies) != 1:  # odd markup: the plain XPath, which never yields a node twice
        elems: Iterable[Any] = tree.xpath(
            "//body//*[" + " or ".join(f"self::{t}" for t in _TEXT_CONTAINER_TAGS) + "]"
        )
    else:
        elems = bodies[0].iter(_TEXT_CONTAINER_TAGS)
    for el in elems:
        get = el.get
        itemprop, cls, id_ = get("itemprop"), get("class"), get("id")
        if cls is None and id_ is None and itemprop is None:
            continue
        if _TEXT_CONTAINER.search(f"{itemprop or ''} {cls or ''} {id_ or ''} {get('name') or ''}"):
            yield el


def _text_hints(tree: Any) -> list[DateHint]:
    """Dates written next to the headline, then in date/byline-marked elements."""
    hints: list[DateHint] = []
    noise: dict[Any, bool] = {}
    h1 = _headline(tree)
    if h1 is not None:
        nodes = h1.xpath("(.//text()|following::text())[normalize-space()]"
                         "[not(ancestor::script) and not(ancestor::style)][position() <= 12]")
        near = []
        for node in nodes:  # bylines are short; stop at the first paragraph of prose
            text = " ".join(str(node).split())
            if len(text) > 100:
                break
            parent = node.getparent()
            if parent is not None and _in_noise(parent, noise):
                continue
            near.append(text)
        near = " ".join(near)[:300]
        hints.extend(h for h in _dates_in(near) if h not in hints)
    for el in _text_containers(tree):
        if len(hints) >= _MAX_TEXT_HINTS:
            break
        if _in_noise(el, noise):
            continue
        text = " ".join(" ".join(islice(el.itertext(), 40)).split())
        if len(text) <= 120:
            hints.extend(h for h in _dates_in(text, _marks(el)) if h not in hints)
    return hints[:_MAX_TEXT_HINTS]


def _has_structured_date(hints: list[DateHint]) -> bool:
    """True when a JSON-LD or meta published hint holds a valid date."""
    return any(
        h.kind == "published" and h.source in ("jsonld", "meta") and _parse(h.value) is not None
        for h in hints
    )


def _not_modified(found: list[DateHint], hints: list[DateHint]) -> list[DateHint]:
    """``found`` without the hints that are exactly the instant of a modified hint already
    seen: htmldate falls back to a page's modified date when it finds no other."""
    modified = {p.dt for h in hints if h.kind == "modified" and (p := _parse(h.value)) and p.precise}
    if not modified:
        return found
    return [h for h in found if not ((p := _parse(h.value)) and p.precise and p.dt in modified)]


def page_date_hints(html: str | bytes | etree._Element, url: str | None = None) -> list[DateHint]:
    """Every date a page offers, most trusted first; [] for empty or unparseable input.

    ``html`` is the page's text or bytes, or a tree already parsed with lxml (as
    ``extract_article`` does), which is only read, never changed.
    """
    if isinstance(html, etree._Element):
        tree = html
    else:
        if not html or not html.strip():
            return []
        tree = _parse_html(html)
    if tree is None:
        return []
    try:
        page_url = url or _canonical(tree)
    except Exception:
        page_url = url
    in_url = url_date(page_url)
    hints: list[DateHint] = []
    for extractor in (
        lambda: _jsonld_hints(tree, page_url),
        lambda: _meta_hints(tree),
        lambda: _time_hints(tree),
        lambda: [DateHint(in_url, "url")] if in_url else [],
        # htmldate returns a dated URL's date as is: ask it only when the URL has none, and
        # only when the page's structured data (JSON-LD, meta) gives no published date
        lambda: [] if in_url or _has_structured_date(hints) else _not_modified(
            _htmldate_hints(tree, page_url), hints),
        lambda: _text_hints(tree),
    ):
        try:
            found = extractor()
        except Exception:  # one broken part of a page must not lose the others
            continue
        hints.extend(h for h in found if h not in hints)
    return hints


# ---------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------

SOURCE_WEIGHTS: dict[str, float] = {
    "jsonld": 10, "meta": 9, "feed": 9, "sitemap": 8,
    "time": 5, "url": 5, "text": 4.5, "htmldate": 4,
}
STRONG_SOURCES = frozenset({"jsonld", "meta", "feed", "sitemap"})
# The widest real UTC offsets: a UTC instant's local day lies within these of it.
_WEST_MOST, _EAST_MOST = timedelta(hours=12), timedelta(hours=14)
_MODIFIED_SLACK = timedelta(days=1)
_KEPT_SOURCES = STRONG_SOURCES | {"url"}


@dataclass(frozen=True)
class ResolvedDates:
    """The dates settled for one article.

    ``published_day`` is extra and left out of comparisons: the publication's calendar day
    as its source wrote it (in the value's own UTC offset, else in ``default_tz``), which
    can differ from ``published_at``'s UTC day for late-evening or early-morning stories.
    """

    published_at: datetime | None
    modified_at: datetime | None
    date_source: str | None
    published_day: date | None = field(default=None, compare=False)


class _Cand(NamedTuple):
    order: int
    source: str
    parsed: _Parsed


def _weight(source: str) -> float:
    return SOURCE_WEIGHTS.get(source, 1)


def _trust_order(hints: list[DateHint], kind: str) -> list[int]:
    """Indexes of the ``kind`` hints, most trusted first: by source weight, then by the order
    the hints came in."""
    return sorted(
        (i for i, hint in enumerate(hints) if hint.kind == kind),
        key=lambda i: (-_weight(hints[i].source), i),
    )


def _candidates(hints: list[DateHint], kind: str, tz: str, now: datetime | None) -> list[_Cand]:
    """The ``kind`` hints that parse, most trusted first."""
    out = []
    for i in _trust_order(hints, kind):
        parsed = _parse(hints[i].value, tz, now)
        if parsed is not None:
            out.append(_Cand(i, hints[i].source, parsed))
    return out


def _first_modified(hints: list[DateHint], tz: str, now: datetime | None) -> _Parsed | None:
    """The most trusted modified hint that parses (later ones are never parsed)."""
    for i in _trust_order(hints, "modified"):
        parsed = _parse(hints[i].value, tz, now)
        if parsed is not None:
            return parsed
    return None


def _published(
    hints: list[DateHint], tz: str, now: datetime | None
) -> tuple[_Parsed | None, str | None]:
    """:func:`_resolve_published` over the published hints, parsing them lazily.

    Hints are parsed most trusted first. As soon as the leading day's most trusted hint is a
    precise one from a strong source and the sources still to come could not outvote that
    day even all together, the answer is settled and the rest (often the slow, odd strings
    that only dateparser tries) is never parsed. Otherwise this is exactly the full vote.
    """
    order = _trust_order(hints, "published")
    cands: list[_Cand] = []
    scores: dict[date, float] = {}
    first_rank: dict[date, int] = {}
    voted: set[str] = set()
    for pos, i in enumerate(order):
        hint = hints[i]
        parsed = _parse(hint.value, tz, now)
        if parsed is None:
            continue
        cand = _Cand(i, hint.source, parsed)
        if cand.source not in voted:
            voted.add(cand.source)
            scores[parsed.day] = scores.get(parsed.day, 0) + _weight(cand.source)
            first_rank.setdefault(parsed.day, len(cands))
        cands.append(cand)
        lead = max(scores, key=lambda d: (scores[d], -first_rank[d]))
        best = next(c for c in cands if c.parsed.day == lead)
        if not best.parsed.precise or best.source not in STRONG_SOURCES:
            continue
        local = {c.parsed.day for c in cands if not c.parsed.utc and c.source != "htmldate"}
        if any(c.parsed.utc and c.parsed.day not in local for c in cands):
            continue  # a local date still to come may move a UTC instant's day
        to_come = {hints[j].source for j in order[pos + 1 :]} - voted
        runner_up = max((v for d, v in scores.items() if d != lead), default=0)
        if scores[lead] > runner_up + sum(_weight(src) for src in to_come):
            return _Parsed(best.parsed.dt, True, lead), best.source
    return _resolve_published(cands)


def _local_days(cands: list[_Cand]) -> list[_Cand]:
    """UTC-written instants moved to the neighbouring calendar day the page's local dates name.

    ``2023-11-09T05:30:59Z`` next to a URL ``/2023/11/08/`` or a dateline ``November 8, 2023 at
    11:30 p.m.`` was published on the 8th in the outlet's zone. A UTC instant moves only when no
    local date (a URL date, a date-only value, a naive or non-UTC time) names its own day,
    exactly one names the day before or after, and a real UTC offset (-12 h to +14 h) can
    reach that day from the instant.
    """
    local = {c.parsed.day for c in cands if not c.parsed.utc and c.source != "htmldate"}
    if not local or not any(c.parsed.utc for c in cands):
        return cands
    out = []
    for c in cands:
        p = c.parsed
        if p.utc and p.day not in local:
            near = [d for d in local if abs((d - p.day).days) == 1
                    and (p.dt - _WEST_MOST).date() <= d <= (p.dt + _EAST_MOST).date()]
            if len(near) == 1:
                c = c._replace(parsed=p._replace(day=near[0]))
        out.append(c)
    return out


def _resolve_published(cands: list[_Cand]) -> tuple[_Parsed | None, str | None]:
    if not cands:
        return None, None
    moved = {new.order for new, old in zip(_local_days(cands), cands, strict=True)
             if new.parsed.day != old.parsed.day}
    if moved:
        cands = _local_days(cands)
    # each source votes once, for the day of its most trusted hint
    scores: dict[date, float] = {}
    first_rank: dict[date, int] = {}
    voted: set[str] = set()
    for rank, c in enumerate(cands):
        if c.source not in voted:
            voted.add(c.source)
            scores[c.parsed.day] = scores.get(c.parsed.day, 0) + SOURCE_WEIGHTS.get(c.source, 1)
            first_rank.setdefault(c.parsed.day, rank)
    day = max(scores, key=lambda d: (scores[d], -first_rank[d]))
    same_day = [c for c in cands if c.parsed.day == day]
    best = same_day[0]
    sources = [best.source]
    chosen = best.parsed
    if not chosen.precise:
        # a time on another UTC day refines nothing, even when its instant was moved here
        precise = next((c for c in same_day if c.parsed.precise and c.order not in moved), None)
        if precise is not None:
            chosen = precise.parsed
            sources.append(precise.source)
    if best.source not in STRONG_SOURCES:
        sources += [c.source for c in same_day if c.source not in sources]
    return _Parsed(chosen.dt, chosen.precise, day), "+".join(sources)


def resolve_dates(
    hints: Iterable[DateHint], default_tz: str = "UTC", *, now: datetime | None = None
) -> ResolvedDates:
    """Weigh all hints for one article into published/modified datetimes (see module doc)."""
    hint_list = [h for h in hints if isinstance(h, DateHint)]
    published, source = _published(hint_list, default_tz, now)
    modified = _first_modified(hint_list, default_tz, now)
    if (published is not None and modified is not None and source
            and source.split("+")[0] not in STRONG_SOURCES
            and published.dt > modified.dt + _MODIFIED_SLACK):
        # a weak date later than the page's own last change is not its publication (an event
        # announced in the text, a teaser): vote again without such dates; a URL date, fixed
        # when the page was made, stays
        latest = modified.dt + _MODIFIED_SLACK
        hint_list = [h for h in hint_list if h.kind != "published" or h.source in _KEPT_SOURCES
                     or (p := _parse(h.value, default_tz, now)) is None or p.dt <= latest]
        published, source = _published(hint_list, default_tz, now)
    if published is None:
        return ResolvedDates(None, modified.dt if modified else None, None)
    if modified is not None and (
        modified.day < published.day if not modified.precise else modified.dt < published.dt
    ):
        modified = None  # a modification before publication is a wrong date, not a swap
    return ResolvedDates(published.dt, modified.dt if modified else None, source, published.day)
