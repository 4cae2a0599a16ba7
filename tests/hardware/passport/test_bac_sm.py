"""BAC and secure messaging against ICAO 9303-11 Appendix D's worked example, byte for byte."""

from __future__ import annotations

import pytest

from hardware.passport import bac
from hardware.passport.mrz import MrzKey
from hardware.passport.sm import SecureMessaging, SmError, pad, unpad

KEY = MrzKey.typed("L898902C", "690806", "940623")
RND_IC = bytes.fromhex("4608F91988702212")
RND_IFD = bytes.fromhex("781723860C06C226")
K_IFD = bytes.fromhex("0B795240CB7049B01C19B33E32804F0B")
K_IC = bytes.fromhex("0B4F80323EB3191CB04970CB4052790B")
KS_ENC = bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = bytes.fromhex("887022120C06C226")
EXTERNAL_AUTH = bytes.fromhex(
    "0082000028"
    "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
    "5F1448EEA8AD90A728")
CHIP_ANSWER = bytes.fromhex(
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")


def test_keys_from_the_mrz() -> None:
    assert KEY.information == "L898902C<369080619406236"
    keys = bac.BacKeys.from_mrz(KEY)
    assert keys.k_enc.hex().upper() == "AB94FDECF2674FDFB9B391F85D7F76F2"
    assert keys.k_mac.hex().upper() == "7962D9ECE03D1ACD4C76089DCE131543"
    assert "L898" not in repr(KEY) and "AB94" not in repr(keys)


def test_terminal_authenticates_as_the_example() -> None:
    sent: list[bytes] = []
    answers = iter([(RND_IC, 0x9000), (CHIP_ANSWER, 0x9000)])

    def transmit(command: bytes) -> tuple[bytes, int]:
        sent.append(command)
        return next(answers)

    session = bac.authenticate(transmit, bac.BacKeys.from_mrz(KEY), rnd_ifd=RND_IFD,
                               k_ifd=K_IFD)
    assert sent == [bac.GET_CHALLENGE, EXTERNAL_AUTH]
    assert (session.ks_enc, session.ks_mac, session.ssc) == (KS_ENC, KS_MAC, SSC)


def test_chip_side_gives_the_example_answer_and_refuses_a_wrong_key() -> None:
    keys = bac.BacKeys.from_mrz(KEY)
    result = bac.chip_keys_answer(keys, RND_IC, EXTERNAL_AUTH[5:45], K_IC)
    assert result is not None
    answer, session = result
    assert answer == CHIP_ANSWER
    assert (session.ks_enc, session.ks_mac, session.ssc) == (KS_ENC, KS_MAC, SSC)
    wrong = bac.BacKeys.from_mrz(MrzKey.typed("L898902C", "690807", "940623"))
    assert bac.chip_keys_answer(wrong, RND_IC, EXTERNAL_AUTH[5:45], K_IC) is None


def test_terminal_refuses_a_refusal_and_a_forged_answer() -> None:
    keys = bac.BacKeys.from_mrz(KEY)
    with pytest.raises(bac.BacError, match="refused the access key"):
        bac.authenticate(_replay([(RND_IC, 0x9000), (b"", 0x6300)]), keys)
    forged = CHIP_ANSWER[:-1] + bytes([CHIP_ANSWER[-1] ^ 1])
    with pytest.raises(bac.BacError, match="MAC"):
        bac.authenticate(_replay([(RND_IC, 0x9000), (forged, 0x9000)]), keys,
                         rnd_ifd=RND_IFD, k_ifd=K_IFD)


def _replay(answers: list[tuple[bytes, int]]) -> bac.Transmit:
    it = iter(answers)
    return lambda _command: next(it)


def test_secure_messaging_as_the_example() -> None:
    terminal = SecureMessaging(KS_ENC, KS_MAC, SSC)
    select = terminal.protect(0x00, 0xA4, 0x02, 0x0C, bytes.fromhex("011E"))
    assert select.hex().upper() == "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    assert terminal.unprotect_response(bytes.fromhex("990290008E08FA855A5D4C50A8ED")) == (
        b"", 0x90, 0x00)
    read = terminal.protect(0x00, 0xB0, 0x00, 0x00, le=4)
    assert read.hex().upper() == "0CB000000D9701048E08ED6705417E96BA5500"
    data, sw1, sw2 = terminal.unprotect_response(
        bytes.fromhex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"))
    assert (data.hex().upper(), sw1, sw2) == ("60145F01", 0x90, 0x00)


def test_chip_side_secure_messaging_round_trip_and_tamper() -> None:
    terminal = SecureMessaging(KS_ENC, KS_MAC, SSC)
    chip = SecureMessaging(KS_ENC, KS_MAC, SSC)
    command = chip.unprotect_command(terminal.protect(0x00, 0xA4, 0x02, 0x0C, b"\x01\x01"))
    assert (command.ins, command.p1, command.data, command.le) == (0xA4, 0x02, b"\x01\x01",
                                                                   None)
    response = chip.protect_response(b"hello", b"\x90\x00")
    assert response[-2:] == b"\x90\x00"
    assert terminal.unprotect_response(response[:-2]) == (b"hello", 0x90, 0x00)
    tampered = bytearray(terminal.protect(0x00, 0xB0, 0x00, 0x00, le=4))
    tampered[-3] ^= 0x01
    with pytest.raises(SmError, match="MAC"):
        chip.unprotect_command(bytes(tampered))


def test_padding() -> None:
    assert pad(b"\x01\x1e") == bytes.fromhex("011E800000000000")
    assert len(pad(bytes(8))) == 16
    assert unpad(pad(b"abc")) == b"abc"
    with pytest.raises(SmError):
        unpad(bytes(8))
