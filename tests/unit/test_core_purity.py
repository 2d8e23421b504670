"""The layers: the pure core loads without Kafka, Faust or Prometheus, and nothing points up."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

FORBIDDEN = ["faust", "mode", "aiokafka", "prometheus_client"]


def _modules(package: str) -> list[str]:
    root = sys.modules[package]
    return [package] + [
        info.name for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}.")
    ]


def _loaded_after_import(modules: list[str], prefixes: list[str]) -> list[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {prefixes!r}"
        + " or any(m.startswith(p + '.') for p in "
        + f"{prefixes!r}))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_every_core_module_is_found() -> None:
    # A guard for the test below: it must see the whole folder, not an empty list.
    core = _modules("streams.core")
    assert "streams.core.pipeline" in core
    assert "streams.core.enrich.people" in core


def test_core_imports_no_kafka_faust_or_prometheus() -> None:
    loaded = _loaded_after_import([*_modules("streams.core"), "streams.config.settings"], FORBIDDEN)
    assert loaded == []


def test_core_imports_nothing_from_the_layers_above() -> None:
    above = ["streams.runtime", "streams.cli", "streams.devtools"]
    assert _loaded_after_import(_modules("streams.core"), above) == []
