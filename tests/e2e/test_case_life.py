"""A case's whole life on the real platform, followed as a resident does: a
kiosk's self-service application pre-checked at a window and accepted with a
material to follow, the material supplied, work started, completed; a repair
dispatched and closed. The kiosk's status screen (typed number, real input)
and the public status page the slip's QR opens, in headless Chromium on a
phone-sized screen, both tell the whole story."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.e2e.conftest import Rig
from tests.e2e.flows import choose, start_session
from tests.e2e.keyboard import type_latin
from tests.e2e.kiosk import DOC_SHOTS, SHOTS, Kiosk
from tests.e2e.peers import DEMO_DATA, CounterPeer, TerminalPeer

MATTER = "MZ-003"  # a committed matter: a statutory deadline of 10 working days
PHONE = "390,844"


@dataclass
class Center:
    """A kiosk and a window of the rig's center, beside the kiosk under test."""

    rig: Rig
    kiosk: TerminalPeer
    counter: CounterPeer

    def number(self, terminal: str) -> str:
        """A fresh tracking number of today, as a terminal of `terminal` makes them."""
        today = self.rig.platform.clock.now()
        prefix = f"RC-{today:%Y%m%d}-{terminal}-"
        taken = [row for row in self.rig.platform.rows("ApplicationState")
                 if row.tracking_number.startswith(prefix)]
        return f"{prefix}{len(taken) + 1:05d}"


@pytest.fixture
def center(rig: Rig) -> Iterator[Center]:
    kiosk, counter = TerminalPeer(rig.platform, "kiosk"), CounterPeer(rig.platform)
    try:
        yield Center(rig, kiosk, counter)
    finally:
        kiosk.close()
        counter.close()


def _first_material(matter: str) -> dict[str, str]:
    catalog = json.loads((DEMO_DATA / "catalog.json").read_text("utf-8"))
    found = next(m for m in catalog["matters"] if m["code"] == matter)
    return dict(found["materials"][0])


def _look_up(kiosk: Kiosk, number: str, *, at_home: bool = False) -> dict[str, str]:
    """The status screen's answer to a typed number (from the attract screen, or the
    home screen when `at_home`): its labels by name."""
    if not at_home:
        start_session(kiosk)
    choose(kiosk, "status")
    kiosk.begin(f"status: type {number}")
    kiosk.tap(kiosk.tr("StatusScreen", "Type the number instead"), exact=True)
    kiosk.wait(lambda s: any(w["kind"] == "field" and w["text"] == "RC-"
                             for w in s["widgets"]), "the number field, ready with RC-")
    type_latin(kiosk, number.removeprefix("RC-"), "trackingNumber")
    kiosk.tap(kiosk.tr("StatusScreen", "Check"), exact=True)
    kiosk.begin(f"status: the answer for {number}")
    kiosk.wait(lambda s: any(w.get("name") == "resultStatus" and w.get("text")
                             for w in s["widgets"]), "the answer", timeout=15)
    return {w["name"]: w.get("text") or "" for w in kiosk.widgets("label") if w.get("name")}


def _leave(kiosk: Kiosk) -> None:
    kiosk.tap(kiosk.tr("StatusScreen", "Done"), exact=True)
    kiosk.wait_screen("home")


def _status_page(rig: Rig, number: str, key: bytes, language: str, shot: str) -> str:
    """The public page the slip's QR opens, as headless Chromium renders it on a phone:
    its DOM text; a screenshot kept beside the kiosk's."""
    from sync.protocol.status_check import check_code

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "the real-display tests need chromium (apt-get install chromium)"
    lang = "zh" if language == "zh_CN" else "en"
    url = f"{rig.platform.url}/a/{number}?c={check_code(key, number)}&lang={lang}"
    flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--window-size={PHONE}"]
    target = SHOTS / f"{shot}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*flags, f"--screenshot={target}", url], check=True,
                   capture_output=True, timeout=120)
    if DOC_SHOTS:
        shutil.copyfile(target, f"{DOC_SHOTS}/{shot}.png")
    dom = subprocess.run([*flags, "--dump-dom", url], check=True, capture_output=True,
                         text=True, timeout=120)
    return dom.stdout


