"""Zone mentions -> zones (canonical name, aliases, masked, place); merging across reports."""

from __future__ import annotations


def merge_zones(rows: list[dict]) -> list[dict]:
    """One row per zone_id: aliases and doc_ids unioned, places and industries taken when first stated. STUB."""
    merged: dict[str, dict] = {}
    for row in rows:
        merged.setdefault(row["zone_id"], row)
    return list(merged.values())
