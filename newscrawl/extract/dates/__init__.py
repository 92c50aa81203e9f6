"""Dates: raw strings and pages -> timezone-aware UTC datetimes with provenance.

Pure functions, no Scrapy; safe to run in a worker process pool. One module per step:

* :mod:`~newscrawl.extract.dates.parse`: one raw string -> a UTC datetime (:func:`parse_date`);
* :mod:`~newscrawl.extract.dates.hints`: a page -> every date it offers (:func:`page_date_hints`);
* :mod:`~newscrawl.extract.dates.resolve`: the hints -> published and modified datetimes
  (:func:`resolve_dates`).

Each module's docstring describes its rules; docs/dates.md has the whole picture.
"""

from newscrawl.extract.dates.hints import META_MODIFIED, META_PUBLISHED, page_date_hints, url_date
from newscrawl.extract.dates.parse import (
    FUTURE_SLACK,
    MAX_RAW_LEN,
    MIN_DATE,
    MONTHS,
    TZ_OFFSETS,
    TZ_ZONES,
    parse_date,
)
from newscrawl.extract.dates.resolve import SOURCE_WEIGHTS, STRONG_SOURCES, ResolvedDates, resolve_dates

__all__ = [
    "FUTURE_SLACK", "MAX_RAW_LEN", "META_MODIFIED", "META_PUBLISHED", "MIN_DATE", "MONTHS",
    "SOURCE_WEIGHTS", "STRONG_SOURCES", "TZ_OFFSETS", "TZ_ZONES", "ResolvedDates",
    "page_date_hints", "parse_date", "resolve_dates", "url_date",
]
