"""Offices and organisational units: province → district → schools, departments."""

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Synced, enum_column
from models.enums import Ownership, SchoolLevel, UnitKind


class OrgUnit(Synced, Base):
    __tablename__ = "org_units"
    __local_columns__ = ("search_key", "sort_key")

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind))
    school_level: Mapped[SchoolLevel | None] = mapped_column(enum_column(SchoolLevel))
    ownership: Mapped[Ownership] = mapped_column(enum_column(Ownership), default=Ownership.PUBLIC)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    commune_id: Mapped[str | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    address: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    head_name: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Derived on every write (Vietnamese folding / collation) so that search and
    # sorting run in the database at 100,000 rows; local only.
    search_key: Mapped[str] = mapped_column(String(600), default="")
    sort_key: Mapped[str] = mapped_column(String(600), default="", index=True)

    # Search scans this narrow index instead of the table: ~15 ms for a count over
    # 100,000 units instead of ~55 ms (services/bench/suite.py).
    __table_args__ = (Index("ix_org_units_search", "deleted", "active", "search_key"),)
