"""Versions of newscrawl and the libraries that make and write the data (for runs and datasheets)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CORE_LIBRARIES", "__version__", "software_versions"]

# newscrawl's own version (pyproject.toml says the same); ``newscrawl.__version__`` re-exports it.
__version__ = "0.1.0"

# numpy: the MinHash permutations are drawn with its RandomState (newscrawl/judge/dedup.py)
CORE_LIBRARIES = ("scrapy", "trafilatura", "htmldate", "dateparser", "numpy")


def software_versions(extra: Iterable[str] = ()) -> dict[str, str]:
    """newscrawl, the core libraries and ``extra`` distributions as installed now, Python and SQLite."""
    # Imported here: every process that imports newscrawl reads __version__ (the extraction
    # workers too, which need none of these: docs/benchmarks.md, "Memory").
    import importlib.metadata
    import platform
    import sqlite3

    def version(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    versions = {"newscrawl": __version__}
    versions.update({dist: version(dist) for dist in (*CORE_LIBRARIES, *extra)})
    versions["python"] = platform.python_version()
    versions["sqlite"] = sqlite3.sqlite_version
    return versions
