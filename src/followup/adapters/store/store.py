"""The store: reads and writes domain entities. Every write is one transaction."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RowMapping

from followup.adapters.store import schema as t
from followup.adapters.store.database import create_engine, ensure_schema, storage_errors
from followup.adapters.store.revision import hide_password
from followup.adapters.store.rows import (
    ITEM_FIELDS,
    pipeline_entries,
    to_application,
    to_contact,
    to_followup,
    to_interview,
    to_message,
    to_profile,
    to_reply,
)
from followup.domain.model import (
    Application,
    Contact,
    FollowUp,
    Interview,
    Interviewer,
    Message,
    Profile,
    Reflection,
    Reply,
    Status,
)
from followup.errors import NotFoundError

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    """A stable identity for a row, kept across export and import."""
    return str(uuid.uuid4())


class Store:
    """All persistence for followup. Methods take and return domain entities."""

    def __init__(self, engine: Engine, *, clock: Clock = _utcnow) -> None:
        self.engine = engine
        self.clock = clock
        self.where = hide_password(str(engine.url))
        self.backup: str | None = None
        self._batch: Connection | None = None

    @classmethod
    def open(cls, url: str, *, clock: Clock = _utcnow, backup_dir: Path | None = None) -> Store:
        """Open (and create or migrate) the database at ``url``."""
        engine = create_engine(url)
        store = cls(engine, clock=clock)
        try:
            store.backup = ensure_schema(engine, backup_dir=backup_dir, now=clock())
        except BaseException:
            engine.dispose()  # a refused database is left with no connection open
            raise
        return store

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: everything inside commits together or not at all.

        Inside :meth:`batch`, it joins the batch's transaction instead.
        """
        if self._batch is not None:
            yield self._batch
            return
        with storage_errors(self.where), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every store call inside the block one transaction: all of it, or none."""
        if self._batch is not None:
            yield
            return
        with self.transaction() as conn:
            self._batch = conn
            try:
                yield
            finally:
                self._batch = None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads (the batch's, inside a batch: it sees its writes)."""
        if self._batch is not None:
            yield self._batch
            return
        with storage_errors(self.where), self.engine.connect() as conn:
            yield conn

    def _stamps(self, created: bool = True) -> dict[str, datetime]:
        now = self.clock()
        return {"created_at": now, "updated_at": now} if created else {"updated_at": now}

    def _one(self, table: sa.Table, ident: int, what: str) -> RowMapping:
        """The row with this ID; NotFoundError naming ``what`` otherwise."""
        with self.reading() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == ident)).mappings().first()
        if row is None:
            raise NotFoundError(what, ident)
        return row

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
        values = _fields(profile, exclude=("id",))
        with self.transaction() as conn:
            if profile.id is None:
                new_id = conn.execute(
                    t.profiles.insert().values(uid=new_uid(), **values, **self._stamps())
                ).inserted_primary_key
                assert new_id is not None
                return replace(profile, id=new_id[0])
            _update(conn, t.profiles, profile.id, {**values, **self._stamps(False)}, "profile")
            return profile

    # Applications -------------------------------------------------------------------

    def add_application(self, application: Application) -> Application:
        """Insert an application."""
        with self.transaction() as conn:
            return self._insert_application(conn, application)

    def _insert_application(self, conn: Connection, application: Application) -> Application:
        values = _fields(application, exclude=("id",))
        result = conn.execute(
            t.applications.insert().values(uid=new_uid(), **values, **self._stamps())
        )
        assert result.inserted_primary_key is not None
        return replace(application, id=result.inserted_primary_key[0])

    def update_application(self, application: Application) -> Application:
        """Write every field of an existing application."""
        assert application.id is not None
        values = _fields(application, exclude=("id", "profile_id"))
        with self.transaction() as conn:
            _update(
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

    def find_application(self, profile_id: int, company: str, role: str) -> Application | None:
        """An application of this profile for the same company and role (case-insensitive)."""
        c = t.applications.c
        query = (
            sa.select(t.applications)
            .where(
                c.profile_id == profile_id,
                sa.func.lower(c.company) == company.lower(),
                sa.func.lower(c.role) == role.lower(),
            )
            .order_by(c.id.desc())
        )
        with self.reading() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else to_application(row)

    def applications(self, profile_id: int, *, active_only: bool = False) -> list[Application]:
        """The profile's applications, newest first."""
        c = t.applications.c
        query = sa.select(t.applications).where(c.profile_id == profile_id).order_by(c.id.desc())
        if active_only:
            query = query.where(c.status.in_([s.value for s in Status if s.active]))
        with self.reading() as conn:
            return [to_application(row) for row in conn.execute(query).mappings()]

    def company_names(self, profile_id: int) -> list[str]:
        """Every company the profile applied to."""
        c = t.applications.c
        query = (
            sa.select(c.company).where(c.profile_id == profile_id).distinct().order_by(c.company)
        )
        with self.reading() as conn:
            return list(conn.execute(query).scalars())

    # Contacts -----------------------------------------------------------------------

    def get_contact(self, contact_id: int) -> Contact:
        """The contact with this ID; NotFoundError otherwise."""
        return to_contact(self._one(t.contacts, contact_id, "contact"))

    def _resolve_contact(self, conn: Connection, profile_id: int, contact: Contact) -> Contact:
        """The stored contact for this person: by ID, else by email, else by name at the company.

        A name at the company matches only a contact whose email is unknown or the same: a
        namesake with another address is another person.
        """
        c = t.contacts.c
        if contact.id is not None:
            values = _fields(contact, exclude=("id", "profile_id"))
            _update(conn, t.contacts, contact.id, {**values, **self._stamps(False)}, "contact")
            return contact
        mine = sa.select(t.contacts).where(c.profile_id == profile_id).order_by(c.id).limit(1)
        by_name = mine.where(
            sa.func.lower(c.name) == contact.name.lower(),
            sa.func.lower(sa.func.coalesce(c.company, "")) == (contact.company or "").lower(),
        )
        row = None
        if contact.email:
            email = contact.email.lower()
            row = conn.execute(mine.where(sa.func.lower(c.email) == email)).mappings().first()
            by_name = by_name.where(c.email.is_(None))
        if row is None:
            row = conn.execute(by_name).mappings().first()
        if row is not None:
            known = to_contact(row)
            merged = _merge_contact(known, contact)
            if merged != known:
                values = _fields(merged, exclude=("id", "profile_id"))
                _update(conn, t.contacts, known.id, {**values, **self._stamps(False)}, "contact")
            return merged
        values = _fields(replace(contact, profile_id=profile_id), exclude=("id",))
        result = conn.execute(t.contacts.insert().values(uid=new_uid(), **values, **self._stamps()))
        assert result.inserted_primary_key is not None
        return replace(contact, id=result.inserted_primary_key[0], profile_id=profile_id)

    # Interviews ---------------------------------------------------------------------

    def record_interview(
        self, application: Application, interview: Interview
    ) -> tuple[Application, Interview]:
        """Store an interview, creating its application and contacts as needed: one transaction."""
        with self.transaction() as conn:
            if application.id is None:
                application = self._insert_application(conn, application)
            else:
                values = _fields(application, exclude=("id", "profile_id"))
                _update(
                    conn,
                    t.applications,
                    application.id,
                    {**values, **self._stamps(False)},
                    "application",
                )
            interview = replace(interview, application_id=application.id)
            assert application.profile_id is not None
            interview = self._write_interview(conn, application.profile_id, interview)
        return application, interview

    def add_records(self, records: Sequence[tuple[Application, Interview | None]]) -> int:
        """Insert new applications, each with an optional interview: all in one transaction."""
        with self.transaction() as conn:
            for application, interview in records:
                stored = self._insert_application(conn, application)
                if interview is not None:
                    assert stored.profile_id is not None
                    interview = replace(interview, application_id=stored.id)
                    self._write_interview(conn, stored.profile_id, interview)
        return len(records)

    def update_interview(self, interview: Interview) -> Interview:
        """Replace an interview's fields, people and lists: one transaction."""
        assert interview.id is not None
        with self.transaction() as conn:
            profile_id = conn.execute(
                sa.select(t.applications.c.profile_id)
                .join(t.interviews, t.interviews.c.application_id == t.applications.c.id)
                .where(t.interviews.c.id == interview.id)
            ).scalar()
            if profile_id is None:
                raise NotFoundError("interview", interview.id)
            written = self._write_interview(conn, profile_id, interview)
            # An interview moved to another application takes its follow-ups along.
            f = t.followups
            conn.execute(
                f.update()
                .where(
                    f.c.interview_id == interview.id, f.c.application_id != interview.application_id
                )
                .values(application_id=interview.application_id, **self._stamps(False))
            )
            return written

    def _write_interview(
        self, conn: Connection, profile_id: int, interview: Interview
    ) -> Interview:
        values = {
            "application_id": interview.application_id,
            "round": interview.round.value,
            "format": interview.format.value,
            "starts_at": interview.start,
            "ends_at": interview.end,
            "timezone": interview.timezone,
            "location": interview.location,
            "decision_date": interview.decision_date,
            "decision_note": interview.decision_note,
            "notes": interview.notes,
        }
        if interview.id is None:
            result = conn.execute(
                t.interviews.insert().values(uid=new_uid(), **values, **self._stamps())
            )
            assert result.inserted_primary_key is not None
            interview = replace(interview, id=result.inserted_primary_key[0])
        else:
            _update(
                conn, t.interviews, interview.id, {**values, **self._stamps(False)}, "interview"
            )
            conn.execute(
                t.interview_people.delete().where(t.interview_people.c.interview_id == interview.id)
            )
            conn.execute(
                t.interview_items.delete().where(t.interview_items.c.interview_id == interview.id)
            )
        people: list[Interviewer] = []
        items: list[dict[str, Any]] = []
        # An interviewer works at the application's company unless the record says otherwise:
        # "Alex" at Acme and "Alex" at Globex are two people, matched by name at the company.
        company = conn.execute(
            sa.select(t.applications.c.company).where(
                t.applications.c.id == interview.application_id
            )
        ).scalar()
        for person in interview.interviewers:
            contact = person.contact
            if contact.id is None and not contact.company:
                contact = replace(contact, company=company)
            contact = self._resolve_contact(conn, profile_id, contact)
            # Two entries can resolve to one stored person ("Kim Ode" by name, "K. Ode
            # <kim@...>" by email): the person is on the interview once, with both topics.
            same = next((i for i, p in enumerate(people) if p.contact.id == contact.id), None)
            if same is None:
                people.append(replace(person, contact=contact))
            else:
                topics = dict.fromkeys((*people[same].topics, *person.topics))
                people[same] = replace(people[same], topics=tuple(topics))
        for position, person in enumerate(people):
            conn.execute(
                t.interview_people.insert().values(
                    interview_id=interview.id, contact_id=person.contact.id, position=position
                )
            )
            items += [
                {
                    "kind": "topic",
                    "contact_id": person.contact.id,
                    "position": i,
                    "text": topic,
                    "detail": None,
                }
                for i, topic in enumerate(person.topics)
            ]
        for kind, attribute in ITEM_FIELDS.items():
            items += [
                {"kind": kind, "contact_id": None, "position": i, "text": text, "detail": None}
                for i, text in enumerate(getattr(interview, attribute))
            ]
        items += [
            {
                "kind": "concern",
                "contact_id": None,
                "position": i,
                "text": c.text,
                "detail": c.better_answer,
            }
            for i, c in enumerate(interview.concerns)
        ]
        if items:
            conn.execute(
                t.interview_items.insert(), [{"interview_id": interview.id, **i} for i in items]
            )
        return replace(interview, interviewers=tuple(people))

    def get_interview(self, interview_id: int) -> Interview:
        """The interview with this ID, whole; NotFoundError otherwise."""
        found = self._interviews(t.interviews.c.id == interview_id)
        if not found:
            raise NotFoundError("interview", interview_id)
        return found[0]

    def interviews_for(self, application_id: int) -> list[Interview]:
        """An application's interviews, oldest first."""
        return self._interviews(t.interviews.c.application_id == application_id)

    def _interviews(self, where: sa.ColumnElement[bool]) -> list[Interview]:
        i, p, items = t.interviews, t.interview_people, t.interview_items
        with self.reading() as conn:
            rows = (
                conn.execute(sa.select(i).where(where).order_by(i.c.starts_at, i.c.id))
                .mappings()
                .all()
            )
            ids = [row["id"] for row in rows]
            if not ids:
                return []
            people: dict[int, list[tuple[int, Contact]]] = {}
            query = (
                sa.select(p.c.interview_id, p.c.position, t.contacts)
                .join(t.contacts, t.contacts.c.id == p.c.contact_id)
                .where(p.c.interview_id.in_(ids))
            )
            for row in conn.execute(query).mappings():
                people.setdefault(row["interview_id"], []).append(
                    (row["position"], to_contact(row))
                )
            lists: dict[int, list[RowMapping]] = {}
            query2 = (
                sa.select(items)
                .where(items.c.interview_id.in_(ids))
                .order_by(items.c.position, items.c.id)
            )
            for row in conn.execute(query2).mappings():
                lists.setdefault(row["interview_id"], []).append(row)
        return [
            to_interview(row, people.get(row["id"], []), lists.get(row["id"], [])) for row in rows
        ]

    def delete_interview(self, interview_id: int) -> None:
        """Remove an interview and everything that hangs on it."""
        with self.transaction() as conn:
            result = conn.execute(t.interviews.delete().where(t.interviews.c.id == interview_id))
            if result.rowcount == 0:
                raise NotFoundError("interview", interview_id)

    def pipeline(self, profile_id: int) -> list[tuple[Application, Interview | None, int]]:
        """Every application with its latest interview (without its lists) and interview count."""
        a, i = t.applications, t.interviews
        latest = (
            sa.select(
                i.c.application_id,
                sa.func.max(i.c.starts_at).label("latest"),
                sa.func.count(i.c.id).label("n"),
            )
            .group_by(i.c.application_id)
            .subquery()
        )
        query = (
            sa.select(
                a,
                latest.c.n,
                i.c.id.label("interview_id"),
                i.c.round,
                i.c.format,
                i.c.starts_at,
                i.c.ends_at,
                i.c.timezone,
                i.c.decision_date,
                i.c.location,
                i.c.decision_note,
                i.c.notes.label("interview_notes"),
            )
            .where(a.c.profile_id == profile_id)
            .outerjoin(latest, latest.c.application_id == a.c.id)
            .outerjoin(i, sa.and_(i.c.application_id == a.c.id, i.c.starts_at == latest.c.latest))
            .order_by(a.c.id, i.c.id)
        )
        with self.reading() as conn:
            return pipeline_entries(conn.execute(query).mappings())

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
        values = _fields(followup, exclude=("id",), rename={"recipient_id": "recipient_id"})
        with self.transaction() as conn:
            result = conn.execute(
                t.followups.insert().values(uid=new_uid(), **values, **self._stamps())
            )
        assert result.inserted_primary_key is not None
        return replace(followup, id=result.inserted_primary_key[0])

    def update_followup(self, followup: FollowUp) -> FollowUp:
        """Write every field of an existing follow-up."""
        assert followup.id is not None
        values = _fields(followup, exclude=("id",))
        with self.transaction() as conn:
            _update(conn, t.followups, followup.id, {**values, **self._stamps(False)}, "follow-up")
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
        values = _fields(message, exclude=("id",))
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
        values = _fields(reply, exclude=("id",))
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


# Row <-> entity ---------------------------------------------------------------------------


def _fields(
    entity: Any, *, exclude: Sequence[str] = (), rename: dict[str, str] | None = None
) -> dict[str, Any]:
    """An entity's attributes as column values (enums as their value)."""
    out: dict[str, Any] = {}
    for name in entity.__slots__:
        if name in exclude:
            continue
        value = getattr(entity, name)
        if hasattr(value, "value") and isinstance(value.value, str):
            value = value.value
        out[(rename or {}).get(name, name)] = value
    return out


def _update(
    conn: Connection, table: sa.Table, ident: int | None, values: dict[str, Any], what: str
) -> None:
    result = conn.execute(table.update().where(table.c.id == ident).values(**values))
    if result.rowcount == 0:
        raise NotFoundError(what, ident)


def _merge_contact(known: Contact, new: Contact) -> Contact:
    """Keep what was known; fill in what the new record adds."""
    updates = {
        name: getattr(new, name)
        for name in ("title", "email", "phone", "linkedin", "timezone", "company")
        if getattr(new, name) and not getattr(known, name)
    }
    return replace(known, **updates) if updates else known
