"""`given(x)`: a value a test expects to be there (a saved record read back), typed as present."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def given(value: T | None) -> T:
    """`value`, failing the test with a clear message when it is None (nothing was read back)."""
    assert value is not None, "expected a value, got None: nothing was saved or read back"
    return value
