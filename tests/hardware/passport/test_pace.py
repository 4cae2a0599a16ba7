"""PACE against ICAO 9303-11 Appendix G.1's worked example (ECDH Generic Mapping,
brainpoolP256r1, AES-128), byte for byte, on the terminal's side and the chip's."""

from __future__ import annotations

import pytest

from hardware.passport import pace
from hardware.passport.lds import encode_tlv
from hardware.passport.mrz import MrzKey
from hardware.passport.sm import AesSecureMessaging, SecureMessaging, SmError

KEY = MrzKey.typed("T22000129", "640812", "101031")
CARD_ACCESS = bytes.fromhex("31143012060A04007F0007020204020202010202010D")
INFO = pace.PaceInfo(pace.PACE_ECDH_GM_AES_128, 2, 13)
NONCE_Z = "95A3A016522EE98D01E76CB6B98B42C3"
NONCE_S = bytes.fromhex("3F00C4D39D153F2B2A214A078D899B22")
SK_MAP_IFD = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
SK_DH_IFD = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
SK_MAP_IC = 0x498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560
SK_DH_IC = 0x107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A
PK_MAP_IFD = ("047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
              "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D")
PK_MAP_IC = ("04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
             "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54")
H = ("0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
     "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181")
G_MAPPED = ("048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
            "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522")
PK_DH_IFD = ("042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
             "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462")
PK_DH_IC = ("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
            "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094")
SHARED = bytes.fromhex("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925")
KS_ENC = bytes.fromhex("F5F0E35C0D7161EE6724EE513A0D9A7F")
KS_MAC = bytes.fromhex("FE251C7858B356B24514B3BD5F4297D1")
T_IFD, T_IC = "C2B0BD78D94BA866", "3ABB9674BCE93C08"

#: Appendix G.1's command and response APDUs (MSE:Set AT without 84: one PACEInfo)
TRANSCRIPT = [
    ("0022C1A40F800A04007F00070202040202830101", "9000"),
    ("10860000027C0000", "7C1280" + "10" + NONCE_Z + "9000"),
    ("10860000457C438141" + PK_MAP_IFD + "00", "7C438241" + PK_MAP_IC + "9000"),
    ("10860000457C438341" + PK_DH_IFD + "00", "7C438441" + PK_DH_IC + "9000"),
    ("008600000C7C0A8508" + T_IFD + "00", "7C0A8608" + T_IC + "9000"),
]


def test_card_access_and_password_key() -> None:
    assert pace.pace_infos(CARD_ACCESS) == [INFO]
    assert pace.encode_card_access([INFO]) == CARD_ACCESS
    assert KEY.information == "T22000129364081251010318"
    secret = pace.password_key(KEY)
    assert secret.hex().upper() == "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"
    assert pace.kdf(secret, pace.PI, 16).hex().upper() == "89DED1B26624EC1E634C1989302849DD"


def test_mapping_and_key_agreement_values() -> None:
    curve = pace.CURVES[13]
    assert pace.encode_point(curve, curve.generator * SK_MAP_IFD).hex().upper() == PK_MAP_IFD
    chip_map = pace.decode_point(curve, bytes.fromhex(PK_MAP_IC))
    assert pace.encode_point(curve, chip_map * SK_MAP_IFD).hex().upper() == H
    mapped = pace._mapped_generator(curve, NONCE_S, SK_MAP_IFD, chip_map)
    assert pace.encode_point(curve, mapped).hex().upper() == G_MAPPED
    chip_public = pace.decode_point(curve, bytes.fromhex(PK_DH_IC))
    assert pace._shared_secret(curve, SK_DH_IFD, chip_public) == SHARED
    assert (pace.kdf(SHARED, pace.ENC, 16), pace.kdf(SHARED, pace.MAC, 16)) == (KS_ENC,
                                                                                KS_MAC)


def _scripted(transcript: list[tuple[str, str]]) -> tuple[pace.Transmit, list[bytes]]:
    sent: list[bytes] = []
    answers = iter(transcript)

    def transmit(command: bytes) -> tuple[bytes, int]:
        sent.append(command)
        expected, answer = next(answers)
        assert command.hex().upper() == expected
        raw = bytes.fromhex(answer)
        return raw[:-2], int.from_bytes(raw[-2:], "big")
    return transmit, sent


