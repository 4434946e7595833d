"""Database tables: assessments, diaries and their entries, and nothing that identifies a person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AssessmentRow(Base):
    __tablename__ = "assessments"

    # SHA-256 of the id the person holds: a leaked database does not reveal working links.
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    kb_version: Mapped[str] = mapped_column(String(32))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The diary the assessment was started from, if any, for the doctor's report. Deleting the diary
    # leaves the assessment and forgets the link (SET NULL).
    diary_id_hash: Mapped[str | None] = mapped_column(
        String(64),
        ForeignKey("diaries.id_hash", ondelete="SET NULL", name="fk_assessments_diary_id_hash"),
        nullable=True,
        index=True,
    )


class KnowledgeSnapshotRow(Base):
    """The texts of one knowledge base (cause names, self-care, reasons, disclaimer), stored once;
    assessment rows refer to it by digest instead of repeating them (storage.snapshots)."""

    __tablename__ = "knowledge_snapshots"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the texts
    kb_version: Mapped[str] = mapped_column(String(32))
    texts: Mapped[dict[str, Any]] = mapped_column(JSON)


class DiaryRow(Base):
    __tablename__ = "diaries"

    # SHA-256 of the diary key, as for assessments: the database alone opens no diary.
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Last change: diaries nobody has touched for the retention period are deleted.
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    timezone: Mapped[str] = mapped_column(String(64))  # IANA zone for "today" and new entries' default


class DiaryEntryRow(Base):
    __tablename__ = "diary_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Deleting a diary deletes its entries in the database itself (ON DELETE CASCADE).
    diary_id_hash: Mapped[str] = mapped_column(
        String(64), ForeignKey("diaries.id_hash", ondelete="CASCADE"), index=True
    )
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # UTC
    timezone: Mapped[str] = mapped_column(String(64))  # the zone the person lived the episode in
    location: Mapped[str] = mapped_column(String(32))
    duration_seconds: Mapped[int] = mapped_column(Integer)
    intensity: Mapped[int] = mapped_column(SmallInteger)
    triggers: Mapped[list[str]] = mapped_column(JSON)
    caffeine_cups: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    sleep_hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str] = mapped_column(Text)
