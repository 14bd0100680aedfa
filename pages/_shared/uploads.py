"""What the Reports page shows of an upload before it is published, and of what is live. No streamlit.

    preview_upload(name, content, staging_root, lang, refused) -> UploadPreview(staged, file)
    file_preview(result, preview_tables, lang)    -> FilePreview: the reason it cannot be read, or its reports
                                                     with zones, highlighted figures, items and quality flags
    live_table(inputs, lang) / audit_table(entries, lang)

The preview is the Sources page's report view run on tables built from that one file alone, so an
editor sees exactly what viewers will see once the file is published.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.pipeline import publish

from . import display, queries, views
from .i18n import t
from .model import Selection


@dataclass(frozen=True)
class ReportPreview:
    title: str
    zones: list[str]
    counts: dict[str, int]
    view: views.ReportView
    flags_table: pd.DataFrame


@dataclass(frozen=True)
class FilePreview:
    name: str
    problem: str | None = None
    notes: list[str] = field(default_factory=list)
    reports: list[ReportPreview] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return self.problem is None and bool(self.reports)


@dataclass(frozen=True)
class UploadPreview:
    staged: publish.Staged | None
    file: FilePreview


def preview_upload(name: str, content: bytes, staging_root: Path, lang: str, refused: str | None) -> UploadPreview:
    """Stage an upload and build it alone into a preview folder; a refused upload is not even written."""
    from .data import load_tables  # the cached reader; imported here to keep this module light

    if refused:
        return UploadPreview(None, FilePreview(publish.safe_name(name), problem=refused))
    staged = publish.stage(name, content, staging_root / "files")
    out = staging_root / "previews" / staged.sha256[:16]
    result = publish.preview(staged, out)
    tables = load_tables(out) if result.written else None
    return UploadPreview(staged, file_preview(staged.name, result, tables, lang))


def summary_line(preview: FilePreview, lang: str) -> str:
    """'2 份报告，31 个数字' or 'cannot be read' for the expander title."""
    if preview.problem:
        return t("reports.summary_unreadable", lang)
    facts = sum(report.counts["facts"] for report in preview.reports)
    return t("reports.summary", lang, reports=len(preview.reports), facts=facts)


def file_preview(name: str, result, tables, lang: str) -> FilePreview:
    """One uploaded file: why it cannot be read, or each report in it as viewers would see it."""
    if result.skipped:
        return FilePreview(name, problem=result.skipped[0][1])
    if not result.written or tables is None:
        return FilePreview(name, problem=result.error or t("reports.nothing_read", lang))
    zone_names = dict(zip(tables.zones["zone_id"], tables.zones["name"], strict=True))
    flags = queries.quality_flags(tables, Selection())
    reports = []
    for document in tables.documents.itertuples(index=False):
        doc_id = document.doc_id
        rows = {name: getattr(tables, name) for name in ("facts", "projects", "infrastructure", "quality")}
        mine = {name: frame[(frame["doc_id"] == doc_id).to_numpy(dtype=bool, na_value=False)]
                for name, frame in rows.items()}
        zone_ids = pd.concat([frame["zone_id"] for frame in mine.values()]).dropna().astype(str).unique()
        reports.append(
            ReportPreview(
                title=str(document.title),
                zones=[str(zone_names.get(zone_id, zone_id)) for zone_id in zone_ids],
                counts={name: len(frame) for name, frame in mine.items()},
                view=_unlinked(views.report_view(tables, doc_id, None, lang), lang),
                flags_table=_without_links(display.flags_table(flags[flags["doc_id"] == doc_id], lang), lang),
            )
        )
    return FilePreview(name, notes=list(result.notes), reports=reports)


def _without_links(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A preview's rows are not published yet: links into the Sources page would find nothing."""
    return frame.drop(columns=[t("col.source", lang)], errors="ignore")


def _unlinked(view: views.ReportView, lang: str) -> views.ReportView:
    items = None if view.items_table is None else _without_links(view.items_table, lang)
    return dataclasses.replace(view, facts_table=_without_links(view.facts_table, lang), items_table=items)


def live_table(inputs: list[dict], lang: str) -> pd.DataFrame:
    """The files behind the current tables: name, reports, size, sha256 (first 12)."""
    return pd.DataFrame(
        {
            t("reports.col.file", lang): [entry.get("file", "") for entry in inputs],
            t("reports.col.reports", lang): [int(entry.get("reports") or 0) for entry in inputs],
            t("reports.col.size", lang): [_size(entry.get("size")) for entry in inputs],
            "sha256": [str(entry.get("sha256") or "")[:12] for entry in inputs],
        }
    )


def audit_table(entries: list[dict], lang: str) -> pd.DataFrame:
    """The audit log, newest first: when, who, what, which files, counts before → after."""
    return pd.DataFrame(
        {
            t("reports.col.when", lang): [entry.get("at", "") for entry in entries],
            t("reports.col.who", lang): [entry.get("user", "") for entry in entries],
            t("reports.col.action", lang): [t(f"reports.action.{entry.get('action')}", lang) for entry in entries],
            t("reports.col.files", lang): [
                "; ".join(f"{item.get('file')} ({str(item.get('sha256', ''))[:12]})" for item in entry.get("files", []))
                for entry in entries
            ],
            t("reports.col.facts", lang): [
                f"{entry.get('counts_before', {}).get('facts', 0)} → {entry.get('counts_after', {}).get('facts', 0)}"
                for entry in entries
            ],
            t("reports.col.documents", lang): [
                f"{entry.get('counts_before', {}).get('documents', 0)} → "
                f"{entry.get('counts_after', {}).get('documents', 0)}"
                for entry in entries
            ],
        }
    )


def _size(size) -> str:
    if size is None:
        return ""
    size = int(size)
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"
