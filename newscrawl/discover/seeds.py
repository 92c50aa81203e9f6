"""Seed URL lists (from GDELT, Media Cloud or a colleague) -> URLs grouped by outlet (no Scrapy).

:func:`read_seed_urls` reads plain text (one URL per line) or CSV/TSV with a URL column,
gzipped or not; :func:`match_outlets` sorts the URLs by the outlet that owns them;
:func:`outlet_for_unknown_host` and :func:`render_outlets_toml` draft ``sources.toml``
tables for hosts no outlet owns. Described in ``docs/discovery.md``.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newscrawl.config import Outlet, _display_path, outlet_for_url
from newscrawl.extract.urls import clean_url

__all__ = [
    "URL_COLUMNS",
    "SeedError",
    "SeedURL",
    "match_outlets",
    "outlet_for_unknown_host",
    "read_seed_urls",
    "render_outlets_toml",
    "slug_for_host",
]

# Column names holding the URL, best first (compared case-insensitively): Media Cloud and
# most exports say ``url``; GDELT's GKG says ``DocumentIdentifier``, its events ``SOURCEURL``.
URL_COLUMNS = ("url", "link", "documentidentifier", "sourceurl")
MAX_DECOMPRESSED = 512 * 1024 * 1024
_CSV_FIELD_LIMIT = 64 * 1024 * 1024  # GDELT GKG rows hold very long fields

# Defaults for outlets drafted from a seed list: placeholders to be replaced by a person.
UNKNOWN_COUNTRY = "ZZ"  # "unknown region" (ISO 3166 user-assigned code, as in Unicode CLDR)
DEFAULT_LANGUAGE = "en"
DEFAULT_KIND = "national"
DEFAULT_TIMEZONE = "UTC"
DRAFT_NOTES = "added from a seed list; fill in metadata"
# Country-code top-level domains that say where an outlet is and what it writes in.
# Generic-use ones (.co, .io, .tv, .me, .fm, .ai, .ly) are left out on purpose.
CCTLD_HINTS: dict[str, tuple[str, str]] = {
    "uk": ("GB", "en"), "ie": ("IE", "en"), "au": ("AU", "en"), "nz": ("NZ", "en"),
    "ca": ("CA", "en"), "za": ("ZA", "en"), "in": ("IN", "en"), "us": ("US", "en"),
    "es": ("ES", "es"), "mx": ("MX", "es"), "ar": ("AR", "es"), "cl": ("CL", "es"),
    "pe": ("PE", "es"), "uy": ("UY", "es"), "ve": ("VE", "es"), "ec": ("EC", "es"),
    "de": ("DE", "de"), "at": ("AT", "de"), "fr": ("FR", "fr"), "it": ("IT", "it"),
    "pt": ("PT", "pt"), "br": ("BR", "pt"), "nl": ("NL", "nl"), "se": ("SE", "sv"),
    "no": ("NO", "no"), "dk": ("DK", "da"), "fi": ("FI", "fi"), "pl": ("PL", "pl"),
    "jp": ("JP", "ja"), "kr": ("KR", "ko"), "ru": ("RU", "ru"), "ua": ("UA", "uk"),
    "tr": ("TR", "tr"), "gr": ("GR", "el"), "cz": ("CZ", "cs"), "hu": ("HU", "hu"),
    "ro": ("RO", "ro"), "il": ("IL", "he"), "id": ("ID", "id"),
}  # fmt: skip
_BARE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_LANG_RE = re.compile(r"^[a-z]{2}$")


class SeedError(ValueError):
    """A seed file that cannot be used: ``str(e)`` reads ``FILE:LINE: what is wrong; the fix``."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = _display_path(self.path)
        return f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}"


@dataclass(frozen=True)
class SeedURL:
    """One seed: the cleaned URL, its line in the file, and the row's other CSV columns."""

    url: str
    line: int
    extra: dict[str, str] = field(default_factory=dict, hash=False)


# -- reading ----------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SeedError(path, None, "file not found; check the path") from None
    except IsADirectoryError:
        raise SeedError(path, None, "is a directory; pass the path of a seed file") from None
    except OSError as exc:
        raise SeedError(path, None, f"cannot read the file ({exc.strerror or exc}); "
                        "check its permissions") from None
    if data[:2] == b"\x1f\x8b":
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = inflater.decompress(data, MAX_DECOMPRESSED)
            if inflater.unconsumed_tail:
                raise SeedError(path, None, "expands beyond 512 MB; split the list into "
                                "smaller files")
            if not inflater.eof:
                raise zlib.error("truncated")
        except zlib.error as exc:
            raise SeedError(path, None, f"broken gzip data ({exc}); download the file "
                            "again or unpack it with gunzip") from None
    elif path.suffix.lower() == ".gz":
        raise SeedError(path, None, "named .gz but not gzip data; rename it or gzip it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SeedError(path, line, f"not UTF-8 text (byte {exc.start}); save the file as "
                        "UTF-8") from None


