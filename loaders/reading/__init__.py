"""Reading: report files -> text (any encoding, .docx, .pdf) -> one record per report."""
