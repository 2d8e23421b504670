"""Stopping what the tooling and the tests started: by process id, politely first."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

__all__ = ["is_zombie", "stop_pid", "stop_process"]


def stop_process(
    proc: subprocess.Popen[bytes], timeout: float = 30.0, sig: int = signal.SIGTERM
) -> None:
    """Send ``sig`` (SIGTERM), wait up to ``timeout`` seconds, then SIGKILL; reap it."""
    if proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def stop_pid(pid: int, timeout: float = 30.0) -> None:
    """The same for a process we did not start (a pid file's): SIGTERM, then SIGKILL."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists() or is_zombie(pid):
            return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return


def is_zombie(pid: int) -> bool:
    """True when ``pid`` has exited but is not reaped yet (or is gone already)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"
