"""How to reach Kafka: address, TLS and SASL, for Faust and for our own aiokafka clients.

One object carries all of it, so the worker, the CLI tools and the tests connect the same way.
The password is kept out of ``repr`` and every message, so it cannot reach a log or a page.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MECHANISMS", "PROTOCOLS", "KafkaConnection"]

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


@dataclass(frozen=True, slots=True)
class KafkaConnection:
    """Bootstrap servers plus the security settings to use with them."""

    bootstrap: str
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str = ""
    username: str = ""
    password: str = field(default="", repr=False)
    cafile: str = ""
    certfile: str = ""
    keyfile: str = ""

    @classmethod
    def of(cls, target: KafkaConnection | str) -> KafkaConnection:
        """A plain bootstrap string means an unsecured connection (the local Kafka)."""
        return target if isinstance(target, KafkaConnection) else cls(target)

    @property
    def uses_tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    def problems(self) -> list[str]:
        """What is wrong with these settings, in words an operator can act on."""
        found = []
        if self.security_protocol not in PROTOCOLS:
            found.append(f"security protocol {self.security_protocol!r} is not one of {PROTOCOLS}")
        if self.uses_sasl:
            if self.sasl_mechanism not in MECHANISMS:
                found.append(f"SASL mechanism {self.sasl_mechanism!r} is not one of {MECHANISMS}")
            if not self.username or not self.password:
                found.append("SASL needs both a username and a password")
        if bool(self.certfile) != bool(self.keyfile):
            found.append("a client certificate needs both its certificate and its key file")
        if (self.cafile or self.certfile) and not self.uses_tls:
            found.append("certificate files are set but the protocol does not use TLS")
        return found

    def ssl_context(self) -> ssl.SSLContext | None:
        """Verifying TLS context (the system CAs, or ``cafile``), with the client cert if set."""
        if not self.uses_tls:
            return None
        context = ssl.create_default_context(cafile=self.cafile or None)
        if self.certfile:
            context.load_cert_chain(self.certfile, self.keyfile)
        return context

    def faust_credentials(self) -> Any:
        """For ``faust.App(broker_credentials=...)``; None for an unsecured connection."""
        # Imported here: settings (and so this module) belong to the Kafka-free core.
        import faust  # noqa: PLC0415

        context = self.ssl_context()
        if self.uses_sasl:
            return faust.SASLCredentials(
                username=self.username,
                password=self.password,
                ssl_context=context,
                mechanism=self.sasl_mechanism,
            )
        if context is not None:
            return faust.SSLCredentials(context)
        return None

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for any aiokafka client."""
        kwargs: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap,
            "security_protocol": self.security_protocol,
        }
        if self.uses_tls:
            kwargs["ssl_context"] = self.ssl_context()
        if self.uses_sasl:
            kwargs.update(
                sasl_mechanism=self.sasl_mechanism,
                sasl_plain_username=self.username,
                sasl_plain_password=self.password,
            )
        return kwargs
