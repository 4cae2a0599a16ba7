"""Fixtures for hardware tests.

Each driver's fixtures live in their own section; keep them separated.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# ---- receipt printer fixtures ------------------------------------------------
from hardware.printer.receipt import Receipt, Row
from hardware.printer.simulator import PrinterSimulator

# ---- PC/SC: one pcscd for the whole session, whichever module asks first (a module
# importing the session fixture itself gets a second daemon of its own)
from tests.hardware.pcsc_fixtures import pcscd_fixture, vcard_fixture  # noqa: F401


@pytest.fixture
def chinese_receipt() -> Receipt:
    """A typical acceptance receipt with full-width punctuation."""
    return Receipt(
        center_name="东城区和平里街道社区服务中心",
        title="受理回执",
        rows=[Row("编号", "A-0042"), Row("办理事项", "居住证明（本人申请）"),
              Row("受理时间", "2024-05-06 09:41"), Row("Window", "3")],
        paragraphs=["请于三个工作日后，凭本回执及身份证原件到三号窗口领取；如有疑问，"
                    "请拨打服务热线：12345。"],
        qr_payload="https://svc.example.cn/r/A-0042?t=9f3a",
        barcode_payload="A20240042",
        footer="谢谢！Thank you.",
    )


@pytest.fixture
def printer_sim() -> Iterator[PrinterSimulator]:
    """A loopback ESC/POS network printer, stopped after the test."""
    with PrinterSimulator() as sim:
        yield sim
# ---- end receipt printer fixtures -------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the `pcscd` fixture carries the `pcscd` marker, so that
    `-m "not pcscd"` leaves the one pcscd a machine can run to whoever runs them."""
    for item in items:
        if "pcscd" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pcscd)