def _check_url(path: Path, line: int, value: str) -> str:
    """The cleaned URL, or SeedError when ``value`` is not an absolute http(s) URL."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if ok and not any(c.isspace() for c in value):
        return clean_url(value)
    shown = value if len(value) <= 80 else value[:77] + "..."
    if re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", value) and " " not in value:
        hint = f"add the scheme: 'https://{value}'"
    else:
        hint = "write one absolute URL such as https://example.com/news/story, or delete the line"
    raise SeedError(path, line, f"{shown!r} is not an absolute http(s) URL; {hint}")


def _url_column(header: list[str]) -> int | None:
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    for wanted in URL_COLUMNS:
        if wanted in names:
            return names.index(wanted)
    return None


def _first_content_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return ""


def _delimiter(line: str, suffix: str) -> str:
    tabs, commas = line.count("\t"), line.count(",")
    if suffix == ".tsv":
        return "\t" if tabs or not commas else ","
    return "," if commas > tabs or (commas and not tabs) else ("\t" if tabs else ",")


def _is_url(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def _csv_rows(path: Path, text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first line number, cells) of every non-blank row, leading ``#`` comment rows skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    old_limit = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        for row in reader:
            blank = not any(c.strip() for c in row)
            comment = not rows and bool(row) and row[0].lstrip().startswith("#")
            if not blank and not comment:
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SeedError(path, reader.line_num or None, f"malformed CSV ({exc}); check the "
                        "quoting, or save it again from a spreadsheet as CSV") from None
    finally:
        csv.field_size_limit(old_limit)
    return rows


def _read_csv(path: Path, text: str, delimiter: str) -> list[tuple[int, str, dict[str, str]]]:
    rows = _csv_rows(path, text, delimiter)
    if not rows:
        return []
    first_line, first = rows[0]
    column = _url_column(first)
    if column is not None:
        names = [h.strip().lstrip("\ufeff") for h in first]
        body = rows[1:]
    else:
        # No header: accept files whose first row has a URL in it (raw GDELT exports).
        column = next((i for i, cell in enumerate(first) if _is_url(cell)), None)
        if column is None:
            found = ", ".join(repr(h.strip()) for h in first[:8]) or "none"
            raise SeedError(path, first_line, f"no URL column (header: {found}); name the "
                            "column with the URLs 'url' (also accepted: link, "
                            "DocumentIdentifier, SOURCEURL)")
        names = [f"col{i + 1}" for i in range(max(len(r) for _, r in rows))]
        body = rows
    seeds = []
    for line, row in body:
        value = row[column].strip() if column < len(row) else ""
        if not value:
            continue  # an empty URL cell: nothing to crawl in this row
        extra = {}
        for i, cell in enumerate(row):
            name = names[i] if i < len(names) else f"col{i + 1}"
            if i != column and name and name not in extra:
                extra[name] = cell.strip()
        seeds.append((line, _check_url(path, line, value), extra))
    return seeds


def _read_plain(path: Path, text: str) -> list[tuple[int, str, dict[str, str]]]:
    seeds = []
    for number, raw in enumerate(text.splitlines(), start=1):
        value = raw.strip()
        if value and not value.startswith("#"):
            seeds.append((number, _check_url(path, number, value), {}))
    return seeds


def read_seed_urls(path: Path | str) -> list[SeedURL]:
    """Read a seed list: plain text, CSV or TSV, optionally gzipped, UTF-8 (BOM ok).

    Plain text: one URL per line; blank lines and ``#`` comments are skipped. CSV/TSV
    (``.csv``/``.tsv``, or any file whose first line is a header naming a URL column):
    the column ``url``, ``link``, ``DocumentIdentifier`` or ``SOURCEURL`` (any case);
    rows with an empty URL cell are skipped; the other columns go to ``extra``. A
    ``.csv``/``.tsv`` without a header uses the first column holding a URL (columns are
    then named ``col1``, ``col2``, ...). URLs are cleaned (:func:`newscrawl.extract.urls.clean_url`)
    and kept once, the first line winning.
    """
    path = Path(path)
    text = _read_text(path)
    name = path.name.lower()
    suffix = Path(name[:-3] if name.endswith(".gz") else name).suffix
    first = _first_content_line(text)
    if suffix in (".csv", ".tsv"):
        rows = _read_csv(path, text, _delimiter(first, suffix))
    else:
        delimiter = _delimiter(first, suffix)
        header = next(csv.reader([first], delimiter=delimiter), [])
        is_csv = _url_column(header) is not None
        rows = _read_csv(path, text, delimiter) if is_csv else _read_plain(path, text)
    seeds: dict[str, SeedURL] = {}
    for line, url, extra in rows:
        seeds.setdefault(url, SeedURL(url, line, extra))
    if not seeds:
        raise SeedError(path, None, "no URLs in the file; put one http(s) URL per line, or "
                        "use a CSV file with a 'url' column")
    return list(seeds.values())


# -- matching ---------------------------------------------------------------------------------


def _host_key(url: str) -> str:
    """``host[:port]`` of a URL, lowercased, without a leading ``www.``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    if host.startswith("www.") and host.count(".") >= 2:
        host = host[4:]
    return f"{host}:{parts.port}" if parts.port else host


