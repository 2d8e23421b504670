"""Settings: one frozen object built from ``NEWSWIRE_*`` environment variables.

Nothing else in the package reads ``os.environ``; the README lists every variable below.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from streams.config.connection import KafkaConnection
from streams.config.paths import checkout_root
from streams.core.config import PipelineConfig

__all__ = ["ENV_PREFIX", "MIB", "Settings", "SettingsError"]

ENV_PREFIX = "NEWSWIRE_"

_GUARANTEES = ("exactly_once", "at_least_once")
MIB = 1024 * 1024
_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


class SettingsError(ValueError):
    """An environment variable has a value the settings cannot use."""


def cores() -> int:
    """The cores this process may use: its CPU affinity, and in a container its CPU quota
    (a pod limited to 2 CPUs on a 64-core node gets 2, not 64 processes)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    quota = _cpu_quota()
    return max(1, min(cores or 1, quota or cores or 1))


def processes_note(processes: int, available: int) -> str:
    """What a worker logs at start about where it parses, for an operator sizing it."""
    if processes < 2:
        return f"parsing in the worker's own process ({available} cores available)"
    if processes > available:
        return (
            f"parsing in a pool of {processes} processes on {available} cores available: "
            "more processes than cores only take CPU from the worker and the broker"
        )
    return f"parsing in a pool of {processes} processes ({available} cores available)"


