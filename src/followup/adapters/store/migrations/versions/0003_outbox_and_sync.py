"""Delivery and replies: the outbox's columns, a reply's own Message-ID, the IMAP sync state.

- ``messages``: ``send_at`` (when the outbox sends it, in the recipient's business hours),
  ``to_name`` and ``to_email`` (the recipient as scheduled: a later edit of the contact
  never redirects a message already in the outbox), ``in_reply_to`` (the earlier message
  of the same thread, so a check-in is a reply to the thank-you), ``attempts`` and
  ``error`` (why the last attempt failed).
- ``replies``: ``header_id`` (the reply's own Message-ID: a reply is never recorded twice,
  even after the server renumbers a folder) and ``matched_by`` (thread, address, domain,
  or manual).
- ``mail_folders``: per profile, account and folder, the UIDVALIDITY and the last UID
  seen, so a sync reads only what is new.

Every new column is nullable and added in place, and the new table starts empty: every
existing row is kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("send_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("to_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("to_email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("in_reply_to", sa.String(length=998), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("error", sa.Text(), nullable=True))
    op.create_index(op.f("ix_messages_status_send_at"), "messages", ["status", "send_at"])
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("header_id", sa.String(length=998), nullable=True))
        batch_op.add_column(sa.Column("matched_by", sa.String(length=16), nullable=True))
    op.create_index(op.f("ix_replies_header_id"), "replies", ["header_id"])
    op.create_table(
        "mail_folders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=500), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_mail_folders_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_folders")),
        sa.UniqueConstraint("uid", name=op.f("uq_mail_folders_uid")),
    )
    op.create_index(
        op.f("ix_mail_folders_profile_id_account_folder"),
        "mail_folders",
        ["profile_id", "account", "folder"],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_mail_folders_profile_id_account_folder"), table_name="mail_folders")
    op.drop_table("mail_folders")
    op.drop_index(op.f("ix_replies_header_id"), table_name="replies")
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.drop_column("matched_by")
        batch_op.drop_column("header_id")
    op.drop_index(op.f("ix_messages_status_send_at"), table_name="messages")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("error")
        batch_op.drop_column("attempts")
        batch_op.drop_column("in_reply_to")
        batch_op.drop_column("to_email")
        batch_op.drop_column("to_name")
        batch_op.drop_column("send_at")
