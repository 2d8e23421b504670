"""The local Kafka manager's checks and files, without starting Java."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from streams.devtools import localkafka
from streams.devtools.localkafka import LocalKafka, LocalKafkaError


def test_missing_java_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(localkafka.shutil, "which", lambda name: None)
    with pytest.raises(LocalKafkaError, match=r"Java is not installed.*openjdk-17"):
        LocalKafka(tmp_path).check_tools(need_maven=True)


def test_missing_maven_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(
        localkafka.shutil, "which", lambda name: "/usr/bin/java" if name == "java" else None
    )
    monkeypatch.setattr(localkafka, "_java_major", lambda java: 17)
    with pytest.raises(LocalKafkaError, match=r"Maven is not installed.*apt-get install maven"):
        LocalKafka(tmp_path).check_tools(need_maven=True)


def test_old_java_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(localkafka.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(localkafka, "_java_major", lambda java: 11)
    with pytest.raises(LocalKafkaError, match=r"Java 11 found.*needs Java 17"):
        LocalKafka(tmp_path).check_tools(need_maven=False)


def test_config_listens_on_loopback_only(tmp_path: Path) -> None:
    kafka = LocalKafka(tmp_path, port=19092)
    kafka.home.mkdir(parents=True)
    kafka._render_config()
    config = kafka.config.read_text()
    assert "listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093" in config
    assert f"log.dirs={tmp_path / 'kafka' / 'data'}" in config
    assert "0.0.0.0" not in config
    assert "$" not in config


def test_status_and_stop_when_nothing_runs(tmp_path: Path) -> None:
    kafka = LocalKafka(tmp_path)
    assert kafka.stop() is False
    assert kafka.status().running is False


def test_wipe_deletes_the_data_of_a_stopped_broker_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    kafka = LocalKafka(tmp_path)
    assert kafka.wipe() is False
    (kafka.data / "test-topic-0").mkdir(parents=True)
    monkeypatch.setattr(kafka, "_pid", lambda: 4242)
    with pytest.raises(LocalKafkaError, match="stop it before wiping"):
        kafka.wipe()
    assert (kafka.data / "test-topic-0").is_dir()
    monkeypatch.setattr(kafka, "_pid", lambda: None)
    assert kafka.wipe() is True
    assert not kafka.data.exists()


def test_a_cluster_id_starting_with_a_dash_is_not_read_as_an_option(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # One id in 32 starts with "-" (URL-safe base64); Kafka's argument parser then took it
    # for an option and formatting failed.
    calls: list[list[str]] = []

    def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(localkafka, "_random_cluster_id", lambda: "-Xk3vQ2pRdW8yZ1aB4cD5e")
    monkeypatch.setattr(localkafka.subprocess, "run", run)
    kafka = LocalKafka(tmp_path)
    monkeypatch.setattr(kafka, "_classpath", lambda: "libs/*")
    kafka._format("/usr/bin/java")
    [cmd] = calls
    assert "--cluster-id=-Xk3vQ2pRdW8yZ1aB4cD5e" in cmd
    assert "-Xk3vQ2pRdW8yZ1aB4cD5e" not in cmd  # never a separate argument
