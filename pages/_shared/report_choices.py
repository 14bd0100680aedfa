"""The reports a page offers to choose from: the first MAX_CHOICES of them, and the ones already chosen. No streamlit.

    choices = report_choices.reports_with_facts(tables, selection, keep=("d_17",))   # the Data page
    choices = report_choices.reports_about(tables, selection, focus="d_17")         # the Sources page
    choices.labels   # doc_id -> label, in the documents' order
    choices.total    # how many reports qualify (more than listed when the list was cut)

A national corpus holds half a million reports. One widget listing them all costs seconds and
hundreds of MB on every run (each option is labelled, sent and kept in the session), and nobody
scrolls through it: the list holds the first MAX_CHOICES in the documents' order, the page says
so, and narrowing by zone brings any report within reach (a zone writes a few hundred). A report
already chosen (a link, a choice made before) stays listed when it qualifies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from . import facts_sql, provenance, queries, store
from .memo import derived, remember
from .model import Selection, Tables

MAX_CHOICES = 500


@dataclass(frozen=True)
class ReportChoices:
    labels: dict[str, str]  # doc_id -> label, in the documents' order (reports_with_facts: the kept ones last)
    total: int  # reports that qualify, listed or not

    @property
    def cut(self) -> bool:
        """Whether some qualifying reports are not listed."""
        return self.total > len(self.labels)


def reports_with_facts(tables: Tables, selection: Selection, keep: Iterable[str] = (),
                       limit: int | None = MAX_CHOICES) -> ReportChoices:
    """Reports holding figures under the selection, labelled by title (the Data page's report filter);
    `limit` None lists every one."""
    first, total = derived(tables, _first_with_facts, selection, limit)
    listed = set(first)
    missing = tuple(dict.fromkeys(str(doc_id) for doc_id in keep if str(doc_id) not in listed))
    kept = derived(tables, _holding_facts, selection, missing) if missing else []
    titles = _titles(tables, [*first, *kept])
    return ReportChoices({doc_id: titles.get(doc_id, doc_id) for doc_id in [*first, *kept]}, total)


def _first_with_facts(tables: Tables, selection: Selection, limit: int | None) -> tuple[list[str], int]:
    """(the first `limit` reports holding figures under the selection, in the documents' order; how many hold any).

    The same scan counts the distinct doc_ids of those figures, which the Data page's summary asks for next."""
    wanted = facts_sql.of_selection(selection)
    clause, parameters = facts_sql.where(tables, wanted)
    cut = "" if limit is None else "LIMIT $limit"
    sql = f"""
        WITH used AS (SELECT DISTINCT doc_id FROM facts WHERE {clause}),
        listed AS (SELECT doc_id, position FROM documents SEMI JOIN used USING (doc_id))
        SELECT (SELECT list(doc_id ORDER BY position) FROM (SELECT * FROM listed ORDER BY position {cut})),
               (SELECT count(*) FROM listed), (SELECT count(doc_id) FROM used)"""
    if limit is not None:
        parameters = {**parameters, "limit": int(limit)}
    ((first, total, stated_in),) = store.database(tables).fetchall(sql, parameters)
    remember(tables, facts_sql.distinct_count, (wanted, "doc_id"), int(stated_in))
    return list(first or []), int(total)


def _holding_facts(tables: Tables, selection: Selection, doc_ids: tuple[str, ...]) -> list[str]:
    """Those of `doc_ids` that are reports holding figures under the selection, in the documents' order."""
    clause, parameters = facts_sql.where(tables, facts_sql.of_selection(selection, doc_ids=doc_ids))
    sql = (f"SELECT doc_id FROM documents SEMI JOIN (SELECT DISTINCT doc_id FROM facts WHERE {clause}) USING (doc_id) "
           "ORDER BY position")
    return [row[0] for row in store.database(tables).fetchall(sql, parameters)]


def reports_about(tables: Tables, selection: Selection, focus: str | None = None, current: str | None = None,
                  limit: int = MAX_CHOICES) -> ReportChoices:
    """Reports about the selected zones (every report when none is selected), labelled 'title (file #part)'
    (the Sources page's choice): `focus` (a deep-linked report) is listed whatever the zones, `current`
    (the report shown) when it qualifies. Only the listed reports' rows are read."""
    database = store.database(tables)
    if selection.zone_ids:
        about = sorted({str(doc_id) for doc_ids_of_zone in queries.selected_zones(tables, selection)["doc_ids"]
                        if isinstance(doc_ids_of_zone, list | np.ndarray) for doc_id in doc_ids_of_zone})
        sql = "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(CAST($about AS VARCHAR[]))) ORDER BY position"
        qualifying = [row[0] for row in database.fetchall(sql, {"about": about})]
        listed, total = qualifying[:limit], len(qualifying)
        qualifies = set(qualifying).__contains__
    else:
        sql = "SELECT doc_id FROM documents ORDER BY position LIMIT $limit"
        listed, total = [row[0] for row in database.fetchall(sql, {"limit": int(limit)})], tables.document_count
        qualifies = bool  # every report is about some zone of "every zone"; an unknown id finds no row below
    if current and qualifies(current):
        listed.append(current)
    labels = provenance.document_choices(store.document_rows(tables, [*listed, *([focus] if focus else [])]))
    if focus in labels and not qualifies(focus):
        total += 1
    return ReportChoices(labels, total)


def _titles(tables: Tables, doc_ids: list[str]) -> dict[str, str]:
    """doc_id -> title of the given reports."""
    rows = store.document_rows(tables, doc_ids)
    return dict(zip(rows["doc_id"].astype(str), rows["title"].astype(str), strict=True))
