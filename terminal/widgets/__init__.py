"""Touch widgets shared by kiosk screens: keypad, keyboard, text helpers."""
