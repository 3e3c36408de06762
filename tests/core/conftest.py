"""Foundation tests use the shared offices of tests/conftest.py (templates copied per test)."""

from tests.conftest import FAST_HASHER

__all__ = ["FAST_HASHER"]
