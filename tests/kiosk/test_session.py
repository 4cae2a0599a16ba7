"""One resident's session (kiosk/session.py): what screens hand each other is typed,
and the wipe forgets all of it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hardware.idcard.ga467_sim import demo_identity
from kiosk.receipts import IssuedTicket, Names
from kiosk.session import ApplicationDraft, KioskSession


def test_the_wipe_forgets_everything_a_resident_left() -> None:
    identity = demo_identity()
    session = KioskSession(identity=identity, phone="13812345678")
    session.images["photo"] = b"\xff\xd8jpeg"
    session.pending_prints.append("receipt-1")
    session.draft = ApplicationDraft("MZ-001", {"household": 3})
    session.ticket = IssuedTicket("A001", Names("综合", "General"), None,
                                  datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), 2)
    assert session.identified and session.applicant_id_number == "11010519491231002X"
    session.wipe()
    assert identity.wiped  # the card's data, not only the reference to it
    assert session == KioskSession()


def test_a_typed_id_number_identifies_without_a_card() -> None:
    session = KioskSession(id_number="11010519491231002X")
    assert session.identified and session.applicant_id_number == "11010519491231002X"
    assert not KioskSession().identified


def test_each_draft_keeps_its_own_answers() -> None:
    first, second = ApplicationDraft("MZ-001"), ApplicationDraft("MZ-002")
    first.fields["household"] = 3
    assert second.fields == {}
