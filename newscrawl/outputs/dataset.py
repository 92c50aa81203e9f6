"""What an export is made of, shared by the export and its datasheet.

The exported columns (:class:`Field`, :data:`FIELDS`) and how each kind looks in each format
(:data:`KIND_TYPES`), the filters that choose the rows (:class:`ExportFilters`) and the counts
gathered while writing them (:class:`ExportStats`). :mod:`newscrawl.outputs.export` writes the
file and :mod:`newscrawl.outputs.datasheet` describes it; both import these from here, so
neither needs the other's types.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FIELDS", "FIELD_NAMES", "KIND_TYPES", "ExportFilters", "ExportStats", "Field"]


@dataclass(frozen=True)
class Field:
    """One exported column: its name, kind (int, str, timestamp, list, topics) and meaning."""

    name: str
    kind: str
    meaning: str


FIELDS: tuple[Field, ...] = (
    Field("id", "int", "Article id in the source database (stable within that database)."),
    Field("url", "str", "Canonical URL (rel=canonical/og:url on the outlet's site, tracking parameters "
                         "and AMP forms removed)."),
    Field("outlet", "str", "Outlet slug (see the outlets table of the datasheet)."),
    Field("outlet_name", "str", "Outlet name."),
    Field("title", "str", "Headline, without the ' | Outlet' suffix."),
    Field("authors", "list", "Bylines: a list of people's names (empty when the page names none)."),
    Field("credit", "list", "The byline's organisations: wire services, agencies, outlets, desks and "
                            "staff credits (e.g. [\"Associated Press\"]); empty when none; null for "
                            "articles stored before newscrawl recorded it."),
    Field("published_at", "timestamp", "Publication time in UTC; empty when no trustworthy date was found."),
    Field("published_local", "str", "Publication time as the page gave it: ISO 8601 with the page's "
                                    "UTC offset (else the outlet's zone), or just the day when no time "
                                    "was given."),
    Field("published_day", "str", "Publication day (YYYY-MM-DD) in the outlet's own calendar, the day the "
                                  "date filters and the per-month counts use; the UTC day for articles "
                                  "stored before it was recorded whose outlet's zone was unknown."),
    Field("modified_at", "timestamp", "Last modification time the page declares, in UTC; may be empty."),
    Field("date_source", "str", "Where published_at came from: feed, sitemap, jsonld, meta, time, url, "
                                "htmldate or text."),
    Field("language", "str", "ISO 639-1 language code of the text."),
    Field("description", "str", "The page's own summary (meta description)."),
    Field("text", "str", "Clean main text extracted by trafilatura; paragraphs separated by blank lines."),
    Field("word_count", "int", "Words in text."),
    Field("cluster_id", "int", "Syndication cluster: the id of the first stored copy of the same (or nearly "
                               "the same) text, shared by every copy; an article alone has its own id. "
                               "The story's first copy is its earliest published."),
    Field("copies", "int", "How many articles of the cluster pass this export's filters (1 = not "
                           "syndicated); without --include-duplicates the others are not in the file."),
    Field("topics", "topics", "Topics the article matched: topic slug, score and the query terms that hit "
                              "with their counts."),
    Field("text_hash", "str", "SHA-1 of the normalized text (case, punctuation and spacing ignored)."),
    Field("fetched_url", "str", "The URL actually fetched (may differ from url)."),
    Field("first_seen_at", "timestamp", "When newscrawl first stored the article (UTC)."),
    Field("last_seen_at", "timestamp", "When newscrawl last saw the article (UTC)."),
    Field("crawl_run_id", "int", "The crawl run that stored the article (see the runs in the datasheet)."),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)

# What each kind looks like in each format (for the datasheet).
KIND_TYPES: dict[str, dict[str, str]] = {
    "int": {"parquet": "int64", "csv": "integer", "jsonl": "number"},
    "str": {"parquet": "string", "csv": "text", "jsonl": "string"},
    "timestamp": {"parquet": "timestamp[us, tz=UTC]", "csv": "ISO 8601 text, UTC (+00:00)",
                  "jsonl": "string, ISO 8601 UTC (+00:00)"},
    "list": {"parquet": "list<string>", "csv": 'JSON list as text, e.g. ["A. Name"]',
             "jsonl": "array of strings"},
    "topics": {"parquet": "list<struct<topic: string, score: double, terms: list<struct<term: string, "
                          "hits: int64>>>>",
               "csv": 'JSON list as text: [{"topic": "slug", "score": 1.5, "terms": [{"term": "ICE", '
                      '"hits": 2}]}]',
               "jsonl": 'array: [{"topic": "slug", "score": 1.5, "terms": [{"term": "ICE", "hits": 2}]}]'},
}


def topics_as_list(topics: Any) -> list[dict[str, Any]]:
    """An article's topics as every output gives them: ``[{"topic": slug, "score": float,
    "terms": [{"term": term, "hits": int}]}]`` (stored: ``{slug: {score, terms: {term: hits}}}``)."""
    if not isinstance(topics, dict):
        return []
    out = []
    for slug, match in topics.items():
        match = match if isinstance(match, dict) else {}
        score = match.get("score")
        terms = match.get("terms")
        out.append({
            "topic": str(slug),
            "score": float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None,
            "terms": [{"term": str(t), "hits": int(n)} for t, n in terms.items()
                      if isinstance(n, int | float) and not isinstance(n, bool)]
            if isinstance(terms, dict) else [],
        })
    return out


@dataclass(frozen=True)
class ExportFilters:
    """Which articles to export (the same filters as ``newscrawl search``)."""

    query: str | None = None  # as typed; fts_query is its FTS5 expression
    fts_query: str | None = None
    outlets: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    topic: str | None = None
    language: str | None = None
    include_duplicates: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The filters as given (for the datasheet), without the FTS5 expression."""
        return {"query": self.query, "outlets": list(self.outlets), "since": self.since,
                "until": self.until, "topic": self.topic, "language": self.language,
                "include_duplicates": self.include_duplicates}

    def describe(self) -> str:
        """The filters in words, e.g. ``query "ICE raid"; outlets a, b; one row per story``."""
        parts = []
        if self.query:
            parts.append(f"query {json.dumps(self.query, ensure_ascii=False)}")
        if self.topic:
            parts.append(f"topic {self.topic}")
        if self.outlets:
            parts.append(f"outlets {', '.join(self.outlets)}")
        if self.since or self.until:
            parts.append(f"published {self.since or '...'} to {self.until or '...'}")
        if self.language:
            parts.append(f"language {self.language}")
        parts.append("every syndicated copy" if self.include_duplicates
                     else "one row per syndication cluster")
        return "; ".join(parts)


