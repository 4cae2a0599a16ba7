"""The technician's tools: the PIN gate and the device panel."""

from terminal.lockout import Lockout
from terminal.technician.config_file import save_devices_config
from terminal.technician.panel import TechnicianPanel, make_test_receipt
from terminal.technician.pin_gate import PinGate

__all__ = ["Lockout", "PinGate", "TechnicianPanel", "make_test_receipt", "save_devices_config"]
