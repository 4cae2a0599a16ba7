"""Status parsing (DLE EOT 1/2/4) and its Health mapping, including fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.health import HealthState
from hardware.printer.escpos_text import read_escpos
from hardware.printer.status import (
    MSG_COVER,
    MSG_OUT,
    PaperState,
    encode_status,
    health_from_status,
    parse_status,
    status_byte,
)

OK = b"\x12"


def test_all_ok_is_ready() -> None:
    health = health_from_status(parse_status(OK, OK, OK))
    assert health.state is HealthState.READY


@pytest.mark.parametrize(("p1", "p2", "p4", "state", "reason"), [
    (b"\x1a", OK, OK, HealthState.OFFLINE, "offline"),
    (b"\x1a", b"\x16", OK, HealthState.OFFLINE, "cover open"),
    (OK, OK, b"\x1e", HealthState.DEGRADED, "near end"),
    (b"\x1a", b"\x32", b"\x7e", HealthState.OFFLINE, "paper out"),
    (OK, OK, b"\x72", HealthState.OFFLINE, "paper out"),
    (b"\x1a", b"\x52", OK, HealthState.OFFLINE, "printer error"),
    (None, None, None, HealthState.UNKNOWN, "no reply to DLE EOT 1"),
    (OK, OK, b"", HealthState.UNKNOWN, "no reply to DLE EOT 4"),
    (OK, OK, b"\x00", HealthState.UNKNOWN, "malformed reply to DLE EOT 4: 00"),
    (OK, OK, b"\x12\x12", HealthState.UNKNOWN, "malformed"),
    (b"\x93", OK, OK, HealthState.UNKNOWN, "malformed reply to DLE EOT 1"),
])
def test_conditions(p1, p2, p4, state: HealthState, reason: str) -> None:
    health = health_from_status(parse_status(p1, p2, p4))
    assert health.state is state
    assert reason in health.reason
    assert health.resident_message and "DLE" not in health.resident_message


def test_resident_messages() -> None:
    out = health_from_status(parse_status(*encode_status(PaperState.OUT).values()))
    cover = health_from_status(parse_status(*encode_status(cover_open=True).values()))
    assert out.resident_message == MSG_OUT
    assert cover.resident_message == MSG_COVER


@pytest.mark.parametrize("paper", list(PaperState)[:3])
@pytest.mark.parametrize("cover", [False, True])
def test_encode_parse_round_trip(paper: PaperState, cover: bool) -> None:
    replies = encode_status(paper, cover)
    status = parse_status(replies[1], replies[2], replies[4])
    assert status.paper is paper and status.cover_open is cover
    assert status.online is (paper is not PaperState.OUT and not cover)


replies = st.one_of(st.none(), st.binary(max_size=4))


@given(replies, replies, replies)
def test_fuzz_status_never_claims_ok_from_bad_reply(p1, p2, p4) -> None:
    health = health_from_status(parse_status(p1, p2, p4))
    valid = all(status_byte(r) is not None for r in (p1, p2, p4))
    if not valid:
        assert health.state is not HealthState.READY
    if status_byte(p4) is None and health.state is HealthState.DEGRADED:
        assert "unknown" in health.reason


@given(st.binary(max_size=512))
def test_fuzz_escpos_text(data: bytes) -> None:
    content = read_escpos(data)
    assert isinstance(content.text, str)


@given(st.text(max_size=60))
def test_fuzz_escpos_text_round_trip_gb18030(text: str) -> None:
    from hardware.printer.escpos_render import FS_CHINESE_OFF, FS_CHINESE_ON

    clean = "".join(ch for ch in text if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF)
    data = FS_CHINESE_ON + clean.encode("gb18030") + FS_CHINESE_OFF
    assert read_escpos(data).text == clean
