"""What the user types: the CLI's click type, its shared options and the checks of its input.

Every mistake found here ends as one :class:`UserError` (``Error:`` on stderr, exit status 2)
before anything is written. The core raises its own typed errors (``ConfigError``,
``StoreError``); these helpers are where the CLI turns them into messages.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from newscrawl.config import (
    DEFAULT_SOURCES,
    ConfigError,
    Outlet,
    Topic,
    load_sources,
    load_topic,
    parse_day,
    select_outlets,
)
from newscrawl.project import Project, check_user_agent, current_project
from newscrawl.settings import USER_DATA_DIR, value_error
from newscrawl.store import Store, StoreError

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class UserError(click.ClickException):
    """A mistake in the user's input: one message, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


class CrawlBusy(UserError):
    """Another crawl holds the database's lock: exit status 3, so schedulers can tell."""

    exit_code = 3


# -- the click type -------------------------------------------------------------------------


class IsoDay(click.ParamType):
    """A day written YYYY-MM-DD, as a :class:`datetime.date` (an empty value is no day).

    Anything else is a user error naming the option: ``--since: 'x' is not a date; ...``.
    """

    name = "day"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date | None:
        if value is None or isinstance(value, date):
            return value
        if value == "":
            return None
        try:
            return parse_day(value)
        except ValueError:
            option = param.opts[0] if param is not None and param.opts else "day"
            raise UserError(f"{option}: {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-01-01") from None


def day_range(since: date | None, until: date | None) -> tuple[str | None, str | None]:
    """--since and --until as ISO days, checked to be in order."""
    if since and until and since > until:
        raise UserError(f"--since {since} is after --until {until}")
    return (since.isoformat() if since else None), (until.isoformat() if until else None)


# -- the project folder ---------------------------------------------------------------------


def project(ctx: click.Context | None = None) -> Project:
    """The project of the current folder (newscrawl.toml, the environment), read once per command."""
    meta = (ctx or click.get_current_context()).meta
    if "newscrawl.project" not in meta:
        try:
            meta["newscrawl.project"] = current_project()
        except ConfigError as exc:
            raise UserError(str(exc)) from None
    return meta["newscrawl.project"]


DB_DEFAULT = "newscrawl.toml's or the user's news.db"


