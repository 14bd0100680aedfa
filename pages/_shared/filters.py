"""setup_page(page_id): what every page calls first. Page config, language, sidebar, global filters.

    from pages._shared.filters import setup_page, synced_widget
    page = setup_page("targets")          # st.stop()s with a plain message when no tables exist
    page.lang, page.tables, page.filters  # GlobalFilters(lang, zones, years, kinds)
    page.zone_ids                         # the selected zones' ids (empty tuple = all zones)
    page.fact_count                       # how many facts the filters keep (zones, years: undated kept, kinds)
    page.link_params()                    # the global filters as query params, for st.page_link

Global filters live in st.session_state (key "filters.global") AND in st.query_params
(`lang=en`, `zone=<name>` repeated, `year=2025` repeated, `kind=actual` repeated; defaults are
left out), so a copied link restores the view on a fresh server and the choice holds across
pages. Rule: a URL that differs from what the app last wrote wins (deep link, edited link);
otherwise the widgets win and are written back to the URL. Page-level widgets that should also
live in the URL use `synced_widget(page, param, st.selectbox, ...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitAPIException

from loaders.contract import schema
from pages._shared import auth, data, i18n, nav, queries
from pages._shared.i18n import t
from pages._shared.model import Selection, Tables

GLOBAL_PARAMS = ("lang", "zone", "year", "kind")
STATE_KEY = "filters.global"
SEEN_KEY = "filters.url_seen"


@dataclass(frozen=True)
class GlobalFilters:
    """The sidebar's choice. Empty zones/years mean all; kinds default to all three."""

    lang: str = i18n.DEFAULT_LANGUAGE
    zones: tuple[str, ...] = ()  # zone names, as in the URL
    years: tuple[int, ...] = ()
    kinds: tuple[str, ...] = schema.KINDS

    def to_params(self) -> dict[str, list[str]]:
        """Query params with defaults left out."""
        params: dict[str, list[str]] = {}
        if self.lang != i18n.DEFAULT_LANGUAGE:
            params["lang"] = [self.lang]
        if self.zones:
            params["zone"] = list(self.zones)
        if self.years:
            params["year"] = [str(year) for year in self.years]
        if tuple(self.kinds) != schema.KINDS:
            params["kind"] = list(self.kinds)
        return params


@dataclass
class PageContext:
    page_id: str
    lang: str
    tables: Tables | None
    filters: GlobalFilters
    zone_ids: tuple[str, ...]
    selection: Selection
    fact_count: int = 0  # facts under the filters: pages query the rows they show
    user: auth.User | None = None

    def link_params(self) -> dict[str, list[str]]:
        return self.filters.to_params()


def _url_state(params: Sequence[str]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(st.query_params.get_all(name)) for name in params if name in st.query_params}


def _write_url(wanted: Mapping[str, Sequence[str]], params: Sequence[str]) -> None:
    for name in params:
        values = list(wanted.get(name, ()))
        current = st.query_params.get_all(name) if name in st.query_params else []
        if values == current:
            continue
        if values:
            st.query_params[name] = values
        elif name in st.query_params:
            del st.query_params[name]


def _parse(url: dict[str, tuple[str, ...]], zone_names: list[str], years: list[int]) -> GlobalFilters:
    """The URL's filters, keeping only values the tables know."""
    lang = (url.get("lang") or (i18n.DEFAULT_LANGUAGE,))[0]
    known_zones = set(zone_names)
    known_years = set(years)
    parsed_years = []
    for text in url.get("year", ()):
        try:
            parsed_years.append(int(text))
        except ValueError:
            continue
    kinds = tuple(kind for kind in schema.KINDS if kind in url.get("kind", ())) or schema.KINDS
    return GlobalFilters(
        lang=lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE,
        zones=tuple(dict.fromkeys(name for name in url.get("zone", ()) if name in known_zones)),
        years=tuple(sorted(year for year in set(parsed_years) if year in known_years)),
        kinds=kinds,
    )


def _current_filters(zone_names: list[str], years: list[int]) -> tuple[GlobalFilters, bool]:
    """(filters, external): URL wins when it changed behind the app's back, else session state."""
    url = _url_state(GLOBAL_PARAMS)
    stored = st.session_state.get(STATE_KEY)
    seen = st.session_state.get(SEEN_KEY)
    if stored is None or (url and url != seen):
        return _parse(url, zone_names, years), True
    return stored, False


def _seed_widget(key: str, value) -> None:
    """Give a widget the canonical value before it is drawn.

    Always, not only when the key is missing: after a page switch Streamlit may keep the key
    but draw a new widget (its id depends on the page), which would fall back to its default.
    User changes reach the canonical state first through `_remember` (an on_change callback).
    """
    st.session_state[key] = value