def test_terminal_runs_the_example_byte_for_byte() -> None:
    transmit, sent = _scripted(TRANSCRIPT)
    session = pace.authenticate(transmit, KEY, INFO, private_keys=(SK_MAP_IFD, SK_DH_IFD))
    assert len(sent) == len(TRANSCRIPT)
    assert isinstance(session, AesSecureMessaging)
    assert (session.ks_enc, session.ks_mac, session.ssc) == (KS_ENC, KS_MAC, bytes(16))


def test_terminal_names_the_domain_parameters_when_several_are_offered() -> None:
    with_84 = [("0022C1A412800A04007F0007020204020283010184010D", "9000"), *TRANSCRIPT[1:]]
    transmit, _sent = _scripted(with_84)
    pace.authenticate(transmit, KEY, INFO, with_parameter_id=True,
                      private_keys=(SK_MAP_IFD, SK_DH_IFD))


def _chip_transmit(chip: pace.PaceChip, sessions: list[SecureMessaging]) -> pace.Transmit:
    """A transmit into the chip's side (MSE:Set AT and General Authenticate only)."""
    def transmit(command: bytes) -> tuple[bytes, int]:
        data = command[5:5 + command[4]]
        if command[1] == 0x22:
            return b"", chip.set_at(data)
        answer, sw, session = chip.general_authenticate(command[0], data)
        if session is not None:
            sessions.append(session)
        return answer, sw
    return transmit


def test_chip_answers_the_example_byte_for_byte() -> None:
    chip = pace.PaceChip(KEY, [INFO], private_keys=(SK_MAP_IC, SK_DH_IC), nonce=NONCE_S)
    sessions: list[SecureMessaging] = []
    to_chip = _chip_transmit(chip, sessions)
    answers: list[str] = []

    def recording(command: bytes) -> tuple[bytes, int]:
        data, sw = to_chip(command)
        answers.append(data.hex().upper() + f"{sw:04X}")
        return data, sw
    terminal = pace.authenticate(recording, KEY, INFO, private_keys=(SK_MAP_IFD, SK_DH_IFD))
    assert answers == [answer for _command, answer in TRANSCRIPT]
    chip_session = sessions[0]
    assert (chip_session.ks_enc, chip_session.ks_mac) == (terminal.ks_enc, terminal.ks_mac)


def test_session_keys_protect_the_next_command_with_aes() -> None:
    # SELECT of the eMRTD application under Appendix G.1's session keys, counter 0; the
    # value agrees with an independent PACE implementation's vector
    terminal = AesSecureMessaging(KS_ENC, KS_MAC)
    select = terminal.protect(0x00, 0xA4, 0x04, 0x0C, bytes.fromhex("A0000002471001"))
    assert select.hex().upper() == (
        "0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00")
    assert terminal.unprotect_response(bytes.fromhex("990290008E08BEA7B381C494A079")) == (
        b"", 0x90, 0x00)


def test_aes_secure_messaging_both_sides_odd_ins_and_tamper() -> None:
    terminal, chip = AesSecureMessaging(KS_ENC, KS_MAC), AesSecureMessaging(KS_ENC, KS_MAC)
    read = terminal.protect(0x00, 0xB1, 0x00, 0x00, bytes.fromhex("54028000"), le=0xDF)
    assert read[5] == 0x85  # odd INS: its BER-TLV data in DO'85'
    command = chip.unprotect_command(read)
    assert (command.ins, command.data, command.le) == (0xB1, bytes.fromhex("54028000"), 0xDF)
    answer = chip.protect_response(b"\x53\x03abc", b"\x90\x00", odd=True)
    assert terminal.unprotect_response(answer[:-2]) == (b"\x53\x03abc", 0x90, 0x00)
    tampered = bytearray(terminal.protect(0x00, 0xB0, 0x00, 0x00, le=4))
    tampered[-3] ^= 0x01
    with pytest.raises(SmError, match="MAC"):
        chip.unprotect_command(bytes(tampered))