def db_option(help: str, *, reads: bool = False, demo: bool = False) -> Decorator:
    """``--db``: the flag, else ``NEWSCRAWL_DB``, else the project's, else the user data folder's.

    ``reads``: until a crawl has made that database, read the demo's beside it (and say so), so
    the commands after ``newscrawl demo`` read what it crawled. ``demo``: the demo's database."""

    def resolve(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
        if value is not None:
            return value
        current = project(ctx)
        if demo:
            return current.demo_database
        if reads and not current.database.exists() and current.demo_database.exists():
            click.echo(f"Note: no database at {current.database} yet; reading the demo's, "
                       f"{current.demo_database}", err=True)
            return current.demo_database
        if not reads and current.database.parent == USER_DATA_DIR:  # the default: made on first use
            try:
                USER_DATA_DIR.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserError(f"{USER_DATA_DIR}: cannot make the folder ({exc.strerror or exc})") from None
        return current.database

    shown = "demo.db beside the database" if demo else DB_DEFAULT
    return click.option("--db", type=click.Path(path_type=Path), callback=resolve, show_default=shown,
                        help=help)


def _from_project(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback: the option's value, else the project's ``key``."""
    return lambda ctx, param, value: getattr(project(ctx), key) if value is None else value


def sources_option(help: str) -> Decorator:
    """``--sources``: the flag, else ``NEWSCRAWL_SOURCES``, else the project's, else the bundled one."""
    return click.option("--sources", "sources_path", type=click.Path(path_type=Path),
                        callback=_from_project("sources"),
                        show_default="newscrawl.toml's or the bundled one", help=help)


def topic_file_option(help: str = "Topic file: the query that decides relevance.") -> Decorator:
    """``--topic FILE``: the flag, else ``NEWSCRAWL_TOPIC``, else the project's, else the bundled one."""
    return click.option("--topic", "topic_path", type=click.Path(path_type=Path),
                        callback=_from_project("topic"),
                        show_default="newscrawl.toml's or the bundled one",
                        help=help)


def check_writable_sources(sources: Path) -> None:
    """A user error when ``--add-outlets`` would write into the bundled outlets file (package data)
    or into a file it cannot write: said before anything is crawled."""
    if sources.resolve() == DEFAULT_SOURCES.resolve():
        raise UserError(f"--add-outlets: {sources} is the outlets file bundled with newscrawl; make a "
                        "project folder (newscrawl init) or give --sources FILE, and add outlets there")
    if sources.exists() and not os.access(sources, os.W_OK):
        raise UserError(f"--add-outlets: {sources} cannot be written")


def crawl_settings(pairs: tuple[str, ...], user_agent: str | None) -> tuple[dict[str, Any], str | None]:
    """A crawl's settings (newscrawl.toml's [settings], then ``-s``) and user agent (``--user-agent``,
    else newscrawl.toml's); a user error while it still has ``newscrawl init``'s placeholder."""
    current = project()
    chosen = user_agent or current.user_agent
    try:
        check_user_agent(chosen, None if user_agent else current.config)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    return project_settings(pairs), chosen


def project_settings(pairs: tuple[str, ...]) -> dict[str, Any]:
    """newscrawl.toml's [settings], then the ``-s`` pairs; a user error for a newscrawl setting
    whose value is not of its type (``-s NEWSCRAWL_EXTRACT_WORKERS=many``)."""
    return {**_checked(project().settings), **parse_settings(pairs)}


def _checked(settings: dict[str, Any]) -> dict[str, Any]:
    for name, value in settings.items():
        if (problem := value_error(name, value)) is not None:
            raise UserError(f"setting {problem}")
    return settings


# -- shared options -------------------------------------------------------------------------


def _apply(func: Callable[..., Any], options: list[Decorator]) -> Callable[..., Any]:
    for option in reversed(options):
        func = option(func)
    return func


def crawl_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by ``crawl`` and ``demo``."""
    return _apply(func, [
        topic_file_option(),
        click.option("--since", type=IsoDay(),
                     help="Skip feed and sitemap entries dated before this day (YYYY-MM-DD)."),
        click.option("--outlet", "outlets", multiple=True,
                     help="Crawl only these outlet slugs (repeat or comma-separate)."),
        click.option("--user-agent", help="User-Agent header sent to outlets (and used for robots.txt)."),
        click.option("--workers", type=click.IntRange(1, 64),
                     help="Extraction worker processes (default: one per CPU)."),
        click.option("-s", "--set", "scrapy_settings", multiple=True, metavar="NAME=VALUE",
                     help="Any Scrapy or NEWSCRAWL_* setting, e.g. -s DOWNLOAD_DELAY=2."),
        click.option("--progress/--no-progress", default=None,
                     help="Show live progress: pages by verdict and their rate, log lines above "
                          "(default: when stderr is a terminal)."),
        click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log and tracebacks."),
        click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Append the whole log (INFO, with tracebacks) here "
                          "[default: beside the database, news.db -> news.log]."),
    ])


def archive_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by ``ingest`` and ``reextract`` (no network, so no politeness options)."""
    return _apply(func, [
        sources_option("Outlets file: archived pages of other sites are skipped (ingest: unless "
                       "--any-outlet)."),
        db_option("SQLite database to add to."),
        topic_file_option(),
        click.option("--outlet", "outlets", multiple=True, help="Only these outlet slugs."),
        click.option("--workers", type=click.IntRange(1, 64), help="Extraction worker processes."),
        click.option("-s", "--set", "scrapy_settings", multiple=True, metavar="NAME=VALUE",
                     help="Any Scrapy or NEWSCRAWL_* setting (NEWSCRAWL_WARC_DIR: where WARCs are)."),
        click.option("--progress/--no-progress", default=None,
                     help="Show live progress (reextract: a bar with the total and the time left)."),
        click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log and tracebacks."),
        click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Append the whole log (INFO, with tracebacks) here "
                          "[default: beside the database, news.db -> news.log]."),
    ])


def article_filters(*, language: bool = True) -> Decorator:
    """The article filters: --outlet, --since, --until, --topic and (unless told not) --language.

    The command receives ``outlets`` (a tuple), ``since`` and ``until`` (days or None), ``topic``
    and ``language``; :func:`day_range` checks the days' order.
    """
    options = [
        click.option("--outlet", "outlets", multiple=True,
                     help="Only articles from these outlet slugs (repeat or comma-separate)."),
        click.option("--since", type=IsoDay(),
                     help="Only articles published on or after this day (YYYY-MM-DD)."),
        click.option("--until", type=IsoDay(),
                     help="Only articles published on or before this day (YYYY-MM-DD)."),
        click.option("--topic", help="Only articles that matched this topic slug."),
    ]
    if language:
        options.append(click.option("--language",
                                    help="Only articles in this language (ISO 639-1 code, e.g. en)."))
    return lambda func: _apply(func, options)


def output_options(*, csv: bool = False) -> Decorator:
    """``--json`` (and, with ``csv=True``, ``--csv``) for commands that print data.

    The command receives one ``output`` argument: ``"table"``, ``"json"`` or ``"csv"``;
    asking for both formats is a user error.
    """

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def command(*args: Any, as_json: bool = False, as_csv: bool = False, **kwargs: Any) -> Any:
            if as_json and as_csv:
                raise UserError("--json and --csv: choose one")
            return func(*args, output="json" if as_json else "csv" if as_csv else "table", **kwargs)

        options = [click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")]
        if csv:
            options.append(click.option("--csv", "as_csv", is_flag=True,
                                        help="Print CSV (UTF-8) instead."))
        return _apply(command, options)

    return decorator


# -- checking what the options name ---------------------------------------------------------


def outlet_slugs(values: tuple[str, ...]) -> list[str]:
    """Outlet slugs from repeated and/or comma-separated ``--outlet`` values."""
    return [slug.strip() for value in values for slug in value.split(",") if slug.strip()]


def parse_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    """``-s NAME=VALUE`` pairs as a dict; a user error for a newscrawl setting whose value is not
    of its type."""
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"-s {pair!r}: expected NAME=VALUE, e.g. -s DOWNLOAD_DELAY=2")
        result[key.strip()] = value
    return _checked(result)


def load_outlets(sources: Path, outlets: tuple[str, ...] = ()) -> dict[str, Outlet]:
    """The outlets file, narrowed to the ``--outlet`` slugs when any are given."""
    try:
        loaded = load_sources(sources)
        return select_outlets(loaded, outlet_slugs(outlets)) if outlets else loaded
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def load_config(sources: Path, topic: Path, outlets: tuple[str, ...]) -> tuple[dict[str, Outlet], Topic]:
    """The outlets file (narrowed to ``--outlet``) and the topic file."""
    loaded = load_outlets(sources, outlets)
    try:
        return loaded, load_topic(topic)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def open_store(db: Path, **kwargs: Any) -> Store:
    """``Store.open``; an unusable database is a user error."""
    try:
        return Store.open(db, **kwargs)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def check_corpus(store: Store, db: Path) -> None:
    """A user error unless ``db`` is a database a crawl wrote."""
    if store.schema_version == 0:
        raise UserError(f"{db}: is not a newscrawl database; give --db the file a crawl wrote")


def check_outlets(store: Store, slugs: list[str], db: Path) -> None:
    """A user error naming every --outlet slug that is not in the database."""
    unknown = sorted(set(slugs) - {row["slug"] for row in store.iter_rows("outlets")})
    if unknown:
        raise UserError(f"--outlet: no outlet {', '.join(unknown)} in {db}")


def check_new_file(output: Path, db: Path, force: bool) -> None:
    """``-o FILE`` can be written: not a directory, in an existing one, not the database itself,
    and new unless ``--force``."""
    if output.is_dir():
        raise UserError(f"-o {output}: is a directory; give a file name such as report.html")
    if not output.parent.is_dir():
        raise UserError(f"-o {output}: {output.parent} is not an existing directory")
    if output.exists() and db.exists() and output.resolve() == db.resolve():
        raise UserError(f"-o {output}: is the database itself; give another file name")
    if output.exists() and not force:
        raise UserError(f"{output}: already exists; add --force to replace it")
