"""Dates, step 1: one raw date string -> a timezone-aware UTC datetime.

Parsing (:func:`parse_date`)
    Fast explicit parsers first: epoch seconds/milliseconds and compact ``YYYYMMDD``; ISO 8601
    (``T`` or space, optional fraction, ``Z``/offset); month-name dates in English, Spanish,
    Catalan, Portuguese, Italian, French, German and Dutch (``January 28, 2026 3:15 p.m. CST``,
    ``Jan. 28, 2026``, ``Wed, 28 Jan 2026 15:15:00 GMT``, ``28 de enero de 2026``,
    ``28. Januar 2026``); numeric ``28/01/2026``, ``28.01.2026``, ``2026/01/28``, Korean
    ``2026. 1. 28.``. Slashed day/month is read day-first when the first number is above 12,
    month-first when the second is, and refused when both could be a month (``03/04/2026``); dotted dates are
    always day-first. Then RFC 2822 via :mod:`email.utils`, then dateparser for the long
    tail (year and month required, missing day -> the 1st, relative dates such as
    ``yesterday`` only when ``now`` is given).
    Time zones: an explicit offset or ``Z`` wins; US abbreviations (EST/EDT/CST/CDT/...,
    with ``ET``/``CT``/``MT``/``PT`` following daylight saving time) and a few common
    others are known; a naive value is wall time in ``default_tz`` (IANA name, DST-aware)
    and a bare date is midnight there; a UTC-written instant (``Z``, ``+00:00``, epoch) keeps
    its instant but falls on its calendar day in ``default_tz``. Everything is returned in UTC.
    Rejected: garbage, anything before 1990-01-01 and anything later than ``now`` + 1 day.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["Parsed", "parse_date", "parse_value", "warm_up"]

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
MONTH_ALT = "|".join(sorted((re.escape(w) for w in MONTHS), key=len, reverse=True))

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

TZ_ALT = "|".join(sorted(list(TZ_OFFSETS) + list(TZ_ZONES), key=len, reverse=True))
_TZ_RE = re.compile(
    rf"\s*(?:(?P<off>[+\-−]\d{{2}}(?::?\d{{2}})?)(?!\d)"
    rf"|\(?(?:GMT|UTC)\s*(?P<goff>[+\-−]\s*\d{{1,2}}(?::?\d{{2}})?)(?!\d)\)?"  # also "(GMT+7)"
    rf"|\(?(?P<abbr>{TZ_ALT})\)?(?![A-Za-z]))"
)
_TIME_RE = re.compile(
    r"(?<![\d:.])(?P<h>2[0-3]|[01]?\d)"
    r"(?:\s*(?::|h|\.(?=\d\d\s*(?:uhr|h\b|[ap]\.?\s?m\b)))\s*(?P<m>[0-5]\d))?"
    r"(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<ap>[ap]\.?\s?m\b\.?)?",
    re.I,
)
_ISO_RE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})-(\d{1,2})(?!\d)|(\d{2})(\d{2})(?=T\d))")
_YMD_RE = re.compile(r"(?<!\d)(\d{4})([/.]|\.\s)(\d{1,2})\2(\d{1,2})(?!\d)")  # also "2026. 1. 22."
_DMY_RE = re.compile(r"(?<![\d.])(\d{1,2})(/|-|\.\s?)(\d{1,2})\2(\d{4})(?!\d)")
SPACES_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MDY_WORDS_RE = re.compile(
    rf"(?<![^\W\d_])(?P<mon>{MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+"
    rf"(?P<year>\d{{4}})(?!\d)",
    re.I,
)
_DMY_WORDS_RE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:\.|º|°|er|st|nd|rd|th)?\s*(?:de\s+|of\s+)?"
    rf"(?P<mon>{MONTH_ALT})(?![^\W\d_])\.?,?\s*(?:de\s+|del\s+|de\s+l'|d')?(?P<year>\d{{4}})"
    rf"(?!\d)",
    re.I,
)
_LABEL_RE = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2}\s*:?\s+(?=\d{4}-)")
_CLOCK_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s*[ap]\.?\s?m\b\.?)?", re.I)
_HAS_TIME_RE = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}|\d\s*[ap]\.?\s?m\b", re.I)


class _Ambiguous:
    """Marker: the string is a date, but which one cannot be told."""


_AMBIGUOUS = _Ambiguous()


class Parsed(NamedTuple):
    """A parsed value: the UTC instant, whether it had a time, and its day as written.

    ``utc`` marks an instant written in UTC (``Z``, ``+00:00``, ``GMT``, epoch seconds): how
    servers store times, which says nothing about the outlet's own calendar day.
    ``local`` is the same instant in the offset the value was written in (else in
    ``default_tz``; a UTC-written instant in ``default_tz``, the outlet's zone).
    """

    dt: datetime
    precise: bool
    day: date
    utc: bool = False
    local: datetime | None = None

    def local_iso(self) -> str:
        """The value as the page wrote it: ISO 8601 with its offset, or the bare day
        (``2026-01-22``) for a value without a time."""
        if not self.precise:
            return self.day.isoformat()
        return (self.local or self.dt).isoformat()


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
) -> Parsed | None:
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
        return Parsed(local.astimezone(UTC), False, day, local=local)
    clock, own = found
    local = datetime.combine(day, clock, own or tz)
    return Parsed(local.astimezone(UTC), True, day, _is_utc(own, local), local)


def _parse_epoch(raw: str) -> Parsed | None:
    if re.fullmatch(r"\d{8}", raw):
        try:
            day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        except ValueError:
            return None
        return Parsed(datetime.combine(day, time(0), UTC), False, day)
    if re.fullmatch(r"\d{14}", raw):
        try:
            dt = datetime.strptime(raw, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            return None
        return Parsed(dt, True, dt.date())
    m = re.fullmatch(r"(\d{9,10}|\d{12,13})(?:\.\d+)?", raw)
    if not m:
        return None
    seconds = int(m[1]) / (1000 if len(m[1]) > 10 else 1)
    dt = datetime.fromtimestamp(seconds, UTC)
    return Parsed(dt, True, dt.date(), True)


# Digits of other scripts (Bengali "২৫", Devanagari "२६", Arabic-Indic "٢٤", Thai "๒๕")
_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")
# A clock written with a space after its colon, as a Bengali daily writes "১০: ০৫"
_SPACED_CLOCK_RE = re.compile(r"(?<!\d)(\d{1,2}):\s+(\d{2})(?!\d)")
# Thai dates: "วันที่ 25 มกราคม พ.ศ. 2569", "23 ม.ค. 69": the label "date", and a year of the
# Buddhist era (543 years ahead), four digits or its last two after a month
THAI_MONTH = (
    r"มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|"
    r"พฤศจิกายน|ธันวาคม|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|"
    r"ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\."
)
_THAI_YEAR_RE = re.compile(rf"(?P<mon>{THAI_MONTH})\s*(?:พ\.\s?ศ\.\s*)?(?P<year>25\d\d|\d\d)(?!\d)")
_THAI_LABEL_RE = re.compile(r"^วันที่\s*")


def _normalised(text: str) -> str:
    """A date string of another script made readable: its digits as ASCII ones, a clock's
    colon without the space after it, a Thai date's label dropped and its Buddhist-era year
    as the common era's."""
    if _OTHER_DIGIT_RE.search(text):
        text = _OTHER_DIGIT_RE.sub(lambda m: str(int(m[0])), text)
    text = _SPACED_CLOCK_RE.sub(r"\1:\2", text)
    if max(text) >= "\u0e00" and _THAI_YEAR_RE.search(text):
        text = _THAI_LABEL_RE.sub("", text)
        text = _THAI_YEAR_RE.sub(
            lambda m: f"{m['mon']} {(int(m['year']) + (2500 if len(m['year']) == 2 else 0)) - 543}", text
        )
    return text


def _parse_explicit(raw: str, tz: tzinfo) -> Parsed | _Ambiguous | None:
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


def _parse_rfc2822(raw: str, tz: tzinfo) -> Parsed | None:
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
    return Parsed(local.astimezone(UTC), True, naive.date(), parts[9] == 0, local)


def _parse_dateparser(raw: str, tz_name: str, now: datetime | None) -> Parsed | None:
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
    # the zone the string names after its clock time, if any: read here, from our own table,
    # and left out of what dateparser reads, which takes "IST" for Israel's zone, not India's
    # ("26 जनवरी 2026, 07:40 AM IST": tests/asiaweb)
    clock = _CLOCK_RE.search(raw)
    zone = _TZ_RE.match(raw, clock.end()) if clock else None
    own = _read_tz(zone.group()) if zone else None
    named = zone is not None and zone["abbr"] is not None
    if named:
        raw = raw[: zone.start()] + raw[zone.end():]
        settings["TIMEZONE"] = "UTC"
    try:
        data = DateDataParser(settings=settings).get_date_data(raw)
    except Exception:  # dateparser raises many kinds of errors on odd input
        return None
    dt = data.date_obj
    if dt is None:
        return None
    if named:
        dt = dt.replace(tzinfo=own)  # the wall time, in the named zone
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_zone(tz_name))
    dt = dt.astimezone(UTC)
    local = dt.astimezone(own or _zone(tz_name))
    return Parsed(dt, bool(_HAS_TIME_RE.search(raw)), local.date(), _is_utc(own, local), local)


