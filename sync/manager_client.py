"""The center manager's requests from the counter (`/v1/admin/*`), signed by
the counter and carrying the manager's session.

Blocking (network): call from a worker thread. Failures are the client's
(`TransientError` offline, `RequestRefused` with the platform's code).
"""

from __future__ import annotations

from typing import TypeVar
from urllib.parse import quote

from pydantic import BaseModel

from sync.client import PlatformClient
from sync.protocol.center import (
    CalendarYear,
    CardBinding,
    CenterNotice,
    CenterNotices,
    CenterSetup,
    CenterStaff,
    NewStaff,
    NoticeDraft,
    OpeningChange,
    OpeningRules,
    PinReset,
    ServiceWindow,
    SetupView,
    StaffCard,
    WindowList,
)

ModelT = TypeVar("ModelT", bound=BaseModel)


class ManagerClient:
    def __init__(self, client: PlatformClient, session: str) -> None:
        self._client = client
        self._session = session

    def _call(self, model: type[ModelT], method: str, path: str,
              body: BaseModel | None = None) -> ModelT:
        payload = b"" if body is None else body.model_dump_json().encode("utf-8")
        return model.model_validate_json(
            self._client.as_manager(method, path, payload, self._session))

    def sign_out(self) -> None:
        self._client.as_manager("POST", "/v1/admin/sign-out", b"", self._session)

    # notices
    def notices(self) -> CenterNotices:
        return self._call(CenterNotices, "GET", "/v1/admin/notices")

    def write_notice(self, draft: NoticeDraft) -> CenterNotice:
        return self._call(CenterNotice, "POST", "/v1/admin/notices", draft)

    def change_notice(self, notice_id: str, draft: NoticeDraft) -> CenterNotice:
        return self._call(CenterNotice, "PUT", f"/v1/admin/notices/{_part(notice_id)}", draft)

    def expire_notice(self, notice_id: str) -> CenterNotice:
        return self._call(CenterNotice, "POST",
                          f"/v1/admin/notices/{_part(notice_id)}/expire")

    # staff
    def staff(self) -> CenterStaff:
        return self._call(CenterStaff, "GET", "/v1/admin/staff")

    def add_staff(self, new: NewStaff) -> StaffCard:
        return self._call(StaffCard, "POST", "/v1/admin/staff", new)

    def set_active(self, staff_no: str, active: bool) -> StaffCard:
        action = "activate" if active else "deactivate"
        return self._call(StaffCard, "POST", f"/v1/admin/staff/{_part(staff_no)}/{action}")

    def reset_pin(self, staff_no: str, pin: str) -> StaffCard:
        return self._call(StaffCard, "PUT", f"/v1/admin/staff/{_part(staff_no)}/pin",
                          PinReset(pin=pin))

    def bind_card(self, staff_no: str, card_uid: str | None) -> StaffCard:
        return self._call(StaffCard, "PUT", f"/v1/admin/staff/{_part(staff_no)}/card",
                          CardBinding(card_uid=card_uid))

    # windows, hours, quotas
    def setup(self) -> SetupView:
        return self._call(SetupView, "GET", "/v1/admin/setup")

    def put_windows(self, windows: list[ServiceWindow]) -> CenterSetup:
        return self._call(CenterSetup, "PUT", "/v1/admin/windows",
                          WindowList(windows=windows))

    def put_opening(self, opening: OpeningRules | None) -> CenterSetup:
        return self._call(CenterSetup, "PUT", "/v1/admin/opening",
                          OpeningChange(opening=opening))

    # the calendar
    def calendar(self, year: int) -> CalendarYear:
        return self._call(CalendarYear, "GET", f"/v1/admin/calendar/{year}")

    def publish_calendar(self, year: CalendarYear) -> CalendarYear:
        return self._call(CalendarYear, "PUT", f"/v1/admin/calendar/{year.year}", year)


def _part(value: str) -> str:
    return quote(value, safe="")
