"""Load and validate ``data/sources.toml`` (outlets) and ``data/topics/*.toml`` (topics).

Every problem a user can put in these files is reported as one :class:`ConfigError` that
names the file, the key and the fix. No Scrapy here: the crawl, the CLI and the tests all
use the same frozen dataclasses. The file formats are described in ``docs/sources.md``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from newscrawl.settings import default

if TYPE_CHECKING:
    from newscrawl.judge.topics import Query

DEFAULT_SOURCES = Path(default("NEWSCRAWL_SOURCES"))
DEFAULT_TOPIC = Path(default("NEWSCRAWL_TOPIC"))

OUTLET_KINDS = ("national", "local", "trade", "wire", "broadcaster", "nonprofit", "blog")

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_HOST_RE = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
    r"(?::(\d{1,5}))?$"
)
_IPV4_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOML_POS_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")

_OUTLET_REQUIRED = ("name", "homepage", "domain", "country", "language", "kind", "timezone")
_OUTLET_OPTIONAL = (
    "also_domains", "feeds", "sitemaps", "article_patterns", "start_pages", "verified", "notes",
)
_TOPIC_REQUIRED = ("slug", "name", "query")
_TOPIC_OPTIONAL = ("description", "languages", "since", "until", "min_score", "gdelt_query")


class ConfigError(Exception):
    """A bad configuration file: ``str(e)`` reads ``<file>: <key>: <what is wrong; the fix>``."""

    def __init__(self, path: Path | str, key: str | None, message: str) -> None:
        self.path = Path(path)
        self.key = key
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = _display_path(self.path)
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


def _display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


# -- the records ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _split_domain(domain: str) -> tuple[str, int | None]:
    host, _, port = domain.lower().rstrip(".").partition(":")
    return host.rstrip("."), (int(port) if port else None)


def _host_matches(host: str, domain_host: str) -> bool:
    if host == domain_host:
        return True
    return not _IPV4_RE.match(domain_host) and host.endswith("." + domain_host)


@dataclass(frozen=True)
class Outlet:
    """One news outlet from ``sources.toml``: where its articles live and how to find them."""

    slug: str
    name: str
    homepage: str
    domain: str
    also_domains: tuple[str, ...] = ()
    country: str = "US"
    language: str = "en"
    kind: str = "national"
    timezone: str = "UTC"
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    start_pages: tuple[str, ...] = ()
    verified: bool = False
    notes: str | None = None
    path: Path | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("also_domains", "feeds", "sitemaps", "article_patterns", "start_pages"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def domains(self) -> tuple[str, ...]:
        """``domain`` followed by ``also_domains``."""
        return (self.domain, *self.also_domains)

    def owns_url(self, url: str) -> bool:
        """True for an http(s) URL on one of the outlet's domains or their subdomains.

        A configured domain with a port (``127.0.0.1:8001``) matches that port only.
        """
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            return False
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return False
        host = parts.hostname.rstrip(".")
        for domain in self.domains:
            domain_host, domain_port = _split_domain(domain)
            if domain_port is not None and port != domain_port:
                continue
            if _host_matches(host, domain_host):
                return True
        return False

    def matches_article_pattern(self, url: str) -> bool:
        """True when no ``article_patterns`` are set or one matches the URL's path (+ query)."""
        if not self.article_patterns:
            return True
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return any(_compile(p).search(target) for p in self.article_patterns)

    def to_row(self) -> dict[str, Any]:
        """The row for the ``outlets`` table."""
        return {
            "slug": self.slug,
            "name": self.name,
            "domain": self.domain,
            "homepage": self.homepage,
            "country": self.country,
            "language": self.language,
            "kind": self.kind,
            "timezone": self.timezone,
            "verified": self.verified,
            "feeds": json.dumps(list(self.feeds)),
            "sitemaps": json.dumps(list(self.sitemaps)),
        }


@dataclass(frozen=True)
class Topic:
    """A topic file: a parsed boolean query, an optional date window and languages."""

    slug: str
    name: str
    description: str
    query_source: str
    query: Query
    languages: tuple[str, ...]
    since: dt.date | None
    until: dt.date | None
    min_score: float
    path: Path
    gdelt_query: str | None = None  # hand-written GDELT DOC query; None = translate ``query``


