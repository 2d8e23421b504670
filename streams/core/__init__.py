"""The pure core: bytes in, one outcome out.

Decoding, parsing, normalising, enrichment, dedupe and story decisions, retention and the
event records. Nothing here imports Faust, aiokafka or prometheus_client
(``tests/unit/test_core_purity.py``), so all of it runs and is tested without a broker.
"""