@pytest.mark.parametrize(("protocol", "parameter_id", "suite"), [
    (pace.PACE_ECDH_GM_AES_128, 12, AesSecureMessaging),  # NIST P-256
    (pace.PACE_ECDH_GM_3DES, 13, SecureMessaging),
    (pace.PACE_ECDH_GM_3DES, 12, SecureMessaging),
])
def test_random_runs_on_both_curves_and_both_ciphers(protocol: str, parameter_id: int,
                                                     suite: type[SecureMessaging]) -> None:
    info = pace.PaceInfo(protocol, 2, parameter_id)
    chip = pace.PaceChip(KEY, [info])
    sessions: list[SecureMessaging] = []
    terminal = pace.authenticate(_chip_transmit(chip, sessions), KEY, info)
    assert type(terminal) is suite and type(sessions[0]) is suite
    assert len(terminal.ssc) == suite.block and not any(terminal.ssc)
    response = sessions[0].unprotect_command(terminal.protect(0x00, 0xA4, 0x02, 0x0C,
                                                              b"\x01\x01"))
    assert response.data == b"\x01\x01"


def test_a_wrong_mrz_key_is_refused_not_unsupported() -> None:
    chip = pace.PaceChip(KEY, [INFO])
    wrong = MrzKey.typed("T22000129", "640812", "101030")
    with pytest.raises(pace.PaceRefusedError, match="6300"):
        pace.authenticate(_chip_transmit(chip, []), wrong, INFO)


def test_a_chip_without_pace_is_unsupported() -> None:
    with pytest.raises(pace.PaceUnsupportedError, match="6D00"):
        pace.authenticate(lambda _command: (b"", 0x6D00), KEY, INFO)
    chip = pace.PaceChip(KEY, [pace.PaceInfo(pace.PACE_ECDH_GM_3DES, 2, 13)])
    with pytest.raises(pace.PaceUnsupportedError, match="6A80"):
        pace.authenticate(_chip_transmit(chip, []), KEY, INFO)  # it offers another protocol


def test_a_point_off_the_curve_breaks_the_run() -> None:
    off = bytearray(bytes.fromhex(PK_MAP_IC))
    off[-1] ^= 1
    forged = [*TRANSCRIPT[:2], (TRANSCRIPT[2][0], "7C438241" + off.hex().upper() + "9000")]
    transmit, _sent = _scripted(forged)
    with pytest.raises(pace.PaceError, match="not on the curve"):
        pace.authenticate(transmit, KEY, INFO, private_keys=(SK_MAP_IFD, SK_DH_IFD))


def test_card_access_with_other_security_infos_and_unknown_protocols() -> None:
    chip_auth = bytes.fromhex("300F060A04007F00070202030202020101")  # a ChipAuthenticationInfo
    integrated = pace.PaceInfo("0.4.0.127.0.7.2.2.4.6.2", 2, 13)  # ECDH-IM: not run here
    gm_3des = pace.PaceInfo(pace.PACE_ECDH_GM_3DES, 2, 12)
    encoded = pace.encode_card_access([integrated, gm_3des, INFO])
    whole = encoded[:1] + bytes([encoded[1] + len(chip_auth)]) + encoded[2:] + chip_auth
    assert set(pace.pace_infos(whole)) == {integrated, gm_3des, INFO}
    assert pace.supported_infos(pace.pace_infos(whole)) == [INFO, gm_3des]  # AES first
    with pytest.raises(pace.PaceError):
        pace.pace_infos(b"\x31\x05\x30")



@pytest.mark.parametrize("encrypted", [bytes.fromhex(NONCE_Z)[:-1], b""])
def test_an_encrypted_nonce_that_is_not_whole_blocks_breaks_the_run(encrypted: bytes) -> None:
    """The chip's first answer is not authenticated: a nonce that is not whole cipher
    blocks (a short or corrupted answer) is a PaceError, which the reader turns into
    "place it again". It was cryptography's ValueError, which nothing caught: the
    passport adapter's job ended in the log and the screen waited for an answer."""
    answer = encode_tlv(0x7C, encode_tlv(0x80, encrypted)).hex().upper() + "9000"
    transmit, _sent = _scripted([TRANSCRIPT[0], (TRANSCRIPT[1][0], answer)])
    with pytest.raises(pace.PaceError, match="nonce"):
        pace.authenticate(transmit, KEY, INFO, private_keys=(SK_MAP_IFD, SK_DH_IFD))
