"""GDELT DOC 2.0 API: topic queries in GDELT syntax, ArtList request URLs, response parsing.

Pure functions, no Scrapy and no network (the spider fetches). Full notes in ``docs/gdelt.md``.

GDELT finds candidate URLs; newscrawl's own topic stage re-checks every fetched article
with the real query. So the translated query only has to keep recall: it is built as an
**over-approximation** of the topic query (every article the topic query matches should
match the GDELT query too), in the one shape GDELT accepts -- terms, quoted phrases and
``(a OR b)`` groups joined by AND, plus ``-term`` exclusions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import product
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from newscrawl.discover.feeds import DiscoveredLink
from newscrawl.items import DateHint
from newscrawl.judge.query import And, Not, Or, Term, tokenize
from newscrawl.judge.topics import Query, parse_query
from newscrawl.settings import default

__all__ = [
    "DEFAULT_API",
    "MAX_QUERY_CHARS",
    "MAX_RECORDS",
    "GdeltError",
    "artlist_url",
    "artlist_urls",
    "artlist_window",
    "gdelt_notes",
    "gdelt_query",
    "parse_artlist",
]

DEFAULT_API: str = default("NEWSCRAWL_GDELT_API")
DEFAULT_WINDOW = timedelta(hours=default("NEWSCRAWL_GDELT_WINDOW_HOURS"))  # one ArtList request's span
MAX_RECORDS = 250  # GDELT's ceiling for maxrecords in ArtList mode
# GDELT answers "Your query was too short or too long." without saying where "too long"
# starts; this is newscrawl's cautious limit on the query text, not a published number.
MAX_QUERY_CHARS = 1000
MIN_KEYWORD = 3  # GDELT refuses one-letter keywords; shorter than 3 is left out (not sent)
MIN_PHRASE = 5  # GDELT refuses short quoted phrases ("The specified phrase is too short.")
MAX_CLAUSES = 16  # cap on AND-ed OR-groups when an OR of ANDs is distributed
_OPERATORS = frozenset({"and", "or", "not"})  # never sent as bare keywords

_OVERRIDE_HINT = (
    "write the GDELT query yourself: add gdelt_query = '''...''' to the [topic] table of the "
    'topic file, in GDELT syntax (space = AND, (a OR b), "a phrase", -word; see docs/gdelt.md)'
)


class GdeltError(ValueError):
    """A topic query GDELT cannot take, or a GDELT answer that is not an article list."""


# --------------------------------------------------------------------------- query


@dataclass(frozen=True)
class _Approx:
    """``AND`` of ``clauses`` (each an OR-group of atoms) and of ``-atom`` for ``negs``.

    Atoms are GDELT keywords or quoted phrases, lowercased (GDELT ignores case); no
    clauses and no negs means "no constraint" (true).
    """

    clauses: frozenset[frozenset[str]] = frozenset()
    negs: frozenset[str] = frozenset()


def _minimal(clauses: set[frozenset[str]] | frozenset[frozenset[str]]) -> frozenset[frozenset[str]]:
    """Drop clauses that contain another clause (``a AND (a OR b)`` is ``a``)."""
    ordered = sorted(clauses, key=len)
    kept: list[frozenset[str]] = []
    for clause in ordered:
        if not any(k <= clause for k in kept):
            kept.append(clause)
    return frozenset(kept)


def _smallest(clauses: frozenset[frozenset[str]], n: int) -> list[frozenset[str]]:
    return sorted(clauses, key=lambda c: (len(c), sorted(c)))[: max(1, n)]


class _Translator:
    """Walks the parsed topic tree (``newscrawl.judge.query`` nodes) into an :class:`_Approx`."""

    def __init__(self) -> None:
        self.display: dict[str, str] = {}  # lowercased atom -> as first written
        self.order: dict[str, int] = {}
        self.notes: dict[str, None] = {}  # what the translation loses, in order, once each

    def note(self, text: str) -> None:
        self.notes.setdefault(text, None)

    def atom(self, tokens: list[str]) -> str | None:
        """One keyword or quoted phrase, or None if GDELT would refuse it."""
        if len(tokens) == 1:
            word = tokens[0]
            if len(word) < MIN_KEYWORD or word.lower() in _OPERATORS:
                return None
            text = word
        else:
            text = " ".join(tokens)
            if len(text) < MIN_PHRASE:
                return None
            text = f'"{text}"'
        key = text.lower()
        self.display.setdefault(key, text)
        self.order.setdefault(key, len(self.order))
        return key

    def variants(self, term: Term) -> list[str | None]:
        """The atoms a term becomes: as written, plus the accent-folded form if different.

        ``prefix*`` becomes the bare prefix (GDELT has no wildcards). ``=Exact`` terms keep
        their case in the text sent, but GDELT compares case-insensitively anyway.
        """
        parsed = [tok for tok, _ in term.parts]
        if term.exact:
            return [self.atom(parsed)]
        body = term.key.strip('"')
        written = [t.lower() for word in body.split() for t in tokenize(word.rstrip("*"))]
        forms = [written] if written and written != parsed else []
        return [self.atom(form) for form in (*forms, parsed)]

    def term(self, term: Term, negated: bool) -> _Approx:
        """One term, or its negation, as one OR-group of variants or as exclusions."""
        name = f"NOT {term.key}" if negated else term.key
        if negated and term.exact:
            # -word drops every case of the word: only sound for case-insensitive terms.
            self.note(f"{name} is left out: GDELT would exclude every case of it")
            return _Approx()
        atoms = self.variants(term)
        if None in atoms and (not negated or all(a is None for a in atoms)):
            self.note(f"{name} is left out: too short for GDELT (or an operator word)")
            return _Approx()  # no constraint: the query around it gets wider, never narrower
        sent = " OR ".join(("-" if negated else "") + self.display[a] for a in atoms if a)
        if any(prefix for _, prefix in term.parts):
            lost = "are not excluded" if negated else "are found only through other terms"
            self.note(f"{name} is sent as {sent}: GDELT has no wildcards, so longer word forms {lost}")
        elif term.exact:
            self.note(f"{name} is sent as {sent}: GDELT ignores case")
        kept = frozenset(a for a in atoms if a is not None)
        return _Approx(negs=kept) if negated else _Approx(clauses=frozenset({kept}))

    def approx(self, node: object, negated: bool = False) -> _Approx:
        if isinstance(node, Not):
            return self.approx(node.child, not negated)
        if isinstance(node, Term):
            return self.term(node, negated)
        if not isinstance(node, (And, Or)):
            raise TypeError(f"unexpected query node {node!r}")
        children = [self.approx(child, negated) for child in node.children]
        if isinstance(node, And) != negated:  # AND, or NOT over OR (De Morgan)
            return _Approx(
                _minimal({c for ch in children for c in ch.clauses}),
                frozenset().union(*(ch.negs for ch in children)),
            )
        return self.disjoin(children)

    def disjoin(self, children: list[_Approx]) -> _Approx:
        """OR of approximations: distribute into AND-ed OR-groups, at most MAX_CLAUSES."""
        negs = frozenset.intersection(*(ch.negs for ch in children))
        if any(not ch.clauses for ch in children):
            return _Approx(negs=negs)  # one branch is unconstrained: so is the OR
        acc = children[0].clauses
        for child in children[1:]:
            right = _smallest(child.clauses, MAX_CLAUSES)
            left = _smallest(acc, MAX_CLAUSES // len(right))
            if len(left) < len(acc) or len(right) < len(child.clauses):
                self.note(f"an OR of AND-groups is widened to at most {MAX_CLAUSES} OR-groups")
            acc = _minimal({a | b for a, b in product(left, right)})
        return _Approx(acc, negs)

    def render(self, approx: _Approx) -> str:
        def rank(atom: str) -> int:
            return self.order[atom]

        groups = sorted(approx.clauses, key=lambda c: (len(c), sorted(map(rank, c))))
        parts = []
        for clause in groups:
            shown = [self.display[a] for a in sorted(clause, key=rank)]
            parts.append(shown[0] if len(shown) == 1 else "(" + " OR ".join(shown) + ")")
        parts += ["-" + self.display[a] for a in sorted(approx.negs, key=rank)]
        return " ".join(parts)


def _translate(query: Query | str) -> tuple[_Translator, _Approx]:
    parsed = parse_query(query) if isinstance(query, str) else query
    translator = _Translator()
    return translator, translator.approx(parsed.root)


def gdelt_notes(query: Query | str) -> list[str]:
    """What :func:`gdelt_query` loses or widens for this query, one sentence each."""
    return list(_translate(query)[0].notes)


def gdelt_query(query: Query | str) -> str:
    """Translate a topic query (or its source text) into a GDELT DOC query that over-approximates it.

    Raises :class:`GdeltError` when nothing searchable is left or the result is longer than
    :data:`MAX_QUERY_CHARS`; :class:`newscrawl.judge.query.QueryError` for a malformed source.
    """
    translator, approx = _translate(query)
    if not approx.clauses:
        raise GdeltError(
            "the topic query leaves nothing GDELT can search for (GDELT refuses words shorter "
            f"than {MIN_KEYWORD} letters, and a branch without any word it accepts matches "
            "anything); " + _OVERRIDE_HINT
        )
    text = translator.render(approx)
    if len(text) > MAX_QUERY_CHARS:
        raise GdeltError(
            f"the topic query becomes a GDELT query of {len(text)} characters, more than the "
            f"{MAX_QUERY_CHARS} newscrawl sends; " + _OVERRIDE_HINT
        )
    return text


# --------------------------------------------------------------------------- URLs


def _gdelt_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def artlist_window(url: str) -> tuple[datetime | None, datetime | None]:
    """The time window an ArtList URL asked for (its ``startdatetime`` and ``enddatetime``)."""
    query = parse_qs(urlsplit(url).query)
    window = []
    for name in ("startdatetime", "enddatetime"):
        try:
            window.append(datetime.strptime(query[name][0], "%Y%m%d%H%M%S").replace(tzinfo=UTC))
        except (KeyError, IndexError, ValueError):
            window.append(None)
    return window[0], window[1]


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (with a time zone), got {moment!r}")
    return moment.astimezone(UTC)


def artlist_url(
    query: str, start: datetime, end: datetime, *, api: str = DEFAULT_API, max_records: int = MAX_RECORDS
) -> str:
    """The ArtList request for articles GDELT saw in ``[start, end)`` (oldest first)."""
    if not 1 <= max_records <= MAX_RECORDS:
        raise ValueError(f"max_records must be between 1 and {MAX_RECORDS}, got {max_records}")
    params = {
        "query": query,
        "mode": "ArtList",
        "format": "json",
        "maxrecords": str(max_records),
        "startdatetime": _gdelt_time(_utc(start, "start")),
        "enddatetime": _gdelt_time(_utc(end, "end")),
        "sort": "DateAsc",
    }
    return f"{api}?{urlencode(params, quote_via=quote, safe='')}"


def artlist_urls(
    query: str,
    start: datetime,
    end: datetime,
    *,
    api: str = DEFAULT_API,
    window: timedelta = DEFAULT_WINDOW,
    max_records: int = MAX_RECORDS,
) -> list[str]:
    """One ArtList URL per ``window`` from ``start`` to ``end`` (aware datetimes).

    Each window's end is the next one's start; the last window stops at ``end``. Times are
    whole seconds in UTC (``start`` rounded down, ``end`` up), so nothing is left out.
    """
    start, end = _utc(start, "start"), _utc(end, "end")
    if window < timedelta(seconds=1):
        raise ValueError(f"window must be at least one second, got {window}")
    start = start.replace(microsecond=0)
    if end.microsecond:
        end = end.replace(microsecond=0) + timedelta(seconds=1)
    urls = []
    while start < end:
        stop = min(start + window, end)
        urls.append(artlist_url(query, start, stop, api=api, max_records=max_records))
        start = stop
    return urls


# --------------------------------------------------------------------------- responses

_SEENDATE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")


def _seen(value: str) -> str:
    """``20260127T143000Z`` -> ``2026-01-27T14:30:00Z`` (other forms are kept as they are)."""
    m = _SEENDATE.fullmatch(value.strip())
    if not m:
        return value.strip()
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def parse_artlist(body: bytes) -> list[DiscoveredLink]:
    """Links of an ArtList JSON answer; ``{}`` (no results) gives ``[]``.

    Each link carries GDELT's ``seendate`` (when GDELT saw the URL, not when it was
    published) as a weak ``DateHint(..., "gdelt", "published")``. A plain-text error body
    (GDELT's way of refusing a query) or broken JSON raises :class:`GdeltError`.
    """
    text = body.decode("utf-8-sig", "replace").strip()
    excerpt = text[:200]
    if not text.startswith(("{", "[")):
        raise GdeltError(
            f"GDELT answered with an error, not JSON: {excerpt!r}"
            if text
            else "GDELT answered with an empty body"
        )
    try:
        data = json.loads(text, strict=False)  # titles may hold raw control characters
    except json.JSONDecodeError as exc:
        raise GdeltError(f"broken JSON from GDELT ({exc.msg}): {excerpt!r}") from None
    if not isinstance(data, dict):
        raise GdeltError(f"not a GDELT article list: {excerpt!r}")
    articles = data.get("articles", [])
    if not isinstance(articles, list):
        raise GdeltError(f"not a GDELT article list ('articles' is not a list): {excerpt!r}")
    links: list[DiscoveredLink] = []
    seen: set[str] = set()
    for article in articles:
        if not isinstance(article, dict):
            continue
        url = article.get("url")
        if not isinstance(url, str) or not url.strip().startswith(("http://", "https://")):
            continue
        url = url.strip()
        if url in seen:
            continue
        seen.add(url)
        title = article.get("title")
        title = (title.strip() or None) if isinstance(title, str) else None
        seendate = article.get("seendate")
        hints: tuple[DateHint, ...] = ()
        if isinstance(seendate, str) and seendate.strip():
            hints = (DateHint(_seen(seendate), "gdelt", "published"),)
        links.append(DiscoveredLink(url, title, hints))
    return links
