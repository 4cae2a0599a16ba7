"""A member the center manager deactivated (issue 11, Deliver 4) can no longer
sign in offline on a terminal where they signed in before, once the terminal
has the center's staff directory without them (demo staff, real platform)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sync.caches import STAFF
from sync.protocol.models import StaffRoster
from sync.protocol.staff import SignInOutcome, SignInPurpose, StaffDirectory
from sync.server.db import make_engine
from sync.server.documents import get_document, put_document
from sync.server.process import PlatformProcess
from tests.sync import test_staff_sign_in
from tests.sync.test_staff_sign_in import CLERK, CLERK_PIN, OTHER, OTHER_PIN, terminal

platform = test_staff_sign_in.platform  # the fixtures, used by name below
close_terminals = test_staff_sign_in.close_terminals


def refresh_directory(desk: object) -> None:
    client, cache = desk._client, desk._cache  # type: ignore[attr-defined]
    directory, etag = client.fetch("/v1/staff", StaffDirectory, None)
    cache.put(STAFF, directory.model_dump_json(), etag, datetime.now(UTC))


def test_a_deactivated_member_cannot_sign_in_offline(platform: PlatformProcess,
                                                     tmp_path: Path) -> None:
    desk = terminal(platform, tmp_path / "desk")
    for staff_no, pin in ((CLERK, CLERK_PIN), (OTHER, OTHER_PIN)):
        assert desk.sign_in(SignInPurpose.COUNTER, pin, staff_no=staff_no).outcome \
            is SignInOutcome.SIGNED_IN
    engine = make_engine(platform.database_url)
    try:
        roster = StaffRoster.model_validate_json(get_document(engine, "staff")[0])
        put_document(engine, "staff", StaffRoster(staff=[
            member.model_copy(update={"active": member.staff_no != CLERK})
            for member in roster.staff]))
    finally:
        engine.dispose()
    refresh_directory(desk)
    platform.stop()
    gone = desk.sign_in(SignInPurpose.COUNTER, CLERK_PIN, staff_no=CLERK)
    assert (gone.outcome, gone.offline) == (SignInOutcome.WRONG, True)
    still = desk.sign_in(SignInPurpose.COUNTER, OTHER_PIN, staff_no=OTHER)
    assert (still.outcome, still.offline) == (SignInOutcome.SIGNED_IN, True)