# -- reading files ----------------------------------------------------------------------------


def _read_toml(path: Path, docs: str = "docs/sources.md") -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(path, None, "file not found; check the path or create the file "
                          f"(see {docs})") from None
    except IsADirectoryError:
        raise ConfigError(path, None, "is a directory, not a TOML file; "
                          "pass the path of a .toml file") from None
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read the file ({exc.strerror or exc}); "
                          "check its permissions") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, None, f"not UTF-8 text (byte {exc.start}); "
                          "save the file as UTF-8") from None
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per level of nested arrays or inline tables
        raise ConfigError(path, None, "not valid TOML: arrays or inline tables nested too deeply; "
                          "a sources or topic file needs at most a list of strings") from None
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        match = _TOML_POS_RE.search(reason)
        if match:
            reason = reason[: match.start()]
            where = f"line {match.group(1)}, column {match.group(2)}: "
        else:
            where = ""
        raise ConfigError(path, None, f"{where}not valid TOML: {reason}; fix the syntax "
                          "there (strings need quotes, lists need [ ])") from None


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.date | dt.time):
        return "a date/time"
    return type(value).__name__


def _check_keys(
    path: Path, prefix: str, table: Mapping[str, Any], required: Iterable[str],
    optional: Iterable[str], example: str,
) -> None:
    """Reject unknown keys (with a did-you-mean) and missing required ones."""
    required = tuple(required)
    allowed = required + tuple(optional)
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (f"did you mean '{close[0]}'?" if close
                    else f"allowed keys are: {', '.join(allowed)}")
            raise ConfigError(path, f"{prefix}.{key}", f"unknown key; {hint}")
    for key in required:
        if key not in table:
            raise ConfigError(path, f"{prefix}.{key}",
                              f"missing required key; add it, e.g. {key} = {example}")