def _cpu_quota(root: Path = Path("/sys/fs/cgroup")) -> int | None:
    """Whole CPUs of the cgroup's quota (v2 ``cpu.max``, v1 ``cpu.cfs_*``), rounded up; None
    without one."""
    try:
        if (root / "cpu.max").is_file():
            quota, period = (root / "cpu.max").read_text().split()[:2]
        else:
            quota = (root / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (root / "cpu" / "cpu.cfs_period_us").read_text().strip()
        if quota in ("max", "-1"):
            return None
        return max(1, -(-int(quota) // int(period)))
    except (OSError, ValueError):
        return None


def _default_state_dir() -> Path:
    # A checkout keeps its state beside the code; an installed package uses the working folder.
    return (checkout_root() or Path.cwd()) / ".newswire"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a worker, the CLI and the local Kafka need to know, read once at start-up."""

    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_security_protocol: str = "PLAINTEXT"
    kafka_sasl_mechanism: str = ""
    kafka_sasl_username: str = ""
    # Never shown: not in repr, logs, metrics or the status page.
    kafka_sasl_password: str = field(default="", repr=False)
    kafka_ssl_cafile: str = ""
    kafka_ssl_certfile: str = ""
    kafka_ssl_keyfile: str = ""
    app_id: str = "newswire"
    topic_raw: str = "articles.raw"
    topic_enriched: str = "articles.enriched"
    topic_duplicates: str = "articles.duplicates"
    topic_dlq: str = "articles.dlq"
    partitions: int = 6
    replication_factor: int = 1
    processing_guarantee: str = "exactly_once"
    store: str = "memory://"
    state_dir: Path = field(default_factory=_default_state_dir)
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    max_input_bytes: int = 2 * 1024 * 1024
    commit_interval: float = 0.05
    #: The largest share of the time that timed commits may hold the agents: after a slow
    #: commit the next waits longer than the interval (at most 1 s). 1 commits every interval.
    commit_share: float = 0.1
    story_max_distance: int = 3
    retention_days: float = 30.0
    enrich: bool = True
    #: Processes that parse and enrich: 1 runs them in the worker's own process; more start a
    #: pool of that many beside it. By default one per core this worker may use.
    processes: int = field(default_factory=cores)
    log_level: str = "info"

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Build settings from ``env``; unknown ``NEWSWIRE_*`` names are an error, not ignored."""
        known = {f"{ENV_PREFIX}{f.name.upper()}": f for f in dataclasses.fields(cls)}
        unknown = sorted(k for k in env if k.startswith(ENV_PREFIX) and k not in known)
        if unknown:
            raise SettingsError(
                f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        values: dict[str, object] = {}
        for name, f in known.items():
            if name not in env:
                continue
            raw = env[name].strip()
            if f.type in ("int", int):
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise SettingsError(f"{name}={raw!r} is not a whole number") from None
            elif f.type in ("float", float):
                try:
                    values[f.name] = float(raw)
                except ValueError:
                    raise SettingsError(f"{name}={raw!r} is not a number") from None
            elif f.type in ("bool", bool):
                if raw.lower() not in _BOOLEANS:
                    raise SettingsError(f"{name}={raw!r} is not one of {', '.join(_BOOLEANS)}")
                values[f.name] = _BOOLEANS[raw.lower()]
            elif f.type in ("Path", Path):
                values[f.name] = Path(raw).expanduser()
            else:
                values[f.name] = raw
        settings = cls(**values)  # type: ignore[arg-type]  # values are typed per field above
        settings.validate()
        return settings

    @classmethod
    def env_names(cls) -> list[str]:
        """Every environment variable the settings read, for docs and deployment checks."""
        return sorted(f"{ENV_PREFIX}{f.name.upper()}" for f in dataclasses.fields(cls))

    @property
    def pipeline(self) -> PipelineConfig:
        """What the pure core's stages take: the worker and ``newswire process`` share it."""
        return PipelineConfig(
            max_bytes=self.max_input_bytes,
            enrichment=self.enrich,
            story_max_distance=self.story_max_distance,
            retention_days=self.retention_days,
        )

    @property
    def max_message_bytes(self) -> int:
        """What the input topics allow: an input at the limit plus its envelope's overhead."""
        return self.max_input_bytes + MIB

    @property
    def max_dead_letter_bytes(self) -> int:
        """What the DLQ allows: the input in base64 (4/3 larger) plus a little JSON."""
        return self.max_message_bytes * 4 // 3 + MIB

    @property
    def max_request_bytes(self) -> int:
        """Producer request size: room for one record of either kind."""
        return self.max_message_bytes * 2

    @property
    def connection(self) -> KafkaConnection:
        """How to reach Kafka: bootstrap servers, TLS and SASL."""
        return KafkaConnection(
            bootstrap=self.kafka_bootstrap,
            security_protocol=self.kafka_security_protocol.upper(),
            sasl_mechanism=self.kafka_sasl_mechanism.upper(),
            username=self.kafka_sasl_username,
            password=self.kafka_sasl_password,
            cafile=self.kafka_ssl_cafile,
            certfile=self.kafka_ssl_certfile,
            keyfile=self.kafka_ssl_keyfile,
        )

    def validate(self) -> None:
        """Reject values that would only fail later, far from their cause."""
        for problem in self.connection.problems():
            raise SettingsError(f"Kafka connection (NEWSWIRE_KAFKA_*): {problem}")
        for name in ("kafka_ssl_cafile", "kafka_ssl_certfile", "kafka_ssl_keyfile"):
            path = getattr(self, name)
            if path and not Path(path).is_file():
                raise SettingsError(f"NEWSWIRE_{name.upper()}={path!r} is not a readable file")
        if self.processing_guarantee not in _GUARANTEES:
            raise SettingsError(
                f"NEWSWIRE_PROCESSING_GUARANTEE must be one of {_GUARANTEES}, "
                f"not {self.processing_guarantee!r}"
            )
        if self.partitions < 1 or self.replication_factor < 1:
            raise SettingsError("NEWSWIRE_PARTITIONS and NEWSWIRE_REPLICATION_FACTOR must be >= 1")
        if not 0 < self.web_port < 65536:
            raise SettingsError(f"NEWSWIRE_WEB_PORT={self.web_port} is not a TCP port")
        self._validate_commits()
        if not 0 <= self.story_max_distance <= 16:
            raise SettingsError("NEWSWIRE_STORY_MAX_DISTANCE must be between 0 and 16 bits")
        if not 0 < self.retention_days <= 36_500:
            raise SettingsError("NEWSWIRE_RETENTION_DAYS must be more than 0 (and under a century)")
        if not 1 <= self.processes <= 256:
            raise SettingsError(f"NEWSWIRE_PROCESSES={self.processes} must be between 1 and 256")
        if self.max_input_bytes < 1:
            raise SettingsError("NEWSWIRE_MAX_INPUT_BYTES must be positive")
        if not self.store.startswith(("memory://", "rocksdb://")):
            raise SettingsError(
                f"NEWSWIRE_STORE={self.store!r}: use memory:// or rocksdb:// (the stores tested)"
            )

    def _validate_commits(self) -> None:
        if not 0 < self.commit_interval <= 60:
            raise SettingsError("NEWSWIRE_COMMIT_INTERVAL must be between 0 and 60 seconds")
        if not 0 < self.commit_share <= 1:
            raise SettingsError("NEWSWIRE_COMMIT_SHARE must be more than 0 and at most 1")

    @property
    def topics(self) -> tuple[str, str, str, str]:
        """The four public topics: raw, enriched, duplicates, dead-letter."""
        return (self.topic_raw, self.topic_enriched, self.topic_duplicates, self.topic_dlq)

    @property
    def topic_parsed(self) -> str:
        """Internal topic that re-keys parsed articles by article key before the dedupe table."""
        return f"{self.app_id}-articles-parsed"

    @property
    def topic_stories(self) -> str:
        """Internal topic that brings every published article to the one owner of the story
        index, under one key."""
        return f"{self.app_id}-articles-stories"