def match_outlets(
    seeds: list[SeedURL], outlets: Mapping[str, Outlet]
) -> tuple[dict[str, list[SeedURL]], dict[str, list[SeedURL]]]:
    """``({outlet slug: seeds}, {unknown host: seeds})``, each in order of first appearance.

    The outlet with the most specific domain wins (:func:`newscrawl.config.outlet_for_url`).
    Unknown hosts are keyed ``host[:port]`` without ``www.``, so ``www.example.com`` and
    ``example.com`` make one group.
    """
    known: dict[str, list[SeedURL]] = {}
    unknown: dict[str, list[SeedURL]] = {}
    for seed in seeds:
        outlet = outlet_for_url(outlets, seed.url)
        if outlet is not None:
            known.setdefault(outlet.slug, []).append(seed)
        else:
            unknown.setdefault(_host_key(seed.url), []).append(seed)
    return known, unknown


def _most_common(values: list[str]) -> str | None:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def _bare_host(host: str) -> str:
    key = host.strip().lower().rstrip(".")
    return key[4:] if key.startswith("www.") and key.count(".") >= 2 else key


def slug_for_host(host: str) -> str:
    """The outlet slug for a host: ``www.example.com`` -> ``example-com``."""
    return re.sub(r"[^a-z0-9]+", "-", _bare_host(host)).strip("-") or "outlet"


def outlet_for_unknown_host(host: str, seeds: list[SeedURL]) -> dict[str, Any]:
    """A draft ``sources.toml`` table for a host no outlet owns (``--add-outlets``).

    The table's slug is :func:`slug_for_host`. The domain is the host without ``www.`` (so
    its subdomains belong to the outlet too); the homepage comes from the seeds' most common
    scheme and host and is the one start page; the name is a Media Cloud ``media_name``
    column's, else the host. Country and language are guessed from a country-code TLD or a
    ``language`` column, else ``ZZ`` (unknown region) and ``en``; ``kind`` is ``national``
    and the time zone ``UTC``. These are placeholders: ``verified = false`` and ``notes``
    say so.
    """
    key = _bare_host(host)
    domain_host = key.partition(":")[0]
    mine = [s for s in seeds if _host_key(s.url) == key] or seeds
    scheme = _most_common([urlsplit(s.url).scheme for s in mine]) or "https"
    netloc = _most_common([urlsplit(s.url).netloc for s in mine]) or key
    name = _most_common([s.extra.get("media_name", "").strip() for s in mine]) or key
    country, language = UNKNOWN_COUNTRY, DEFAULT_LANGUAGE
    guessed = []
    tld = domain_host.rsplit(".", 1)[-1]
    if tld in CCTLD_HINTS and not domain_host.replace(".", "").isdigit():
        country, language = CCTLD_HINTS[tld]
        guessed.append(f"country and language from .{tld}")
    column_lang = _most_common([
        s.extra.get("language", "").strip().lower()[:2] for s in mine
        if _LANG_RE.match(s.extra.get("language", "").strip().lower()[:2])
    ])
    if column_lang:
        language = column_lang
        guessed.append("language from the seed list")
    notes = DRAFT_NOTES + (f" ({'; '.join(guessed)})" if guessed else "")
    homepage = f"{scheme}://{netloc}/"
    return {
        "name": name,
        "homepage": homepage,
        "domain": key,
        "also_domains": [],
        "country": country,
        "language": language,
        "kind": DEFAULT_KIND,
        "timezone": DEFAULT_TIMEZONE,
        "feeds": [],
        "sitemaps": [],
        "article_patterns": [],
        "start_pages": [homepage],
        "verified": False,
        "notes": notes,
    }


# -- TOML -------------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_string(value: str) -> str:
    """A TOML string: a literal '...' for backslash-heavy text (regexes), else a basic one."""
    if "\\" in value and "'" not in value and value.isprintable():
        return f"'{value}'"
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.match(key) else _toml_string(key)


def _toml_value(value: object, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v, where) for v in value) + "]"
    raise TypeError(f"{where}: cannot write {type(value).__name__} to TOML")


def render_outlets_toml(tables: Mapping[str, Mapping[str, Any]]) -> str:
    """``[outlets.<slug>]`` tables as TOML text, ready to append to a sources file.

    Values may be strings, booleans, numbers and lists of them; ``None`` values are left out.
    """
    chunks = []
    for slug, table in tables.items():
        lines = [f"[outlets.{_toml_key(slug)}]"]
        for key, value in table.items():
            if value is not None:
                lines.append(f"{_toml_key(key)} = {_toml_value(value, f'outlets.{slug}.{key}')}")
        chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)