def _remember(key: str, field_name: str) -> None:
    """on_change of a sidebar filter: copy the widget's new value into the canonical filters."""
    stored = st.session_state.get(STATE_KEY) or GlobalFilters()
    value = st.session_state[key]
    if field_name == "lang":
        stored = replace(stored, lang=value)
    elif field_name == "zones":
        stored = replace(stored, zones=tuple(value))
    elif field_name == "years":
        stored = replace(stored, years=tuple(sorted(value)))
    elif field_name == "kinds":
        stored = replace(stored, kinds=tuple(kind for kind in schema.KINDS if kind in value) or schema.KINDS)
    st.session_state[STATE_KEY] = stored


def _language_widget(container) -> str:
    return container.radio(
        t("sidebar.language"),
        options=list(i18n.LANGUAGES),
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        key="w_lang",
        horizontal=True,
        on_change=_remember,
        args=("w_lang", "lang"),
    )


def _missing_tables(page_id: str, error: data.TablesMissing) -> NoReturn:
    st.title(t(f"nav.{page_id}"))
    st.subheader(t("missing.title"))
    st.text(t("missing.body", folder=str(error.folder)))
    st.code(data.BUILD_COMMAND, language="bash")
    if st.button(t("missing.button"), key="build_tables"):
        with st.spinner(t("missing.building")):
            try:
                data.build_tables(out_dir=error.folder)
            except Exception as failure:  # shown plainly, never as a traceback
                st.error(t("missing.failed") + f"{type(failure).__name__}: {failure}")
                st.stop()
        st.rerun()
    st.stop()


def setup_page(page_id: str, editors_only: bool = False, needs_tables: bool = True) -> PageContext:
    """Page config, language, sidebar navigation and global filters; call it first on every page.

    editors_only: anyone else gets only a sign-in form (nothing of the page is drawn);
    needs_tables=False: the page works without tables (the Reports page adds the first report)."""
    try:
        tables, missing = data.load_tables(), None
    except data.TablesMissing as error:
        tables, missing = None, error
    zone_names = data.derived(tables, queries.zone_names_sorted) if tables else []
    years = data.derived(tables, queries.fact_years) if tables else []
    filters, _ = _current_filters(zone_names, years)
    _seed_widget("w_lang", filters.lang)
    _seed_widget("w_zones", list(filters.zones))
    _seed_widget("w_years", list(filters.years))
    _seed_widget("w_kinds", list(filters.kinds))

    # The language is known before anything is drawn, so the tab title and labels agree.
    i18n.set_language(st.session_state["w_lang"])
    st.set_page_config(page_title=f"{t(f'nav.{page_id}')} · {t('app.title')}", layout="wide")
    sidebar_language = st.sidebar.container()
    sidebar_navigation = st.sidebar.container()
    sidebar_filters = st.sidebar.container()
    lang = _language_widget(sidebar_language)
    i18n.set_language(lang)
    user = auth.current_user()
    auth.account_box(st.sidebar, user)
    if (editors_only and not (user and user.is_editor)) or (auth.view_requires_sign_in() and user is None):
        _sign_in_only(page_id, sidebar_navigation, GlobalFilters(lang=lang), user, editors_only)
    if missing is not None and not needs_tables:
        st.session_state[STATE_KEY] = GlobalFilters(lang=lang)
        _navigation(sidebar_navigation, GlobalFilters(lang=lang), user)
        return PageContext(page_id, lang, None, GlobalFilters(lang=lang), (), Selection(), 0, user)
    if missing is not None:
        st.session_state[STATE_KEY] = GlobalFilters(lang=lang)
        _write_url(GlobalFilters(lang=lang).to_params(), ("lang",))
        _navigation(sidebar_navigation, GlobalFilters(lang=lang), user)
        _missing_tables(page_id, missing)
    assert tables is not None  # without tables _missing_tables has stopped the run

    sidebar_filters.subheader(t("sidebar.filters"))
    zones = sidebar_filters.multiselect(
        t("filter.zones"), options=zone_names, key="w_zones", help=t("filter.zones.help"),
        on_change=_remember, args=("w_zones", "zones"),
        placeholder=t("filter.zones.help"),
    )
    chosen_years = sidebar_filters.multiselect(
        t("filter.years"), options=years, key="w_years", help=t("filter.years.help"),
        placeholder=t("filter.years.all"),
        on_change=_remember, args=("w_years", "years"),
    )
    kinds = sidebar_filters.multiselect(
        t("filter.kinds"), options=list(schema.KINDS), key="w_kinds", format_func=i18n.kind_label,
        placeholder=t("filter.kinds.all"),
        on_change=_remember, args=("w_kinds", "kinds"),
    )
    sidebar_filters.caption(t("filter.link"))

    filters = GlobalFilters(
        lang=lang,
        zones=tuple(zones),
        years=tuple(sorted(chosen_years)),
        kinds=tuple(kind for kind in schema.KINDS if kind in kinds) or schema.KINDS,
    )
    st.session_state[STATE_KEY] = filters
    wanted = filters.to_params()
    _write_url(wanted, GLOBAL_PARAMS)
    st.session_state[SEEN_KEY] = {name: tuple(values) for name, values in wanted.items()}
    _navigation(sidebar_navigation, filters, user)

    zone_ids = queries.zone_ids_for_names(tables.zones, filters.zones)
    selection = Selection(zone_ids=zone_ids, years=filters.years, kinds=filters.kinds)
    fact_count = data.derived(tables, queries.fact_count, selection)
    return PageContext(page_id, lang, tables, filters, zone_ids, selection, fact_count, user)


