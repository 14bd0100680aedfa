"""Shared fixtures: the bundled sample built once per session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
GOLD = ROOT / "data" / "gold" / "sample"
CONTRACT = ROOT / "docs" / "DATA_CONTRACT.md"


@pytest.fixture(scope="session")
def sample_tables(tmp_path_factory) -> Path:
    """data/reports built by the real loader into a fresh folder; returns that folder."""
    from loaders.pipeline.build import build

    out = tmp_path_factory.mktemp("sample") / "tables"
    build(REPORTS, out, progress=False)
    return out


# --- report files of every kind, good and bad, for the reader, build and CLI tests ---------

GOOD_REPORT = "鹤淇产业集聚区2025年发展报告\n鹤淇产业集聚区规划建设用地25平方公里，入驻企业104家。\n"


class ReportFiles:
    """Writes one report file of a named kind into `folder` and returns its path."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, name: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        path.write_bytes(data)
        return path

    def text(self, name: str = "good.txt", text: str = GOOD_REPORT, encoding: str = "utf-8") -> Path:
        return self.write(name, text.encode(encoding))

    def empty(self, name: str = "empty.txt") -> Path:
        return self.write(name, b"")

    def binary(self, name: str = "binary.txt") -> Path:
        import random

        return self.write(name, random.Random(7).randbytes(4096))

    def docx_bytes(self, paragraphs: list[str], cells: list[list[str]] | None = None) -> bytes:
        import io

        import docx

        document = docx.Document()
        document.add_paragraph(paragraphs[0])
        if cells:
            table = document.add_table(rows=len(cells), cols=len(cells[0]))
            for row, values in zip(table.rows, cells, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
        for paragraph in paragraphs[1:]:
            document.add_paragraph(paragraph)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def docx(self, name: str = "report.docx", paragraphs=None, cells=None) -> Path:
        return self.write(name, self.docx_bytes(paragraphs or GOOD_REPORT.splitlines(), cells))

    def truncated_docx(self, name: str = "truncated.docx") -> Path:
        data = self.docx_bytes(GOOD_REPORT.splitlines())
        return self.write(name, data[: len(data) // 2])

    def pdf_with_text(self, name: str = "report.pdf", lines: tuple[str, ...] = ("Zone report 2025",)) -> Path:
        return self.write(name, pdf_with_text(lines))

    def blank_pdf(self, name: str = "scanned.pdf") -> Path:
        import io

        import pypdf

        writer = pypdf.PdfWriter()
        writer.add_blank_page(width=200, height=200)
        buffer = io.BytesIO()
        writer.write(buffer)
        return self.write(name, buffer.getvalue())

    def broken_pdf(self, name: str = "broken.pdf") -> Path:
        return self.write(name, pdf_with_text(("Zone report 2025",))[:60])

    def unsupported(self, name: str = "table.xls") -> Path:
        return self.write(name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)

    def too_large(self, name: str = "huge.txt", megabytes: int = 65) -> Path:
        path = self.path(name)
        with path.open("wb") as stream:
            stream.truncate(megabytes * 1024 * 1024)  # sparse: no disk, no time
        return path


def pdf_with_text(lines: tuple[str, ...]) -> bytes:
    """A minimal valid one-page PDF drawing ASCII `lines` in Helvetica, xref offsets computed."""
    content = b"BT /F1 14 Tf 20 150 Td 18 TL " + b" ".join(
        b"(%s) Tj T*" % line.encode("ascii") for line in lines
    )
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf


@pytest.fixture
def report_files(tmp_path) -> ReportFiles:
    """A ReportFiles writing into tmp_path/reports."""
    return ReportFiles(tmp_path / "reports")
