"""A local single-node Apache Kafka (KRaft) for development, demos and tests.

The jars come from Maven Central through ``deploy/kafka/pom.xml`` and are cached under the
state folder; the broker runs as a detached ``java`` process listening on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import base64
import re
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from string import Template

from streams.devtools.processes import is_zombie, stop_pid
from streams.runtime.admin import broker_answers

__all__ = ["ForeignBroker", "KafkaStatus", "LocalKafka", "LocalKafkaError", "SecureListener"]

DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy" / "kafka"
_MIN_JAVA = 17
_MAIN_CLASS = "kafka.Kafka"


class LocalKafkaError(RuntimeError):
    """The local broker cannot be fetched, started or stopped; the message says what to do."""


class ForeignBroker(LocalKafkaError):
    """Another broker (not this state folder's) already serves the port."""


@dataclass(frozen=True, slots=True)
class KafkaStatus:
    """What ``newswire kafka status`` reports."""

    running: bool
    pid: int | None
    port: int | None
    answers: bool
    log: Path


def _kafka_version() -> str:
    pom = (DEPLOY_DIR / "pom.xml").read_text("utf-8")
    m = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom)
    if not m:
        raise LocalKafkaError(f"no <kafka.version> in {DEPLOY_DIR / 'pom.xml'}")
    return m.group(1)


