"""Shared dashboard code. Streamlit never treats this folder as a page.

How a page file is written (pages only compose, see ../shared/STYLE.md):

    from pages._shared import figures, queries
    from pages._shared.filters import setup_page

    page = setup_page("investment")          # FIRST call: page config, language, sidebar, filters
    page.selection, page.fact_count          # the global filters (zones, years, kinds), facts they keep
    ...                                      # call queries.* and figures.*, then render

Modules:
    model.py    Tables and Selection, typed (no streamlit); in-memory and on-disk tables for tests
    data.py     the one cached reader: load_tables() -> Tables (cached on path + mtime), derived()
    memo.py     the derived-result cache data.derived() uses; views use it too (no streamlit)
    filters.py  setup_page(page_id) -> PageContext; synced page-level widgets mirrored in the URL
    nav.py      the page registry, page_link targets
    i18n.py     labels t(key) from the one catalogue labels.toml, metric labels, number/area/period formats
    latest.py   the one rule for "the latest comparable value" (pick_latest), implausible figures
    queries.py  the pages' queries (no streamlit); facts_sql.py runs their facts part as SQL in
    store.py    one DuckDB database per tables set, views over the Parquet files (either layout)
    targets.py / progress.py / coverage.py / provenance.py / highlight.py   the subjects' pure logic
    figures.py  plain plotly figure builders, the shared template, the source line (no streamlit)
    display.py  display frames for st.dataframe (no streamlit)
    views.py    query + figure compositions with hashable args, cached whole by pages via derived() (no streamlit)
    export.py   CSV (utf-8-sig) / XLSX / Parquet bytes with formula neutralisation (no streamlit)
    ui.py       what streamlit draws: tables, charts with selection, notices, KPI cards, the report
    topic.py    the shared composition of the Investment / Revenue & tax / Enterprises & employment pages

Speed: facts stay in their Parquet files and are queried with DuckDB (filters, latest values,
counts as SQL); pages wrap queries in data.derived(tables, fn, *args) (and views wrap the queries
they compose), so a rerun only draws. The small tables hold ids and vocabularies as categoricals
and no report texts (Tables.document_texts reads those on demand).
"""
