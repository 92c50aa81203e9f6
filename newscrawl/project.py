"""The project folder: ``newscrawl.toml`` says where a project's database, outlets and topic are,
which user agent its crawls send, and any crawl settings.

Every command looks for ``newscrawl.toml`` in the current folder and its parents, or takes the
file ``NEWSCRAWL_CONFIG`` names. Each value is chosen once, here, in this order: the command's
flag (``--db``), the environment (``NEWSCRAWL_DB``, ``NEWSCRAWL_SOURCES``, ``NEWSCRAWL_TOPIC``),
``newscrawl.toml``, then the defaults of :mod:`newscrawl.settings`. Without a project the
database is ``news.db`` in the user data folder (``~/.local/share/newscrawl`` on Linux), never
inside the installed package.

``newscrawl init`` writes a project folder (:func:`init_project`).
"""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.config import ConfigError
from newscrawl.settings import DATA_DIR, default, newscrawl_settings

CONFIG_NAME = "newscrawl.toml"
# What `newscrawl init` writes where the contact address goes; a crawl refuses to send it.
PLACEHOLDER_CONTACT = "YOUR-EMAIL@example.org"
# The keys of newscrawl.toml's top table, and the setting each one sets.
KEYS = {"database": "NEWSCRAWL_DB", "sources": "NEWSCRAWL_SOURCES", "topic": "NEWSCRAWL_TOPIC",
        "user_agent": "USER_AGENT"}
# The crawl settings `newscrawl init` writes (with their defaults from settings.py), to be changed.
INIT_SETTINGS = ("DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN", "ROBOTSTXT_OBEY",
                 "NEWSCRAWL_REFETCH_DAYS", "NEWSCRAWL_MIN_WORDS", "NEWSCRAWL_WARC")


@dataclass(frozen=True)
class Project:
    """Where the commands read and write, and what a crawl sends: every path absolute."""

    config: Path | None  # the newscrawl.toml in use, or None
    database: Path
    sources: Path
    topic: Path
    user_agent: str | None = None  # None: the default of settings.py
    settings: dict[str, Any] = field(default_factory=dict)  # newscrawl.toml's [settings]

    @property
    def demo_database(self) -> Path:
        """Where ``newscrawl demo`` writes: ``demo.db`` beside the database."""
        return self.database.with_name("demo.db")


