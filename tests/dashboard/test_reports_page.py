"""The Reports page: only editors reach it; an upload is previewed, published, and can be withdrawn."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from loaders.accounts import Accounts
from pages._shared import nav

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-9"
KAIFENG = "开封新区产业集聚区"
GB_REPORT = (f"{KAIFENG}2024年工作总结\n{KAIFENG}2024年完成固定资产投资85.6亿元，同比增长9.2%；"
             "入驻企业126家。\n").encode("gb18030")


@pytest.fixture
def site(tmp_path, monkeypatch, sample_tables):
    """A data folder of its own (sample report + its tables), an accounts file with one editor and one viewer."""
    reports = tmp_path / "data" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "reports" / "seed_reports.txt", reports)
    shutil.copytree(sample_tables, tmp_path / "data" / "tables")
    accounts = tmp_path / "secrets" / "accounts.json"
    Accounts(accounts).add("wang", PASSWORD, role="editor")
    Accounts(accounts).add("li", PASSWORD, role="viewer")
    monkeypatch.setenv("ZONES_ACCOUNTS_FILE", str(accounts))
    monkeypatch.setenv("ZONES_REPORTS_DIR", str(reports))
    monkeypatch.setenv("ZONES_TABLES_DIR", str(tmp_path / "data" / "tables"))
    monkeypatch.setenv("ZONES_STAGING_DIR", str(tmp_path / "staging"))
    return tmp_path / "data"


def _app(page: str = "pages/10_reports.py") -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if page != "dashboard.py":
        app.switch_page(page)
    return app.run()


def _sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="sign_in.reports.name").input(name)
    app.text_input(key="sign_in.reports.password").input(password)
    next(button for button in app.button if button.label == "登录").click()
    return app.run()


def _click(app: AppTest, label: str) -> AppTest:
    next(button for button in app.button if button.label == label).click()
    return app.run()


def _upload_and_publish(app: AppTest, name: str, content: bytes) -> AppTest:
    app.get("file_uploader")[0].set_value((name, content, "text/plain"))
    return _click(app.run(), "发布")


def _docx_report() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("兰考县产业集聚区2024年情况汇报")
    document.add_paragraph("兰考县产业集聚区2024年实现主营业务收入312.4亿元，税收9.8亿元。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_viewer_gets_only_a_sign_in_form_on_the_reports_page(site):
    app = _app()
    assert not app.exception
    assert [info.value for info in app.info] == ["请以编辑身份登录后使用报告管理。"]
    assert not app.tabs and not app.get("file_uploader")


def test_the_sidebar_links_the_reports_page_for_editors_only():
    assert "reports" not in [page.page_id for page in nav.available_pages()]
    assert "reports" not in [page.page_id for page in nav.available_pages("viewer")]
    assert "reports" in [page.page_id for page in nav.available_pages("editor")]


def test_a_wrong_password_gets_a_message_and_no_session(site):
    app = _sign_in(_app(), "wang", "not-the-password")
    assert [error.value for error in app.error] == ["用户名或密码不正确。"]
    assert "auth.user" not in app.session_state
    assert not app.tabs


def test_a_viewer_account_cannot_open_the_reports_page(site):
    app = _sign_in(_app(), "li", PASSWORD)
    assert not app.tabs
    assert [info.value for info in app.info] == ["请以编辑身份登录后使用报告管理。"]


def test_an_editor_previews_publishes_and_the_compare_page_shows_the_new_zone(site):
    app = _sign_in(_app(), "wang", PASSWORD)
    assert len(app.tabs) == 3
    uploader = app.get("file_uploader")[0]
    uploader.set_value([("开封.txt", GB_REPORT, "text/plain"), ("兰考.docx", _docx_report(),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")])
    app.run()
    assert not app.exception
    # preview: every figure highlighted in the text, nothing published yet
    page_html = " ".join(str(element.proto) for element in app.get("html"))
    assert "85.6亿元" in page_html and "<mark" in page_html and "312.4亿元" in page_html
    assert not (site / "reports" / "开封.txt").exists()
    previews = [frame.value for frame in app.dataframe]
    assert previews and all("来源" not in frame.columns for frame in previews)  # nothing to link to before publish
    assert "85.6亿元" in set(previews[0].iloc[:, 0])
    _click(app, "发布")
    assert not app.exception
    assert (site / "reports" / "开封.txt").read_bytes() == GB_REPORT  # stored unmodified
    assert (site / "reports" / "兰考.docx").exists()
    facts = pd.read_parquet(site / "tables" / "facts.parquet")
    zones = pd.read_parquet(site / "tables" / "zones.parquet")
    assert KAIFENG in set(zones["name"]) and "兰考县产业集聚区" in set(zones["name"])
    kaifeng = zones.loc[zones["name"] == KAIFENG, "zone_id"].iloc[0]
    assert 8.56e9 in set(facts.loc[facts["zone_id"] == kaifeng, "value"])
    log = (site / "audit.jsonl").read_text(encoding="utf-8")
    assert '"user": "wang"' in log and '"action": "publish"' in log

    compare = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    compare.query_params["zone"] = [KAIFENG, "鹤淇产业集聚区"]
    compare.switch_page("pages/4_compare.py").run()
    assert not compare.exception
    table = compare.dataframe[0].value
    assert KAIFENG in table.columns


def test_withdrawing_a_report_removes_its_figures_and_keeps_its_file_in_the_archive(site):
    app = _upload_and_publish(_sign_in(_app(), "wang", PASSWORD), "开封.txt", GB_REPORT)
    app.selectbox(key="reports.withdraw_file").select("开封.txt")
    app.checkbox(key="reports.withdraw_confirm").check()
    _click(app.run(), "撤回")
    assert not app.exception
    assert not (site / "reports" / "开封.txt").exists()
    (archived,) = (site / "archive").glob("*开封.txt")
    assert archived.read_bytes() == GB_REPORT
    zones = pd.read_parquet(site / "tables" / "zones.parquet")
    assert KAIFENG not in set(zones["name"])


def test_an_upload_named_to_escape_lands_inside_the_reports_folder(site):
    _upload_and_publish(_sign_in(_app(), "wang", PASSWORD), "../../x.txt", GB_REPORT)
    assert (site / "reports" / "x.txt").read_bytes() == GB_REPORT
    assert not (site.parent / "x.txt").exists() and not (site / "x.txt").exists()


def test_a_session_expires(site):
    app = _sign_in(_app(), "wang", PASSWORD)
    assert len(app.tabs) == 3
    app.session_state["auth.user"] = {**app.session_state["auth.user"], "expires": 0}
    app.run()
    assert not app.tabs and [info.value for info in app.info] == ["请以编辑身份登录后使用报告管理。"]


def test_viewing_can_be_set_to_need_a_sign_in(site, monkeypatch):
    monkeypatch.setenv("ZONES_VIEW_REQUIRES_SIGN_IN", "1")
    app = _app("dashboard.py")
    assert [info.value for info in app.info] == ["请登录后查看。"]
    assert not app.get("plotly_chart") and not app.dataframe
