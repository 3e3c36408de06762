"""Declarative base and the columns every synchronised row carries."""

import enum
import uuid
from typing import Any, cast

from sqlalchemy import Boolean, Enum, MetaData, String, Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.schema import CreateIndex

# Named constraints keep Alembic's batch mode (SQLite) and PostgreSQL in step.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The table a mapped class is declared on.

    SQLAlchemy types ``__table__`` as any ``FromClause`` (a class may be mapped onto a join or a
    select); every class here is declared with ``__tablename__``, which always makes a ``Table``.
    """
    return cast(Table, model.__table__)


# A partial index's PostgreSQL predicate goes in ``Index(info={POSTGRESQL_WHERE: text(...)})``, not
# ``postgresql_where=``: SQLAlchemy checks such an argument by importing its dialect with every driver
# (asyncpg, pg8000, psycopg, psycopg2), some 30 ms of every command on a SQLite office. The predicate
# is handed to the PostgreSQL dialect when it compiles the CREATE INDEX, so the DDL is the same.
POSTGRESQL_WHERE = "postgresql_where"


@compiles(CreateIndex, "postgresql")
def _create_index_on_postgresql(create: CreateIndex, compiler: Any, **kw: Any) -> str:
    index = create.element
    where = index.info.get(POSTGRESQL_WHERE)
    if where is not None:
        index.dialect_options["postgresql"]["where"] = where
    return str(compiler.visit_create_index(create, **kw))


def new_id() -> str:
    return str(uuid.uuid4())


def enum_column(enum_cls: type[enum.Enum], length: int = 24) -> Enum:
    """A portable enum: VARCHAR in the database, checked against the Python enum."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Synced:
    """Mixin of every row that travels in sync bundles (DESIGN §2, §4).

    ``rev`` is a hybrid-logical-clock stamp encoded so that plain string order is
    the clock order (time, counter, office id); the larger one wins everywhere.
    """

    __synced__ = True
    # Columns derived locally (search keys); never dumped nor sent.
    __local_columns__: tuple[str, ...] = ()

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    origin: Mapped[str] = mapped_column(String(36), nullable=False)
    rev: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


def synced_tables() -> list[type[Base]]:
    """Mapped classes of synchronised tables, parents before children."""
    import models

    models.load_all()
    classes = [m.class_ for m in Base.registry.mappers if getattr(m.class_, "__synced__", False)]
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    return sorted(classes, key=lambda c: order[c.__tablename__])