@dataclass
class ExportStats:
    """Counts gathered while streaming (bounded by outlets x months, not by rows)."""

    rows: int = 0
    # by the outlet's own month (of published_day); "undated" if none
    outlet_month: Counter[tuple[str, str]] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    date_sources: Counter[str] = field(default_factory=Counter)
    runs: Counter[int] = field(default_factory=Counter)
    first_published: str | None = None  # days (YYYY-MM-DD), the outlet's own
    last_published: str | None = None
    long_cells: int = 0  # CSV: cells (title, description, text) longer than Excel's cell limit
    bad_timestamps: int = 0  # values that could not be read as a time (written as null)

    @property
    def undated(self) -> int:
        """Rows without a publication day."""
        return sum(n for (_, month), n in self.outlet_month.items() if month == "undated")

    def add(self, rows: list[tuple[Any, ...]], at: dict[str, int]) -> None:
        """Count one batch; ``at`` gives the position of each stats column in a row."""
        outlet, published = at["outlet"], at["published_day"]
        self.rows += len(rows)
        self.outlet_month.update((r[outlet], (r[published] or "")[:7] or "undated") for r in rows)
        self.languages.update(r[at["language"]] or "unknown" for r in rows)
        self.date_sources.update(r[at["date_source"]] or "none" for r in rows)
        self.runs.update(r[at["crawl_run_id"]] for r in rows if r[at["crawl_run_id"]] is not None)
        dates = [r[published] for r in rows if r[published]]
        if dates:
            low, high = min(dates), max(dates)
            if self.first_published is None or low < self.first_published:
                self.first_published = low
            if self.last_published is None or high > self.last_published:
                self.last_published = high
