"""Look inside control trees without a browser: the texts a builder shows and the identifiers tests
locate. One implementation, shared with the component renderer in tests/render_harness.py."""

from tests.render_harness import identifiers, texts, walk

__all__ = ["identifiers", "texts", "walk"]
