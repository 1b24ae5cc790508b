"""The store: reads and writes domain entities. Every write is one transaction.

Split for size: base.py (engine, transactions), records.py (contacts, interviews, the
pipeline), mail.py (the outbox and the sync state), and this module (profiles,
applications, reflections, follow-ups, messages, replies, and opening a database).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from followup.adapters.store import schema as t
from followup.adapters.store.base import Clock, fields_of, new_uid, update_row, utcnow
from followup.adapters.store.database import create_engine, ensure_schema
from followup.adapters.store.mail import MailStore
from followup.adapters.store.records import same_application
from followup.adapters.store.rows import (
    to_application,
    to_followup,
    to_message,
    to_profile,
    to_reply,
)
from followup.domain.model import (
    Application,
    FollowUp,
    Message,
    Profile,
    Reflection,
    Reply,
    Status,
)
from followup.errors import NotFoundError


class Store(MailStore):
    """All persistence for followup. Methods take and return domain entities."""

    @classmethod
    def open(cls, url: str, *, clock: Clock = utcnow, backup_dir: Path | None = None) -> Store:
        """Open (and create or migrate) the database at ``url``."""
        engine = create_engine(url)
        store = cls(engine, clock=clock)
        try:
            store.backup = ensure_schema(engine, backup_dir=backup_dir, now=clock())
        except BaseException:
            engine.dispose()  # a refused database is left with no connection open
            raise
        return store

    # Profiles -----------------------------------------------------------------------

    def get_profile(self, profile_id: int | None = None) -> Profile | None:
        """The profile with this ID, or the first one when no ID is given."""
        query = sa.select(t.profiles).order_by(t.profiles.c.id).limit(1)
        if profile_id is not None:
            query = query.where(t.profiles.c.id == profile_id)
        with self.reading() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else to_profile(row)

    def save_profile(self, profile: Profile) -> Profile:
        """Insert or update a profile."""
        values = fields_of(profile, exclude=("id",))
        with self.transaction() as conn:
            if profile.id is None:
                new_id = conn.execute(
                    t.profiles.insert().values(uid=new_uid(), **values, **self._stamps())
                ).inserted_primary_key
                assert new_id is not None
                return replace(profile, id=new_id[0])
            update_row(conn, t.profiles, profile.id, {**values, **self._stamps(False)}, "profile")
            return profile

    # Applications -------------------------------------------------------------------

    def add_application(self, application: Application) -> Application:
        """Insert an application."""
        with self.transaction() as conn:
            return self._insert_application(conn, application)

    def update_application(self, application: Application) -> Application:
        """Write every field of an existing application."""
        assert application.id is not None
        values = fields_of(application, exclude=("id", "profile_id"))
        with self.transaction() as conn:
            update_row(
                conn,
                t.applications,
                application.id,
                {**values, **self._stamps(False)},
                "application",
            )
        return application

    def get_application(self, application_id: int) -> Application:
        """The application with this ID; NotFoundError otherwise."""
        return to_application(self._one(t.applications, application_id, "application"))

    def lock_profile(self, profile_id: int) -> None:
        """Hold off other writers of this profile's records until the transaction ends.

        Call it inside :meth:`batch`: a re-plan reads the stored follow-ups, then writes
        what changed, and two at once would both insert the same steps. SQLite's write lock
        is held from BEGIN already; PostgreSQL takes the per-profile advisory lock that
        `record_interview` takes, so an `add` and a re-plan wait for each other too.
        """
        with self.transaction() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(profile_id)))

    def application_changed_at(self, application_id: int) -> datetime:
        """When the application's own row was last written (created, edited, closed, reopened)."""
        changed: datetime = self._one(t.applications, application_id, "application")["updated_at"]
        return changed

    def find_application(self, profile_id: int, company: str, role: str) -> Application | None:
        """An application of this profile for the same company and role (case-insensitive)."""
        with self.reading() as conn:
            row = conn.execute(same_application(profile_id, company, role)).mappings().first()
        return None if row is None else to_application(row)

    def applications(self, profile_id: int, *, active_only: bool = False) -> list[Application]:
        """The profile's applications, newest first."""
        c = t.applications.c
        query = sa.select(t.applications).where(c.profile_id == profile_id).order_by(c.id.desc())
        if active_only:
            query = query.where(c.status.in_([s.value for s in Status if s.active]))
        with self.reading() as conn:
            return [to_application(row) for row in conn.execute(query).mappings()]

    def applications_by_uid(self, uids: Iterable[str]) -> list[Application]:
        """The applications with these uids (those a backup names), by ID; unknown ones skipped."""
        c = t.applications.c
        wanted = list(dict.fromkeys(uids))
        found: list[Application] = []
        with self.reading() as conn:
            for start in range(0, len(wanted), 500):  # far below every driver's parameter cap
                query = sa.select(t.applications).where(c.uid.in_(wanted[start : start + 500]))
                found += [to_application(row) for row in conn.execute(query).mappings()]
        return sorted(found, key=lambda a: a.id or 0)

    def company_names(self, profile_id: int) -> list[str]:
        """Every company the profile applied to."""
        c = t.applications.c
        query = (
            sa.select(c.company).where(c.profile_id == profile_id).distinct().order_by(c.company)
        )
        with self.reading() as conn:
            return list(conn.execute(query).scalars())

    # Reflections --------------------------------------------------------------------

    def get_reflection(self, interview_id: int) -> Reflection | None:
        """The reflection on an interview, if the user wrote one."""
        with self.reading() as conn:
            row = (
                conn.execute(
                    sa.select(t.reflections).where(t.reflections.c.interview_id == interview_id)
                )
                .mappings()
                .first()
            )
        if row is None:
            return None
        return Reflection(
            interview_id=row["interview_id"],
            went_well=row["went_well"],
            to_improve=row["to_improve"],
            forgotten=row["forgotten"],
            notes=row["notes"],
            updated_at=row["updated_at"],
        )

    def save_reflection(self, reflection: Reflection) -> Reflection:
        """Insert or replace the reflection on an interview."""
        values = {
            "went_well": reflection.went_well,
            "to_improve": reflection.to_improve,
            "forgotten": reflection.forgotten,
            "notes": reflection.notes,
        }
        stamps = self._stamps()
        with self.transaction() as conn:
            exists = conn.execute(
                sa.select(t.interviews.c.id).where(t.interviews.c.id == reflection.interview_id)
            ).first()
            if exists is None:
                raise NotFoundError("interview", reflection.interview_id)
            updated = conn.execute(
                t.reflections.update()
                .where(t.reflections.c.interview_id == reflection.interview_id)
                .values(**values, updated_at=stamps["updated_at"])
            )
            if updated.rowcount == 0:
                conn.execute(
                    t.reflections.insert().values(
                        interview_id=reflection.interview_id, **values, **stamps
                    )
                )
        return replace(reflection, updated_at=stamps["updated_at"])

    # Follow-ups, messages, replies ----------------------------------------------------

    def add_followup(self, followup: FollowUp) -> FollowUp:
        """Insert a planned follow-up."""
        values = fields_of(followup, exclude=("id",), rename={"recipient_id": "recipient_id"})
        with self.transaction() as conn:
            result = conn.execute(
                t.followups.insert().values(uid=new_uid(), **values, **self._stamps())
            )
        assert result.inserted_primary_key is not None
        return replace(followup, id=result.inserted_primary_key[0])

    def update_followup(self, followup: FollowUp) -> FollowUp:
        """Write every field of an existing follow-up."""
        assert followup.id is not None
        values = fields_of(followup, exclude=("id",))
        with self.transaction() as conn:
            update_row(
                conn, t.followups, followup.id, {**values, **self._stamps(False)}, "follow-up"
            )
        return followup

    def followups(
        self, *, application_id: int | None = None, profile_id: int | None = None
    ) -> list[FollowUp]:
        """Follow-ups of an application or of a whole profile, by target time."""
        f = t.followups
        query = sa.select(f).order_by(f.c.target.is_(None), f.c.target, f.c.id)
        if application_id is not None:
            query = query.where(f.c.application_id == application_id)
        if profile_id is not None:
            query = query.join(t.applications, t.applications.c.id == f.c.application_id).where(
                t.applications.c.profile_id == profile_id
            )
        with self.reading() as conn:
            return [to_followup(row) for row in conn.execute(query).mappings()]

    def add_message(self, message: Message) -> Message:
        """Insert a message (a draft, or one to send)."""
        values = fields_of(message, exclude=("id",))
        values["attachments"] = json.dumps(list(message.attachments))
        with self.transaction() as conn:
            result = conn.execute(
                t.messages.insert().values(uid=new_uid(), **values, **self._stamps())
            )
        assert result.inserted_primary_key is not None
        return replace(message, id=result.inserted_primary_key[0])

    def messages(self, followup_id: int) -> list[Message]:
        """The messages written for a follow-up, oldest first."""
        m = t.messages
        with self.reading() as conn:
            rows = conn.execute(
                sa.select(m).where(m.c.followup_id == followup_id).order_by(m.c.id)
            ).mappings()
            return [to_message(row) for row in rows]

    def add_reply(self, reply: Reply) -> Reply:
        """Record an answer from the employer."""
        values = fields_of(reply, exclude=("id",))
        with self.transaction() as conn:
            result = conn.execute(
                t.replies.insert().values(uid=new_uid(), **values, created_at=self.clock())
            )
        assert result.inserted_primary_key is not None
        return replace(reply, id=result.inserted_primary_key[0])

    def replies(self, application_id: int) -> list[Reply]:
        """The employer's answers to an application, oldest first."""
        r = t.replies
        query = (
            sa.select(r)
            .where(r.c.application_id == application_id)
            .order_by(r.c.received_at, r.c.id)
        )
        with self.reading() as conn:
            return [to_reply(row) for row in conn.execute(query).mappings()]

    # Whole-database operations ----------------------------------------------------------

    def count(self, table: str) -> int:
        """How many rows a table holds."""
        with self.reading() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(t.metadata.tables[table])
                ).scalar_one()
            )

    def is_empty(self) -> bool:
        """True when the database holds no profile yet."""
        return self.get_profile() is None
