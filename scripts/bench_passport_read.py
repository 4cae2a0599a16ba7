"""How long a passport chip read takes, by PACE and by BAC: the session set-up alone
(EF.CardAccess and PACE's five commands, or SELECT and BAC's two) and a whole read
(DG1, DG2 with a 14 KB JPEG face, SOD, passive authentication), with the chip in
this process and through pcscd + vpcd.

    .venv/bin/python scripts/bench_passport_read.py [--reads 10] [--no-vpcd]

The vpcd part uses a pcscd with the vpcd driver: the one running, or else one this
script starts for its run and stops (as the tests do), when vpcd is configured.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hardware.idcard.apdu import ApduResponse, select_aid
from hardware.passport import bac, lds, pace
from hardware.passport.mrz import MrzKey, parse_mrz
from hardware.passport.passive_auth import CscaList, PaStatus
from hardware.passport.reader import BAC, PACE, READ_CARD_ACCESS, CardLink, PassportReader
from hardware.passport.specimen import Specimen
from hardware.passport.vpassport import BAC_ONLY, DEFAULT_PACE, DirectLink, VirtualPassport
from terminal.devices.passport import SPECIMEN_FACE, SPECIMEN_FACE_SIZE

OFFERS = {PACE: DEFAULT_PACE, BAC: BAC_ONLY}


class CountingLink(DirectLink):
    """The in-process link, counting the command APDUs it carries."""

    apdus = 0

    def transmit(self, command: bytes) -> ApduResponse:
        self.apdus += 1
        return super().transmit(command)


def read_whole(link: CardLink, key: MrzKey, cscas: CscaList, access: str
               ) -> Callable[[], None]:
    reader = PassportReader(link, cscas)

    def run() -> None:
        reading = reader.read(key)
        assert reading is not None and reading.passive_auth.status is PaStatus.PASSED
        assert reading.access_control == access
    return run


def set_up_session(link: CardLink, key: MrzKey, access: str) -> Callable[[], None]:
    """Only the access control, as the reader runs it (then the card is let go)."""
    def plain(command: bytes) -> tuple[bytes, int]:
        response = link.transmit(command)
        return response.data, response.sw

    def run() -> None:
        assert link.wait_for_card(5.0)
        try:
            card_access = link.transmit(READ_CARD_ACCESS)
            if access == PACE:
                info = pace.supported_infos(pace.pace_infos(card_access.data))[0]
                pace.authenticate(plain, key, info)
            else:
                assert link.transmit(select_aid(lds.EMRTD_AID)[:-1]).ok
                bac.authenticate(plain, bac.BacKeys.from_mrz(key))
        finally:
            link.disconnect()
    return run


def timed(run: Callable[[], None], times: int) -> list[float]:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return out


def report(name: str, times: list[float], apdus: int) -> None:
    print(f"{name}: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)} runs, {apdus} APDUs per run")


def in_process(specimen: Specimen, key: MrzKey, cscas: CscaList, reads: int) -> None:
    for access, offer in OFFERS.items():
        link = CountingLink(VirtualPassport(specimen.files, key, pace=offer))
        report(f"in process, {access} set-up", timed(set_up_session(link, key, access), reads),
               link.apdus // reads)
        link.apdus = 0
        report(f"in process, {access} whole read",
               timed(read_whole(link, key, cscas, access), reads), link.apdus // reads)


def through_vpcd(specimen: Specimen, key: MrzKey, cscas: CscaList, reads: int) -> None:
    from hardware.idcard.pcsc import PcscReader
    from tests.hardware.pcsc_fixtures import VIRTUAL_READER, PcscDaemon, readers

    daemon = None if VIRTUAL_READER in readers() else PcscDaemon()
    if daemon is not None:
        daemon.start()
    try:
        for access, offer in OFFERS.items():
            card = VirtualPassport(specimen.files, key, pace=offer)
            card.insert()
            pcsc = PcscReader(VIRTUAL_READER)
            try:
                pcsc.wait_for_card(5.0)
                for name, run in (("set-up", set_up_session(pcsc, key, access)),
                                  ("whole read", read_whole(pcsc, key, cscas, access))):
                    before = len(card.apdus)
                    times = timed(run, reads)
                    report(f"pcscd + vpcd, {access} {name}", times,
                           (len(card.apdus) - before) // reads)
            finally:
                pcsc.close()
                card.remove()
                time.sleep(1.0)  # let pcscd see the card go before the next one comes
    finally:
        if daemon is not None:
            daemon.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=10)
    parser.add_argument("--no-vpcd", action="store_true")
    args = parser.parse_args()
    specimen = Specimen.build(SPECIMEN_FACE.read_bytes(), face_size=SPECIMEN_FACE_SIZE)
    key = parse_mrz("\n".join(specimen.mrz)).key
    cscas = CscaList([specimen.pki.csca])
    in_process(specimen, key, cscas, args.reads)
    if not args.no_vpcd:
        through_vpcd(specimen, key, cscas, args.reads)


if __name__ == "__main__":
    main()
