"""One decoded file -> its reports (documents rows): headings, title, type, issuer, date."""

from __future__ import annotations

from .schema import stable_id


def split_reports(text: str, source_file: str) -> list[dict]:
    """Documents rows (contract columns) for every report in one file's text. STUB."""
    return [
        {
            "doc_id": stable_id("d", text),
            "source_file": source_file,
            "part": 1,
            "title": text.strip().splitlines()[0][:80] if text.strip() else "",
            "doc_type": "other",
            "issuer": None,
            "doc_date": None,
            "text": text,
        }
    ]
