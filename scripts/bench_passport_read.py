"""How long a passport chip read takes: BAC, DG1, DG2 (a 14 KB JPEG face), SOD and
passive authentication, with the chip in this process and through pcscd + vpcd.

    .venv/bin/python scripts/bench_passport_read.py [--reads 10] [--no-vpcd]

The vpcd part needs a pcscd with the vpcd driver running (see HARDWARE_NOTES).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hardware.idcard.apdu import ApduResponse
from hardware.passport.mrz import MrzKey, parse_mrz
from hardware.passport.passive_auth import CscaList, PaStatus
from hardware.passport.reader import PassportReader
from hardware.passport.specimen import Specimen
from hardware.passport.vpassport import DirectLink, VirtualPassport
from terminal.devices.passport import SPECIMEN_FACE, SPECIMEN_FACE_SIZE


class CountingLink(DirectLink):
    """The in-process link, counting the command APDUs it carries."""

    apdus = 0

    def transmit(self, command: bytes) -> ApduResponse:
        self.apdus += 1
        return super().transmit(command)


def timed(reader: PassportReader, key: MrzKey, reads: int) -> list[float]:
    times = []
    for _ in range(reads):
        start = time.perf_counter()
        reading = reader.read(key)
        times.append(time.perf_counter() - start)
        assert reading is not None and reading.passive_auth.status is PaStatus.PASSED
    return times


def report(name: str, times: list[float], apdus: int) -> None:
    print(f"{name}: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)} reads, {apdus} APDUs per read")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=10)
    parser.add_argument("--no-vpcd", action="store_true")
    args = parser.parse_args()
    specimen = Specimen.build(SPECIMEN_FACE.read_bytes(), face_size=SPECIMEN_FACE_SIZE)
    key = parse_mrz("\n".join(specimen.mrz)).key
    cscas = CscaList([specimen.pki.csca])
    link = CountingLink(VirtualPassport(specimen.files, key))
    times = timed(PassportReader(link, cscas), key, args.reads)
    report("in process (DirectLink)", times, link.apdus // args.reads)
    if args.no_vpcd:
        return
    from hardware.idcard.pcsc import PcscReader

    card = VirtualPassport(specimen.files, key)
    card.insert()
    pcsc = PcscReader("Virtual PCD 00 00")
    try:
        pcsc.wait_for_card(5.0)
        before = len(card.apdus)
        times = timed(PassportReader(pcsc, cscas), key, args.reads)
        report("pcscd + vpcd", times, (len(card.apdus) - before) // args.reads)
    finally:
        pcsc.close()
        card.remove()


if __name__ == "__main__":
    main()
