"""Named projects and their status -> projects rows. STUB (being written)."""

from __future__ import annotations


def extract_projects(normalized, zone_at, doc_id: str, zone_ids: dict[str, str]) -> list[dict]:
    return []
