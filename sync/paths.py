"""Where a terminal keeps its files, and the display defaults, without
importing anything heavy: the kiosk reads these before its first paint."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reception-terminal"
CONFIG_FILE = "terminal.toml"
SECRETS_FILE = "secrets.toml"

DEFAULT_LANGUAGE = "zh_CN"
DEFAULT_CENTER_NAME_ZH = "幸福里社区党群服务中心"
DEFAULT_CENTER_NAME_EN = "Xingfuli Community Service Center"
#: The center's time zone: every time a terminal shows or prints is in it.
DEFAULT_TIME_ZONE = "Asia/Shanghai"


def config_dir() -> Path:
    override = os.environ.get("RECEPTION_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def log_dir() -> Path:
    override = os.environ.get("RECEPTION_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME))
