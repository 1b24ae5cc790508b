"""Contacts and interviews: the record's most intricate writes and reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from followup.adapters.store import schema as t
from followup.adapters.store.base import (
    StoreBase,
    check_id,
    fields_of,
    merge_contact,
    new_uid,
    update_row,
)
from followup.adapters.store.rows import (
    FOLLOWUP_COLUMNS,
    ITEM_FIELDS,
    PENDING_STATUSES,
    PendingRow,
    pending_entries,
    pipeline_entries,
    to_application,
    to_contact,
    to_interview,
)
from followup.domain.model import Application, Contact, Interview, Interviewer
from followup.errors import NotFoundError


def same_application(profile_id: int, company: str, role: str) -> sa.Select[Any]:
    """The profile's applications for this company and role (any case), newest first."""
    c = t.applications.c
    return (
        sa.select(t.applications)
        .where(
            c.profile_id == profile_id,
            sa.func.lower(c.company) == company.lower(),
            sa.func.lower(c.role) == role.lower(),
        )
        .order_by(c.id.desc())
    )


class RecordStore(StoreBase):
    """Contacts, interviews (with their people and lists) and the pipeline query."""

    def _insert_application(self, conn: Connection, application: Application) -> Application:
        values = fields_of(application, exclude=("id",))
        result = conn.execute(
            t.applications.insert().values(uid=new_uid(), **values, **self._stamps())
        )
        assert result.inserted_primary_key is not None
        return replace(application, id=result.inserted_primary_key[0])

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
            values = fields_of(contact, exclude=("id", "profile_id"))
            update_row(conn, t.contacts, contact.id, {**values, **self._stamps(False)}, "contact")
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
            merged = merge_contact(known, contact)
            if merged != known:
                values = fields_of(merged, exclude=("id", "profile_id"))
                update_row(conn, t.contacts, known.id, {**values, **self._stamps(False)}, "contact")
            return merged
        values = fields_of(replace(contact, profile_id=profile_id), exclude=("id",))
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
                # Looked up again inside the transaction (the write lock is held on SQLite, a
                # per-profile lock on PostgreSQL): two `add`s at once make one application.
                assert application.profile_id is not None
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(application.profile_id)))
                query = same_application(
                    application.profile_id, application.company, application.role
                )
                row = conn.execute(query).mappings().first()
                application = (
                    to_application(row)
                    if row is not None
                    else self._insert_application(conn, application)
                )
            else:
                values = fields_of(application, exclude=("id", "profile_id"))
                update_row(
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
            update_row(
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
        check_id("interview", interview_id)
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

    def first_pending_followups(self, profile_id: int) -> list[PendingRow]:
        """Each application's pending follow-ups (planned, drafted, scheduled) due first.

        Those at the application's earliest pending target (all of them when none has a
        target), by application and ID; each with its recipient's name and zone and its
        interview's zone: what `followup list` needs to show the plan's next step on the
        recipient's clock, without reading the whole plan.
        """
        f, c, i, a = t.followups, t.contacts, t.interviews, t.applications
        pending = f.c.status.in_(PENDING_STATUSES)
        first = (
            sa.select(f.c.application_id, sa.func.min(f.c.target).label("first"))
            .where(pending)
            .group_by(f.c.application_id)
            .subquery()
        )
        query = (
            sa.select(
                *(f.c[name] for name in FOLLOWUP_COLUMNS),
                c.c.name.label("recipient_name"),
                c.c.timezone.label("recipient_timezone"),
                i.c.timezone.label("interview_timezone"),
            )
            .select_from(
                f.join(a, a.c.id == f.c.application_id)
                .join(first, first.c.application_id == f.c.application_id)
                .outerjoin(c, c.c.id == f.c.recipient_id)
                .outerjoin(i, i.c.id == f.c.interview_id)
            )
            .where(
                a.c.profile_id == profile_id,
                pending,
                sa.or_(f.c.target == first.c.first, first.c.first.is_(None)),
            )
            .order_by(f.c.application_id, f.c.id)
        )
        with self.reading() as conn:
            return pending_entries(conn.execute(query).mappings())

    def planned_applications(self, profile_id: int) -> set[int]:
        """The profile's applications that have a stored plan (at least one follow-up)."""
        f, a = t.followups, t.applications
        query = (
            sa.select(f.c.application_id)
            .distinct()
            .join(a, a.c.id == f.c.application_id)
            .where(a.c.profile_id == profile_id)
        )
        with self.reading() as conn:
            return set(conn.execute(query).scalars())
