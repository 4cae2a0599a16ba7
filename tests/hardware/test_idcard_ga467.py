"""GA 467 frames, the simulator on a real pty, and the serial driver."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.health import DeviceError, HealthState
from hardware.idcard import ga467
from hardware.idcard.ga467_sim import Ga467Simulator, demo_identity
from hardware.idcard.serial_reader import SerialIdCardReader
from hardware.identity import MSG_CARD_REJECTED, CardRejected


@pytest.fixture
def sim() -> Iterator[Ga467Simulator]:
    with Ga467Simulator() as simulator:
        yield simulator


@pytest.fixture
def reader(sim: Ga467Simulator) -> Iterator[SerialIdCardReader]:
    driver = SerialIdCardReader(sim.port, step_timeout=0.3, retries=3)
    yield driver
    driver.close()


# --- frames -------------------------------------------------------------------

def test_find_card_frame_bytes() -> None:
    assert ga467.build_command(*ga467.FIND_CARD).hex(" ").upper() == \
        "AA AA AA 96 69 00 03 20 01 22"


@given(st.integers(0, 255), st.integers(0, 255), st.binary(max_size=300))
def test_command_round_trip(cmd: int, para: int, data: bytes) -> None:
    reader = ga467.FrameReader()
    reader.feed(ga467.build_command(cmd, para, data))
    assert ga467.Command.from_payload(reader.next_payload() or b"") == \
        ga467.Command(cmd, para, data)
    assert reader.pending == 0


@given(st.integers(0, 255), st.binary(max_size=300), st.binary(max_size=50))
def test_answer_round_trip_after_garbage(sw3: int, data: bytes, garbage: bytes) -> None:
    reader = ga467.FrameReader(min_len=4)
    frame = ga467.build_answer(sw3, data)
    # feed byte by byte to exercise partial frames
    payload = None
    for b in garbage + frame:
        reader.feed(bytes([b]))
        # garbage may look like a frame start; decoding resynchronises
        with contextlib.suppress(ga467.FrameError):
            payload = reader.next_payload() or payload
    assert payload is not None
    assert ga467.Answer.from_payload(payload) == ga467.Answer(0, 0, sw3, data)


def test_frame_errors_are_clear() -> None:
    reader = ga467.FrameReader()
    bad = bytearray(ga467.build_command(*ga467.FIND_CARD))
    bad[-1] ^= 1
    reader.feed(bytes(bad) + ga467.build_command(*ga467.SELECT_CARD))
    with pytest.raises(ga467.FrameError, match="checksum") as info:
        reader.next_payload()
    assert info.value.kind == "checksum"
    assert reader.next_payload() == bytes([0x20, 0x02])  # resynchronised

    reader.feed(ga467.PREAMBLE + b"\xff\xff")
    with pytest.raises(ga467.FrameError) as info:
        reader.next_payload()
    assert info.value.kind == "length"

    reader = ga467.FrameReader()
    reader.feed(ga467.build_command(*ga467.FIND_CARD)[:-2])
    assert reader.next_payload() is None
    with pytest.raises(ga467.FrameError) as info:
        reader.finish()
    assert info.value.kind == "truncated"


def test_read_answer_round_trip() -> None:
    identity = demo_identity()
    parsed = ga467.parse_read_answer(ga467.encode_read_answer(identity))
    assert parsed == identity
    assert parsed.valid_until is None  # 长期
    assert len(parsed.photo_wlt) == 1024
    dated = replace(identity, ethnicity="维吾尔族", valid_until=date(2035, 1, 1))
    assert ga467.parse_read_answer(ga467.encode_read_answer(dated)) == dated


def test_ethnicity_table() -> None:
    assert len([c for c in ga467.ETHNICITIES if int(c) <= 56]) == 56
    assert ga467.ETHNICITIES["01"] == "汉族" and ga467.ETHNICITIES["56"] == "基诺族"
    assert set(ga467.ETHNICITIES) == {f"{n:02d}" for n in range(1, 57)} | {"97", "98"}


def test_text_block_rejects_bad_fields() -> None:
    text = bytearray(ga467.encode_text_block(demo_identity()))
    text[32:36] = "99".encode("utf-16-le")  # ethnicity
    with pytest.raises(ga467.TextBlockError, match="ethnicity"):
        ga467.parse_text_block(bytes(text))


# --- fuzz: only our own errors -----------------------------------------------------

@settings(max_examples=300)
@given(st.lists(st.binary(max_size=64), max_size=8), st.booleans())
def test_fuzz_frame_reader(chunks: list[bytes], with_preamble: bool) -> None:
    reader = ga467.FrameReader()
    for chunk in chunks:
        reader.feed(ga467.PREAMBLE + chunk if with_preamble else chunk)
        for _ in range(10):
            try:
                if reader.next_payload() is None:
                    break
            except ga467.ProtocolError:
                pass
    with contextlib.suppress(ga467.ProtocolError):
        reader.finish()


@settings(max_examples=300)
@given(st.one_of(st.binary(min_size=256, max_size=256), st.binary(max_size=400)))
def test_fuzz_text_block(data: bytes) -> None:
    for parse in (ga467.parse_read_answer, ga467.parse_text_block):
        with contextlib.suppress(ga467.ProtocolError):
            parse(data)


@settings(max_examples=200)
@given(st.data())
def test_fuzz_text_block_fields(data: st.DataObject) -> None:
    """Mutate one field of a valid block: still only our own errors."""
    text = bytearray(ga467.encode_text_block(demo_identity()))
    pos = 0
    index = data.draw(st.integers(0, len(ga467.TEXT_LAYOUT) - 1))
    for _, width in ga467.TEXT_LAYOUT[:index]:
        pos += width
    width = ga467.TEXT_LAYOUT[index][1]
    text[pos:pos + width] = data.draw(st.binary(min_size=width, max_size=width))
    with contextlib.suppress(ga467.ProtocolError):
        ga467.parse_text_block(bytes(text))


# --- the driver over a pty -------------------------------------------------------

def test_reads_full_identity(sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    record = reader.read_card(timeout=3)
    assert record == demo_identity()
    assert record is not None and record.source == "ga467"
    assert sim.commands == [ga467.FIND_CARD, ga467.SELECT_CARD, ga467.READ_TEXT_PHOTO]
    assert reader.health().state is HealthState.READY


def test_card_that_disagrees_with_its_number_is_rejected(sim: Ga467Simulator,
                                                         reader: SerialIdCardReader) -> None:
    sim.identity = replace(demo_identity(), birth_date=date(1950, 12, 31))
    with pytest.raises(CardRejected, match=r"in the year \(card 1950, number 1949\)") as info:
        reader.read_card(timeout=3)
    assert info.value.resident_message == MSG_CARD_REJECTED
    assert reader.health(probe=False).state is HealthState.READY


def test_constructing_opens_nothing() -> None:
    driver = SerialIdCardReader("/dev/does-not-exist")
    assert driver.health(probe=False).state is HealthState.OFFLINE
    with pytest.raises(DeviceError, match="unplugged or port busy: /dev/does-not-exist"):
        driver.read_card(timeout=0.5)


def test_no_card(sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    sim.card_present = False
    assert reader.read_card(timeout=2) is None


def test_garbage_before_frame(sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    sim.inject_garbage(b"\x00\xaa\xaa\x13\x37" + ga467.PREAMBLE[:4], times=3)
    assert reader.read_card(timeout=3) == demo_identity()


def test_bad_checksum_then_success(sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    sim.corrupt_next(2)
    assert reader.read_card(timeout=5) == demo_identity()
    assert sim.commands[:3] == [ga467.FIND_CARD] * 3


def test_bad_frame_then_good_one_resynchronises_within_the_attempt(sim: Ga467Simulator) -> None:
    """Every answer comes as a corrupted copy, then the good frame: with a single
    attempt per step the read still succeeds, each command sent once."""
    driver = SerialIdCardReader(sim.port, step_timeout=1.0, retries=1)
    try:
        sim.glitch_next(3)
        assert driver.read_card(timeout=3) == demo_identity()
        assert sim.commands == [ga467.FIND_CARD, ga467.SELECT_CARD, ga467.READ_TEXT_PHOTO]
    finally:
        driver.close()


def test_bad_checksum_every_time(sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    sim.corrupt_next(100)
    with pytest.raises(DeviceError, match="after 3 attempts: checksum") as info:
        reader.read_card(timeout=5)
    assert info.value.state is HealthState.DEGRADED
    assert reader.health(probe=False).state is HealthState.DEGRADED


def test_slow_answer_times_out(sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    sim.delay = 1.0  # longer than 3 attempts of 0.3 s
    with pytest.raises(DeviceError, match="no answer to 20 01"):
        reader.read_card(timeout=2)


def test_late_answers_are_not_mistaken(sim: Ga467Simulator,
                                       reader: SerialIdCardReader) -> None:
    """Late answers arrive during later attempts and steps: ignored, clean read."""
    sim.slow_next(2, 0.4)  # step timeout is 0.3 s
    assert reader.read_card(timeout=6) == demo_identity()
    assert sim.commands.count(ga467.FIND_CARD) == 2


def test_port_vanishes_and_recovers(sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    assert reader.read_card() is not None
    old_port = sim.port
    sim.stop()
    health = reader.health()
    assert health.state is HealthState.OFFLINE
    assert old_port in health.reason and "unplugged or port busy" in health.reason
    with pytest.raises(DeviceError, match="unplugged"):
        reader.read_card(timeout=1)

    sim.start()  # a new pty: the "reader" came back on another port
    reader.port = sim.port
    assert reader.health().state is HealthState.READY
    assert reader.read_card() == demo_identity()
