"""The register's tests use the shared office fixtures (tests/conftest.py)."""
