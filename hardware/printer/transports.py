"""Byte transports to a receipt printer, opened lazily, failing with precise DeviceErrors."""

from __future__ import annotations

import contextlib
import errno
import os
import select
import shutil
import socket
import stat
import subprocess
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from hardware.health import DeviceError, Health, HealthState
from hardware.messages import QT_TRANSLATE_NOOP

UNAVAILABLE = QT_TRANSLATE_NOOP("Device", "The printer is not available right now.")
UNKNOWN_STATUS = QT_TRANSLATE_NOOP("Device", "The printer may not be able to print right now.")


def _error(message: str, state: HealthState = HealthState.OFFLINE) -> DeviceError:
    return DeviceError(message, UNAVAILABLE, state)


class Transport(ABC):
    """A byte pipe to the printer. Constructing one never touches the device."""

    #: False when the link has no back channel (status is then unknown).
    can_read: bool = True

    @property
    @abstractmethod
    def is_open(self) -> bool: ...

    @abstractmethod
    def open(self) -> None:
        """Connect; raise DeviceError with the cause."""

    @abstractmethod
    def close(self) -> None:
        """Release the device; safe to call twice."""

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send all bytes or raise DeviceError (the transport is then closed)."""

    @abstractmethod
    def read(self, timeout: float, size: int = 64) -> bytes:
        """Bytes available within `timeout` seconds (b"" if none)."""

    def drain(self) -> None:
        """Drop unread input (stale or unsolicited status bytes)."""
        if self.can_read:
            while self.read(0.0):
                pass

    def describe(self) -> str:
        return type(self).__name__


class NetworkTransport(Transport):
    """Raw TCP (port 9100) with connect, write and read timeouts."""

    def __init__(self, host: str, port: int = 9100, connect_timeout: float = 3.0,
                 write_timeout: float = 10.0) -> None:
        self.host, self.port = host, port
        self.connect_timeout, self.write_timeout = connect_timeout, write_timeout
        self._sock: socket.socket | None = None

    def describe(self) -> str:
        return f"network printer {self.host}:{self.port}"

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def open(self) -> None:
        if self._sock:
            return
        where = f"{self.host}:{self.port}"
        try:
            sock = socket.create_connection((self.host, self.port), self.connect_timeout)
        except ConnectionRefusedError as e:
            raise _error(f"connection refused by {where}: printer off, not on the "
                         "network, or another port") from e
        except TimeoutError as e:
            raise _error(f"timeout connecting to {where} after {self.connect_timeout} s: "
                         "printer off or unreachable") from e
        except socket.gaierror as e:
            raise _error(f"cannot resolve printer host {self.host!r}: {e}") from e
        except OSError as e:
            raise _error(f"cannot connect to {where}: {e.strerror or e}") from e
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock

    def close(self) -> None:
        if self._sock:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def write(self, data: bytes) -> None:
        self.open()
        assert self._sock is not None
        try:
            self._sock.settimeout(self.write_timeout)
            self._sock.sendall(data)
        except TimeoutError as e:
            self.close()
            raise _error(f"timeout writing to {self.describe()} after "
                         f"{self.write_timeout} s (printer busy or stalled)") from e
        except OSError as e:
            self.close()
            raise _error(f"connection to {self.describe()} lost while writing: "
                         f"{e.strerror or e}") from e

    def read(self, timeout: float, size: int = 64) -> bytes:
        self.open()
        assert self._sock is not None
        try:
            ready, _, _ = select.select([self._sock], [], [], max(timeout, 0.0))
            if not ready:
                return b""
            data = self._sock.recv(size)
        except OSError as e:
            self.close()
            raise _error(f"connection to {self.describe()} lost while reading: "
                         f"{e.strerror or e}") from e
        if not data:
            self.close()
            raise _error(f"connection closed by {self.describe()} (printer switched off "
                         "or restarted)")
        return data


class FileTransport(Transport):
    """A device node such as /dev/usb/lp0 (read and write), or a plain file (write only)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None
        self.can_read = False

    def describe(self) -> str:
        return f"printer device {self.path}"

    @property
    def is_open(self) -> bool:
        return self._fd is not None

    def open(self) -> None:
        if self._fd is not None:
            return
        try:
            if os.path.exists(self.path) or self.path.startswith("/dev/"):
                is_device = stat.S_ISCHR(os.stat(self.path).st_mode)
            else:
                is_device = False  # a plain file to spool into
            flags = os.O_RDWR if is_device else os.O_WRONLY | os.O_APPEND | os.O_CREAT
            self._fd = os.open(self.path, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
        except FileNotFoundError as e:
            raise _error(f"device not found: {self.path} (printer unplugged or switched "
                         "off?)") from e
        except PermissionError as e:
            raise _error(f"permission denied on {self.path}: add the user to the lp group "
                         "or install the udev rule") from e
        except OSError as e:
            raise _error(f"cannot open {self.path}: {e.strerror or e}") from e
        self.can_read = is_device

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def write(self, data: bytes) -> None:
        self.open()
        assert self._fd is not None
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as e:
            self.close()
            gone = e.errno in (errno.ENODEV, errno.EIO, errno.ENXIO)
            raise _error(f"{self.path} {'vanished (unplugged?)' if gone else 'write failed'}"
                         f" while writing: {e.strerror or e}") from e

    def read(self, timeout: float, size: int = 64) -> bytes:
        if not self.can_read:
            return b""
        self.open()
        assert self._fd is not None
        try:
            ready, _, _ = select.select([self._fd], [], [], max(timeout, 0.0))
            return os.read(self._fd, size) if ready else b""
        except OSError as e:
            self.close()
            raise _error(f"{self.path} read failed: {e.strerror or e}") from e


class SerialTransport(Transport):
    """A serial or USB-serial printer through pyserial."""

    def __init__(self, device: str, baudrate: int = 9600, write_timeout: float = 10.0,
                 rtscts: bool = False) -> None:
        self.device, self.baudrate = device, baudrate
        self.write_timeout, self.rtscts = write_timeout, rtscts
        self._port: Any = None

    def describe(self) -> str:
        return f"serial printer {self.device} at {self.baudrate} baud"

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def open(self) -> None:
        if self._port is not None:
            return
        import serial

        try:
            self._port = serial.Serial(self.device, self.baudrate, timeout=0,
                                       write_timeout=self.write_timeout, rtscts=self.rtscts)
        except serial.SerialException as e:
            cause = e.errno if isinstance(e.errno, int) else None
            if cause == errno.ENOENT:
                raise _error(f"device not found: {self.device}") from e
            if cause == errno.EACCES:
                raise _error(f"permission denied on {self.device}: add the user to the "
                             "dialout group or install the udev rule") from e
            raise _error(f"cannot open {self.describe()}: {e}") from e

    def close(self) -> None:
        if self._port is not None:
            try:
                self._port.close()
            finally:
                self._port = None

    def write(self, data: bytes) -> None:
        import serial

        self.open()
        try:
            self._port.write(data)
            self._port.flush()
        except serial.SerialTimeoutException as e:
            self.close()
            raise _error(f"timeout writing to {self.describe()} (flow control or cable?)") from e
        except (serial.SerialException, OSError) as e:
            self.close()
            raise _error(f"{self.describe()} failed while writing: {e}") from e

    def read(self, timeout: float, size: int = 64) -> bytes:
        import serial

        self.open()
        try:
            self._port.timeout = max(timeout, 0.0)
            return bytes(self._port.read(size))
        except (serial.SerialException, OSError) as e:
            self.close()
            raise _error(f"{self.describe()} failed while reading: {e}") from e


class UsbTransport(Transport):
    """A USB printer class device through python-escpos's Usb (pyusb, libusb)."""

    def __init__(self, vendor_id: int, product_id: int, timeout_ms: int = 5000,
                 in_ep: int = 0x82, out_ep: int = 0x01) -> None:
        self.vendor_id, self.product_id = vendor_id, product_id
        self.timeout_ms, self.in_ep, self.out_ep = timeout_ms, in_ep, out_ep
        self._usb: Any = None

    def describe(self) -> str:
        return f"USB printer {self.vendor_id:04x}:{self.product_id:04x}"

    @property
    def is_open(self) -> bool:
        return self._usb is not None

    def open(self) -> None:
        if self._usb is not None:
            return
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Usb

        printer = Usb(self.vendor_id, self.product_id, timeout=self.timeout_ms,
                      in_ep=self.in_ep, out_ep=self.out_ep)
        try:
            printer.open()
        except DeviceNotFoundError as e:
            cause = e.__context__
            if getattr(cause, "errno", None) == errno.EACCES:
                raise _error(f"permission denied on {self.describe()}: add the user to the "
                             "lp group or install the udev rule") from e
            raise _error(f"device not found: {self.describe()} (unplugged or off?)") from e
        except Exception as e:  # pyusb NoBackendError and friends
            raise _error(f"cannot open {self.describe()}: {e} (is libusb-1.0 installed?)") from e
        self._usb = printer

    def close(self) -> None:
        if self._usb is not None:
            with contextlib.suppress(Exception):  # the device may already be gone
                self._usb.close()
            self._usb = None

    def write(self, data: bytes) -> None:
        self.open()
        try:
            self._usb.device.write(self.out_ep, data, self.timeout_ms)
        except Exception as e:  # usb.core.USBError / USBTimeoutError
            self.close()
            raise _error(f"{self.describe()} failed while writing: {e}") from e

    def read(self, timeout: float, size: int = 64) -> bytes:
        self.open()
        try:
            return bytes(self._usb.device.read(self.in_ep, size, max(1, int(timeout * 1000))))
        except Exception as e:
            if "timed out" in str(e).lower() or getattr(e, "errno", None) == errno.ETIMEDOUT:
                return b""
            self.close()
            raise _error(f"{self.describe()} failed while reading: {e}") from e


class CupsTransport(Transport):
    """A CUPS queue: jobs go through `lp -d QUEUE -o raw`; status from `lpstat -p`.

    CUPS offers no back channel, so DLE EOT status cannot be read (`can_read` False);
    `queue_health()` reports what the spooler knows: offline when the queue is
    disabled or missing, else "unknown" (never "ready": paper and cover are not seen).
    """

    can_read = False

    def __init__(self, queue: str, timeout: float = 15.0) -> None:
        self.queue, self.timeout = queue, timeout
        self._open = False

    def describe(self) -> str:
        return f"CUPS queue {self.queue}"

    @property
    def is_open(self) -> bool:
        return self._open

    def _run(self, args: list[str],
             data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        if shutil.which(args[0]) is None:
            raise _error(f"{args[0]} not found on PATH: install cups-client")
        try:
            return subprocess.run(args, input=data, capture_output=True, timeout=self.timeout,
                                  check=False)
        except subprocess.TimeoutExpired as e:
            raise _error(f"{args[0]} timed out after {self.timeout} s (is cupsd running?)") from e

    def open(self) -> None:
        health = self.queue_health()
        if health.state is HealthState.OFFLINE:
            raise DeviceError(health.reason, health.resident_message, health.state)
        self._open = True

    def close(self) -> None:
        self._open = False

    def write(self, data: bytes) -> None:
        self.open()
        done = self._run(["lp", "-d", self.queue, "-o", "raw"], data)
        if done.returncode != 0:
            self._open = False
            message = done.stderr.decode(errors="replace").strip()
            raise _error(f"lp -d {self.queue} failed ({done.returncode}): {message}")

    def read(self, timeout: float, size: int = 64) -> bytes:
        return b""

    def queue_health(self) -> Health:
        """The queue's state as `lpstat -p QUEUE` reports it."""
        done = self._run(["lpstat", "-p", self.queue])
        text = (done.stdout + done.stderr).decode(errors="replace").strip()
        if done.returncode != 0 or not text.startswith(f"printer {self.queue}"):
            return Health(HealthState.OFFLINE, f"lpstat -p {self.queue}: {text or 'no answer'}",
                          UNAVAILABLE)
        if "disabled" in text.split("\n", 1)[0]:
            return Health(HealthState.OFFLINE, f"CUPS queue disabled: {text}", UNAVAILABLE)
        # Enabled: it takes jobs, but paper and cover are not visible through CUPS.
        return Health(HealthState.UNKNOWN, f"{text.splitlines()[0]} (paper and cover status "
                      "not visible through CUPS)", UNKNOWN_STATUS)


def open_transport(config: Mapping[str, Any]) -> Transport:
    """A transport from configuration; nothing is opened yet.

    `{"type": "network", "host": ..., "port": 9100}`, `{"type": "usb", "vendor_id": 0x04b8,
    "product_id": 0x0e15}`, `{"type": "serial", "device": "/dev/ttyUSB0", "baudrate": 115200}`,
    `{"type": "cups", "queue": "receipt"}`, `{"type": "file", "path": "/dev/usb/lp0"}`.
    """
    options = {k: v for k, v in config.items() if k != "type"}
    kind = config.get("type")
    factories: dict[str, type[Transport]] = {
        "network": NetworkTransport, "usb": UsbTransport, "serial": SerialTransport,
        "cups": CupsTransport, "file": FileTransport,
    }
    if kind not in factories:
        raise ValueError(f"unknown printer transport {kind!r}: use one of {sorted(factories)}")
    for key in ("vendor_id", "product_id"):
        if isinstance(options.get(key), str):
            options[key] = int(options[key], 16)
    try:
        return factories[kind](**options)
    except TypeError as e:
        raise ValueError(f"bad {kind} printer transport settings {options}: {e}") from e
