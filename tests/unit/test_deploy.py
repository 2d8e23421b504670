"""Deployment files: Dockerfile, Compose and Kubernetes, validated offline; every
environment variable they set is one the settings object knows."""

from __future__ import annotations

import re
import subprocess

import kubernetes_validate
import yaml

from streams.config.settings import Settings
from tests.conftest import ROOT, require_tool

DEPLOY = ROOT / "deploy"
KNOWN = set(Settings.env_names())


def test_dockerfile_is_multi_stage_non_root_with_healthcheck() -> None:
    text = (DEPLOY / "docker" / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", text, re.MULTILINE)) >= 2
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users
    assert users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in text
    assert "/healthz" in text
    assert 'ENTRYPOINT ["newswire"]' in text
    assert 'CMD ["worker"]' in text
    assert set(re.findall(r"\b(NEWSWIRE_[A-Z_]+)=", text)) <= KNOWN


def test_compose_is_valid_and_sets_only_known_settings() -> None:
    path = DEPLOY / "compose" / "docker-compose.yml"
    compose = yaml.safe_load(path.read_text())
    env = compose["services"]["worker"]["environment"]
    assert set(env) <= KNOWN, set(env) - KNOWN
    for service in compose["services"].values():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), port
    tool = require_tool("docker-compose", "docker-compose")
    result = subprocess.run([tool, "-f", str(path), "config", "-q"], capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_kubernetes_manifests_validate_and_probe_health() -> None:
    docs = list(yaml.safe_load_all((DEPLOY / "k8s" / "newswire.yaml").read_text()))
    for doc in docs:
        kubernetes_validate.validate(doc, "1.30", strict=True)
    config = next(d for d in docs if d["kind"] == "ConfigMap")
    assert set(config["data"]) <= KNOWN, set(config["data"]) - KNOWN
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    pod = deployment["spec"]["template"]
    container = pod["spec"]["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert pod["metadata"]["annotations"]["prometheus.io/scrape"] == "true"
    assert pod["spec"]["securityContext"]["runAsNonRoot"] is True
