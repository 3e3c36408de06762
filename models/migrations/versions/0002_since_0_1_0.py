"""since 0.1.0: the schema changes made after the first release shipped

0.1.0 (commit 1c0c752) shipped revision 0001; a later commit (e363e76) edited
0001 in place to replace the single-column index on org_units.search_key by the
covering index unit search scans. Databases made by 0.1.0 never received that
edit, so it is replayed here and 0001 is kept as it shipped. Databases made by the
edited 0001 (every release after 0.1.0 until this revision) already hold the covering
index and lack the old one, also at revision 0001: both steps look before they act.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _indexes() -> set[str | None]:  # a reflected index may be unnamed
    return {ix['name'] for ix in sa.inspect(op.get_bind()).get_indexes('org_units')}


def upgrade() -> None:
    present = _indexes()
    with op.batch_alter_table('org_units', schema=None) as batch_op:
        if 'ix_org_units_search_key' in present:
            batch_op.drop_index(batch_op.f('ix_org_units_search_key'))
        if 'ix_org_units_search' not in present:
            batch_op.create_index('ix_org_units_search', ['deleted', 'active', 'search_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('org_units', schema=None) as batch_op:
        batch_op.drop_index('ix_org_units_search')
        batch_op.create_index(batch_op.f('ix_org_units_search_key'), ['search_key'], unique=False)
