"""Every private name of Faust, mode and aiokafka that the fixes rely on, checked at start-up.

The fixes override or read these. A Faust release that renames one would leave a fix silently
off, and exactly-once silently broken, so the worker refuses to start instead and names the
versions and the missing hooks. ``constraints.txt`` pins the versions CI tested.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib import metadata
from typing import Any

__all__ = ["HOOKS", "FaustIncompatible", "Hook", "check_hooks", "missing_hooks"]


@dataclass(frozen=True, slots=True)
class Hook:
    """``module.cls`` must have ``name`` (a method, or an attribute it declares); with no
    ``cls``, the module must."""

    module: str
    cls: str
    name: str
    used_by: str

    def __str__(self) -> str:
        owner = f"{self.module}.{self.cls}" if self.cls else self.module
        return f"{owner}.{self.name} (used by {self.used_by})"


_CONSUMER = ("faust.transport.consumer", "Consumer")
_AIOKAFKA_CONSUMER = ("faust.transport.drivers.aiokafka", "Consumer")
_PRODUCER = ("faust.transport.drivers.aiokafka", "Producer")
_BUFFER = ("faust.transport.producer", "ProducerBuffer")
_TXN = ("faust.transport.consumer", "TransactionManager")
_THREAD = ("faust.transport.drivers.aiokafka", "AIOKafkaConsumerThread")
_WORKER = ("faust.worker", "Worker")
_FLOW = ("mode.utils.queues", "FlowControlEvent")
_AIOKAFKA = ("aiokafka.consumer.consumer", "AIOKafkaConsumer")
_AIOKAFKA_PRODUCER = ("aiokafka.producer.producer", "AIOKafkaProducer")
_COORDINATOR = ("aiokafka.consumer.group_coordinator", "GroupCoordinator")
_REQUEST = ("aiokafka.protocol.api", "RequestStruct")

HOOKS: tuple[Hook, ...] = (
    *(Hook(*_CONSUMER, n, "offsets") for n in (
        "_acked", "_acked_index", "_gap", "_unacked_messages", "_new_offset",
    )),
    *(Hook(*_CONSUMER, n, "consumer") for n in (
        "force_commit", "on_partitions_revoked", "resume_flow", "stop_flow", "perform_seek", "ack",
        "_is_changelog_tp",
    )),
    *(Hook(*_AIOKAFKA_CONSUMER, n, "recovery") for n in (
        "resume_partitions", "seek_to_committed", "seek_wait", "earliest_offsets",
        "_new_consumer_thread",
    )),
    Hook(*_CONSUMER, "key_partition", "routing"),
    *(Hook(*_CONSUMER, n, "refetch") for n in ("getmany", "_wait_next_records", "assignment")),
    *(Hook(*_CONSUMER, n, "pacing") for n in (
        "_commit_handler", "commit", "commit_interval", "_commit_livelock_detector",
        "verify_all_partitions_active",
    )),
    *(Hook(*_CONSUMER, n, "internals") for n in (
        "_read_offset", "_paused_partitions", "_unacked_messages",
    )),
    *(Hook(*_THREAD, n, "consumer_thread") for n in (
        "_highwaters", "_ensure_consumer", "on_start", "call_thread", "seek",
    )),
    Hook(*_AIOKAFKA_CONSUMER, "_thread", "recovery"),
    *(Hook(*_COORDINATOR, n, "stable_offsets") for n in (
        "_do_fetch_commit_offsets", "_send_req", "coordinator_dead", "fetch_committed_offsets",
    )),
    Hook(*_REQUEST, "FLEXIBLE_VERSION", "stable_offsets"),
    *(Hook(*_BUFFER, n, "producer_buffer") for n in ("_send_pending", "size", "flush")),
    *(Hook(*_PRODUCER, n, "commits and routing") for n in (
        "commit_transactions", "stop_transaction", "_transaction_producers", "_trn_locks",
    )),
    Hook(*_PRODUCER, "_settings_extra", "retry_backoff"),
    *(Hook(*_TXN, n, "routing") for n in ("send", "on_rebalance", "_tps_to_transactional_ids")),
    Hook(*_WORKER, "on_setup_root_logger", "quiet_worker"),
    Hook(*_WORKER, "spinner", "quiet_worker"),
    Hook(*_FLOW, "suspend", "consumer"),
    Hook(*_AIOKAFKA, "end_offsets", "consumer_thread"),
    *(Hook(*_AIOKAFKA_PRODUCER, n, "commits") for n in (
        "send_offsets_to_transaction", "commit_transaction", "begin_transaction",
    )),
    Hook("faust.streams", "", "_current_event", "internals (the pooled parse agent)"),
)  # fmt: skip


class FaustIncompatible(RuntimeError):
    """The installed Faust, mode or aiokafka lacks a hook that a fix relies on."""


def _has(cls: type, name: str) -> bool:
    # Instance attributes count when a class in the MRO declares them (Faust annotates them).
    return hasattr(cls, name) or any(
        name in vars(klass).get("__annotations__", {}) for klass in cls.__mro__
    )


def missing_hooks(hooks: tuple[Hook, ...] = HOOKS) -> list[Hook]:
    """The hooks the installed packages do not have."""
    missing = []
    for hook in hooks:
        try:
            module = importlib.import_module(hook.module)
            # No class: a module-level name (Faust's current-event context variable).
            owner: Any = getattr(module, hook.cls) if hook.cls else module
        except (ImportError, AttributeError):
            missing.append(hook)
            continue
        if not (_has(owner, hook.name) if hook.cls else hasattr(owner, hook.name)):
            missing.append(hook)
    return missing


def versions() -> str:
    """The installed versions of the packages the fixes patch."""
    names = ("faust-streaming", "mode-streaming", "aiokafka")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def check_hooks(hooks: tuple[Hook, ...] = HOOKS) -> None:
    """Raise :class:`FaustIncompatible` naming the versions and every missing hook."""
    missing = missing_hooks(hooks)
    if missing:
        listed = "".join(f"\n  - {hook}" for hook in missing)
        raise FaustIncompatible(
            f"Newswire's fixes to Faust do not fit the installed {versions()}; "
            f"missing:{listed}\nInstall the tested versions: pip install -c constraints.txt ."
        )
