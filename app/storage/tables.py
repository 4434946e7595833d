"""Database tables: assessments, diaries and their entries, and nothing that identifies a person.

SQLAlchemy Core tables, not ORM classes: every query is a plain statement on a connection, and
the ORM (whose import and mapper set-up was about a tenth of the app's start-up) is not loaded.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

metadata = MetaData()

assessment_table = Table(
    "assessments",
    metadata,
    # SHA-256 of the id the person holds: a leaked database does not reveal working links.
    Column("id_hash", String(64), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("kb_version", String(32), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("result", JSON, nullable=False),
    # The diary the assessment was started from, if any, for the doctor's report. Deleting the diary
    # leaves the assessment and forgets the link (SET NULL).
    Column(
        "diary_id_hash",
        String(64),
        ForeignKey("diaries.id_hash", ondelete="SET NULL", name="fk_assessments_diary_id_hash"),
        nullable=True,
        index=True,
    ),
)

# The texts of one knowledge base (cause names, self-care, reasons, disclaimer), stored once;
# assessment rows refer to it by digest instead of repeating them (storage.snapshots).
snapshot_table = Table(
    "knowledge_snapshots",
    metadata,
    Column("digest", String(64), primary_key=True),  # SHA-256 of the texts
    Column("kb_version", String(32), nullable=False),
    Column("texts", JSON, nullable=False),
)

diary_table = Table(
    "diaries",
    metadata,
    # SHA-256 of the diary key, as for assessments: the database alone opens no diary.
    Column("id_hash", String(64), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Last change: diaries nobody has touched for the retention period are deleted.
    Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
    Column("timezone", String(64), nullable=False),  # IANA zone for "today" and new entries' default
)

entry_table = Table(
    "diary_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Deleting a diary deletes its entries in the database itself (ON DELETE CASCADE).
    Column("diary_id_hash", String(64), ForeignKey("diaries.id_hash", ondelete="CASCADE"), nullable=False, index=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),  # UTC
    Column("timezone", String(64), nullable=False),  # the zone the person lived the episode in
    Column("location", String(32), nullable=False),
    Column("duration_seconds", Integer, nullable=False),
    Column("intensity", SmallInteger, nullable=False),
    Column("triggers", JSON, nullable=False),
    Column("caffeine_cups", SmallInteger, nullable=True),
    Column("sleep_hours", Float, nullable=True),
    Column("note", Text, nullable=False),
)

# The diary's everyday function check (app/core/diary/function_check.py): one row per completed check.
function_check_table = Table(
    "function_checks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Deleted with the diary by the database itself (ON DELETE CASCADE), like entries.
    Column("diary_id_hash", String(64), ForeignKey("diaries.id_hash", ondelete="CASCADE"), nullable=False, index=True),
    Column("taken_at", DateTime(timezone=True), nullable=False),  # UTC
    Column("timezone", String(64), nullable=False),  # the diary's zone when it was taken: its day
    Column("answers", JSON, nullable=False),  # {item id: "easier" | "same" | "harder" | "much_harder"}
)
