"""Developer tooling: the local Kafka, the demo, synthetic articles and corpus evaluation.

It needs a source checkout (``deploy/kafka``, ``samples/``, ``tests/``) and is left out of the
wheel and the Docker image; the CLI commands that use it say so when it is missing.
"""
