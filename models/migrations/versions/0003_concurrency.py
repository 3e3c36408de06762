"""concurrency: one live assignment per (task, unit, occurrence), one sent bundle per sequence number,
evidence files kept in the database (offices on a server)

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-03

Databases written before this revision may hold duplicates (two clerks at once). They are
settled the same way on every office, so offices stay equal without sending anything:
- live assignments with one (task, unit, occurrence): the smallest id stays; each other one
  becomes a tombstone stamped one counter above its own revision by the same office;
- sent bundles with one (peer, seq): the one with the lowest watermark stays (an
  acknowledgement then never claims more than every copy carried).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _next_stamp(rev: str) -> str:
    wall, counter, office = rev.split("-", 2)
    if int(counter) + 1 < 10**6:
        return f"{wall}-{int(counter) + 1:06d}-{office}"
    return f"{int(wall) + 1:015d}-000000-{office}"


def _settle_assignments(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text(
        "SELECT id, task_id, unit_id, occurrence, rev FROM assignments "
        "WHERE deleted = :no AND status <> 'cancelled' ORDER BY task_id, unit_id, occurrence, id"
    ), {"no": False}).all()
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        key = (row.task_id, row.unit_id, row.occurrence)
        if key in seen:
            conn.execute(sa.text("UPDATE assignments SET deleted = :yes, rev = :rev WHERE id = :id"),
                         {"yes": True, "rev": _next_stamp(row.rev), "id": row.id})
        seen.add(key)


def _settle_sent_bundles(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text(
        "SELECT bundle_id, peer_id, seq FROM sent_bundles ORDER BY peer_id, seq, max_rev, bundle_id"
    )).all()
    seen: set[tuple[str, int]] = set()
    for row in rows:
        if (row.peer_id, row.seq) in seen:
            conn.execute(sa.text("DELETE FROM sent_bundles WHERE bundle_id = :id"), {"id": row.bundle_id})
        seen.add((row.peer_id, row.seq))


def upgrade() -> None:
    conn = op.get_bind()
    _settle_assignments(conn)
    _settle_sent_bundles(conn)
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(
            'uq_assignments_live', ['task_id', 'unit_id', 'occurrence'], unique=True,
            sqlite_where=sa.text("deleted = 0 AND status != 'cancelled'"),
            postgresql_where=sa.text("NOT deleted AND status <> 'cancelled'"),
        )
    with op.batch_alter_table('sent_bundles', schema=None) as batch_op:
        batch_op.create_index('uq_sent_bundles_peer_seq', ['peer_id', 'seq'], unique=True)
    op.create_table('blob_store',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob_store'))
    )
    op.create_table('blob_chunks',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['blob_store.sha256'], name=op.f('fk_blob_chunks_sha256_blob_store')),
    sa.PrimaryKeyConstraint('sha256', 'n', name=op.f('pk_blob_chunks'))
    )


def downgrade() -> None:
    op.drop_table('blob_chunks')
    op.drop_table('blob_store')
    with op.batch_alter_table('sent_bundles', schema=None) as batch_op:
        batch_op.drop_index('uq_sent_bundles_peer_seq')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index('uq_assignments_live')
