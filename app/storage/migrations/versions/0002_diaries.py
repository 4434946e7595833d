"""Create the diary tables; entries go with their diary (ON DELETE CASCADE).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "diaries",
        sa.Column("id_hash", sa.String(length=64), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_diaries_updated_at", "diaries", ["updated_at"])
    op.create_table(
        "diary_entries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "diary_id_hash",
            sa.String(length=64),
            sa.ForeignKey("diaries.id_hash", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("location", sa.String(length=32), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("intensity", sa.SmallInteger(), nullable=False),
        sa.Column("triggers", sa.JSON(), nullable=False),
        sa.Column("caffeine_cups", sa.SmallInteger(), nullable=True),
        sa.Column("sleep_hours", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_diary_entries_diary_id_hash", "diary_entries", ["diary_id_hash"])


def downgrade() -> None:
    op.drop_index("ix_diary_entries_diary_id_hash", table_name="diary_entries")
    op.drop_table("diary_entries")
    op.drop_index("ix_diaries_updated_at", table_name="diaries")
    op.drop_table("diaries")
