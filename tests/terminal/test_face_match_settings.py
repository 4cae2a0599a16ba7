"""The technician sets the face-match threshold; saving the devices keeps the passport
reader's own settings (kind, reader, CSCA folder)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from sync.config import load_config
from terminal.config import PassportSection, TerminalConfig
from tests.helpers.artefacts import artefact_dir
from tests.terminal.test_technician_panel import Rig, rig  # noqa: F401 - the fixture


def test_threshold_saved_and_passport_settings_kept(qtbot: QtBot, rig: Rig,  # noqa: F811
                                                    tmp_path: Path) -> None:
    panel = rig.panel
    cscas = tmp_path / "csca"
    cscas.mkdir()
    panel.devices = panel.devices.model_copy(update={"passport": PassportSection(
        kind="pcsc", reader="ACS ACR1252 01 00", csca_dir=cscas)})
    assert panel.face_threshold.value() == 0.6
    assert "WLT" in panel.face_note.text()  # the panel says which photos cannot be compared
    panel.face_threshold.setValue(0.55)
    with qtbot.waitSignal(panel.configSaved, timeout=1_000):
        panel.buttons["save"].click()
    passport = load_config(rig.config_path, TerminalConfig).devices.passport
    assert passport.face_match_threshold == 0.55
    assert (passport.kind, passport.reader, passport.csca_dir) == (
        "pcsc", "ACS ACR1252 01 00", cscas)


def test_render_the_threshold_setting(qtbot: QtBot, rig: Rig) -> None:  # noqa: F811
    out = artefact_dir("technician-face")
    for size in ((1920, 1080), (1080, 1920)):
        rig.panel.resize(*size)
        rig.panel.show()
        qtbot.waitExposed(rig.panel)
        assert rig.panel.face_threshold.isVisible()
        rig.panel.grab().save(str(out / f"panel-{size[0]}x{size[1]}.png"))
