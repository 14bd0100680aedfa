"""One report -> its zones, facts, projects, infrastructure and quality rows."""

from __future__ import annotations


def extract_document(document: dict) -> dict[str, list[dict]]:
    """Rows for every table but documents, each with doc_id and offsets into document['text']. STUB."""
    return {"zones": [], "facts": [], "projects": [], "infrastructure": [], "quality": []}
