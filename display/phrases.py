"""Bilingual words of the hall display and the spoken announcement sentences.

The hall serves residents of both languages at once, so every label shows
Chinese and English together; the configured language only decides which
comes first. These are content, like the announcements, not UI chrome: they
do not go through Qt's translators.
"""

from __future__ import annotations

from dataclasses import dataclass

ZH_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Phrase:
    zh: str
    en: str

    def primary(self, language: str) -> str:
        return self.zh if language == "zh_CN" else self.en

    def secondary(self, language: str) -> str:
        return self.en if language == "zh_CN" else self.zh


NOW_CALLING = Phrase("正在呼叫", "Now calling")
PLEASE_GO = Phrase("请到 {window} 号窗口", "Please go to window {window}")
NO_CALL_YET = Phrase("请留意叫号", "Please wait for your number")
RECENT_CALLS = Phrase("最近叫号", "Recent calls")
NUMBER = Phrase("号码", "Number")
WINDOW = Phrase("窗口", "Window")
WAITING = Phrase("等候人数", "Waiting")
WAITING_UNIT = Phrase("人等候", "waiting")
ONLINE = Phrase("在线", "Online")
OFFLINE = Phrase("离线 重连中", "Offline")
CONNECTING = Phrase("连接中", "Connecting")
OUT_OF_SERVICE = Phrase("暂停服务", "Out of service")
WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def zh_cardinal(value: int) -> str:
    """0-99 as Chinese numerals (12 -> 十二); larger values digit by digit."""
    if value < 10:
        return ZH_DIGITS[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return ("" if tens == 1 else ZH_DIGITS[tens]) + "十" + (ZH_DIGITS[ones] if ones else "")
    return "".join(ZH_DIGITS[int(digit)] for digit in str(value))


def spoken_number_zh(number: str) -> str:
    """A012 -> "A 零一二": letters as letters, digits one by one, as halls read them."""
    return _split(number, ZH_DIGITS)


def _split(number: str, digits: str | None) -> str:
    """Letters first, then the digits one by one (in Chinese numerals if given)."""
    letters = "".join(c for c in number if not c.isdigit())
    rest = "".join(c for c in number if c.isdigit())
    said = "".join(digits[int(c)] for c in rest) if digits else " ".join(rest)
    return f"{letters} {said}".strip()


def spoken_number_en(number: str) -> str:
    """A012 -> "A, 0 1 2" so a voice reads each digit."""
    return _split(number, None).replace(" ", ", ", 1)


def spoken_window_zh(window: str) -> str:
    return zh_cardinal(int(window)) if window.isdigit() and int(window) < 100 else window


def shown_sentence_zh(number: str, window: str) -> str:
    return f"请 {number} 号到 {window} 号窗口"


def shown_sentence_en(number: str, window: str) -> str:
    return f"Number {number}, please go to window {window}"


def spoken_sentence_zh(number: str, window: str) -> str:
    """What the Chinese voice says: 请 A 零一二 号到 三 号窗口."""
    return f"请 {spoken_number_zh(number)} 号到 {spoken_window_zh(window)} 号窗口"


def spoken_sentence_en(number: str, window: str) -> str:
    return f"Number {spoken_number_en(number)}, please go to window {window}."


def help_line(kiosks: list[str], *, staff_coming: bool) -> Phrase:
    """The hall's line about kiosks whose residents asked for staff."""
    zh_names, en_names = "、".join(kiosks), ", ".join(kiosks)
    zh_state = "工作人员正在赶来" if staff_coming else "已通知工作人员"
    en_state = "staff are on the way" if staff_coming else "staff have been called"
    if len(kiosks) == 1:
        return Phrase(f"自助机 {zh_names} 需要帮助 · {zh_state}",
                      f"Kiosk {en_names} needs help · {en_state}")
    return Phrase(f"自助机 {zh_names} 需要帮助 · {zh_state}",
                  f"Kiosks {en_names} need help · {en_state}")
