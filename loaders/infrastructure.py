"""Roads, power, water, factories … and their status -> infrastructure rows. STUB (being written)."""

from __future__ import annotations


def extract_infrastructure(normalized, zone_at, doc_id: str, zone_ids: dict[str, str]) -> list[dict]:
    return []