def _sign_in_only(page_id: str, navigation, filters: GlobalFilters, user, editors_only: bool) -> None:
    """The page asks for a sign-in and draws nothing else of itself."""
    _navigation(navigation, filters, user)
    st.title(t(f"nav.{page_id}"))
    st.info(t("auth.editors_only") if editors_only else t("auth.sign_in_to_view"))
    auth.sign_in_form(key=f"sign_in.{page_id}")
    st.stop()


def _navigation(container, filters: GlobalFilters, user: auth.User | None = None) -> None:
    container.subheader(t("sidebar.pages"))
    params = filters.to_params() or None
    for entry in nav.available_pages(user.role if user else None):
        try:
            container.page_link(entry.path, label=t(f"nav.{entry.page_id}"), icon=entry.icon, query_params=params)
        except StreamlitAPIException:  # a page file that appeared after the server listed pages/
            continue


def synced_widget(
    page: PageContext,
    param: str,
    widget: Callable,
    label: str,
    options: Sequence,
    *,
    default,
    multi: bool = False,
    parse: Callable[[str], object] = str,
    container=st,
    **kwargs,
):
    """A page-level widget (selectbox, radio, multiselect) whose value also lives in `?param=`."""
    key = f"w_{page.page_id}_{param}"
    state_key = f"filters.page.{page.page_id}.{param}"
    seen_key = f"filters.page_seen.{page.page_id}.{param}"
    url = _url_state((param,)).get(param)
    parsed: list = []
    for text in url or ():
        try:
            value = parse(text)
        except (TypeError, ValueError):
            continue
        if value in options:
            parsed.append(value)
    stored = st.session_state.get(state_key)
    external = url is not None and url != st.session_state.get(seen_key)
    if external:
        value = parsed if multi else (parsed[0] if parsed else default)
    elif stored is not None:
        value = stored
    else:
        value = default
    if multi:
        value = [item for item in value if item in options]
    elif value not in options:
        value = default if default in options else (options[0] if options else None)
    _seed_widget(key, value)
    chosen = widget(label, options=list(options), key=key, on_change=_remember_page, args=(key, state_key), **kwargs)
    st.session_state[state_key] = chosen
    is_default = (list(chosen) == list(default)) if multi else chosen == default
    wanted = {} if is_default else {param: [str(item) for item in (chosen if multi else [chosen])]}
    _write_url(wanted, (param,))
    st.session_state[seen_key] = tuple(wanted.get(param, ())) or None
    return chosen


def _remember_page(key: str, state_key: str) -> None:
    """on_change of a page-level synced widget: its new value becomes the canonical one."""
    st.session_state[state_key] = st.session_state[key]


def url_values(param: str) -> tuple[str, ...]:
    """Raw values of a query param that has no widget (e.g. the Data page's `fact`)."""
    return tuple(st.query_params.get_all(param)) if param in st.query_params else ()


def synced_text(page: PageContext, param: str, label: str, *, container=st, **kwargs) -> str:
    """A page-level text input (a search) whose stripped text also lives in `?param=`, like synced_widget."""
    key = f"w_{page.page_id}_{param}"
    state_key = f"filters.page.{page.page_id}.{param}"
    seen_key = f"filters.page_seen.{page.page_id}.{param}"
    url = _url_state((param,)).get(param)
    stored = st.session_state.get(state_key)
    if url is not None and url != st.session_state.get(seen_key):
        value = url[0]
    elif stored is not None:
        value = stored
    else:
        value = ""
    _seed_widget(key, value)
    text = container.text_input(label, key=key, on_change=_remember_page, args=(key, state_key), **kwargs).strip()
    st.session_state[state_key] = text
    wanted = {param: [text]} if text else {}
    _write_url(wanted, (param,))
    st.session_state[seen_key] = tuple(wanted.get(param, ())) or None
    return text
