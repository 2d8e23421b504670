"""Settings read once from the environment, and how to reach Kafka; shared by every layer."""
