"""Install a Debian package a test needs (Chromium, tmux) when its command is missing: CI runs as
root on a fresh machine, where the project's own tests must install what they use."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def ensure_command(command: str, package: str | None = None) -> str:
    """The path of ``command``, installing Debian's ``package`` (default: same name) first."""
    package = package or command
    found = shutil.which(command)
    if found:
        return found
    if os.geteuid() != 0:
        pytest.fail(f"{command} missing: sudo apt-get install -y {package}")
    subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", package],
        check=True,
        capture_output=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which(command) or pytest.fail(f"{command} did not install")