def _string(path: Path, key: str, value: object, *, example: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(path, key, f"expected a string but got {_type_name(value)}; "
                          f"write it in quotes, e.g. {example}")
    if not value.strip():
        raise ConfigError(path, key, f"must not be empty; e.g. {example}")
    return value.strip()


def _string_list(path: Path, key: str, value: object, *, example: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigError(path, key, f"expected a list of strings but got {_type_name(value)}; "
                          f"write e.g. {key.rsplit('.', 1)[-1]} = [{example}]")
    items = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(path, f"{key}[{i}]", f"expected a non-empty string but got "
                              f"{_type_name(item) if item != '' else 'an empty string'}; "
                              f"e.g. {example}")
        items.append(item.strip())
    return tuple(items)


def _url(path: Path, key: str, value: str) -> str:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ConfigError(path, key, f"{value!r} is not a valid URL ({exc}); "
                          "use an absolute URL such as 'https://example.com/feed/'") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise ConfigError(path, key, f"{value!r} is not an absolute http(s) URL; "
                          "write it in full, e.g. 'https://example.com/feed/'")
    return value


def _domain(path: Path, key: str, value: str) -> str:
    match = _HOST_RE.match(value)
    if match and (match.group(1) is None or 0 < int(match.group(1)) < 65536):
        return value
    bare = urlsplit(value if "//" in value else f"//{value}").hostname or value
    hint = f"use the bare lowercase host name, e.g. {bare.lower()!r}" if bare else ""
    raise ConfigError(path, key, f"{value!r} is not a domain name; "
                      f"{hint or 'e.g. example.com'} (no scheme, path or upper case; "
                      "a port like '127.0.0.1:8001' is allowed)")


def _slug_hint(slug: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", slug.lower()).strip("-_") or "my-outlet"


def _check_slug(path: Path, key: str, slug: object) -> str:
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        hint = _slug_hint(str(slug))
        raise ConfigError(path, key, f"slug {slug!r} must match {SLUG_RE.pattern} "
                          f"(lowercase letters, digits, '-', '_'); use e.g. {hint!r}")
    return slug


def _check_language(path: Path, key: str, value: str) -> str:
    if not re.fullmatch(r"[a-z]{2}", value):
        raise ConfigError(path, key, f"{value!r} is not an ISO 639-1 code; use two lowercase "
                          f"letters such as {value[:2].lower() if len(value) >= 2 else 'en'!r}")
    return value


# -- sources.toml -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _timezones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def _check_timezone(path: Path, key: str, value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
        return value
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    close = difflib.get_close_matches(value, _timezones(), n=1, cutoff=0.5)
    example = close[0] if close else "America/New_York"
    raise ConfigError(path, key, f"{value!r} is not an IANA time zone; "
                      f"use a name such as {example!r}")


def _outlet(path: Path, slug: str, table: object) -> Outlet:
    prefix = f"outlets.{slug}"
    _check_slug(path, prefix, slug)
    if not isinstance(table, dict):
        raise ConfigError(path, prefix, f"expected a table but got {_type_name(table)}; "
                          f"write it as [{prefix}] followed by its keys")
    _check_keys(path, prefix, table, _OUTLET_REQUIRED, _OUTLET_OPTIONAL, '"..."')
    k = f"{prefix}."
    name = _string(path, k + "name", table["name"], example='"TechCrunch"')
    homepage = _url(path, k + "homepage", _string(
        path, k + "homepage", table["homepage"], example='"https://techcrunch.com/"'))
    domain = _domain(path, k + "domain", _string(
        path, k + "domain", table["domain"], example='"techcrunch.com"'))
    also = _string_list(path, k + "also_domains", table.get("also_domains", []),
                        example='"techcrunch.co"')
    for i, extra in enumerate(also):
        _domain(path, f"{k}also_domains[{i}]", extra)
    country = _string(path, k + "country", table["country"], example='"US"')
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ConfigError(path, k + "country", f"{country!r} is not an ISO 3166-1 alpha-2 code; "
                          f"use two uppercase letters such as {country[:2].upper() or 'US'!r}")
    language = _check_language(path, k + "language", _string(
        path, k + "language", table["language"], example='"en"'))
    kind = _string(path, k + "kind", table["kind"], example='"national"')
    if kind not in OUTLET_KINDS:
        close = difflib.get_close_matches(kind, OUTLET_KINDS, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ConfigError(path, k + "kind", f"{kind!r} is not an outlet kind; {hint}"
                          f"use one of: {', '.join(OUTLET_KINDS)}")
    timezone = _check_timezone(path, k + "timezone", _string(
        path, k + "timezone", table["timezone"], example='"America/New_York"'))
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("feeds", "sitemaps", "start_pages"):
        lists[key] = _string_list(path, k + key, table.get(key, []),
                                  example=f'"https://{domain}/..."')
        for i, url in enumerate(lists[key]):
            _url(path, f"{k}{key}[{i}]", url)
    patterns = _string_list(path, k + "article_patterns", table.get("article_patterns", []),
                            example=r"'^/\d{4}/\d{2}/'")
    for i, pattern in enumerate(patterns):
        try:
            _compile(pattern)
        except re.error as exc:
            raise ConfigError(path, f"{k}article_patterns[{i}]", f"{pattern!r} is not a valid "
                              f"regular expression ({exc}); fix it, and prefer TOML literal "
                              "strings ('...') so backslashes need no escaping") from None
    verified = table.get("verified", False)
    if not isinstance(verified, bool):
        raise ConfigError(path, k + "verified", f"expected true or false but got "
                          f"{_type_name(verified)}; write verified = false (no quotes)")
    notes = table.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise ConfigError(path, k + "notes", f"expected a string but got {_type_name(notes)}; "
                          'write e.g. notes = "..."')
    if not (lists["feeds"] or lists["sitemaps"] or lists["start_pages"]):
        raise ConfigError(path, prefix, "has no feeds, sitemaps or start_pages, so nothing can "
                          "be discovered; add at least one, e.g. feeds = "
                          f'["https://{domain}/feed/"]')
    outlet = Outlet(
        slug=slug, name=name, homepage=homepage, domain=domain, also_domains=also,
        country=country, language=language, kind=kind, timezone=timezone,
        feeds=lists["feeds"], sitemaps=lists["sitemaps"], article_patterns=patterns,
        start_pages=lists["start_pages"], verified=verified, notes=notes or None, path=path,
    )
    if not outlet.owns_url(homepage):
        raise ConfigError(path, k + "homepage", f"{homepage!r} is not on {domain!r}; "
                          "fix the domain or add the homepage's host to also_domains")
    for i, url in enumerate(outlet.start_pages):
        if not outlet.owns_url(url):
            raise ConfigError(path, f"{k}start_pages[{i}]", f"{url!r} is not on the outlet's "
                              "domains; fix the URL or add its host to also_domains")
    return outlet


def _only_top_level_key(path: Path, data: dict[str, Any], expected: str, otherwise: str) -> None:
    """A ConfigError for the first top-level key that is not ``expected`` (suggesting it if close)."""
    for key in data:
        if key != expected:
            close = difflib.get_close_matches(key, [expected], n=1, cutoff=0.6)
            hint = f"did you mean '{expected}'?" if close else otherwise
            raise ConfigError(path, key, f"unknown top-level key; {hint}")


def load_sources(path: Path | str = DEFAULT_SOURCES) -> dict[str, Outlet]:
    """Read and validate a sources file: ``{slug: Outlet}`` in file order."""
    path = Path(path)
    data = _read_toml(path)
    _only_top_level_key(path, data, "outlets", "only [outlets.<slug>] tables belong here")
    tables = data.get("outlets")
    if not tables:
        raise ConfigError(path, "outlets", "no outlets defined; add at least one "
                          "[outlets.<slug>] table (see docs/sources.md)")
    if not isinstance(tables, dict):
        raise ConfigError(path, "outlets", f"expected tables but got {_type_name(tables)}; "
                          "write each outlet as [outlets.<slug>]")
    outlets: dict[str, Outlet] = {}
    owners: dict[str, str] = {}
    for slug, table in tables.items():
        outlet = _outlet(path, slug, table)
        for i, domain in enumerate(outlet.domains):
            key = f"outlets.{slug}." + ("domain" if i == 0 else f"also_domains[{i - 1}]")
            norm = domain.lower().rstrip(".")
            if norm in owners:
                other = owners[norm]
                where = "this outlet already" if other == slug else f"outlet {other!r}"
                raise ConfigError(path, key, f"{domain!r} is already used by {where}; each "
                                  "domain belongs to one outlet, remove one of them")
            owners[norm] = slug
        outlets[slug] = outlet
    return outlets


def select_outlets(outlets: Mapping[str, Outlet], slugs: Iterable[str]) -> dict[str, Outlet]:
    """The outlets named by ``slugs`` (in that order; ``"a,b"`` counts as two).

    Raises :class:`ConfigError` naming every unknown slug with close matches.
    """
    wanted: list[str] = []
    for item in slugs:
        for slug in str(item).split(","):
            slug = slug.strip()
            if slug and slug not in wanted:
                wanted.append(slug)
    unknown = [s for s in wanted if s not in outlets]
    if unknown:
        path = next((o.path for o in outlets.values() if o.path), DEFAULT_SOURCES)
        parts = []
        for slug in unknown:
            close = difflib.get_close_matches(slug, list(outlets), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            parts.append(f"{slug!r}{hint}")
        noun = "outlet" if len(unknown) == 1 else "outlets"
        available = ", ".join(outlets) or "none"
        raise ConfigError(path, None, f"unknown {noun} {'; '.join(parts)}; "
                          f"available: {available}; or add it to the sources file")
    return {slug: outlets[slug] for slug in wanted}


def outlet_for_url(outlets: Mapping[str, Outlet], url: str) -> Outlet | None:
    """The outlet owning ``url``; the most specific domain wins when several do."""
    best: tuple[int, Outlet] | None = None
    for outlet in outlets.values():
        if not outlet.owns_url(url):
            continue
        host = (urlsplit(url).hostname or "").rstrip(".")
        length = max(
            len(_split_domain(d)[0]) for d in outlet.domains
            if _host_matches(host, _split_domain(d)[0])
        )
        if best is None or length > best[0]:
            best = (length, outlet)
    return best[1] if best else None


# -- topic files ------------------------------------------------------------------------------


def _date(path: Path, key: str, value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise ConfigError(path, key, f"expected a date but got {_type_name(value)}; "
                          "write e.g. 2026-01-01 or '2026-01-01'")
    if isinstance(value, dt.date):
        return value
    try:
        if not _DATE_RE.match(value.strip()):
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(path, key, f"{value!r} is not a date; write it as YYYY-MM-DD, "
                          "e.g. 2026-01-01") from None


def load_topic(path: Path | str = DEFAULT_TOPIC) -> Topic:
    """Read and validate a topic file, parsing its query once."""
    from newscrawl.judge.query import QueryError
    from newscrawl.judge.topics import parse_query

    path = Path(path)
    data = _read_toml(path, "docs/sources.md, \"Topic files\"")
    _only_top_level_key(path, data, "topic", "put every key under [topic]")
    table = data.get("topic")
    if not isinstance(table, dict):
        raise ConfigError(path, "topic", "no [topic] table; start the file with [topic] "
                          "followed by slug, name and query (see docs/sources.md)")
    _check_keys(path, "topic", table, _TOPIC_REQUIRED, _TOPIC_OPTIONAL, '"..."')
    slug = _check_slug(path, "topic.slug", _string(
        path, "topic.slug", table["slug"], example='"ice-tech-workers"'))
    name = _string(path, "topic.name", table["name"], example='"Tech workers vs ICE"')
    description = table.get("description", "")
    if not isinstance(description, str):
        raise ConfigError(path, "topic.description", f"expected a string but got "
                          f"{_type_name(description)}; write e.g. description = \"...\"")
    source = _string(path, "topic.query", table["query"], example="'ICE AND \"open letter\"'")
    try:
        query = parse_query(source)
    except QueryError as exc:
        detail = str(exc)
        pos = getattr(exc, "position", None)
        if isinstance(pos, int) and "position" not in detail:
            detail += f" at position {pos}"
        raise ConfigError(path, "topic.query", f"malformed query: {detail}; fix the query "
                          "(the query language is in docs/topics.md)") from None
    languages = _string_list(path, "topic.languages", table.get("languages", []),
                             example='"en", "es"')
    for i, lang in enumerate(languages):
        _check_language(path, f"topic.languages[{i}]", lang)
    since = _date(path, "topic.since", table.get("since"))
    until = _date(path, "topic.until", table.get("until"))
    if since and until and since > until:
        raise ConfigError(path, "topic.until", f"until ({until}) is before since ({since}); "
                          "swap them or widen the window")
    min_score = table.get("min_score", 0.0)
    if isinstance(min_score, bool) or not isinstance(min_score, int | float) or min_score < 0:
        raise ConfigError(path, "topic.min_score", f"expected a number >= 0 but got "
                          f"{min_score!r}; write e.g. min_score = 1.0 (no quotes)")
    gdelt = table.get("gdelt_query")
    if gdelt is not None:
        gdelt = _string(path, "topic.gdelt_query", gdelt, example="'(ICE OR \"immigration\") tech'")
    return Topic(
        slug=slug, name=name, description=description.strip(), query_source=source,
        query=query, languages=languages, since=since, until=until,
        min_score=float(min_score), path=path, gdelt_query=gdelt,
    )


# -- days typed on the command line or given as spider arguments ------------------------------


def parse_day(value: str) -> dt.date:
    """A day written YYYY-MM-DD (2026-1-5 and the other ISO 8601 forms, such as 20260105, too).

    Raises ``ValueError`` naming the value for anything else.
    """
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def parse_since(value: str | dt.date | dt.datetime | None) -> dt.datetime | None:
    """``--since`` as an aware UTC datetime (a bare date means its midnight, UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if not isinstance(value, dt.date):
        try:
            value = parse_day(str(value))
        except ValueError:
            raise ValueError(f"since: {value!r} is not a date; use YYYY-MM-DD") from None
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
