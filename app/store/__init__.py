"""The only SQL: the SQLite file through sqlite-utils.

sqlite-utils imports numpy and pandas when it finds them, to map their number types to columns.
The app never stores either and neither is among its dependencies; where a development
environment has numpy (11 MiB and 0.1 s at start, docs/benchmarks.md), it is kept out of that one
import. Anything that imports numpy itself still gets it.
"""

from __future__ import annotations

import sys


def _import_sqlite_utils_alone() -> None:
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_import_sqlite_utils_alone()
