"""What the pages draw with streamlit (pages compose; this draws).

    notice(text) / names(list)        plain messages; report-derived parts are escaped first (names, i18n.plain)
    nothing_to_show(page)             True (after saying why) when there are no figures to draw
    table(frame, key, ...)            st.dataframe; columns of Sources links become links, `value` a number
    selectable_chart(figure, key)     st.plotly_chart that reruns on a selection; the selected points
    chart(page, figure, key)          selected bars -> a link to the Data page narrowed to those facts
    chart_with_sources(page, fig, key)  selected points -> links to their sentences on the Sources page
    chart_or_unreported(...)          the chart, or "nobody reports <metric>" when there is none
    chart_columns()                   small multiples per row: 3 on a desktop, 1 on a phone
    kpi_cards(totals, lang)           st.metric cards from queries.kpi_totals, each saying what it adds
    implausible_note(page)            how many implausible figures are left out of totals and charts
    report(html, focus_key)           the highlighted report (st.html, sanitised) + scroll to the focus
    pairing(page, pair)               how a target was paired, with both sentences
    items_section(page, kind)         the progress page's infrastructure or projects: chart, selection, table
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from pages._shared import data, display, figures, i18n, nav, queries, views
from pages._shared.data import derived
from pages._shared.highlight import FOCUS_ANCHOR, REPORT_CSS
from pages._shared.i18n import t
from pages._shared.model import Selection

DATA_PAGE = nav.PAGES_BY_ID["data"].path
MAX_LINKED_FACTS = 200


def chart_columns(wide: int = 3) -> int:
    """Small multiples per row: `wide` on a desktop browser, 1 on a phone (its user agent says "Mobi")."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except (AttributeError, RuntimeError):
        agent = ""
    return 1 if "Mobi" in agent else wide


def names(values) -> str:
    """Report-derived names joined for a markdown message, escaped so they show literally."""
    return i18n.join(i18n.plain(value) for value in values)


def nothing_to_show(page) -> bool:
    """Say plainly why a page has nothing to draw (no figures at all, or none under the filters)."""
    if not data.derived(page.tables, queries.fact_count, Selection()):
        st.info(t("empty_tables", reports=page.tables.document_count, zones=len(page.tables.zones)))
        st.code(data.BUILD_COMMAND, language="bash")
        return True
    if not page.fact_count:
        st.info(t("no_facts_selected"))
        return True
    return False


def selectable_chart(figure, key: str) -> list[dict]:
    """Draw a figure that reruns the page when points are selected; returns the selected points."""
    event = st.plotly_chart(
        figure, key=key, on_select="rerun", selection_mode=("points", "box", "lasso"), config={"displaylogo": False},
    )
    try:
        return event.selection.points if event else []
    except AttributeError:
        return []


def chart(page, figure, key: str) -> list[str]:
    """Draw a figure; when bars are selected, offer the Data page narrowed to those facts."""
    fact_ids = figures.fact_ids_from_selection(selectable_chart(figure, key))[:MAX_LINKED_FACTS]
    if fact_ids:
        params = {**page.link_params(), "fact": fact_ids}
        st.page_link(DATA_PAGE, label=t("chart.to_data", n=len(fact_ids)), icon=":material/table:", query_params=params)
    return fact_ids


def chart_or_unreported(page, figure, key: str, metric: str) -> None:
    """Draw the figure, or say that no zone reports `metric` when there is none to draw."""
    if figure is None:
        notice(t("metric_unreported", metric=i18n.metric_label(metric, page.lang)))
    else:
        chart(page, figure, key)


def kpi_cards(totals: pd.DataFrame, lang: str) -> None:
    """One st.metric per KPI metric: the total of comparable latest values, and a line saying which."""
    columns = st.columns(len(totals))
    for column, total in zip(columns, totals.to_dict("records"), strict=True):
        value = i18n.format_card_value(None if pd.isna(total["total"]) else total["total"], total["unit"], lang,
                                       total["metric"])
        column.metric(i18n.metric_label(total["metric"], lang), value, help=t("overview.kpi.help", lang))
        caption = display.kpi_caption(total, lang)
        if caption:
            column.caption(caption)


def implausible_note(page) -> None:
    """Say how many figures under the filters are left out of totals, rankings and charts as implausible."""
    count = data.derived(page.tables, queries.implausible_count, page.selection)
    if count:
        notice(t("implausible.left_out", n=count))


SOURCES_PAGE = nav.PAGES_BY_ID["sources"]
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


def table(
    frame: pd.DataFrame,
    key: str,
    height: int | None = None,
    help: dict[str, str] | None = None,
    selectable: bool = False,
):
    """A display frame: columns of Sources links open the report at that sentence, the value column
    reads as a number, `help` adds a tooltip per column; `selectable` returns the selection event."""
    links = [
        column
        for column in frame.columns
        if (frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype))
        and _is_link_column(frame[column])
    ]
    texts = [column for column in frame.columns if column not in links and (
        frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype))]
    if texts:  # a missing text shows blank, not "None"
        frame = frame.assign(**{column: frame[column].astype("string").fillna("") for column in texts})
    if links:  # an empty link cell stays empty instead of linking nowhere
        frame = frame.assign(**{column: frame[column].replace("", None) for column in links})
    widths = display.column_widths(frame, i18n.get_language())
    zone = t("col.zone")  # pinned: the zone stays in view while a wide table scrolls sideways
    column_config: dict = {
        column: st.column_config.Column(column, width=widths[column], pinned=column == zone or None)
        for column in frame.columns if column not in links
    }
    column_config.update(
        {column: st.column_config.TextColumn(column, help=text, width=widths.get(column))
         for column, text in (help or {}).items()}
    )
    column_config.update(
        {column: st.column_config.LinkColumn(column, display_text=t("col.source.open")) for column in links}
    )
    value = t("col.value")
    if value in frame.columns:
        column_config[value] = st.column_config.NumberColumn(value, format="%.6g", width=widths[value])
    if selectable:
        return st.dataframe(frame, key=key, hide_index=True, column_config=column_config, height=height or "auto",
                            on_select="rerun", selection_mode="single-row")
    return st.dataframe(frame, key=key, hide_index=True, column_config=column_config, height=height or "auto")


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
        chosen = data.derived(page.tables, queries.facts_by_id, tuple(fact_ids))
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
    """A plain information line; report-derived parts must be escaped first (names(), i18n.plain)."""
    st.info(text)


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
    st.markdown(f"**{t('col.match')}**{'：' if lang == 'zh' else ': '}{i18n.plain(rule)}")
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
    return figures.selected_customdata(selectable_chart(figure, key))


def items_section(page, kind: str, select_hint: bool = False) -> None:
    """One item table of the progress page: a stacked status chart whose selected segments narrow the table."""
    tables, lang, selection = page.tables, page.lang, page.selection
    st.subheader(t(f"progress.{kind}"))
    items = views.items_of(tables, selection, kind)
    if items.empty:
        notice(t(f"progress.{kind}.none"))
        return
    figure = derived(tables, views.items_chart, selection, kind, lang)
    if select_hint:
        st.caption(t("progress.select_hint"))
    chosen = tuple(tuple(segment) for segment in chart_with_items(figure, key=f"{kind}_chart"))
    shown = derived(tables, views.items_view, selection, kind, chosen, lang)
    if not chosen:
        capped_caption(len(shown), len(items))
    table(shown, key=f"{kind}_table")


def capped_caption(shown: int, total: int) -> None:
    """Say so when a table shows only the first rows of a larger result."""
    if total > shown:
        st.caption(t("rows.capped", shown=shown, n=total))
