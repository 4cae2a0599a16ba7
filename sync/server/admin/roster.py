"""A center manager's changes to the center's staff: add a member, deactivate
one, reset a PIN, bind or unbind a staff card.

The roster is the platform's `staff` document (every center's members); a
change rewrites it under the document's row lock, so two managers' changes
never overwrite each other. A manager changes only members of the own center;
members who serve every center (technicians) are the platform's.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from sync.protocol.center import CardBinding, CenterStaff, NewStaff, StaffCard
from sync.protocol.models import StaffMember, StaffRoster
from sync.protocol.pin_hash import hash_pin
from sync.protocol.staff import normalise_uid
from sync.server.admin.sessions import SignedInManager
from sync.server.audit import Event, append
from sync.server.db import WRITE, Document, StaffLockout
from sync.server.documents import etag_of
from sync.server.errors import ApiError


def _card(member: StaffMember) -> StaffCard:
    return StaffCard(staff_no=member.staff_no, name=member.name, role=member.role,
                     active=member.active, card_bound=member.card_uid is not None)


def listing(engine: Engine, center: str) -> CenterStaff:
    """The center's own members, deactivated ones too (no PIN hash, no card UID)."""
    with Session(engine) as session:
        stored = session.get(Document, "staff")
        members = StaffRoster.model_validate_json(stored.body).staff if stored else []
    return CenterStaff(staff=[_card(m) for m in members if m.center == center])


class _RosterChange:
    """The roster under its row lock, written back (with an audit entry) on success."""

    def __init__(self, session: Session) -> None:
        self.session = session
        stored = session.get(Document, "staff", with_for_update=True)
        self.members = (list(StaffRoster.model_validate_json(stored.body).staff)
                        if stored else [])

    def own(self, manager: SignedInManager, staff_no: str) -> int:
        for index, member in enumerate(self.members):
            if member.staff_no == staff_no and member.center == manager.center:
                return index
        raise ApiError(404, "not_found", "This center has no member with this staff number.")

    def save(self, manager: SignedInManager, action: str, staff_no: str) -> None:
        self.save_as(f"manager:{manager.staff_no}", manager.center, action, staff_no)

    def save_as(self, actor: str, center: str, action: str, staff_no: str) -> None:
        now = time.time()
        body = StaffRoster(staff=self.members).model_dump_json().encode("utf-8")
        self.session.merge(Document(name="staff", body=body, etag=etag_of(body),
                                    updated_at=now))
        append(self.session, [Event(actor=actor, center=center, action=action,
                                    object=f"staff:{staff_no}")], now)


def add(engine: Engine, manager: SignedInManager, new: NewStaff) -> StaffCard:
    pin_hash = hash_pin(new.pin)  # scrypt, outside the lock
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        change = _RosterChange(session)
        if any(member.staff_no == new.staff_no for member in change.members):
            raise ApiError(409, "staff_no_taken", "This staff number is already given.")
        member = StaffMember(staff_no=new.staff_no, name=new.name, role=new.role,
                             pin_hash=pin_hash, center=manager.center)
        change.members.append(member)
        change.save(manager, "staff_added", new.staff_no)
        return _card(member)


def set_active(engine: Engine, manager: SignedInManager, staff_no: str,
               active: bool) -> StaffCard:
    """Deactivate (or reactivate) a member; a manager cannot deactivate themself."""
    if not active and staff_no == manager.staff_no:
        raise ApiError(409, "own_account", "A manager cannot deactivate their own account.")
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        change = _RosterChange(session)
        index = change.own(manager, staff_no)
        member = change.members[index].model_copy(update={"active": active})
        change.members[index] = member
        change.save(manager, "staff_activated" if active else "staff_deactivated", staff_no)
        return _card(member)


def reset_pin(engine: Engine, manager: SignedInManager, staff_no: str, pin: str) -> StaffCard:
    """A new PIN; the member's lockout ends with it."""
    pin_hash = hash_pin(pin)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        change = _RosterChange(session)
        index = change.own(manager, staff_no)
        member = change.members[index].model_copy(update={"pin_hash": pin_hash})
        change.members[index] = member
        session.execute(delete(StaffLockout).where(StaffLockout.key == f"staff:{staff_no}"))
        change.save(manager, "staff_pin_reset", staff_no)
        return _card(member)


def bind_card(engine: Engine, manager: SignedInManager, staff_no: str,
              binding: CardBinding) -> StaffCard:
    """Bind a staff card (a card belongs to one member of the platform) or unbind it."""
    uid = normalise_uid(binding.card_uid) if binding.card_uid else None
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        change = _RosterChange(session)
        index = change.own(manager, staff_no)
        if uid is not None and any(
                other.card_uid and normalise_uid(other.card_uid) == uid
                and other.staff_no != staff_no for other in change.members):
            raise ApiError(409, "card_taken", "This card is bound to another member.")
        member = change.members[index].model_copy(update={"card_uid": uid})
        change.members[index] = member
        change.save(manager, "staff_card_bound" if uid else "staff_card_unbound", staff_no)
        return _card(member)


def add_manager(engine: Engine, center: str, staff_no: str, name: str, pin: str,
                actor: str) -> None:
    """The platform's operator gives a center its (first) manager; a member of that
    center already on the roster becomes its manager with this PIN."""
    new = NewStaff(staff_no=staff_no, name=name, role="manager", pin=pin)  # checks the fields
    pin_hash = hash_pin(new.pin)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        change = _RosterChange(session)
        index = next((i for i, m in enumerate(change.members) if m.staff_no == staff_no), None)
        if index is None:
            change.members.append(StaffMember(staff_no=staff_no, name=name, role="manager",
                                              pin_hash=pin_hash, center=center))
        elif change.members[index].center != center:
            raise ValueError(f"staff number {staff_no} belongs to another center")
        else:
            change.members[index] = change.members[index].model_copy(update={
                "role": "manager", "name": name, "pin_hash": pin_hash, "active": True})
        change.save_as(actor, center, "manager_appointed", staff_no)
