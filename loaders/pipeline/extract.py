"""One report -> its zones, facts, projects, infrastructure and quality rows.

The report is read once into a Document (loaders.document) that every step is handed.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..document import read_document
from ..facts.read import extract_facts, fact_rows
from ..items import infrastructure, projects
from ..quality import checks as quality
from ..zones.lexicon import UNNAMED_ZONE_OPENING
from ..zones.resolver import resolve_zones, zone_id_of, zone_rows


def unnamed_zone(document: dict) -> str:
    """The name given to the zone of a report that never names one."""
    stem = PurePosixPath(document["source_file"]).stem
    return f"{UNNAMED_ZONE_OPENING}{stem}#{document['part']}）"


def extract_document(document: dict) -> dict[str, list[dict]]:
    """Rows for every table but documents, each with doc_id and offsets into document['text']."""
    read = read_document(document["text"])
    doc_id = document["doc_id"]
    doc_date = document.get("doc_date")
    doc_year = doc_date.year if doc_date else None
    resolver = resolve_zones(read, unnamed_zone(document))
    zone_ids = {name: zone_id_of(name) for name in resolver.zones}

    facts, unplaced = extract_facts(read, resolver.zone_at, doc_year, resolver.main)
    facts_out = fact_rows(facts, read.normalized, doc_id, doc_year, zone_ids)
    # a zone's other name is no project: the projects step tests names against every name of a zone
    zone_ids_by_any_name = zone_ids | {alias: zone_ids[zone.name]
                                       for zone in resolver.zones.values() for alias in zone.aliases}
    projects_out = projects.extract_projects(read, resolver.zone_at, doc_id, zone_ids_by_any_name)
    items_out = infrastructure.extract_infrastructure(read, resolver.zone_at, doc_id, zone_ids)

    used = {fact.zone for fact in facts}
    _items_of_parks_without_figures_to_the_subject(projects_out + items_out, used, resolver.main, zone_ids)
    used |= {name for name, zone_id in zone_ids.items() if zone_id in {row["zone_id"] for row in projects_out + items_out}}
    zones_out = zone_rows(resolver, doc_id, used, read.text)
    quality_out = quality.document_checks(facts, facts_out, unplaced, read, doc_id, doc_date, zone_ids, resolver)
    _unlink_zones_without_rows(quality_out, {row["zone_id"] for row in zones_out})
    return {
        "zones": zones_out,
        "facts": facts_out,
        "projects": projects_out,
        "infrastructure": items_out,
        "quality": quality_out,
    }


def _items_of_parks_without_figures_to_the_subject(item_rows: list[dict], used: set[str], main: str,
                                                  zone_ids: dict[str, str]) -> None:
    """A park other than the report's subject that holds projects or works but no figure (其中青禾产业园：A项目、
    B项目…, in a report whose subject has figures) is a part of a zone the report gives figures for: its items
    are the subject's, and it is no zone row of its own."""
    if main not in used:
        return  # a report whose subject holds no figure: its parks' items stay theirs
    zones_with_figures = {zone_ids[name] for name in used if name in zone_ids}
    for row in item_rows:
        if row["zone_id"] is not None and row["zone_id"] not in zones_with_figures:
            row["zone_id"] = zone_ids[main]


def _unlink_zones_without_rows(quality_rows: list[dict], zone_ids: set[str]) -> None:
    """A flag placed in the part of a zone that got no zone row (a zone named, but with no figures)
    belongs to the report, not to a zone: every zone_id in the tables is a row of zones."""
    for row in quality_rows:
        if row["zone_id"] not in zone_ids:
            row["zone_id"] = None


def extract_text(text: str, source_file: str = "inline.txt", doc_date=None) -> dict[str, list[dict]]:
    """Extraction of one bare text as a single report: what the case-table tests call."""
    from ..contract.schema import stable_id

    document = {
        "doc_id": stable_id("d", text),
        "source_file": source_file,
        "part": 1,
        "title": "",
        "doc_type": "other",
        "issuer": None,
        "doc_date": doc_date,
        "text": text,
    }
    return extract_document(document)
