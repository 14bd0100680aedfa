"""Hostile text in every URL parameter and text box of every page is only ever a value, never a query.

SQL fragments (`'; DROP TABLE facts; --` and friends), LIKE wildcards, a backslash, placeholders, a long
string and characters outside the BMP go into every parameter the pages read (found by scanning the page
code, so a new parameter is covered when it is added) and into every text input. Each page must then
show what it shows without them (unknown values are ignored), or the literal search result, or a plain
"not found"; the Parquet files keep their bytes and a fresh read finds every table with its row count.
The tables are the gold annotation's, in the single layout and, once the app reads the files in place
(DuckDB), in the partitioned one too.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from app_reading import texts

from loaders.contract import layouts
from pages._shared import i18n, nav, provenance
from pages._shared.filters import GLOBAL_PARAMS
from pages._shared.model import TABLE_NAMES

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = {
    "drop_table": "'; DROP TABLE facts; --",
    "or_true": '" OR 1=1 --',
    "union_select": "') UNION SELECT fact_id, doc_id FROM facts --",
    "read_file": "x'); SELECT * FROM read_csv('/etc/passwd'); --",
    "like_percent": "%",
    "like_underscore": "_",
    "backslash": "\\",
    "placeholders": "$1 ? $zones :name",
    "long": ("'; DROP TABLE facts; -- 亿元 %_\\ " * 400).strip(),
    "outside_bmp": "𠀀𠮷😀𝔘' OR '𝟙'='𝟙",
}
LINK_PARAMS = tuple(param for param, _ in provenance.LINKS.values())
PAGE_IDS = tuple(page.page_id for page in nav.PAGES)


# --- which parameters the pages read ---------------------------------------------------------------


def _constant(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _params_read(tree: ast.AST) -> set[str]:
    """Names passed to synced_widget / synced_text / url_values and read from st.query_params."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("synced_widget", "synced_text") and len(node.args) > 1:
                found.add(_constant(node.args[1]) or "")
            elif name == "url_values" and node.args:
                found.add(_constant(node.args[0]) or "")
            elif name in ("get", "get_all") and "query_params" in ast.unparse(node.func) and node.args:
                found.add(_constant(node.args[0]) or "")
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("query_params"):
            found.add(_constant(node.slice) or "")
    return found - {""}


def url_params() -> tuple[str, ...]:
    """Every query parameter any page reads: the global filters, the deep links and each page's own."""
    files = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "pages" / "_shared").glob("*.py"))]
    found = set(GLOBAL_PARAMS) | set(LINK_PARAMS)
    for file in files:
        found |= _params_read(ast.parse(file.read_text(encoding="utf-8")))
    return tuple(sorted(found))


URL_PARAMS = url_params()
PAGE_PARAMS = tuple(param for param in URL_PARAMS if param not in LINK_PARAMS)


# --- the app on its own copy of the gold tables ----------------------------------------------------


def app_reads_in_place() -> bool:
    """Whether the app queries the Parquet files where they lie (DuckDB), so it opens the partitioned layout too."""
    return importlib.util.find_spec("pages._shared.store") is not None


LAYOUTS = ("single", "partitioned") if app_reads_in_place() else ("single",)


