"""Create the diary's function checks; they go with their diary (ON DELETE CASCADE).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "function_checks",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "diary_id_hash",
            sa.String(length=64),
            sa.ForeignKey("diaries.id_hash", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
    )
    op.create_index("ix_function_checks_diary_id_hash", "function_checks", ["diary_id_hash"])


def downgrade() -> None:
    op.drop_index("ix_function_checks_diary_id_hash", table_name="function_checks")
    op.drop_table("function_checks")
