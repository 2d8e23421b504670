"""Fixtures shared by every tier: sample paths and the optional seed article."""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator
from pathlib import Path

import pytest

#: Set on a test item whose test body failed, so fixtures can keep what a post-mortem needs.
CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call" and report.failed:
        item.stash[CALL_FAILED] = True
    return report


#: Each folder of tests is a tier with its own marker (``make test-fast`` runs unit and
#: agents), and a pytest timeout that only stops a hung test: the tests themselves wait on
#: progress, and give up after STALL_SECONDS without any (tests/integration/conftest.py).
TIERS = {"unit": 300, "agents": 300, "integration": 900, "faults": 2400}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = Path(str(item.path)).relative_to(ROOT / "tests").parts[0]
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: tests live in one of {sorted(TIERS)}")
        item.add_marker(getattr(pytest.mark, tier))
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(TIERS[tier]))


ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "samples" / "defapress-77229.txt"


@pytest.fixture
def seed_bytes() -> bytes:
    """The real Defa Press page from ../shared; absent from a user's fresh clone."""
    if not SEED.exists():
        pytest.skip(f"seed article not present at {SEED} (it ships only with ../shared)")
    return SEED.read_bytes()


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def require_tool(name: str, package: str) -> str:
    """Path of a command the test needs: skip without it, but fail on CI (which installs it)."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} not installed (apt-get install {package}); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
