"""One resident's session at the kiosk, and its wipe.

Everything a resident leaves behind lives here (the identity read from the
card or typed, the phone number, captured photos and scans, slips waiting to
print, and what one screen hands the next: the application being filled in,
what was saved, the ticket or booking), so that one `wipe()` forgets it all
when they walk away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hardware.facematch import MatchResult
    from hardware.identity import IdentityRecord
    from kiosk.receipts import BookingOutcome, IssuedTicket, Outcome
    from sync.protocol.models import Person

_NATIONALITY = re.compile(r"[A-Z<]{3}")


@dataclass
class ApplicationDraft:
    """The application form as the resident left it (pictures are in `images`)."""

    matter: str  # the matter's code
    fields: dict[str, object] = field(default_factory=dict)  # field key -> value


@dataclass
class KioskSession:
    identity: IdentityRecord | None = None
    id_number: str = ""  # typed on the keypad when no card was read
    phone: str = ""
    images: dict[str, bytes] = field(default_factory=dict)  # field key -> JPEG/PNG bytes
    pending_prints: list[str] = field(default_factory=list)  # receipt ids of this session
    draft: ApplicationDraft | None = None  # the form screen's, for the review
    outcome: Outcome | None = None  # an application or repair saved, for the done screen
    ticket: IssuedTicket | None = None  # a number taken or a booking checked in
    booking: BookingOutcome | None = None  # a booking made, for the slip screen
    # the face check of `identity` (or the last one refused): its figures, never an image
    face_match: MatchResult | None = None

    @property
    def identified(self) -> bool:
        return self.identity is not None or bool(self.id_number)

    @property
    def applicant_id_number(self) -> str:
        return self.identity.id_number if self.identity is not None else self.id_number

    def applicant(self, *, phone: str | None = None, address: str | None = None) -> Person:
        """The resident as the wire carries them: the document's number, kind and
        issuing country (a number typed on the keypad is a resident ID card's)."""
        from sync.protocol.models import Person  # pydantic: not before the first paint

        identity = self.identity
        if identity is None:
            return Person(id_number=self.id_number or None, phone=phone or None,
                          address=address or None)
        nationality = identity.nationality.upper()
        return Person(id_number=identity.id_number or None, name=identity.name or None,
                      phone=phone or None, address=address or None,
                      document_kind=identity.kind.value,
                      nationality=nationality if _NATIONALITY.fullmatch(nationality) else None)

    def wipe(self) -> None:
        if self.identity is not None:
            self.identity.wipe()
        self.identity = None
        self.id_number = ""
        self.phone = ""
        self.images.clear()
        self.pending_prints.clear()
        self.draft = None
        self.outcome = None
        self.ticket = None
        self.booking = None
        self.face_match = None