def _java_major(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        raise LocalKafkaError(f"cannot read the Java version from `{java} -version`")
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


@dataclass(frozen=True, slots=True)
class SecureListener:
    """A SASL_SSL listener beside the plaintext one, for testing secured connections.

    ``keystore`` is the broker's PKCS#12 key and certificate. Every user in ``users`` may log
    in with SASL/PLAIN and with SCRAM-SHA-512 (its credential is stored when the broker's
    storage is formatted, so it applies to a fresh state folder only).
    """

    port: int
    keystore: Path
    keystore_password: str
    users: dict[str, str]

    def config(self) -> str:
        plain_users = " ".join(f'user_{u}="{p}"' for u, p in sorted(self.users.items()))
        prefix = "listener.name.sasl_ssl"
        return "\n".join(
            (
                "",
                "# SASL_SSL listener for the security tests.",
                f"{prefix}.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512",
                f"{prefix}.plain.sasl.jaas.config="
                f"org.apache.kafka.common.security.plain.PlainLoginModule required {plain_users};",
                f"{prefix}.scram-sha-512.sasl.jaas.config="
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                f"{prefix}.ssl.keystore.type=PKCS12",
                f"{prefix}.ssl.keystore.location={self.keystore}",
                f"{prefix}.ssl.keystore.password={self.keystore_password}",
                f"{prefix}.ssl.key.password={self.keystore_password}",
                # Only loopback clients; the principal comes from SASL, not a client cert.
                f"{prefix}.ssl.client.auth=none",
                "",
            )
        )


class LocalKafka:
    """Fetch, format, start, check and stop one local broker under ``state_dir/kafka``."""

    def __init__(
        self,
        state_dir: Path,
        *,
        port: int = 9092,
        controller_port: int | None = None,
        secure: SecureListener | None = None,
        libs: Path | None = None,
    ):
        self.home = state_dir / "kafka"
        self.port = port
        self.controller_port = controller_port or port + 1
        self.secure = secure
        self.version = _kafka_version()
        # Another broker's jar cache may be shared (tests start a second broker).
        self.libs = libs or self.home / f"libs-{self.version}"
        self.data = self.home / "data"
        self.logs = self.home / "logs"
        self.pid_file = self.home / "kafka.pid"
        self.port_file = self.home / "kafka.port"
        self.config = self.home / "server.properties"

    # -- fetching ---------------------------------------------------------------------------

    def check_tools(self, *, need_maven: bool) -> str:
        """Return the java binary, or explain what to install."""
        java = shutil.which("java")
        if java is None:
            raise LocalKafkaError(
                "Java is not installed. Kafka 4 needs Java 17 or newer: "
                "`apt-get install openjdk-17-jre-headless` (Debian/Ubuntu) or your OS's JDK 17."
            )
        major = _java_major(java)
        if major < _MIN_JAVA:
            raise LocalKafkaError(
                f"Java {major} found at {java}; Kafka 4 needs Java {_MIN_JAVA} or newer."
            )
        if need_maven and shutil.which("mvn") is None:
            raise LocalKafkaError(
                "Maven is not installed; it fetches the Kafka jars from Maven Central once: "
                "`apt-get install maven` (Debian/Ubuntu) or see https://maven.apache.org/install."
            )
        return java

    def fetch(self) -> bool:
        """Copy the broker's jars into the cache; False when they were already there."""
        marker = self.libs / ".complete"
        if marker.exists():
            return False
        self.check_tools(need_maven=True)
        print(f"Fetching Apache Kafka {self.version} from Maven Central (once)...", file=sys.stderr)
        tmp = self.libs.with_name(self.libs.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = [
            "mvn", "-B", "-q", "-f", str(DEPLOY_DIR / "pom.xml"),
            "dependency:copy-dependencies", "-DincludeScope=runtime",
            f"-DoutputDirectory={tmp}",
        ]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise LocalKafkaError(
                "Maven could not fetch the Kafka jars:\n" + (result.stdout + result.stderr)[-3000:]
            )
        shutil.rmtree(self.libs, ignore_errors=True)
        tmp.rename(self.libs)
        marker.touch()
        return True

    # -- running ----------------------------------------------------------------------------

    def _pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except FileNotFoundError:
            return None
        # A recycled pid must never be mistaken for our broker.
        ours = _MAIN_CLASS.encode() in cmdline and str(self.home).encode() in cmdline
        return pid if ours else None

    def _render_config(self) -> None:
        template = Template((DEPLOY_DIR / "server.properties.template").read_text("utf-8"))
        text = template.substitute(
            port=self.port, controller_port=self.controller_port, data_dir=self.data
        )
        if self.secure is not None:
            sasl = f"SASL_SSL://127.0.0.1:{self.secure.port}"
            text = (
                text.replace(
                    f"listeners=PLAINTEXT://127.0.0.1:{self.port},",
                    f"listeners=PLAINTEXT://127.0.0.1:{self.port},{sasl},",
                )
                .replace(
                    f"advertised.listeners=PLAINTEXT://127.0.0.1:{self.port}",
                    f"advertised.listeners=PLAINTEXT://127.0.0.1:{self.port},{sasl}",
                )
                .replace(
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,",
                )
            )
            text += self.secure.config()
        self.config.write_text(text, "utf-8")

    def _classpath(self) -> str:
        return f"{self.libs}/*"

    def _format(self, java: str) -> None:
        if (self.data / "meta.properties").exists():
            return
        cluster_id = _random_cluster_id()
        cmd = [
            java, "-cp", self._classpath(), "kafka.tools.StorageTool", "format",
            # One argument with "=": an id may start with "-", which would read as an option.
            f"--cluster-id={cluster_id}", "-c", str(self.config), "--ignore-formatted",
        ]  # fmt: skip
        for user, password in sorted((self.secure.users if self.secure else {}).items()):
            cmd += ["--add-scram", f"SCRAM-SHA-512=[name={user},password={password}]"]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise LocalKafkaError("formatting the KRaft storage failed:\n" + result.stderr[-2000:])

    def start(self, *, timeout: float = 90.0) -> bool:
        """Start the broker unless it runs; wait until it answers. False if it already ran."""
        if (pid := self._pid()) is not None:
            running_port = int(self.port_file.read_text()) if self.port_file.exists() else None
            if running_port not in (None, self.port):
                raise LocalKafkaError(
                    f"the local Kafka already runs on port {running_port} (pid {pid}); "
                    "stop it first to change the port"
                )
            self._wait_until_answers(pid, timeout)
            return False
        if asyncio.run(broker_answers(f"127.0.0.1:{self.port}", wait=2.0)):
            raise ForeignBroker(
                f"a Kafka broker not started from {self.home} already answers on "
                f"127.0.0.1:{self.port}"
            )
        java = self.check_tools(need_maven=not (self.libs / ".complete").exists())
        self.fetch()
        for d in (self.data, self.logs):
            d.mkdir(parents=True, exist_ok=True)
        self._render_config()
        self._format(java)
        cmd = [
            java, "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true",
            f"-Dkafka.logs.dir={self.logs}",
            f"-Dlog4j2.configurationFile={DEPLOY_DIR / 'log4j2.properties'}",
            "-cp", self._classpath(), _MAIN_CLASS, str(self.config),
        ]  # fmt: skip
        with (self.logs / "stdout.log").open("ab") as out:
            # A session of its own: Ctrl-C in the shell that ran `start` does not reach it.
            proc = subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, cwd=self.home,
            )  # fmt: skip
        # Kept so that stop() can reap it when this process started it (no zombie left behind).
        self._process = proc
        self.pid_file.write_text(str(proc.pid))
        self.port_file.write_text(str(self.port))
        self._wait_until_answers(proc.pid, timeout)
        return True

    def _wait_until_answers(self, pid: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        bootstrap = f"127.0.0.1:{self.port}"
        while time.monotonic() < deadline:
            if not Path(f"/proc/{pid}").exists() or is_zombie(pid):
                raise LocalKafkaError(
                    f"Kafka exited during start-up; the end of its log:\n{self._log_tail()}"
                )
            if asyncio.run(broker_answers(bootstrap, wait=2.0)):
                return
            time.sleep(0.5)
        raise LocalKafkaError(
            f"Kafka did not answer on {bootstrap} within {timeout:.0f}s; log:\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 30) -> str:
        for name in ("server.log", "stdout.log"):
            path = self.logs / name
            if path.exists() and path.stat().st_size:
                return "\n".join(path.read_text("utf-8", "replace").splitlines()[-lines:])
        return "(no log written)"

    def stop(self, *, timeout: float = 30.0) -> bool:
        """Stop the broker: SIGTERM, then SIGKILL after ``timeout``. False if none ran."""
        pid = self._pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        stop_pid(pid, timeout)
        process = getattr(self, "_process", None)
        if process is not None and process.pid == pid:
            process.wait(10)
        self.pid_file.unlink(missing_ok=True)
        self.port_file.unlink(missing_ok=True)
        return True

    def wipe(self) -> bool:
        """Delete the broker's topics and metadata (it must be stopped); False if none."""
        if self._pid() is not None:
            raise LocalKafkaError("the local Kafka is running; stop it before wiping its data")
        if not self.data.exists():
            return False
        shutil.rmtree(self.data)
        return True

    def status(self) -> KafkaStatus:
        """Whether our broker runs, its pid and port, and whether it answers."""
        pid = self._pid()
        port = int(self.port_file.read_text()) if pid and self.port_file.exists() else None
        answers = bool(port) and asyncio.run(broker_answers(f"127.0.0.1:{port}", wait=2.0))
        return KafkaStatus(pid is not None, pid, port, answers, self.logs / "server.log")


def _random_cluster_id() -> str:
    # Kafka cluster ids are 16 random bytes in URL-safe base64 without padding.
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
