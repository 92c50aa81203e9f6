"""dateparser's built locale data kept on disk (newscrawl.extract.dates.localecache)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.extract.dates import localecache

# Strings that reach dateparser (none of newscrawl's own formats reads them) in several
# languages, absolute and relative (relative ones need ``now``), and run-ons no locale reads.
STRINGS = [
    "Nov 15, 20195:45 AM", "Published Wed, Nov 20 20194:29 AM EST", "11.14.2019 09:00 AM",
    "le 3 mars 2021 à 10h15", "3. März 2021, 10:15 Uhr", "3 de marzo de 2021", "3 marzo 2021 ore 10:15",
    "2021年3月3日", "3 марта 2021 года", "3 Mart 2021 Çarşamba", "3 maart 2021", "3 mars 2021",
    "il y a 3 heures", "vor 2 Tagen", "hace 5 minutos", "2 hours ago", "yesterday at 10:00",
    "3 days ago", "zq 12 xk 2020", "12 2020",
]

# In a fresh process: warm dateparser up (from the cache or not), then parse every string.
SCRIPT = """
import json, sys
from datetime import datetime
from newscrawl.extract.dates import localecache
from newscrawl.extract.dates.parse import parse_value, warm_up
cache = sys.argv[1] == "cache"
loaded = cache and localecache.cache_file().exists()
warm_up(cache=cache)
now = datetime(2026, 3, 4, 12, 0)
out = []
for raw in json.loads(sys.argv[2]):
    for when in (None, now):
        parsed = parse_value(raw, "Europe/Berlin", when)
        out.append(None if parsed is None else [str(value) for value in parsed])
print(json.dumps({"loaded": loaded, "dates": out}))
"""


def _run(mode: str, cache_home: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, json.dumps(STRINGS)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.slow
def test_dates_read_with_the_cached_locale_data_are_the_same(tmp_path: Path) -> None:
    built = _run("cache", tmp_path)  # builds and writes the cache
    assert not built["loaded"]
    files = list((tmp_path / "newscrawl").glob("dateparser-*.pickle"))
    assert len(files) == 1
    loaded = _run("cache", tmp_path)  # reads it
    assert loaded["loaded"]
    plain = _run("plain", tmp_path / "unused")  # no cache at all, as before
    assert not (tmp_path / "unused").exists()
    assert loaded["dates"] == built["dates"] == plain["dates"]
    assert sum(d is not None for d in plain["dates"]) >= len(STRINGS)  # most strings read


def test_a_missing_foreign_or_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pickle"
    assert localecache.load(missing) is False
    foreign = tmp_path / "foreign.pickle"
    foreign.write_bytes(pickle.dumps({"versions": "another-dateparser", "dictionary": {}, "locales": {}}))
    assert localecache.load(foreign) is False
    broken = tmp_path / "broken.pickle"
    broken.write_bytes(b"not a pickle")
    assert localecache.load(broken) is False


def test_the_cache_file_is_named_by_the_versions_that_built_it(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    import dateparser
    import regex

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = localecache.cache_file()
    assert path.parent == tmp_path / "newscrawl"
    assert dateparser.__version__ in path.name and regex.__version__ in path.name


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    assert localecache.save(blocked / "sub" / "cache.pickle") is False


def test_other_versions_files_unused_for_a_month_are_deleted_when_a_file_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "newscrawl"
    folder.mkdir()
    old, recent, unrelated = (folder / "dateparser-old.pickle", folder / "dateparser-recent.pickle",
                              folder / "notes.txt")
    for path in (old, recent, unrelated):
        path.write_bytes(b"x")
    month_ago = time.time() - (localecache.STALE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    os.utime(unrelated, (month_ago, month_ago))
    kept = folder / "dateparser-current.pickle"
    assert localecache.save(kept)
    assert kept.exists() and recent.exists() and unrelated.exists()
    assert not old.exists()


def test_loading_a_file_marks_it_in_use(tmp_path: Path) -> None:
    path = tmp_path / "dateparser-current.pickle"
    assert localecache.save(path)
    month_ago = time.time() - (localecache.STALE_DAYS + 1) * 86400
    os.utime(path, (month_ago, month_ago))
    assert localecache.load(path)
    assert path.stat().st_mtime > month_ago + 86400
