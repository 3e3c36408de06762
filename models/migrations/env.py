"""Alembic environment: runs on the connection EduDesk hands it, or on a URL.

EduDesk (``models.db.upgrade``) passes its open connection. A ``Config`` made by
``models.db.alembic_config`` carries ``sqlalchemy.url``. From the command line
(``alembic.ini`` at the repository root) the database is ``-x db=PATH_OR_URL`` or
``EDUDESK_DB``; there is no default, so no one upgrades their real office by accident.
"""

import os

from alembic import context
from alembic.util import CommandError
from sqlalchemy import create_engine, pool

import models
from models.db import resolve_url

target_metadata = models.Base.metadata
config = context.config

if config.config_file_name and config.attributes.get("connection") is None:
    # Imported here: the frozen build (PyInstaller) has no alembic.ini and may lack logging.config.
    from logging.config import fileConfig

    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    target = context.get_x_argument(as_dictionary=True).get("db") or os.environ.get("EDUDESK_DB", "")
    if not target:
        raise CommandError(
            "Which database? Give `-x db=PATH_OR_URL` or set EDUDESK_DB "
            "(for autogenerate: a scratch database upgraded to head first)."
        )
    return resolve_url(target)


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


run_migrations_online()