def partitioned_copy(single: Path, out: Path) -> Path:
    """The tables of a single-layout folder rewritten in the partitioned layout (loaders/contract/layouts.py)."""
    provinces = layouts.provinces(pq.read_table(single / "zones.parquet"))
    partitions = {}
    for name in TABLE_NAMES:
        table = pq.read_table(single / f"{name}.parquet")
        if name in layouts.PARTITION_KEYS:
            partitions[name] = layouts.write_partitioned(name, table, out / name, provinces)
        else:
            out.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, out / f"{name}.parquet")
    manifest = json.loads((single / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(layout="partitioned", partitions=partitions)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.fixture(scope="module", params=LAYOUTS)
def tables_dir(request, tmp_path_factory) -> Path:
    """The gold tables in each layout the app reads."""
    from gold_tables import gold_tables

    folder = tmp_path_factory.mktemp("injection")
    single = gold_tables(folder / "single")
    return single if request.param == "single" else partitioned_copy(single, folder / "partitioned")


@pytest.fixture(scope="module")
def app_env(tables_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("injection_env")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZONES_TABLES_DIR", str(tables_dir))
        patch.setenv("ZONES_ACCOUNTS_FILE", str(folder / "accounts.json"))
        patch.setenv("ZONES_STAGING_DIR", str(folder / "staging"))
        patch.delenv("ZONES_VIEW_REQUIRES_SIGN_IN", raising=False)
        yield tables_dir


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file of the tables folder."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def row_counts(folder: Path) -> dict[str, int]:
    """Rows of every table, read afresh from its Parquet files in either layout (not through the app)."""
    return {name: len(layouts.read_table(folder, name)) for name in TABLE_NAMES}


@pytest.fixture(scope="module")
def before(tables_dir) -> dict:
    """The folder's bytes and row counts before any hostile run."""
    return {"files": fingerprint(tables_dir), "rows": row_counts(tables_dir)}


def run(page_id: str, params: dict[str, str] | None = None, app=None):
    """One run of a page (a fresh session unless `app` is given) with the given query parameters."""
    from streamlit.testing.v1 import AppTest

    if app is None:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for name, value in (params or {}).items():
            app.query_params[name] = value
        path = nav.PAGES_BY_ID[page_id].path
        if path != "dashboard.py":
            app.switch_page(path)
    return app.run()


def shown(app) -> dict:
    """What a run shows a reader: its texts and the values of its tables."""
    return {"texts": texts(app), "tables": [element.value.to_dict("split") for element in app.dataframe]}


_BASELINES: dict[tuple[str, str], dict] = {}


def baseline(page_id: str) -> dict:
    """What the page shows without any parameter (one run per page and tables folder)."""
    key = (os.environ["ZONES_TABLES_DIR"], page_id)
    if key not in _BASELINES:
        app = run(page_id)
        assert not app.exception, app.exception
        _BASELINES[key] = {**shown(app), "text_inputs": [element.key for element in app.text_input]}
    return _BASELINES[key]


def assert_calm(app, tables_dir: Path, before: dict, errors_allowed: bool = False) -> None:
    """No exception, no error box (unless the widget's normal answer is one), tables untouched."""
    assert not app.exception, app.exception
    if not errors_allowed:
        assert not app.error, [element.value for element in app.error]
    assert app.title, "the page still draws its title"
    assert fingerprint(tables_dir) == before["files"]


def literal_matches(tables_dir: Path, text: str) -> int:
    """How many facts hold `text` literally in their quote or raw figure (what the Data page's search finds)."""
    facts = layouts.read_table(tables_dir, "facts")[["quote", "raw"]].fillna("").itertuples(index=False)
    return sum(1 for quote, raw in facts if text in quote or text in raw)


def data_count(app) -> str:
    return next(element.value for element in app.caption if element.value.startswith("共 "))


# --- the tests --------------------------------------------------------------------------------------


def test_the_scan_finds_the_parameters_the_pages_are_known_to_read():
    assert {"lang", "zone", "year", "kind", "metric", "per", "compare", "doc", "scope", "q", "fact"} <= set(URL_PARAMS)
    assert set(LINK_PARAMS) == {"fact", "project", "item", "flag"}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_hostile_values_in_every_url_parameter_are_ignored_or_searched_literally(
    app_env, before, page_id, payload
):
    expected = baseline(page_id)
    app = run(page_id, dict.fromkeys(PAGE_PARAMS, payload))
    assert_calm(app, app_env, before)
    if page_id == "data":  # the search (?q=) is the one free-text filter: it finds the text as it is
        search = payload.strip()
        assert data_count(app) == i18n.t("data.count", "zh", n=literal_matches(app_env, search))
    else:  # every other value is unknown to the tables, so the page shows what it shows unfiltered
        assert shown(app) == {key: value for key, value in expected.items() if key != "text_inputs"}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("param", LINK_PARAMS)
def test_hostile_deep_links_to_the_sources_say_the_row_does_not_exist(app_env, before, param, payload):
    app = run("sources", {param: payload})
    assert_calm(app, app_env, before)
    not_found = i18n.t("sources.not_found", "zh", table="@", row_id="@").split("@")[0]
    assert any(info.value.startswith(not_found) for info in app.info)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_hostile_fact_ids_on_the_data_page_select_nothing(app_env, before, payload):
    app = run("data", {"fact": payload})
    assert_calm(app, app_env, before)
    assert data_count(app) == i18n.t("data.count", "zh", n=0)
    assert i18n.t("data.empty", "zh") in [info.value for info in app.info]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_hostile_text_typed_into_every_text_box_is_only_text(app_env, before, payload):
    typed_into = []
    for page_id in PAGE_IDS:
        keys = baseline(page_id)["text_inputs"]
        if not keys:
            continue
        app = run(page_id)
        for key in keys:
            app.text_input(key=key).set_value(payload)
        submit = [button for button in app.button if button.proto.is_form_submitter]
        app = run(page_id, app=submit[0].click() if submit else app)
        typed_into += [f"{page_id}:{key}" for key in keys]
        if page_id == "data":
            assert_calm(app, app_env, before)
            assert data_count(app) == i18n.t("data.count", "zh", n=literal_matches(app_env, payload.strip()))
        else:  # a sign-in form: a wrong name and password, answered as such
            assert_calm(app, app_env, before, errors_allowed=True)
            assert [element.value for element in app.error] == [i18n.t("auth.wrong", "zh")]
    assert "data:w_data_q" in typed_into and any(key.startswith("reports:") for key in typed_into)


def test_after_every_hostile_run_the_tables_are_whole_and_the_app_still_reads_them(app_env, before):
    assert fingerprint(app_env) == before["files"]
    assert row_counts(app_env) == before["rows"]
    assert all(before["rows"][name] > 0 for name in ("documents", "zones", "facts", "projects"))
    for page_id in ("overview", "data"):  # the same process: a cached connection or view is still whole
        app = run(page_id)
        assert not app.exception, app.exception
        assert shown(app) == {key: value for key, value in baseline(page_id).items() if key != "text_inputs"}
