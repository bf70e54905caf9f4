"""Pure domain: imports neither flet nor sqlite_utils (a test checks it)."""
