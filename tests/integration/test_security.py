"""SASL_SSL end to end: a second local Kafka with a TLS listener and SASL users, certificates
made by the test, a worker connecting with SCRAM-SHA-512 and with PLAIN.

The password must never show: not in the worker's log, its metrics page or its status page.
A wrong password is refused with a message that says so.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.config.settings import Settings
from streams.devtools.localkafka import LocalKafka, SecureListener
from tests.integration.conftest import free_port, new_deployment, wait_for

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
USER = "newswire-worker"


def _make_certificate(folder: Path, password: str) -> tuple[Path, Path]:
    """A self-signed broker certificate for 127.0.0.1 (PKCS#12), and its PEM for clients."""
    java = shutil.which("java")
    assert java is not None, "the local Kafka needs Java, so it is installed"
    keytool = Path(java).resolve().parent / "keytool"
    keystore, pem = folder / "broker.p12", folder / "broker.pem"
    common = ["-keystore", str(keystore), "-storetype", "PKCS12", "-storepass", password]
    subprocess.run(
        [str(keytool), "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
         "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
         "-keypass", password, *common],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [str(keytool), "-exportcert", "-rfc", "-alias", "broker", "-file", str(pem), *common],
        check=True, capture_output=True,
    )  # fmt: skip
    return keystore, pem


@pytest.fixture(scope="module")
def secure_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A broker with a SASL_SSL listener; yields the env a client needs (without mechanism)."""
    shared_libs = LocalKafka(Settings.from_env().state_dir).libs
    if not (shared_libs / ".complete").exists():
        message = "the local Kafka's jars are not fetched yet (`newswire kafka start` does it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI starts the local Kafka first: missing jars are a fault
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("secure-kafka")
    keystore_password = secrets.token_hex(8)
    keystore, pem = _make_certificate(folder, keystore_password)
    password = secrets.token_urlsafe(18)
    listener = SecureListener(free_port(), keystore, keystore_password, {USER: password})
    kafka = LocalKafka(
        folder / "state", port=free_port(), controller_port=free_port(), secure=listener,
        libs=shared_libs,
    )  # fmt: skip
    kafka.start(timeout=120)
    try:
        yield {
            "NEWSWIRE_KAFKA_BOOTSTRAP": f"127.0.0.1:{listener.port}",
            "NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "NEWSWIRE_KAFKA_SASL_USERNAME": USER,
            "NEWSWIRE_KAFKA_SASL_PASSWORD": password,
            "NEWSWIRE_KAFKA_SSL_CAFILE": str(pem),
        }
    finally:
        kafka.stop()


def _page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
        return str(response.read().decode("utf-8", "replace"))


@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-512", "PLAIN"])
def test_worker_runs_over_sasl_ssl_and_never_shows_the_password(
    secure_kafka: dict[str, str], tmp_path: Path, mechanism: str
) -> None:
    d = new_deployment(tmp_path, {**secure_kafka, "NEWSWIRE_KAFKA_SASL_MECHANISM": mechanism}, 3)
    try:
        d.start_worker()
        pages = [
            (SAMPLES / n).read_bytes() for n in ("01-defapress-81001.txt", "07-malformed-empty.txt")
        ]
        d.produce(pages)
        out = d.read_outputs(expected=2)
        assert [e["article_key"] for e in out["enriched"]] == ["defapress:81001"]
        assert [r["reason"] for r in out["dlq"]] == ["empty"]
        port = int(d.env["NEWSWIRE_WEB_PORT"])
        password = secure_kafka["NEWSWIRE_KAFKA_SASL_PASSWORD"]
        wait_for(lambda: "newswire_ready 1.0" in _page(port, "/metrics"), 30, "a ready worker")
        for path in ("/metrics", "/status", "/readyz", "/healthz"):
            assert password not in _page(port, path), path
    finally:
        for proc in d.workers:
            d.stop(proc)
        for log in d.log_files:
            log.close()
    assert password not in d.logs()
    assert password not in repr(d.settings)


def test_a_wrong_password_is_refused_clearly(secure_kafka: dict[str, str], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(secure_kafka)
    env["NEWSWIRE_KAFKA_SASL_MECHANISM"] = "SCRAM-SHA-512"
    env["NEWSWIRE_KAFKA_SASL_PASSWORD"] = "not-the-password"
    env["NEWSWIRE_STATE_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "streams", "topics", "list"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert f"refused SASL authentication for user {USER!r}" in result.stderr, result.stderr
    assert "not-the-password" not in result.stdout + result.stderr
