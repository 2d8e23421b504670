"""Kafka connection settings: validation, client arguments, and the password kept hidden."""

from __future__ import annotations

import pytest

from streams.config.connection import KafkaConnection
from streams.config.settings import Settings, SettingsError


def test_plain_bootstrap_is_an_unsecured_connection() -> None:
    conn = KafkaConnection.of("127.0.0.1:9092")
    assert conn.client_kwargs() == {
        "bootstrap_servers": "127.0.0.1:9092",
        "security_protocol": "PLAINTEXT",
    }
    assert conn.faust_credentials() is None
    assert conn.problems() == []


def test_sasl_ssl_gives_every_client_the_same_credentials() -> None:
    conn = KafkaConnection("k:9093", "SASL_SSL", "SCRAM-SHA-512", "alice", "s3cret")
    kwargs = conn.client_kwargs()
    assert kwargs["sasl_mechanism"] == "SCRAM-SHA-512"
    assert kwargs["sasl_plain_username"] == "alice"
    assert kwargs["ssl_context"] is not None
    credentials = conn.faust_credentials()
    assert credentials is not None
    assert "s3cret" not in repr(credentials)
    assert "s3cret" not in repr(conn)


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "TLS"}, "is not one of"),
        ({"NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "SASL_SSL"}, "SASL mechanism"),
        (
            {
                "NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                "NEWSWIRE_KAFKA_SASL_MECHANISM": "PLAIN",
            },
            "username and a password",
        ),
        ({"NEWSWIRE_KAFKA_SSL_CERTFILE": "/etc/hostname"}, "both its certificate and its key"),
        (
            {"NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "SSL", "NEWSWIRE_KAFKA_SSL_CAFILE": "/nope.pem"},
            "is not a readable file",
        ),
    ],
)
def test_bad_security_settings_fail_at_start_with_a_reason(
    env: dict[str, str], fragment: str
) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.from_env(env)
    assert fragment in str(info.value)


def test_settings_never_show_the_password() -> None:
    settings = Settings.from_env(
        {
            "NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "sasl_ssl",
            "NEWSWIRE_KAFKA_SASL_MECHANISM": "scram-sha-512",
            "NEWSWIRE_KAFKA_SASL_USERNAME": "alice",
            "NEWSWIRE_KAFKA_SASL_PASSWORD": "s3cret-value",
        }
    )
    assert settings.connection.security_protocol == "SASL_SSL"
    assert settings.connection.sasl_mechanism == "SCRAM-SHA-512"
    assert "s3cret-value" not in repr(settings)
    assert "s3cret-value" not in str(settings.connection)