def find_config(cwd: Path | None = None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The project file: ``NEWSCRAWL_CONFIG``, else ``newscrawl.toml`` in ``cwd`` or a parent."""
    environ = os.environ if environ is None else environ
    named = environ.get("NEWSCRAWL_CONFIG")
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ConfigError(f"NEWSCRAWL_CONFIG={named}", None, "no such file")
        return path.resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def load_project(config: Path | None, environ: Mapping[str, str] | None = None) -> Project:
    """The project that ``config`` (a newscrawl.toml, or None) and the environment describe."""
    environ = os.environ if environ is None else environ
    table = _read(config) if config is not None else {}
    base = config.parent if config is not None else Path.cwd()

    def path(key: str) -> Path:
        name = KEYS[key]
        if environ.get(name):
            return Path(environ[name]).expanduser().resolve()
        if key in table:
            return (base / Path(table[key]).expanduser()).resolve()
        return Path(default(name))

    return Project(config=config, database=path("database"), sources=path("sources"),
                   topic=path("topic"), user_agent=table.get("user_agent"),
                   settings=dict(table.get("settings", {})))


def current_project() -> Project:
    """The project of the current folder (or ``NEWSCRAWL_CONFIG``) and the environment."""
    return load_project(find_config())


def _read(config: Path) -> dict[str, Any]:
    """newscrawl.toml, checked: known keys, strings where paths go, setting names in [settings]."""
    try:
        table = tomllib.loads(config.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(config, None, f"cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(config, None, f"not valid TOML ({exc})") from None
    unknown = sorted(set(table) - set(KEYS) - {"settings"})
    if unknown:
        raise ConfigError(config, unknown[0], f"unknown key; known: {', '.join([*KEYS, '[settings]'])}")
    for key in KEYS:
        if key in table and not (isinstance(table[key], str) and table[key].strip()):
            raise ConfigError(config, key, "must be a non-empty string")
    settings = table.get("settings", {})
    if not isinstance(settings, dict):
        raise ConfigError(config, "settings", "must be a table of NAME = value")
    known = {s.name for s in newscrawl_settings}
    for name in settings:
        if not name.isupper() or (name.startswith("NEWSCRAWL_") and name not in known):
            raise ConfigError(config, f"[settings] {name}",
                              "not a Scrapy or NEWSCRAWL_* setting (see docs/settings.md)")
        if name in KEYS.values():
            key = next(k for k, v in KEYS.items() if v == name)
            raise ConfigError(config, f"[settings] {name}", f"write it as {key} = ... at the top")
    return table


def check_user_agent(user_agent: str | None, config: Path | None) -> None:
    """A ``ConfigError`` while the user agent still has ``newscrawl init``'s placeholder contact;
    ``config``: the newscrawl.toml that gave it (None: ``--user-agent``)."""
    if user_agent and PLACEHOLDER_CONTACT in user_agent:
        raise ConfigError(config or "--user-agent", "user_agent" if config else None,
                          f"still has the placeholder {PLACEHOLDER_CONTACT}; put your e-mail address "
                          "or web page there, so outlets can reach you")


def render_config(topic_name: str) -> str:
    """The newscrawl.toml that ``newscrawl init`` writes, crawl settings from settings.py."""
    from newscrawl.versions import __version__

    lines = [
        "# A newscrawl project: every `newscrawl` command run in this folder (or below it) uses",
        "# these values. Precedence: a command's flag (--db) > the environment (NEWSCRAWL_DB,",
        "# NEWSCRAWL_SOURCES, NEWSCRAWL_TOPIC) > this file > the defaults (docs/settings.md).",
        "# Paths are relative to this file.",
        "",
        'database = "news.db"',
        'sources = "sources.toml"',
        f'topic = "topics/{topic_name}"',
        "# Outlets see this in their logs: say who you are and how to reach you.",
        "# `newscrawl crawl` refuses to run until the placeholder is replaced.",
        f'user_agent = "newscrawl/{__version__} (news-coverage research; {PLACEHOLDER_CONTACT})"',
        "",
        "[settings]",
        "# Any Scrapy or NEWSCRAWL_* setting, for every crawl of this project (as -s NAME=VALUE",
        "# gives one crawl). These are the defaults; change them or add others.",
    ]
    for name in INIT_SETTINGS:
        lines.append(f"{name} = {_toml_value(default(name))}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def init_project(folder: Path) -> list[Path]:
    """Write newscrawl.toml, sources.toml and topics/ (the bundled ones) into ``folder``; the
    files written. Refuses (``ConfigError``) before writing anything when one of them exists."""
    topics = sorted((DATA_DIR / "topics").glob("*.toml"))
    wanted = {folder / CONFIG_NAME: None, folder / "sources.toml": DATA_DIR / "sources.toml"}
    wanted.update({folder / "topics" / t.name: t for t in topics})
    existing = [p for p in wanted if p.exists()]
    if existing:
        raise ConfigError(existing[0], None, "already exists; newscrawl init replaces nothing")
    if folder.exists() and not folder.is_dir():
        raise ConfigError(folder, None, "is not a folder")
    try:
        (folder / "topics").mkdir(parents=True, exist_ok=True)
        for target, source in wanted.items():
            if source is None:
                target.write_text(render_config(topics[0].name), encoding="utf-8")
            else:
                shutil.copyfile(source, target)
    except OSError as exc:
        raise ConfigError(folder, None, f"cannot write ({exc.strerror or exc})") from None
    return list(wanted)
