"""Store each knowledge base's texts once; assessment rows refer to them by digest.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "knowledge_snapshots",
        sa.Column("digest", sa.String(length=64), primary_key=True),
        sa.Column("kb_version", sa.String(length=32), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("knowledge_snapshots")
