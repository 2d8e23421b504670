"""The Newswire dashboard's panels: every PromQL query in one place.

`python deploy/grafana/panels.py` writes `dashboards/newswire.json` (Grafana dashboard JSON,
schema 39). Tests check that the committed JSON is what this file builds, that every query
parses (promtool), and, against a real Prometheus scraping a real worker, that every panel
returns data.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (title, unit, [(query, legend)]) in display order; each row of the grid holds two panels.
PANELS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("Input messages per second", "ops", [
        ("sum by (topic) (rate(newswire_messages_consumed_total[1m]))", "{{topic}}"),
    ]),
    ("Events published per second", "ops", [
        ("sum by (event_type) (rate(newswire_events_published_total[1m]))", "{{event_type}}"),
    ]),
    ("Duplicate ratio", "percentunit", [
        ("sum(rate(newswire_duplicates_total[5m])) "
         "/ clamp_min(sum(rate(newswire_messages_consumed_total[5m])), 1e-9)", "duplicates"),
    ]),
    ("Dead letters per second by reason", "ops", [
        ("sum by (reason) (rate(newswire_dead_letters_total[1m]))", "{{reason}}"),
    ]),
    ("Fields left unread per second (field, code)", "ops", [
        ("sum by (field, code) (rate(newswire_field_warnings_total[5m]))", "{{field}} {{code}}"),
    ]),
    ("Processing time by stage (p50, p95, p99)", "s", [
        (f"histogram_quantile({q}, sum by (le, stage) "
         f"(rate(newswire_processing_seconds_bucket[5m])))", f"{{{{stage}}}} p{int(q * 100)}")
        for q in (0.5, 0.95, 0.99)
    ]),
    ("End-to-end latency (p50, p95, p99)", "s", [
        (f"histogram_quantile({q}, sum by (le) "
         f"(rate(newswire_end_to_end_latency_seconds_bucket[5m])))", f"p{int(q * 100)}")
        for q in (0.5, 0.95, 0.99)
    ]),
    ("Consumer lag by partition", "short", [
        ("sum by (topic, partition) (newswire_consumer_lag)", "{{topic}}[{{partition}}]"),
    ]),
    ("Table sizes", "short", [
        ("sum(newswire_dedupe_table_entries)", "dedupe keys"),
        ("sum(newswire_story_table_entries)", "story articles"),
    ]),
    ("Story joins per second", "ops", [
        ("sum(rate(newswire_story_joins_total[5m]))", "joins"),
    ]),
    ("State expired per second (retention)", "ops", [
        ("sum by (table) (rate(newswire_state_expired_total[5m]))", "{{table}}"),
    ]),
    ("Pause between commits (longer while a backlog waits)", "s", [
        ("max by (instance) (newswire_commit_pause_seconds)", "{{instance}}"),
    ]),
    ("Workers up and ready", "short", [
        ('sum(up{job="newswire"})', "up"),
        ("sum(newswire_ready)", "ready"),
    ]),
]  # fmt: skip


def queries() -> list[str]:
    """Every panel query, for checks."""
    return [q for _, _, targets in PANELS for q, _ in targets]


def dashboard() -> dict[str, object]:
    """The dashboard as Grafana JSON."""
    panels = []
    for i, (title, unit, targets) in enumerate(PANELS):
        panels.append({
            "id": i + 1,
            "type": "timeseries",
            "title": title,
            "datasource": {"type": "prometheus", "uid": "newswire-prometheus"},
            "gridPos": {"h": 8, "w": 12, "x": 12 * (i % 2), "y": 8 * (i // 2)},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
            "targets": [
                {"refId": chr(ord("A") + j), "expr": q, "legendFormat": legend}
                for j, (q, legend) in enumerate(targets)
            ],
        })  # fmt: skip
    return {
        "uid": "newswire",
        "title": "Newswire",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "refresh": "10s",
        "time": {"from": "now-1h", "to": "now"},
        "tags": ["newswire", "kafka", "faust"],
        "panels": panels,
    }


def main() -> None:
    out = HERE / "dashboards" / "newswire.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(dashboard(), indent=2) + "\n", "utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
