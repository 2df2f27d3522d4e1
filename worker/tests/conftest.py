"""pytest hooks: the fixtures live in tests_support.py (importable by the tests too)."""

from tests_support import engine, tiny_cfm, vocab, vocos  # noqa: F401
