"""The tables, as the code expects them at the head revision.

Migrations under ``migrations/versions`` are the history; this module is the present.
A test checks that upgrading an empty database to head yields exactly these tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from followup.adapters.store.revision import HEAD_REVISION as HEAD_REVISION
from followup.adapters.store.revision import KNOWN_REVISIONS as KNOWN_REVISIONS


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored in UTC (timestamptz on PostgreSQL, ISO text on SQLite)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; every datetime must be aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)


def _uid() -> sa.Column[str]:
    return sa.Column("uid", sa.String(36), nullable=False, unique=True)


def _stamps() -> list[sa.Column[datetime]]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    ]


profiles = sa.Table(
    "profiles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(254)),
    sa.Column("signature", sa.Text),
    sa.Column("phone", sa.String(200)),
    sa.Column("linkedin", sa.String(2000)),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("country", sa.String(8)),
    *_stamps(),
)

applications = sa.Table(
    "applications",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column(
        "profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("company", sa.String(200), nullable=False),
    sa.Column("role", sa.String(200), nullable=False),
    sa.Column("posting_url", sa.String(2000)),
    sa.Column("industry", sa.String(200)),
    sa.Column("culture", sa.String(16), nullable=False),
    sa.Column("company_timezone", sa.String(64)),
    sa.Column("company_country", sa.String(8)),
    sa.Column("preferred_channel", sa.String(16)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("applied_on", sa.Date),
    sa.Column("notes", sa.Text, nullable=False),
    *_stamps(),
    sa.Index(None, "profile_id", "status"),
)

contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column(
        "profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("title", sa.String(200)),
    sa.Column("email", sa.String(254)),
    sa.Column("phone", sa.String(200)),
    sa.Column("linkedin", sa.String(2000)),
    sa.Column("timezone", sa.String(64)),
    sa.Column("company", sa.String(200)),
    *_stamps(),
    sa.Index(None, "profile_id", "email"),
)

interviews = sa.Table(
    "interviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column(
        "application_id",
        sa.Integer,
        sa.ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("round", sa.String(16), nullable=False),
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("starts_at", UTCDateTime(), nullable=False),
    sa.Column("ends_at", UTCDateTime(), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("location", sa.String(200)),
    sa.Column("decision_date", sa.Date),
    sa.Column("decision_note", sa.String(200)),
    sa.Column("notes", sa.Text, nullable=False),
    *_stamps(),
    sa.Index(None, "application_id", "starts_at"),
)

interview_people = sa.Table(
    "interview_people",
    metadata,
    sa.Column(
        "interview_id",
        sa.Integer,
        sa.ForeignKey("interviews.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contacts.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
    sa.Column("position", sa.Integer, nullable=False),
)

#: Kinds of rows in ``interview_items``: the lists an interview record holds.
ITEM_KINDS = ("topic", "standout", "question_asked", "concern", "forgotten", "question_to_ask")

interview_items = sa.Table(
    "interview_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "interview_id",
        sa.Integer,
        sa.ForeignKey("interviews.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE")),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("detail", sa.Text),
    sa.Index(None, "interview_id", "kind", "position"),
)

reflections = sa.Table(
    "reflections",
    metadata,
    sa.Column(
        "interview_id",
        sa.Integer,
        sa.ForeignKey("interviews.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("went_well", sa.Text, nullable=False),
    sa.Column("to_improve", sa.Text, nullable=False),
    sa.Column("forgotten", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    *_stamps(),
)

followups = sa.Table(
    "followups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column(
        "application_id",
        sa.Integer,
        sa.ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE")),
    sa.Column("recipient_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="SET NULL")),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("earliest", UTCDateTime()),
    sa.Column("target", UTCDateTime()),
    sa.Column("latest", UTCDateTime()),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("rule", sa.String(100), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("done_at", UTCDateTime()),
    *_stamps(),
    # Added by revision 0002 (so after the stamps); NULL, from an older backup, means 1.
    sa.Column("number", sa.Integer),
    sa.Index(None, "application_id", "status"),
)

messages = sa.Table(
    "messages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column(
        "followup_id",
        sa.Integer,
        sa.ForeignKey("followups.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("subject", sa.String(998)),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("attachments", sa.Text, nullable=False),
    sa.Column("check_report", sa.Text),
    sa.Column("message_id", sa.String(998), unique=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("sent_at", UTCDateTime()),
    *_stamps(),
    # Added by revision 0003: the outbox (see the migration's docstring).
    sa.Column("send_at", UTCDateTime()),
    sa.Column("to_name", sa.String(200)),
    sa.Column("to_email", sa.String(254)),
    sa.Column("in_reply_to", sa.String(998)),
    sa.Column("attempts", sa.Integer),
    sa.Column("error", sa.Text),
    sa.Index(None, "status", "send_at"),
)

replies = sa.Table(
    "replies",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column(
        "application_id",
        sa.Integer,
        sa.ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("message_id", sa.Integer, sa.ForeignKey("messages.id", ondelete="SET NULL")),
    sa.Column("received_at", UTCDateTime(), nullable=False),
    sa.Column("sender", sa.String(998)),
    sa.Column("subject", sa.String(998)),
    sa.Column("snippet", sa.Text),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    # Added by revision 0002: a new decision date the reply promised.
    sa.Column("decision_date", sa.Date),
    # Added by revision 0003: the reply's own Message-ID, and how it was matched.
    sa.Column("header_id", sa.String(998)),
    sa.Column("matched_by", sa.String(16)),
    sa.Index(None, "header_id"),
)

#: Added by revision 0003: how far `followup sync` has read each folder of each account.
#: A UIDVALIDITY that changed means the server renumbered the folder: it is read again
#: (replies already recorded are known by their Message-ID).
mail_folders = sa.Table(
    "mail_folders",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _uid(),
    sa.Column(
        "profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("account", sa.String(500), nullable=False),
    sa.Column("folder", sa.String(500), nullable=False),
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
    sa.Column("last_uid", sa.BigInteger, nullable=False),
    sa.Column("synced_at", UTCDateTime(), nullable=False),
    sa.Index(None, "profile_id", "account", "folder"),
)

#: Every table, parents before children: the order of a backup and of an import.
TABLES: tuple[sa.Table, ...] = tuple(metadata.sorted_tables)
