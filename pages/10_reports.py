"""Reports (editors only): upload reports, preview what the loaders read, publish; withdraw; the audit log."""

import streamlit as st

from loaders.pipeline import publish
from pages._shared import data, i18n, ui, uploads
from pages._shared.filters import setup_page
from pages._shared.i18n import t

MAX_UPLOAD_MB = 50  # also .streamlit/config.toml server.maxUploadSize

page = setup_page("reports", editors_only=True, needs_tables=False)
lang, user = page.lang, page.user
reports_dir, tables_dir = data.default_reports_dir(), data.default_tables_dir()
st.title(t("nav.reports"))

upload_tab, live_tab, log_tab = st.tabs([t("reports.tab.upload"), t("reports.tab.live"), t("reports.tab.log")])

with upload_tab:
    st.caption(t("reports.limits", mb=MAX_UPLOAD_MB))
    generation = st.session_state.setdefault("reports.uploader_generation", 0)
    files = st.file_uploader(t("reports.upload"), type=["txt", "docx", "pdf"], accept_multiple_files=True,
                             key=f"reports.upload.{generation}") or []
    previews = []
    for upload in files:
        refused = publish.problem_with(upload.name, upload.size, MAX_UPLOAD_MB * 2**20)
        preview = data.upload_preview(upload.name, upload.getvalue(), lang, refused)
        previews.append(preview)
        with st.expander(f"{preview.file.name} · {uploads.summary_line(preview.file, lang)}", expanded=len(files) <= 3):
            if preview.file.problem:
                st.error(t("reports.unreadable", problem=preview.file.problem))
            for note in preview.file.notes:
                st.caption(note)
            for report in preview.file.reports:
                st.subheader(report.title)
                st.caption(t("reports.found", zones=i18n.join(report.zones) or t("reports.no_zone"),
                             facts=report.counts["facts"], projects=report.counts["projects"],
                             items=report.counts["infrastructure"], flags=report.counts["quality"]))
                st.html(report.view.legend_html)
                ui.report(report.view.report_html, None)
                ui.table(report.view.facts_table, key=f"preview.facts.{preview.staged.sha256}.{report.title}")
                if report.view.items_table is not None:
                    ui.table(report.view.items_table, key=f"preview.items.{preview.staged.sha256}.{report.title}")
                if not report.flags_table.empty:
                    ui.table(report.flags_table, key=f"preview.flags.{preview.staged.sha256}.{report.title}")
    ready = [preview.staged for preview in previews if preview.file.publishable]
    if files:
        st.caption(t("reports.publish_note", ready=len(ready), total=len(files)))
    if st.button(t("reports.publish"), type="primary", disabled=not ready, key="reports.publish"):
        with st.spinner(t("reports.publishing")):
            outcome = publish.publish(ready, reports_dir, tables_dir, user.name)
        if outcome.ok:
            st.session_state["reports.uploader_generation"] = generation + 1
            st.session_state["reports.message"] = t(
                "reports.published", files=i18n.join(outcome.files),
                before=outcome.counts_before.get("facts", 0), after=outcome.counts_after.get("facts", 0))
            st.rerun()
        st.error(t("reports.publish_failed", problem=outcome.error))
    if message := st.session_state.pop("reports.message", None):
        st.success(message)

with live_tab:
    live = publish.live_reports(tables_dir)
    if not live:
        ui.notice(t("reports.none_live"))
    else:
        ui.table(uploads.live_table(live, lang), key="reports.live")
        chosen = st.selectbox(t("reports.withdraw_choice"), [entry["file"] for entry in live], key="reports.withdraw_file")
        confirmed = st.checkbox(t("reports.withdraw_confirm", file=chosen), key="reports.withdraw_confirm")
        if st.button(t("reports.withdraw"), disabled=not confirmed, key="reports.withdraw"):
            with st.spinner(t("reports.publishing")):
                outcome = publish.withdraw(chosen, reports_dir, tables_dir, user.name)
            if outcome.ok:
                st.session_state["reports.message"] = t("reports.withdrawn", file=chosen)
                st.rerun()
            st.error(t("reports.publish_failed", problem=outcome.error))

with log_tab:
    entries = publish.audit_entries(publish.default_audit_log(reports_dir))
    if entries:
        ui.table(uploads.audit_table(entries, lang), key="reports.log")
    else:
        ui.notice(t("reports.no_log"))
