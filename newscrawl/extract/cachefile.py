"""What the extraction stack builds the same way every time, kept in the user's cache folder.

The extraction pool's first process builds some state that depends only on the installed
libraries' data (dateparser's locale expressions: :mod:`newscrawl.extract.dates.localecache`;
justext's stop words of every language: :func:`newscrawl.extract.text.all_stop_words`). Each
is pickled once into a file of the user's cache folder (``platformdirs.user_cache_path(
"newscrawl")``, ``$XDG_CACHE_HOME`` on Linux) named by the versions that built it, and read
back by later pools in a fraction of the time. A missing, unreadable or foreign file is
ignored (the caller builds the state itself), a file is written atomically (a process that
dies while writing it leaves no half file), and a file of other versions (an upgrade leaves
the old one behind) is deleted when a new one is written beside it, once unused for
:data:`STALE_DAYS` days: a file is touched whenever it is read, so two installs on one machine
that alternate keep each their own.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["STALE_DAYS", "cache_path", "read", "write"]

# Another version's file unused this long is deleted when a file is written.
STALE_DAYS = 30


def cache_path(prefix: str, versions: str) -> Path:
    """The file for the state named ``prefix``, built by ``versions``."""
    import platformdirs

    return platformdirs.user_cache_path("newscrawl", appauthor=False) / f"{prefix}{versions}.pickle"


def read(path: Path) -> Any | None:
    """The object pickled in ``path`` (touched, so it is not stale), or None when it cannot be
    read."""
    try:
        state = pickle.loads(path.read_bytes())  # noqa: S301 - written by this module, in the user's own folder
    except Exception:  # noqa: BLE001 - missing, unreadable or foreign: the caller builds it itself
        return None
    with contextlib.suppress(OSError):  # in use: not stale
        os.utime(path)
    return state


def write(path: Path, state: Any, prefix: str) -> bool:
    """Pickle ``state`` into ``path`` atomically; False when it cannot be written (no error).
    Other files named ``prefix*.pickle`` beside it that went unused for :data:`STALE_DAYS`
    days are deleted."""
    try:
        data = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs time
        return False
    _remove_stale(path, prefix)
    return True


def _remove_stale(kept: Path, prefix: str) -> None:
    oldest = time.time() - STALE_DAYS * 86400
    for other in kept.parent.glob(f"{prefix}*.pickle"):
        try:
            if other != kept and other.stat().st_mtime < oldest:
                other.unlink()
        except OSError:  # gone already, or not ours to delete: it only costs disk
            continue
