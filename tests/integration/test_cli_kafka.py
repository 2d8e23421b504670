"""The CLI against the real local Kafka: topics, produce, tail."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from datetime import UTC, datetime

import psutil
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from streams.core import jsonio
from streams.core.errors import NotAnArticle
from streams.core.events import IngestMeta, dead_letter
from streams.runtime.clients import produce_inputs, read_to_end
from tests.conftest import SAMPLES
from tests.integration.conftest import Deployment, wait_for
from tests.schemas import validate_record


def newswire(d: Deployment, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "streams", *args],
        env=d.env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


def topic_config(bootstrap: str, topic: str, name: str) -> str | None:
    async def go() -> str | None:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            [response] = await admin.describe_configs(
                [ConfigResource(ConfigResourceType.TOPIC, topic)]
            )
        finally:
            await admin.close()
        for resource in response.resources:
            for entry in resource[4]:
                if entry[0] == name:
                    return str(entry[1])
        return None

    return asyncio.run(go())


def test_topics_list_shows_partition_counts(deployment: Deployment) -> None:
    result = newswire(deployment, "topics", "list")
    assert result.returncode == 0, result.stderr
    listed = dict(line.split("\t") for line in result.stdout.splitlines())
    for topic in deployment.settings.topics:
        assert listed[topic] == "3 partitions"
    again = newswire(deployment, "topics", "create")
    assert again.returncode == 0
    assert all(line.endswith(": exists") for line in again.stdout.splitlines())


def test_produce_envelope_then_tail_the_event(deployment: Deployment) -> None:
    d = deployment
    page = SAMPLES / "01-defapress-81001.txt"
    result = newswire(
        d, "produce", "--envelope", "--source", "defapress",
        "--url", "https://News.example/a/81001?utm_source=x#top", str(page),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"produced 1 message(s) to {d.settings.topic_raw}" in result.stderr
    d.start_worker()
    tail = newswire(d, "tail", "enriched", "--from-beginning", "--max", "1", "--raw",
                    "--timeout", "90")  # fmt: skip
    assert tail.returncode == 0, tail.stderr + d.logs()
    [line] = tail.stdout.splitlines()
    event = jsonio.loads(line)
    validate_record(event)
    assert event["url"] == "https://news.example/a/81001"
    assert event["article_key"] == "defapress:81001"
    pretty = newswire(d, "tail", "enriched", "--from-beginning", "--max", "1")
    assert "CREATED defapress:81001 rev 1" in pretty.stdout

    # The dedupe table's changelog exists and is compacted.
    changelog = f"{d.settings.app_id}-dedupe-changelog"
    assert topic_config(d.settings.kafka_bootstrap, changelog, "cleanup.policy") == "compact"


def test_tail_of_a_missing_topic_is_a_clear_error(deployment: Deployment) -> None:
    result = newswire(deployment, "tail", "no-such-topic-here", "--timeout", "1")
    assert result.returncode == 1
    assert "topic 'no-such-topic-here' does not exist" in result.stderr


def test_demo_once_shows_every_sample_outcome(deployment: Deployment) -> None:
    result = newswire(deployment, "demo", "--once", "--timeout", "90", timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "11 of 11 outcome(s) seen" in result.stdout
    assert "CREATED defapress:81001 rev 1" in result.stdout
    # All samples go out at once: which of 81002's two versions counts as revision 1 depends on
    # partition timing, but there is always one created and one updated event for it.
    assert result.stdout.count("defapress:81002 rev") == 2
    assert "DEAD LETTER reason=not_utf8" in result.stdout


def test_demo_stops_its_worker_on_ctrl_c(deployment: Deployment) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "streams", "demo"], env=deployment.env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: list[str] = []
    worker_pid = None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # bounded: the demo prints a few dozen lines, then waits
            lines.append(line)
            if "worker pid" in line:
                worker_pid = int(line.split()[-1])
            if "Ctrl-C stops the demo" in line:
                break
        assert worker_pid is not None, "".join(lines)
        assert psutil.pid_exists(worker_pid)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(60) == 0, "".join(lines)
        wait_for(lambda: not _running(worker_pid), 30, "the demo's worker to exit")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_replay_sends_dead_letters_back_exactly_and_is_safe_to_repeat(
    deployment: Deployment,
) -> None:
    d = deployment
    page = (SAMPLES / "01-defapress-81001.txt").read_bytes()
    # A letter as an older worker wrote it: this page refused, with the key it came with.
    ingest = IngestMeta(d.settings.topic_raw, 0, 41, timestamp_ms=None, key=b"scraper-7")
    letter = dead_letter(page, NotAnArticle("refused"), ingest, failed_at=datetime.now(UTC))
    asyncio.run(
        produce_inputs(
            d.settings.connection, d.settings.topic_dlq, [(b"scraper-7", jsonio.dumps(letter))],
            max_request_size=d.settings.max_request_bytes,
        )
    )  # fmt: skip
    dry = newswire(d, "replay", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        f"{d.settings.topic_raw}[0]@41\tnot_an_article\t{len(page)} bytes"
    ]
    assert "would replay 1 of 1" in dry.stderr
    assert asyncio.run(read_to_end(d.settings.connection, d.settings.topic_raw)) == []

    none = newswire(d, "replay", "--reason", "not_utf8")
    assert none.returncode == 0, none.stderr
    assert "replayed 0 of 1" in none.stderr

    d.start_worker()
    first = newswire(d, "replay", "--reason", "not_an_article")
    assert first.returncode == 0, first.stderr
    assert "replayed 1 of 1" in first.stderr
    [sent] = asyncio.run(read_to_end(d.settings.connection, d.settings.topic_raw))
    assert (sent.key, sent.value) == (b"scraper-7", page)
    out = d.read_outputs(expected=2)  # the injected letter, and the article
    assert [e["news_id"] for e in out["enriched"]] == ["81001"]

    again = newswire(d, "replay", "--reason", "not_an_article")
    assert again.returncode == 0, again.stderr
    out = d.read_outputs(expected=3)
    assert len(out["enriched"]) == 1
    assert [n["article_key"] for n in out["duplicates"]] == ["defapress:81001"]
