from __future__ import annotations

import os
from pathlib import Path

import pytest

from streams.config.settings import Settings, SettingsError, _cpu_quota, cores, processes_note


def test_defaults() -> None:
    s = Settings.from_env({})
    assert s.kafka_bootstrap == "127.0.0.1:9092"
    assert s.topics == ("articles.raw", "articles.enriched", "articles.duplicates", "articles.dlq")
    assert s.partitions == 6
    assert s.processing_guarantee == "exactly_once"
    assert s.web_host == "127.0.0.1"


def test_values_are_read_and_typed() -> None:
    s = Settings.from_env(
        {
            "NEWSWIRE_KAFKA_BOOTSTRAP": "kafka-1:9092,kafka-2:9092",
            "NEWSWIRE_PARTITIONS": "12",
            "NEWSWIRE_STATE_DIR": "/tmp/nw",
            "NEWSWIRE_TOPIC_DLQ": "news.dlq",
            "OTHER_VARIABLE": "ignored",
        }
    )
    assert s.kafka_bootstrap == "kafka-1:9092,kafka-2:9092"
    assert s.partitions == 12
    assert s.state_dir == Path("/tmp/nw")
    assert s.topic_dlq == "news.dlq"
    assert Settings.from_env({"NEWSWIRE_ENRICH": "false"}).enrich is False
    # By default, one parsing process per core this process may use.
    assert Settings.from_env({}).processes == cores()
    assert 1 <= cores() <= len(os.sched_getaffinity(0))
    assert Settings.from_env({"NEWSWIRE_PROCESSES": "3"}).processes == 3


def test_the_start_note_says_where_parsing_runs_and_warns_of_more_processes_than_cores() -> None:
    assert processes_note(1, 4) == "parsing in the worker's own process (4 cores available)"
    assert processes_note(2, 4) == "parsing in a pool of 2 processes (4 cores available)"
    assert "more processes than cores" in processes_note(8, 2)
    assert "more processes than cores" not in processes_note(2, 2)


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"NEWSWIRE_PARTITIONS": "six"}, "not a whole number"),
        ({"NEWSWIRE_PARTITION": "6"}, "unknown setting(s) NEWSWIRE_PARTITION"),
        ({"NEWSWIRE_PROCESSING_GUARANTEE": "maybe"}, "must be one of"),
        ({"NEWSWIRE_WEB_PORT": "70000"}, "not a TCP port"),
        ({"NEWSWIRE_COMMIT_INTERVAL": "soon"}, "not a number"),
        ({"NEWSWIRE_ENRICH": "maybe"}, "is not one of true"),
        ({"NEWSWIRE_COMMIT_INTERVAL": "0"}, "between 0 and 60"),
        ({"NEWSWIRE_STORE": "redis://x"}, "use memory:// or rocksdb://"),
        ({"NEWSWIRE_STORE": "aerospike://x"}, "use memory:// or rocksdb://"),
        ({"NEWSWIRE_PROCESSES": "0"}, "NEWSWIRE_PROCESSES=0 must be between 1 and 256"),
    ],
)
def test_bad_values_are_rejected_with_the_variable_name(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.from_env(env)
    assert fragment in str(info.value)


def test_env_names_lists_every_setting() -> None:
    names = Settings.env_names()
    assert "NEWSWIRE_KAFKA_BOOTSTRAP" in names
    assert len(names) == len(set(names)) == 28


def test_readme_documents_every_setting() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    missing = [name for name in Settings.env_names() if f"`{name}`" not in readme]
    assert not missing, f"settings missing from the README: {missing}"


def test_a_containers_cpu_quota_bounds_the_default_processes(tmp_path: Path) -> None:
    (tmp_path / "cpu.max").write_text("150000 100000\n")
    assert _cpu_quota(tmp_path) == 2  # 1.5 CPUs: two processes
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert _cpu_quota(tmp_path) is None
    (tmp_path / "cpu.max").unlink()
    v1 = tmp_path / "cpu"
    v1.mkdir()
    (v1 / "cpu.cfs_quota_us").write_text("400000\n")
    (v1 / "cpu.cfs_period_us").write_text("100000\n")
    assert _cpu_quota(tmp_path) == 4
    (v1 / "cpu.cfs_quota_us").write_text("-1\n")
    assert _cpu_quota(tmp_path) is None
    assert _cpu_quota(tmp_path / "missing") is None
