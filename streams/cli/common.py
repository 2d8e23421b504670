"""What every command shares: the settings, and Kafka calls with errors a user can act on."""

from __future__ import annotations

import asyncio
import logging
import ssl
from typing import Any

import click

from streams.config.settings import Settings, SettingsError

__all__ = ["load_settings", "run_kafka"]


def load_settings() -> Settings:
    """The settings from the environment, or a usage error naming the bad variable."""
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


class _ClientErrors(logging.Handler):
    """Keeps aiokafka's error log records: its bootstrap error hides why each broker failed,
    and the records carry the exception that says it."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def causes(self) -> list[BaseException]:
        """The exceptions the records were logged with (as an argument or as exc_info)."""
        found: list[BaseException] = []
        for record in self.records:
            args = record.args if isinstance(record.args, tuple) else ()
            found += [a for a in args if isinstance(a, BaseException)]
            if record.exc_info and record.exc_info[1] is not None:
                found.append(record.exc_info[1])
        return found

    def last_line(self) -> str:
        return self.records[-1].getMessage() if self.records else ""


def _refused_login(settings: Settings) -> click.ClickException:
    return click.ClickException(
        f"Kafka at {settings.kafka_bootstrap} refused SASL authentication for user "
        f"{settings.kafka_sasl_username!r} with {settings.kafka_sasl_mechanism}. "
        "Check NEWSWIRE_KAFKA_SASL_USERNAME, _PASSWORD and _MECHANISM."
    )


def run_kafka(coro: Any) -> Any:
    """Run ``coro``; a Kafka that cannot be reached or refuses us becomes a clear message."""
    from aiokafka.errors import (
        AuthenticationFailedError,
        KafkaConnectionError,
        SaslAuthenticationFailed,
    )

    refused = (SaslAuthenticationFailed, AuthenticationFailedError)
    errors = _ClientErrors()
    client_log = logging.getLogger("aiokafka")
    saved = client_log.level, client_log.propagate
    client_log.addHandler(errors)
    client_log.setLevel(logging.ERROR)
    client_log.propagate = False
    try:
        return asyncio.run(coro)
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except KafkaConnectionError as exc:
        settings = load_settings()
        causes = errors.causes()
        if any(isinstance(c, refused) for c in causes):
            raise _refused_login(settings) from None
        if any(isinstance(c, ssl.SSLError) for c in causes):
            raise click.ClickException(
                f"the TLS handshake with Kafka at {settings.kafka_bootstrap} failed "
                f"({errors.last_line()}). Check NEWSWIRE_KAFKA_SSL_CAFILE and the protocol."
            ) from None
        cause = f"; last error: {errors.last_line()}" if errors.records else ""
        raise click.ClickException(
            f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc}{cause}). Start the local "
            "one with `newswire kafka start`, or set NEWSWIRE_KAFKA_BOOTSTRAP."
        ) from None
    except refused:
        raise _refused_login(load_settings()) from None
    finally:
        client_log.removeHandler(errors)
        client_log.setLevel(saved[0])
        client_log.propagate = saved[1]
