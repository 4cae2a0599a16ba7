"""The vpcd client of the virtual cards, against a vpcd stand-in on loopback.

The stand-in listens as pcscd's vpcd driver does and speaks its framing (2-byte
length, 1-byte controls, APDUs); no pcscd is involved, so these run everywhere.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from hardware.idcard import apdu, card_app
from hardware.idcard.ga467_sim import demo_identity
from hardware.idcard.vcard import VirtualCard
from hardware.idcard.vpcd import VpcdCard, contactless_atr
from hardware.passport import lds
from hardware.passport.mrz import MrzKey
from hardware.passport.vpassport import VirtualPassport

POWER_OFF, POWER_ON, RESET, ATR = b"\x00", b"\x01", b"\x02", b"\x04"


class Vpcd:
    """The reader side of vpcd: accepts one card and exchanges frames with it."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(5)
        self.port: int = self.listener.getsockname()[1]
        self.conn: socket.socket | None = None

    def accept(self) -> None:
        self.conn, _ = self.listener.accept()
        self.conn.settimeout(5)

    def send(self, payload: bytes) -> None:
        assert self.conn is not None
        self.conn.sendall(len(payload).to_bytes(2, "big") + payload)

    def receive(self) -> bytes | None:
        """The card's next frame, None when the card went away."""
        head = self._exact(2)
        return None if head is None else self._exact(int.from_bytes(head, "big"))

    def ask(self, payload: bytes) -> bytes | None:
        self.send(payload)
        return self.receive()

    def _exact(self, n: int) -> bytes | None:
        assert self.conn is not None
        data = b""
        while len(data) < n:
            chunk = self.conn.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.listener.close()


@pytest.fixture
def vpcd() -> Iterator[Vpcd]:
    reader = Vpcd()
    yield reader
    reader.close()


def inserted(card: VpcdCard, vpcd: Vpcd) -> VpcdCard:
    card.insert()
    vpcd.accept()
    return card


def test_inserting_connects_and_the_card_answers_atr_and_uid(vpcd: Vpcd) -> None:
    card = inserted(VirtualCard(demo_identity(), port=vpcd.port), vpcd)
    try:
        assert card.inserted
        assert vpcd.ask(ATR) == card.atr == contactless_atr(b"RECEPT01")
        assert vpcd.ask(apdu.GET_UID) == bytes.fromhex("04A1B2C3D4E5F6") + b"\x90\x00"
        assert card.apdus == [apdu.GET_UID]
    finally:
        card.remove()
    assert not card.inserted
    assert vpcd.receive() is None  # removing the card closes the connection


def test_power_controls_get_no_answer_and_make_the_card_forget_its_selection(
        vpcd: Vpcd) -> None:
    record = card_app.encode_record(demo_identity())
    with inserted(VirtualCard(demo_identity(), port=vpcd.port), vpcd):
        assert vpcd.ask(apdu.select_aid(card_app.AID)) == b"\x90\x00"
        assert vpcd.ask(apdu.read_binary(0, 4)) == record[:4] + b"\x90\x00"
        vpcd.send(POWER_OFF)
        vpcd.send(POWER_ON)
        # the controls were not answered: the next frame is the READ BINARY's
        assert vpcd.ask(apdu.read_binary(0, 4)) == b"\x69\x86"


def test_a_blank_card_has_no_application(vpcd: Vpcd) -> None:
    with inserted(VirtualCard(None, port=vpcd.port), vpcd):
        assert vpcd.ask(apdu.select_aid(card_app.AID)) == b"\x6a\x82"


def test_remove_on_pulls_the_card_away_instead_of_answering(vpcd: Vpcd) -> None:
    card = VirtualCard(demo_identity(), port=vpcd.port)
    card.remove_on = lambda command: command[1] == 0xB0
    with inserted(card, vpcd):
        assert vpcd.ask(apdu.select_aid(card_app.AID)) == b"\x90\x00"
        assert vpcd.ask(apdu.read_binary(0, 4)) is None
    assert card.apdus[-1] == apdu.read_binary(0, 4)


def test_the_passport_chip_forgets_its_application_on_reset(vpcd: Vpcd) -> None:
    chip = VirtualPassport({}, MrzKey.typed("L898902C", "690806", "940623"),
                           port=vpcd.port)
    with inserted(chip, vpcd):
        assert vpcd.ask(ATR) == chip.atr
        assert vpcd.ask(apdu.select_aid(lds.EMRTD_AID)) == b"\x90\x00"
        challenge = vpcd.ask(bytes.fromhex("0084000008"))
        assert challenge is not None and len(challenge) == 10 and challenge[-2:] == b"\x90\x00"
        vpcd.send(RESET)
        assert vpcd.ask(bytes.fromhex("0084000008")) == b"\x69\x85"


def test_contactless_atr_carries_the_historical_bytes_and_a_valid_check_byte() -> None:
    atr = contactless_atr(b"RECEPT01")
    assert atr[:4] == bytes.fromhex("3B888001") and atr[4:-1] == b"RECEPT01"
    check = 0
    for byte in atr[1:]:
        check ^= byte
    assert check == 0
