"""dateparser's built locale data, kept on disk so the extraction pool starts in a fraction of the time.

dateparser builds, lazily, a few regular expressions per locale: the first date string that no
common locale reads makes it build them for all of its ~200 locales (the split expressions of
each locale's dictionary and its simplifications). Almost all of that time (about 1.5 s of
CPU, every time the extraction pool starts) is the ``regex`` module compiling the
expressions in Python; loading them from the file takes about 0.3 s.

Each locale's relative-date expressions are left out: dateparser builds them only for the
locales it translates a string with, and built for all of them they would hold about 11 MB
more in every worker (the extraction pool's memory is counted; docs/benchmarks.md, "Memory").

A compiled ``regex`` pattern pickles with its compiled code and unpickles without compiling
again, so :func:`build` builds everything once and :func:`save` writes it to the user's cache
folder (:mod:`newscrawl.extract.cachefile`: named by the versions of Python, dateparser and
regex that built it; written atomically; other versions' files deleted once stale);
:func:`load` puts it back into dateparser's own caches (its ``Dictionary`` class caches and
each locale's simplifications), where dateparser finds it as if it had built it itself.
The same versions build the same expressions from the same data, so the dates read are the
same. A missing, unreadable or foreign file is ignored (dateparser builds what it needs, as
without the cache).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from newscrawl.extract import cachefile
from newscrawl.extract.cachefile import STALE_DAYS

__all__ = ["STALE_DAYS", "build", "cache_file", "load", "save"]

# Dictionary's class-level caches, keyed by (dictionary class, *skip tokens), then locale name.
_DICTIONARY_CACHES = ("_split_regex_cache", "_sorted_words_cache", "_split_relative_regex_cache",
                      "_sorted_relative_strings_cache", "_match_relative_regex_cache")
# Each locale's own: its simplifications, plain and normalized.
_LOCALE_CACHES = ("_simplifications", "_normalized_simplifications")
_FORMAT = 2  # of the file's contents: written by this module, read by the same


def _versions() -> str:
    import dateparser
    import regex

    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"py{python}-dateparser{dateparser.__version__}-regex{regex.__version__}-v{_FORMAT}"


def cache_file() -> Path:
    """Where the built data of this Python, dateparser and regex is kept."""
    return cachefile.cache_path(_PREFIX, _versions())


_PREFIX = "dateparser-"


def _settings() -> Any:
    """dateparser's default settings, as :func:`~newscrawl.extract.dates.parse` uses them (it
    changes none of the settings the built data depends on: the skip tokens, normalization)."""
    from dateparser.conf import settings

    return settings


def _locales() -> list[Any]:
    from dateparser.languages.loader import default_loader

    return list(default_loader.get_locales())


def build() -> None:
    """Build what dateparser builds for every locale at a string no locale reads: the
    dictionaries' split expressions and the simplifications (normalized, dateparser's default)."""
    settings = _settings()
    for locale in _locales():
        dictionary = locale._get_dictionary(settings)
        dictionary._get_split_regex_cache()
        dictionary._get_split_relative_regex_cache()
        dictionary._get_match_relative_regex_cache()
        locale._get_simplifications(settings)


def _state() -> dict[str, Any]:
    from dateparser.languages.dictionary import Dictionary

    own = {}
    for locale in _locales():
        built = {name: value for name in _LOCALE_CACHES if (value := getattr(locale, name, None)) is not None}
        if built:
            own[locale.shortname] = built
    return {"versions": _versions(),
            "dictionary": {name: dict(getattr(Dictionary, name)) for name in _DICTIONARY_CACHES},
            "locales": own}


def save(path: Path | None = None) -> bool:
    """Write what dateparser has built so far; False when it cannot be written (no error).
    Other versions' files beside it that went unused for :data:`STALE_DAYS` days are deleted."""
    try:
        state = _state()
    except Exception:  # noqa: BLE001 - another dateparser's insides: it builds them itself
        return False
    return cachefile.write(path or cache_file(), state, _PREFIX)


def load(path: Path | None = None) -> bool:
    """Put the built data back into dateparser's caches; False (and nothing changed) when there
    is no usable file for these versions."""
    state = cachefile.read(path or cache_file())
    try:
        if not isinstance(state, dict) or state.get("versions") != _versions():
            return False
        dictionary, own = state["dictionary"], state["locales"]
        from dateparser.languages.dictionary import Dictionary

        caches = [(getattr(Dictionary, name), dictionary[name]) for name in _DICTIONARY_CACHES]
        locales = _locales()
    except Exception:  # noqa: BLE001 - foreign: dateparser builds it itself
        return False
    with Dictionary._cache_lock:
        for cache, saved in caches:
            for key, entries in saved.items():
                cache.setdefault(key, {}).update(entries)
    for locale in locales:
        for name, value in own.get(locale.shortname, {}).items():
            if name in _LOCALE_CACHES and getattr(locale, name, None) is None:
                setattr(locale, name, value)
    return True
