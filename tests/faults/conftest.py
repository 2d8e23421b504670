"""Fault tests reuse the integration fixtures (real Kafka, worker processes)."""

from tests.integration.conftest import deployment, kafka_bootstrap  # noqa: F401  # fixtures