def test_an_application_from_pre_check_to_completion(center: Center, kiosk: Kiosk,
                                                     rig: Rig) -> None:
    number = center.number("K09")
    material = _first_material(MATTER)
    center.kiosk.deliver({"kind": "application", "tracking_number": number,
                          "matter_code": MATTER, "channel": "kiosk",
                          "applicant": {"name": "王小明", "id_number": "110101195001011239"},
                          "fields": {}})
    promised = rig.platform.clock.now().date() + timedelta(days=14)
    center.counter.accept(number, MATTER, f"{promised}",
                          materials_promised=(material["code"],))

    labels = _look_up(kiosk, number)
    pending = kiosk.tr("StatusScreen", "Accepted, documents to follow")
    assert labels["resultSteps"].splitlines()[-1].endswith(pending), labels
    assert kiosk.tr("StatusScreen", "To be completed by %1").split("%1")[0] in \
        labels["resultDue"], labels
    name = material["name_zh" if kiosk.language == "zh_CN" else "name_en"]
    assert labels["resultOwed"] == kiosk.tr("StatusScreen", "Still to bring: %1").replace(
        "%1", name), labels
    _leave(kiosk)

    center.counter.progress(number, "materials_supplied", materials=[material["code"]])
    center.counter.progress(number, "in_progress")
    center.counter.progress(number, "completed", result="approved")

    labels = _look_up(kiosk, number, at_home=True)
    assert labels["resultStatus"] == kiosk.tr("StatusScreen", "Completed: the result is ready.")
    steps = [line.split("   ")[-1] for line in labels["resultSteps"].splitlines()]
    done = (kiosk.tr("StatusScreen", "Completed") + " · "
            + kiosk.tr("StatusScreen", "approved"))
    assert steps == [kiosk.tr("StatusScreen", words) for words in (
        "Submitted", "Accepted, documents to follow", "Documents supplied",
        "Work started")] + [done], steps
    assert not labels.get("resultDue"), labels  # no deadline runs once completed
    kiosk.screenshot(f"{rig.setup.name}-case-completed", doc=True)
    _leave(kiosk)

    page = _status_page(rig, number, center.kiosk.key, kiosk.language,
                        f"status-page-{kiosk.language}-case-completed")
    words = {"zh_CN": ("已办结", "已提交", "容缺受理", "已补交材料", "开始办理", "准予办理"),
             "en": ("Completed", "Submitted", "Accepted, materials to follow",
                    "Materials supplied", "Work started", "approved")}[kiosk.language]
    for word in words:
        assert word in page, word
    for secret in ("王小明", "110101", "1001"):  # nothing personal, no clerk
        assert secret not in page, secret


def test_a_repair_is_dispatched_closed_and_followed_by_its_number(
        center: Center, kiosk: Kiosk, rig: Rig) -> None:
    number = center.number("K09")
    center.kiosk.deliver({"kind": "repair", "tracking_number": number,
                          "repair_kind": "water", "location": "幸福里3号楼2单元",
                          "description": "厨房水管漏水",
                          "reporter": {"name": "李大妈", "phone": "13812345678"}})
    center.counter.progress(number, "dispatched", handler="物业维修班")
    center.counter.progress(number, "closed", note="已更换水管")

    labels = _look_up(kiosk, number)
    assert labels["resultMatter"] == kiosk.tr("StatusScreen", "Property repair")
    steps = [line.split("   ")[-1] for line in labels["resultSteps"].splitlines()]
    assert steps == [kiosk.tr("StatusScreen", words) for words in (
        "Submitted", "Sent to a repairer", "Closed")], steps
    kiosk.screenshot(f"{rig.setup.name}-repair-closed", doc=True)
    _leave(kiosk)
    page = _status_page(rig, number, center.kiosk.key, kiosk.language,
                        f"status-page-{kiosk.language}-repair-closed")
    assert ("已派单" if kiosk.language == "zh_CN" else "Sent to a repairer") in page
    for secret in ("李大妈", "138123", "水管", "物业维修班"):
        assert secret not in page, secret
