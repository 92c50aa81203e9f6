"""sqlite-utils, imported without pandas and numpy: every module of the store imports it from here.

sqlite-utils imports pandas and numpy whenever they are installed, only to map
pandas.Timestamp and numpy's scalar types to column types (newscrawl never inserts one, and
sqlite3 could not bind one): ~70 MB and ~11 MB of resident memory in every process that opens
a store, the crawl's included (docs/benchmarks.md, "Memory"). So it is imported here with them
hidden for that one import (each only when not imported already); both stay importable
afterwards.
"""

import sys

# (each hidden only when not imported already, and none when sqlite-utils is)
_hidden = [] if "sqlite_utils" in sys.modules else [n for n in ("pandas", "numpy") if n not in sys.modules]
for _name in _hidden:
    sys.modules[_name] = None  # type: ignore[assignment]  # `import ...` raises ImportError
try:
    import sqlite_utils
finally:
    for _name in _hidden:
        del sys.modules[_name]

__all__ = ["sqlite_utils"]
