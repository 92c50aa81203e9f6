"""Dates, step 3: all hints for one article -> its published and modified datetimes.

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
       A naive ISO time equal to the minute to a UTC-written value of the page is that value
       without its ``Z`` (a server time, not the outlet's clock) and is read as it. A UTC
       instant that the page also writes in an offset of its own (``11:48 p.m. ET`` beside
       ``04:48Z``) takes that value's day, whatever other dates name (a URL built from the UTC
       day).
       A page that writes one instant (published or modified) both in UTC and with a numeric
       offset of its own (``og:updated_time`` ``...T22:15:39-05:00`` beside ``...T03:15:39Z``)
       gives the outlet's offset, else the one zone the text's dateline names (``10:31 pm CST``,
       ``2:26 PM HST``): every UTC instant takes its day in that offset.
    6. A weak winner (time, url, text, htmldate) more than a day after the modified date is
       not the publication: the vote is run again without such weak dates (URL dates stay).
    7. A structured value given as both ``datePublished`` and ``dateModified`` is the last save,
       not the publication, when the page shows a precise publication 14 h..30 days earlier
       and none on its day: it leaves the vote (:func:`_without_saves`).
    Hints are parsed lazily, most trusted first: once the votes still to come cannot change
    the outcome, the rest are never parsed (the result is the same as parsing them all).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo

from newscrawl.extract.dates.parse import TZ_ALT, TZ_OFFSETS, TZ_ZONES, Parsed, parse_value
from newscrawl.items import DateHint

__all__ = ["SOURCE_WEIGHTS", "STRONG_SOURCES", "ResolvedDates", "resolve_dates"]

SOURCE_WEIGHTS: dict[str, float] = {
    "jsonld": 10, "meta": 9, "feed": 9, "sitemap": 8,
    "time": 5, "text": 4.5, "htmldate": 4, "url": 3,
}
STRONG_SOURCES = frozenset({"jsonld", "meta", "feed", "sitemap"})
# The widest real UTC offsets: a UTC instant's local day lies within these of it.
_WEST_MOST, _EAST_MOST = timedelta(hours=12), timedelta(hours=14)
_MODIFIED_SLACK = timedelta(days=1)
_KEPT_SOURCES = STRONG_SOURCES | {"url"}
_MIDNIGHT = time(0)


@dataclass(frozen=True)
class ResolvedDates:
    """The dates settled for one article.

    ``published_day`` and ``published_local`` are extra and left out of comparisons.
    ``published_day`` is the publication's calendar day as its source wrote it (in the value's
    own UTC offset, else in ``default_tz``), which can differ from ``published_at``'s UTC day
    for late-evening or early-morning stories. ``published_local`` is the publication time
    as ISO 8601 in that offset (``2026-01-22T16:05:00-06:00``), or the bare day
    (``2026-01-22``) when no source gave a time.
    """

    published_at: datetime | None
    modified_at: datetime | None
    date_source: str | None
    published_day: date | None = field(default=None, compare=False)
    published_local: str | None = field(default=None, compare=False)


class _Cand(NamedTuple):
    order: int
    source: str
    parsed: Parsed


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
    twins = _naive_twins(hints)
    out = []
    for i in _trust_order(hints, kind):
        parsed = parse_value(_zoned(hints[i].value, i in twins), tz, now)
        if parsed is not None:
            out.append(_Cand(i, hints[i].source, parsed))
    return out


def _first_modified(hints: list[DateHint], tz: str, now: datetime | None) -> Parsed | None:
    """The most trusted modified hint that parses (later ones are never parsed)."""
    twins = _naive_twins(hints)
    for i in _trust_order(hints, "modified"):
        parsed = parse_value(_zoned(hints[i].value, i in twins), tz, now)
        if parsed is not None:
            return parsed
    return None


def _published(
    hints: list[DateHint], tz: str, now: datetime | None
) -> tuple[Parsed | None, str | None]:
    """:func:`_resolve_published` over the published hints, parsing them lazily.

    Hints are parsed most trusted first. As soon as the leading day's most trusted hint is a
    precise one from a strong source and the sources still to come could not outvote that
    day even all together, the answer is settled and the rest (often the slow, odd strings
    that only dateparser tries) is never parsed. Otherwise this is exactly the full vote.
    """
    order = _trust_order(hints, "published")
    twins = _naive_twins(hints)
    offset = _outlet_offset(hints, tz, now)
    cands: list[_Cand] = []
    scores: dict[date, float] = {}
    first_rank: dict[date, int] = {}
    voted: set[str] = set()
    for pos, i in enumerate(order):
        hint = hints[i]
        parsed = parse_value(_zoned(hint.value, i in twins), tz, now)
        if parsed is None:
            continue
        cand = _Cand(i, hint.source, parsed)
        day = _day_in(parsed, offset)
        if cand.source not in voted:
            voted.add(cand.source)
            scores[day] = scores.get(day, 0) + _weight(cand.source)
            first_rank.setdefault(day, len(cands))
        cands.append(cand)
        lead = max(scores, key=lambda d: (scores[d], -first_rank[d]))
        best = next(c for c in cands if _day_in(c.parsed, offset) == lead)
        if not best.parsed.precise or best.source not in STRONG_SOURCES:
            continue
        if offset is None:  # with the outlet's offset, no other date moves a UTC instant
            local = {c.parsed.day for c in cands if not c.parsed.utc and c.source != "htmldate"}
            if any(c.parsed.utc and c.parsed.day not in local for c in cands):
                continue  # a local date still to come may move a UTC instant's day
            if any(c.parsed.utc and _same_instant(c, cands) for c in cands):
                continue  # one written in the outlet's own offset moves it (rule 5)
        to_come = {hints[j].source for j in order[pos + 1 :]} - voted
        runner_up = max((v for d, v in scores.items() if d != lead), default=0)
        if scores[lead] > runner_up + sum(_weight(src) for src in to_come):
            return best.parsed._replace(day=lead), best.source
    return _resolve_published(cands, offset)


def _day_in(parsed: Parsed, offset: tzinfo | None) -> date:
    """The day ``parsed`` votes for: a precise UTC-written instant's in the outlet's ``offset``
    when the page gives one (:func:`_outlet_offset`), else its day as written. Midnight UTC
    to the second (``2019-11-19T00:00:00Z``) is how many sites write a bare day: it keeps it."""
    if (offset is not None and parsed.utc and parsed.precise
            and parsed.dt.time() != _MIDNIGHT):
        return parsed.dt.astimezone(offset).date()
    return parsed.day


_ISO_CLOCK_RE = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*"
    r"(Z|[+-]00:?00|UTC|GMT)?\s*$", re.I)


def _naive_twins(hints: list[DateHint]) -> frozenset[int]:
    """Indexes of naive ISO times that are a UTC-written value with its zone dropped.

    ``2019-11-20T01:50:59`` in a meta tag beside JSON-LD ``2019-11-20T01:50:59Z`` is the same
    server time written without its ``Z``, not the outlet's wall clock: it is read as that UTC
    instant (:func:`_zoned`), so it names no local day and its day can move (rule 7). Equal
    to the minute; read from the strings, so the lazy vote knows it before parsing anything.
    """
    naive: dict[str, list[int]] = {}
    utc: set[str] = set()
    for i, hint in enumerate(hints):
        if isinstance(hint.value, str) and (m := _ISO_CLOCK_RE.match(hint.value)):
            key = f"{m[1]} {m[2]}"
            if m[3]:
                utc.add(key)
            else:
                naive.setdefault(key, []).append(i)
    twins = {i for key in utc & naive.keys() for i in naive[key]}
    # a structured naive time that the text shows an offset later is UTC too
    structured = {key for key in naive.keys() - utc
                  if any(hints[i].source in STRONG_SOURCES for i in naive[key])}
    if structured:
        shown = _shown_clocks(hints)
        twins.update(i for key in structured if _utc_of_shown(key, shown) for i in naive[key]
                     if hints[i].source in STRONG_SOURCES)
    return frozenset(twins)


_QUARTER_HOUR = timedelta(minutes=15)


def _shown_clocks(hints: list[DateHint]) -> list[tuple[datetime, bool]]:
    """The published times the page's text shows: each as its wall clock (naive) and whether it
    named its own zone (then as its UTC instant, naive)."""
    out = []
    for hint in hints:
        if hint.source == "text" and hint.kind == "published":
            p = parse_value(hint.value)
            if p is not None and p.precise and not p.utc and p.local is not None:
                own_zone = p.local.utcoffset() != timedelta(0)
                out.append(((p.dt if own_zone else p.local).replace(tzinfo=None), own_zone))
    return out


def _utc_of_shown(key: str, shown: list[tuple[datetime, bool]]) -> bool:
    """True when the naive machine time ``key`` is, in UTC, a time the page's text shows on the
    outlet's clock: the same minute, a real offset (-12 h..+14 h, in quarter hours) apart
    (``2026-01-21T23:45:00`` in a meta tag beside ``Stand: 22.01.2026 00:45 Uhr``), or the same
    instant when the text names its zone."""
    machine = datetime.fromisoformat(key)
    for clock, own_zone in shown:
        gap = clock - machine
        if own_zone and gap == timedelta(0):
            return True
        if (not own_zone and gap and -_WEST_MOST <= gap <= _EAST_MOST
                and gap % _QUARTER_HOUR == timedelta(0)):
            return True
    return False


def _zoned(value: object, twin: bool) -> object:
    """A naive twin of a UTC-written value (:func:`_naive_twins`) as the UTC value it is."""
    return f"{str(value).strip()}Z" if twin else value


def _local_days(cands: list[_Cand], offset: tzinfo | None = None) -> list[_Cand]:
    """UTC-written instants moved to the neighbouring calendar day the page's local dates name.

    With the outlet's ``offset`` (:func:`_outlet_offset`) a UTC instant takes its day in that
    offset, whatever other dates name.

    ``2023-11-09T05:30:59Z`` next to a URL ``/2023/11/08/`` or a dateline ``November 8, 2023 at
    11:30 p.m.`` was published on the 8th in the outlet's zone. A UTC instant moves only when no
    local date (a URL date, a date-only value, a naive or non-UTC time) names its own day,
    exactly one names the day before or after, and a real UTC offset (-12 h to +14 h) can
    reach that day from the instant.
    """
    if offset is not None:
        return [c._replace(parsed=c.parsed._replace(day=_day_in(c.parsed, offset))) for c in cands]
    local = {c.parsed.day for c in cands if not c.parsed.utc and c.source != "htmldate"}
    if not local or not any(c.parsed.utc for c in cands):
        return cands
    out = []
    for c in cands:
        p = c.parsed
        if p.utc and (twin := _same_instant(c, cands)) is not None:
            c = c._replace(parsed=p._replace(day=twin.day))
        elif p.utc and p.day not in local:
            near = [d for d in local if abs((d - p.day).days) == 1
                    and (p.dt - _WEST_MOST).date() <= d <= (p.dt + _EAST_MOST).date()]
            if len(near) == 1:
                c = c._replace(parsed=p._replace(day=near[0]))
        out.append(c)
    return out


# a machine time with a numeric offset other than zero: "2019-11-18T22:15:39-05:00"
_OFFSET_CLOCK_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*[+-]"
                              r"(?!00:?00)(?:0\d|1[0-4]):?[0-5]\d\s*$")
# a zone word or a numeric offset after a clock time, in the text
_ZONE_WORD_RE = re.compile(
    rf"\d[^\d]{{0,8}}?(?:(?<![A-Za-z])(?P<word>{TZ_ALT})(?![A-Za-z+\-−])|(?P<num>[+\-]\d{{2}}:?\d{{2}})(?!\d))")
# a value that may be written in UTC (tested before parsing it)
_UTC_WRITTEN_RE = re.compile(r"Z\s*$|[+-]00:?00\s*$|GMT|UTC", re.I)


def _outlet_offset(hints: list[DateHint], tz: str, now: datetime | None) -> tzinfo | None:
    """The outlet's UTC offset, for the day of a UTC-written publication instant.

    Read from the page, strings tested before anything is parsed, and asked only when a
    published value may be written in UTC (:func:`_paired_offset`, else :func:`_shown_offset`).
    A UTC instant then takes its day in that offset, whatever a date-only value made from the
    UTC day or a URL built from it names."""
    if not any(h.kind == "published" and isinstance(h.value, str) and _UTC_WRITTEN_RE.search(h.value)
               for h in hints):
        return None
    offset = _paired_offset(hints, tz, now)
    return timezone(offset) if offset is not None else _shown_offset(hints)


def _paired_offset(hints: list[DateHint], tz: str, now: datetime | None) -> timedelta | None:
    """The offset of a machine value (ISO with a numeric offset) that writes, to the minute, the
    instant of a UTC-written value of the page (published or modified): ``og:updated_time``
    ``2019-11-18T22:15:39-05:00`` beside JSON-LD ``dateModified`` ``2019-11-19T03:15:39Z``."""
    zoned = [h for h in hints if h.source != "htmldate" and isinstance(h.value, str)
             and _OFFSET_CLOCK_RE.search(h.value)]
    if not zoned:
        return None
    instants = {}
    for h in zoned:
        p = parse_value(h.value, tz, now)
        if p is not None and p.precise and p.local is not None and p.local.utcoffset():
            instants[p.dt.replace(second=0, microsecond=0)] = p.local.utcoffset()
    if not instants:
        return None
    for h in hints:
        if (h.source != "htmldate" and isinstance(h.value, str) and _UTC_WRITTEN_RE.search(h.value)
                and h not in zoned):
            p = parse_value(h.value, tz, now)
            if p is not None and p.utc and p.precise and (
                    off := instants.get(p.dt.replace(second=0, microsecond=0))) is not None:
                return off
    return None


def _shown_offset(hints: list[DateHint]) -> tzinfo | None:
    """The one zone other than UTC that the page's dateline writes its times in (``Nov 19,
    2019, 10:31 pm CST``, ``2:26 PM HST``, ``10:05 pm ET``, ``23:30 +0100``): the outlet's clock
    as its readers see it. Read from the zone word alone, nothing parsed; None when the text
    names no zone, or two."""
    found: set[tzinfo] = set()
    for h in hints:
        if h.source == "text" and isinstance(h.value, str) and (m := _ZONE_WORD_RE.search(h.value)):
            zone = _zone_of(m)
            if zone is not None:
                found.add(zone)
    return found.pop() if len(found) == 1 else None


def _zone_of(m: re.Match[str]) -> tzinfo | None:
    """The zone a :data:`_ZONE_WORD_RE` match names; None for UTC itself."""
    if m["word"]:
        if m["word"] in TZ_ZONES:
            return ZoneInfo(TZ_ZONES[m["word"]])
        minutes = TZ_OFFSETS[m["word"]]
    else:
        sign, hours, mins = m["num"][0], int(m["num"][1:3]), int(m["num"][-2:])
        minutes = (hours * 60 + mins) * (1 if sign == "+" else -1)
    return timezone(timedelta(minutes=minutes)) if minutes else None


def _same_instant(utc: _Cand, cands: list[_Cand]) -> Parsed | None:
    """The value of the page that writes ``utc``'s instant (to the minute) in an offset of its
    own, on another calendar day: ``Jan. 22, 2026, 11:48 p.m. ET`` beside JSON-LD
    ``2026-01-23T04:48:00Z``. The outlet's day is that one's, whatever other dates (a URL made
    from the UTC day) name."""
    for c in cands:
        p = c.parsed
        if (not p.utc and p.precise and c.source != "htmldate" and p.day != utc.parsed.day
                and p.local is not None and p.local.utcoffset() is not None
                and abs((p.dt - utc.parsed.dt).total_seconds()) < 60):
            return p
    return None


def _resolve_published(
    cands: list[_Cand], offset: tzinfo | None = None
) -> tuple[Parsed | None, str | None]:
    if not cands:
        return None, None
    local = _local_days(cands, offset)
    moved = {new.order for new, old in zip(local, cands, strict=True)
             if new.parsed.day != old.parsed.day}
    if moved:
        cands = local
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
    return chosen._replace(day=day), "+".join(sources)


# how much earlier than a structured "publication" that is the last save a shown publication
# must be: more than any offset apart, so it is not the same moment on another clock
_SAVE_GAP = timedelta(hours=14)
_SAVE_WINDOW = timedelta(days=30)


def _without_saves(hints: list[DateHint], tz: str, now: datetime | None) -> list[DateHint]:
    """``hints`` without the structured published values that are the page's last save.

    One string given both as JSON-LD or meta ``datePublished`` and ``dateModified`` is a save
    when a precise publication the page shows (``<time>``, a dateline) lies more than 14 hours
    (any offset) and at most 30 days before it, and none it shows is on its day:
    ``2019-11-19 19:31:39`` as both beside ``November 18, 2019 -- 19:14 GMT`` is a story of the
    18th. The strings are compared before anything is parsed."""
    modified = {h.value for h in hints if h.kind == "modified"}
    saves = {h.value for h in hints
             if h.kind == "published" and h.source in STRONG_SOURCES and h.value in modified}
    if not saves or not any(h.kind == "published" and h.source in ("time", "text") for h in hints):
        return hints
    shown = [p for h in hints if h.kind == "published" and h.source in ("time", "text")
             and (p := parse_value(h.value, tz, now)) is not None]
    drop = {v for v in saves if (p := parse_value(v, tz, now)) is not None and p.precise
            and all(q.day != p.day for q in shown)
            and any(q.precise and _SAVE_GAP < p.dt - q.dt <= _SAVE_WINDOW for q in shown)}
    if not drop:
        return hints
    return [h for h in hints if not (h.kind == "published" and h.source in STRONG_SOURCES
                                     and h.value in drop)]


def resolve_dates(
    hints: Iterable[DateHint], default_tz: str = "UTC", *, now: datetime | None = None
) -> ResolvedDates:
    """Weigh all hints for one article into published/modified datetimes (see module doc)."""
    hint_list = [h for h in hints if isinstance(h, DateHint)]
    hint_list = _without_saves(hint_list, default_tz, now)
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
                     or (p := parse_value(h.value, default_tz, now)) is None or p.dt <= latest]
        published, source = _published(hint_list, default_tz, now)
    if published is None:
        return ResolvedDates(None, modified.dt if modified else None, None)
    if modified is not None and (
        modified.day < published.day if not modified.precise else modified.dt < published.dt
    ):
        modified = None  # a modification before publication is a wrong date, not a swap
    return ResolvedDates(published.dt, modified.dt if modified else None, source, published.day,
                         _local_time(published, hint_list, default_tz, now))


def _local_time(published: Parsed, hints: list[DateHint], tz: str, now: datetime | None) -> str:
    """``published_local``: the value as the page wrote it, unless the day was read in the
    outlet's own clock (a UTC instant of the 19th that the outlet dates the 18th: rules 5 and
    the outlet's offset); then the instant in the outlet's offset when the page gives it
    (:func:`_outlet_offset`), else the bare day. Its date is always ``published.day``."""
    local = published.local_iso()
    if local[:10] == published.day.isoformat():
        return local
    offset = _outlet_offset(hints, tz, now)
    shifted = published.dt.astimezone(offset) if offset is not None else None
    if shifted is not None and shifted.date() == published.day:
        return shifted.isoformat()
    return published.day.isoformat()
