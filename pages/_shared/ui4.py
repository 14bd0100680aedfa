"""Render helpers of the targets, progress, sources and quality pages (they draw; logic lives elsewhere).

table(frame, key)                    st.dataframe; every column of Sources links becomes a LinkColumn
chart_with_sources(page, fig, key)   st.plotly_chart; selected points list links to their sources
source_page_links(page, facts)       st.page_link per fact, opening the Sources page at its sentence
report(html_text, anchor_key)        the highlighted report (st.html, sanitised, no script) + scroll to focus
items_section(page, kind)            the progress page's infrastructure or projects: chart, selection, table
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from . import figures, figures4, i18n, nav, views4
from .data import derived
from .highlight import FOCUS_ANCHOR, REPORT_CSS
from .i18n import t
from .ui import selectable_chart

SOURCES_PAGE = nav.PAGES_BY_ID["sources"]
MAX_ROWS = views4.MAX_ROWS  # the views cap their tables at the same number
MAX_SOURCE_LINKS = 12
_SCROLL = """<script>
(function () {{ /* focus {key} */
  // Scroll the report box only (the page keeps its title in view). Layout can still move while
  // Streamlit renders, so keep correcting until the position has held for a few checks.
  let checks = 0, steady = 0;
  const go = () => {{
    const target = document.getElementById("{anchor}");
    const box = target && target.closest(".zd-report");
    if (box && box.clientHeight > 0) {{
      const offset = target.getBoundingClientRect().top - box.getBoundingClientRect().top;
      const limit = box.scrollHeight - box.clientHeight;
      const wanted = Math.min(limit, Math.max(0, box.scrollTop + offset - box.clientHeight / 3));
      if (Math.abs(wanted - box.scrollTop) > 4) {{ box.scrollTop = wanted; steady = 0; }} else {{ steady++; }}
      target.dataset.scrolled = "1";
    }}
    if (steady < 5 && checks++ < 100) {{ setTimeout(go, 100); }}
  }};
  go();
}})();
</script>"""


def _is_link_column(values: pd.Series) -> bool:
    """A column of Sources links (empty cells allowed: a row without that source).

    Every run asks this of every column: the first 50 cells settle it for a text column.
    """
    prefix = f"{SOURCES_PAGE.url_path}?"
    if any(not str(cell).startswith(prefix) for cell in values.array[:50] if not _empty(cell)):
        return False
    text = values.astype("string")
    present = text[text.notna() & (text != "")]
    return len(present) > 0 and bool(present.str.startswith(prefix).all())


def _empty(cell) -> bool:
    return cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell) or cell == ""


def table(frame: pd.DataFrame, key: str, height: int | None = None, selectable: bool = False):
    """A display frame; columns holding Sources links open the report at that sentence. Capped at MAX_ROWS."""
    if len(frame) > MAX_ROWS:
        st.caption(t("data.truncated", shown=MAX_ROWS, n=len(frame)))
        frame = frame.head(MAX_ROWS)
    links = [
        column
        for column in frame.columns
        if (frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype))
        and _is_link_column(frame[column])
    ]
    if links:  # an empty link cell stays empty instead of linking nowhere
        frame = frame.assign(**{column: frame[column].replace("", None) for column in links})
    column_config = {
        column: st.column_config.LinkColumn(column, display_text=t("col.source.open")) for column in links
    }
    options = {"on_select": "rerun", "selection_mode": "single-row"} if selectable else {}
    return st.dataframe(
        frame, key=key, hide_index=True, column_config=column_config, height=height or "auto", **options
    )


def source_page_links(page, rows: pd.DataFrame, table_name: str = "facts") -> None:
    """One link per row (raw as written, metric) opening the Sources page at that row's sentence."""
    param = {"facts": "fact", "projects": "project", "infrastructure": "item", "quality": "flag"}[table_name]
    id_column = {
        "facts": "fact_id",
        "projects": "project_id",
        "infrastructure": "item_id",
        "quality": "quality_id",
    }[table_name]
    lang_params = {"lang": "en"} if page.lang == "en" else {}
    for row in rows.head(MAX_SOURCE_LINKS).itertuples(index=False):
        raw = getattr(row, "raw", "") or ""
        what = i18n.metric_label(row.metric, page.lang) if table_name == "facts" else t(f"table.{table_name}")
        label = f"{i18n.plain(what)} · {i18n.plain(raw)} → {t('sources.open')}"
        st.page_link(
            SOURCES_PAGE.path,
            label=label,
            icon=":material/description:",
            query_params={param: getattr(row, id_column), **lang_params},
        )


