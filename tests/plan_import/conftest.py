"""A reviewed plan is saved into the small district of the plans tests (tests/plans/conftest.py)."""

from tests.plans.conftest import district, small_district

__all__ = ["district", "small_district"]
