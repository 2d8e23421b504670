"""The Faust/Kafka runtime: app, topics, tables, agents, worker, metrics and Kafka admin.

The agents are thin wiring around :mod:`streams.core`. Every fix to Faust's, mode's or
aiokafka's internals lives in :mod:`streams.runtime.faust_fixes`, checked at start-up.
"""