def chart_with_sources(page, figure, key: str) -> list[str]:
    """Draw a figure; selected points (customdata[0] = fact id) list links to their sources."""
    fact_ids = figures.fact_ids_from_selection(selectable_chart(figure, key))
    if fact_ids:
        facts = page.tables.facts
        chosen = facts[facts["fact_id"].isin(fact_ids)]
        if not chosen.empty:
            st.caption(t("sources.selected"))
            source_page_links(page, chosen)
    return fact_ids


def report(html_text: str, focus_key: str | None) -> None:
    """The highlighted report (escaped text, sanitised by st.html); scrolls the focused sentence into view."""
    st.html(f"<style>{REPORT_CSS}</style>")
    st.html(html_text)
    if focus_key:
        # Our own constant script (the report text never goes through it): scroll to the anchor.
        # A digest, not the id itself: nothing from the URL reaches the script.
        digest = hashlib.sha1(focus_key.encode("utf-8")).hexdigest()[:12]
        st.html(_SCROLL.format(key=digest, anchor=FOCUS_ANCHOR), unsafe_allow_javascript=True)


def notice(text: str) -> None:
    """A plain information line; report-derived parts are escaped so they show literally."""
    st.info(i18n.plain(text))


def selected_rows(event) -> list[int]:
    """Row positions selected in a st.dataframe (empty when none or not selectable)."""
    try:
        return list(event.selection.rows)
    except AttributeError:
        return []


def pairing(page, pair: pd.Series) -> None:
    """How one pair was made: the rule, the target's sentence and the actual's, each with a link to its source."""
    lang = page.lang
    rule = i18n.label("match", pair["match"], lang)
    st.markdown(f"**{t('col.match')}**：{i18n.plain(rule)}")
    if pd.notna(pair["stated_completion"]):
        st.markdown(i18n.plain(t("targets.stated", value=f"{pair['stated_completion']:g}")))
    left, right = st.columns(2)
    for column, side, heading in (
        (left, "target", "col.target_quote"),
        (right, "actual", "col.actual_quote"),
    ):
        with column:
            st.markdown(f"**{t(heading)}**")
            if pd.isna(pair[f"{side}_fact_id"]):
                st.text(t("flag.no_actual"))
                continue
            st.text(str(pair[f"{side}_quote"]))
            label = f"{i18n.plain(pair[f'{side}_raw'])} → {t('sources.open')}"
            params = {"fact": pair[f"{side}_fact_id"], **({"lang": "en"} if lang == "en" else {})}
            st.page_link(SOURCES_PAGE.path, label=label, icon=":material/description:", query_params=params)


def chart_with_items(figure, key: str) -> list[list]:
    """Draw a stacked status chart; returns the selected segments' [zone_id, status, category]."""
    return figures4.selected_customdata(selectable_chart(figure, key))


def items_section(page, kind: str, select_hint: bool = False) -> None:
    """One item table of the progress page: a stacked status chart whose selected segments narrow the table."""
    tables, lang, selection = page.tables, page.lang, page.selection
    st.subheader(t(f"progress.{kind}"))
    items = views4.items_of(tables, selection, kind)
    if items.empty:
        notice(t(f"progress.{kind}.none"))
        return
    figure = derived(tables, views4.items_chart, selection, kind, lang)
    if select_hint:
        st.caption(t("progress.select_hint"))
    chosen = tuple(tuple(segment) for segment in chart_with_items(figure, key=f"{kind}_chart"))
    shown = derived(tables, views4.items_view, selection, kind, chosen, lang)
    if not chosen:
        capped_caption(len(shown), len(items))
    table(shown, key=f"{kind}_table")


def capped_caption(shown: int, total: int) -> None:
    """Say so when a table shows only the first rows of a larger result."""
    if total > shown:
        st.caption(t("rows.capped", shown=shown, n=total))