# A string no locale reads: dateparser tries every one of its locales on it.
_NO_LOCALE_READS = "zq 12 xk 2020"


def warm_up(cache: bool = True) -> None:
    """Build dateparser's word lists and regexes for every locale now.

    dateparser builds them lazily, all at once, the first time a string that no common locale
    reads reaches it (about 1.5 s of CPU and 90 MB), and each locale's relative-date
    expressions the first time it translates a string. Called where worker processes are forked
    from (:mod:`newscrawl.extract.preload`), so no worker pays for it mid-crawl. With ``cache``,
    what was built is read from the user's cache folder, and written there when it was not
    (:mod:`~newscrawl.extract.dates.localecache`: about 0.2 s instead of 1.5).
    """
    from newscrawl.extract.dates import localecache

    loaded = cache and localecache.load()
    _parse_dateparser(_NO_LOCALE_READS, "UTC", None)  # the rest of the lazily built state
    if not loaded:
        try:
            localecache.build()
        except Exception:  # noqa: BLE001 - another dateparser's insides: it builds them itself
            return
        if cache:
            localecache.save()


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo else now.replace(tzinfo=UTC)


@lru_cache(maxsize=4096)
def _parse_cached(
    raw: str, tz_name: str, now: datetime | None, today: date | None = None
) -> Parsed | None:
    """Parse ``raw``; ``today`` only keys the cache when ``now`` is the real clock."""
    tz = _zone(tz_name)
    text = SPACES_RE.sub(" ", raw).strip()[:MAX_RAW_LEN]
    if not text:
        return None
    if not text.isascii():
        text = _normalised(text)
    try:
        parsed = (
            _parse_epoch(text)
            or _parse_explicit(text, tz)
            or _parse_rfc2822(text, tz)
            or _parse_dateparser(text, tz_name, now)
        )
    except (ValueError, OverflowError, OSError):
        return None
    if not isinstance(parsed, Parsed) or parsed.dt < MIN_DATE or parsed.dt > _now(now) + FUTURE_SLACK:
        return None
    if parsed.utc:  # a UTC-written instant falls on the outlet's own day, in its own time
        local = parsed.dt.astimezone(tz)
        parsed = parsed._replace(day=local.date(), local=local)
    elif parsed.local is None:
        parsed = parsed._replace(local=parsed.dt.astimezone(tz))
    return parsed


def parse_value(raw: object, default_tz: str = "UTC", now: datetime | None = None) -> Parsed | None:
    """:func:`parse_date` with the day as written and the precision kept (None for non-strings)."""
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
    parsed = parse_value(raw, default_tz, now)
    return parsed.dt if parsed else None

