"""The Grafana dashboard: generated from one list of panels, every query valid PromQL."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from types import ModuleType

from tests.conftest import ROOT, require_tool

GRAFANA = ROOT / "deploy" / "grafana"


def panels_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("panels", GRAFANA / "panels.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_dashboard_is_what_panels_py_builds() -> None:
    committed = json.loads((GRAFANA / "dashboards" / "newswire.json").read_text())
    assert committed == panels_module().dashboard(), "run: python deploy/grafana/panels.py"


def test_dashboard_covers_what_operators_watch() -> None:
    titles = " ".join(p[0] for p in panels_module().PANELS).lower()
    for needed in ("input", "published", "duplicate", "dead letters", "processing time",
                   "latency", "lag", "table sizes", "workers up"):  # fmt: skip
        assert needed in titles, needed


def test_every_panel_query_parses(tmp_path: Path) -> None:
    promtool = require_tool("promtool", "prometheus")
    rules = {"groups": [{"name": "panels", "rules": [
        {"record": f"newswire:panel_{i}", "expr": q}
        for i, q in enumerate(panels_module().queries())
    ]}]}  # fmt: skip
    path = tmp_path / "panels.yml"
    path.write_text(json.dumps(rules))  # JSON is YAML
    result = subprocess.run([promtool, "check", "rules", str(path)], capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
