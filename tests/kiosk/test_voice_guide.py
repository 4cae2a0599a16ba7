"""Voice guidance: the accessibility bar's switch makes the kiosk read each
screen's title and prompt in the session's language, one utterance at a time,
until the session is wiped. A recording voice (a real `Voice` subclass) shows
what is said; espeak-ng, where installed, makes the clips for real."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.composition import KioskComposition
from kiosk.screens.base import KioskScreen
from terminal.speech import (
    ClipSynth,
    ClipVoice,
    SilentWavPlayer,
    Step,
    Voice,
    espeak_available,
)
from terminal.startup import start_gui
from terminal.widgets.labels import role_label


class RecordingVoice(Voice):
    """Says nothing aloud: records each step it is asked to speak and each stop.
    A sentence lasts until it is stopped (or `finish()` is called)."""

    def __init__(self) -> None:
        super().__init__(None, SilentWavPlayer())
        self.log: list[tuple[str, str, str]] = []
        self.speaking = False

    def speak(self, step: Step) -> None:
        assert not self.speaking, "a second utterance over the first"
        self.speaking = True
        self.log.append(("speak", step.text, step.language))

    def stop(self) -> None:
        super().stop()
        if self.speaking:
            self.log.append(("stop", "", ""))
        self.speaking = False

    def spoken(self) -> list[tuple[str, str]]:
        return [(text, language) for kind, text, language in self.log if kind == "speak"]


class Titled(KioskScreen):
    """A screen with a title, a heading and a hint (which is not read)."""

    def __init__(self, title: str, heading: str) -> None:
        super().__init__()
        self.title = title
        self.heading = role_label("title")
        self.heading.setText(heading)
        self.hint = role_label("hint")
        self.hint.setText("small print")
        from PySide6.QtWidgets import QVBoxLayout

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)


@pytest.fixture
def ui(qtbot: QtBot, tmp_path: Path) -> KioskComposition:
    gui = start_gui("kiosk-voice-test", tmp_path, argv=[], lock=False)
    gui.language.set_language("en")
    composition = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(composition.window)
    composition.bar.set_language("en")
    from kiosk.screens.help import HelpScreen
    from kiosk.screens.home import HomeScreen

    composition.navigator.register("home", HomeScreen(composition.context))
    composition.navigator.register("help", HelpScreen(composition.context))
    composition.navigator.register("other", Titled("Other", "Where to?"))
    composition.window.resize(1080, 1920)
    composition.window.show()
    return composition


def test_the_switch_reads_each_screen_in_the_sessions_language(ui: KioskComposition,
                                                                qtbot: QtBot) -> None:
    voice = RecordingVoice()
    ui.guide.use_voice(voice)
    ui.attract.touched.emit()  # home, with voice guidance off: silence
    qtbot.waitUntil(lambda: not ui.guide.about_to_read)
    assert voice.spoken() == []
    ui.bar.voice_button.click()  # on: shows it, and reads the screen shown
    assert ui.bar.voice_button.isChecked() and ui.bar.voice_button.text() == "✓ Voice guidance"
    qtbot.waitUntil(lambda: len(voice.spoken()) == 1)
    assert voice.spoken() == [("Home\nWhat would you like to do?", "en")]
    ui.navigator.go("help")
    qtbot.waitUntil(lambda: len(voice.spoken()) == 2)
    assert voice.spoken()[-1] == ("Help\nHow can we help?", "en")
    assert voice.log[-2] == ("stop", "", "")  # the home screen's sentence was cut short
    ui.bar.language_button.click()  # Chinese: the same screen again, in Chinese
    qtbot.waitUntil(lambda: len(voice.spoken()) == 3)
    assert voice.spoken()[-1] == ("帮助\n需要什么帮助？", "zh")
    ui.navigator.go("other")
    qtbot.waitUntil(lambda: len(voice.spoken()) == 4)
    assert voice.spoken()[-1] == ("Other\nWhere to?", "zh")  # the hint is not read


def test_a_new_screen_interrupts_and_quick_moves_read_only_the_last(ui: KioskComposition,
                                                                    qtbot: QtBot) -> None:
    voice = RecordingVoice()
    ui.guide.use_voice(voice)
    ui.bar.voice_button.click()
    ui.attract.touched.emit()
    ui.navigator.go("help")
    ui.navigator.go("other")  # three screens in one moment: only the last is read
    qtbot.waitUntil(lambda: len(voice.spoken()) == 1)
    qtbot.waitUntil(lambda: not ui.guide.about_to_read)
    assert voice.spoken() == [("Other\nWhere to?", "en")]


def test_the_session_wipe_stops_it_and_turns_it_off(ui: KioskComposition, qtbot: QtBot) -> None:
    voice = RecordingVoice()
    ui.guide.use_voice(voice)
    ui.bar.voice_button.click()
    ui.attract.touched.emit()
    qtbot.waitUntil(lambda: voice.speaking)
    with qtbot.waitSignal(ui.navigator.sessionEnded):
        ui.navigator.end_session()
    assert not voice.speaking and voice.log[-1] == ("stop", "", "")
    assert not ui.bar.voice_button.isChecked() and not ui.guide.enabled
    assert ui.bar.voice_button.text() == "语音引导"  # unchecked, in the kiosk's own language
    ui.attract.touched.emit()  # the next resident: silence until they ask
    qtbot.waitUntil(lambda: not ui.guide.about_to_read)
    assert len(voice.spoken()) == 1


class Unsent(Titled):
    unsent_work = True


def test_the_exit_warning_is_read(ui: KioskComposition, qtbot: QtBot) -> None:
    """A resident who cannot read the banner hears why "Exit" did not leave."""
    voice = RecordingVoice()
    ui.guide.use_voice(voice)
    ui.navigator.register("form", Unsent("Fill in the form", "Home address"))
    ui.bar.voice_button.click()
    ui.attract.touched.emit()
    ui.context.session.id_number = "11010519491231002X"
    ui.navigator.go("form")
    qtbot.waitUntil(lambda: voice.spoken()[-1:] == [("Fill in the form\nHome address", "en")])
    ui.window.navigation.exit_button.click()
    assert voice.spoken()[-1] == (ui.window.navigation.countdown_label.text(), "en")
    assert "again" in voice.spoken()[-1][0] and ui.context.session.identified


def test_turning_it_off_stops_the_sentence(ui: KioskComposition, qtbot: QtBot) -> None:
    voice = RecordingVoice()
    ui.guide.use_voice(voice)
    ui.attract.touched.emit()
    ui.bar.voice_button.click()
    qtbot.waitUntil(lambda: voice.speaking)
    ui.bar.voice_button.click()
    assert not voice.speaking and not ui.bar.voice_button.isChecked()
    ui.navigator.go("help")
    qtbot.waitUntil(lambda: not ui.guide.about_to_read)
    assert len(voice.spoken()) == 1


@pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")
def test_espeak_makes_the_clip_of_a_screen(ui: KioskComposition, qtbot: QtBot,
                                           tmp_path: Path) -> None:
    synth = ClipSynth(tmp_path / "voice")
    voice = ClipVoice(synth, None, SilentWavPlayer(speed=50.0))
    ui.guide.use_voice(voice)
    ui.bar.language_button.click()  # Chinese
    ui.bar.voice_button.click()
    with qtbot.waitSignal(ui.guide.said) as said:
        ui.attract.touched.emit()
    text, language = said.args
    assert language == "zh_CN" and text.startswith("首页\n")
    step = Step("speech", text, "zh")
    qtbot.waitUntil(lambda: synth.path(step).is_file(), timeout=20_000)
    with qtbot.waitSignal(voice.finished, timeout=20_000):
        pass  # played to its end (silently: there is no sound card here)


def test_the_voice_is_made_when_a_resident_first_turns_guidance_on(ui: KioskComposition,
                                                                   qtbot: QtBot) -> None:
    made: list[RecordingVoice] = []

    def make() -> RecordingVoice:
        made.append(RecordingVoice())
        return made[-1]

    ui.guide.use_voice_factory(make)
    ui.attract.touched.emit()
    ui.navigator.go("help")
    qtbot.waitUntil(lambda: not ui.guide.about_to_read)
    assert made == [] and ui.guide.voice is None  # no audio libraries until asked
    ui.bar.voice_button.click()
    qtbot.waitUntil(lambda: len(made) == 1 and len(made[0].spoken()) == 1)
    assert made[0].spoken() == [("Help\nHow can we help?", "en")]
    ui.bar.voice_button.click()  # off and on again: the same voice
    ui.bar.voice_button.click()
    qtbot.waitUntil(lambda: len(made[0].spoken()) == 2)
    assert len(made) == 1
