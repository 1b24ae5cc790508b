"""The follow-up plan in the database: replies.decision_date and followups.number.

- ``replies.decision_date``: a reply can promise a new decision date (`followup replied ID
  --decision-date D`), after which the planner re-plans the check-ins.
- ``followups.number``: which one of its kind a follow-up is (check-in 1, check-in 2); a
  re-plan matches stored follow-ups to planned steps on (interview, kind, recipient,
  number). Existing follow-ups are number 1: before this revision nothing planned more.

Both columns are nullable and added in place: every existing row is kept.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ... ADD COLUMN on both databases: SQLite adds a nullable column without
    # rebuilding the table, so no row is copied and no foreign key is touched.
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_date", sa.Date(), nullable=True))
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
    op.execute("UPDATE followups SET number = 1")


def downgrade() -> None:
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_column("number")
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.drop_column("decision_date")
