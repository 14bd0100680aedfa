"""The page registry: which pages exist, their file, url path and label. No streamlit.

`filters.setup_page` draws the sidebar from PAGES (st.page_link, carrying the global filters);
a page whose file is missing is not linked. To add a page: create the file under pages/ (the
number prefix sets the order, the rest is the url path), add a PageEntry below and a
`nav.<page_id>` label in labels.toml (the catalogue i18n reads).

Links into the Sources page are made by provenance.source_link(table, row_id).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PageEntry:
    page_id: str
    path: str  # relative to the repository root, as st.page_link / st.switch_page want it
    icon: str
    role: str | None = None  # 'editor': linked only for signed-in editors (the page itself checks too)

    @property
    def url_path(self) -> str:
        """What Streamlit's pages/ mode serves it under: file name without number prefix."""
        if self.path == "dashboard.py":
            return ""
        return Path(self.path).stem.split("_", 1)[1]

    def exists(self) -> bool:
        return (ROOT / self.path).exists()


PAGES: tuple[PageEntry, ...] = (
    PageEntry("overview", "dashboard.py", ":material/dashboard:"),
    PageEntry("investment", "pages/1_investment.py", ":material/account_balance:"),
    PageEntry("revenue", "pages/2_revenue_tax.py", ":material/payments:"),
    PageEntry("enterprises", "pages/3_enterprises.py", ":material/factory:"),
    PageEntry("compare", "pages/4_compare.py", ":material/compare_arrows:"),
    PageEntry("targets", "pages/5_targets.py", ":material/flag:"),
    PageEntry("progress", "pages/6_progress.py", ":material/construction:"),
    PageEntry("sources", "pages/7_sources.py", ":material/description:"),
    PageEntry("quality", "pages/8_quality.py", ":material/fact_check:"),
    PageEntry("data", "pages/9_data.py", ":material/table:"),
    PageEntry("reports", "pages/10_reports.py", ":material/upload_file:", role="editor"),
)
PAGES_BY_ID = {page.page_id: page for page in PAGES}


def available_pages(role: str | None = None) -> list[PageEntry]:
    """The registered pages whose files exist and that `role` may open, in sidebar order."""
    return [page for page in PAGES if page.exists() and (page.role is None or page.role == role)]
