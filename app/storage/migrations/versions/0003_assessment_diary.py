"""Link an assessment to the diary it was started from (ON DELETE SET NULL).

Batch mode: SQLite cannot add a foreign key to an existing table, so Alembic rebuilds the table
there; PostgreSQL gets plain ALTER TABLE statements.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("diary_id_hash", sa.String(length=64), nullable=True))
        batch.create_foreign_key(
            "fk_assessments_diary_id_hash", "diaries", ["diary_id_hash"], ["id_hash"], ondelete="SET NULL"
        )
        batch.create_index("ix_assessments_diary_id_hash", ["diary_id_hash"])


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index("ix_assessments_diary_id_hash")
        batch.drop_constraint("fk_assessments_diary_id_hash", type_="foreignkey")
        batch.drop_column("diary_id_hash")
