"""The board paper: a comparison, the team's question and recommendation, as PDF or Word.

    paper = build_paper(comparison, question="...", recommendation="...")
    write_report(paper, "paper.pdf")   # or "paper.docx"
"""

from __future__ import annotations

import os
from pathlib import Path

from ..export import ExportError
from .build import build_paper, headline_table
from .model import Paper
from .pdf import write_pdf
from .word import write_docx

REPORT_FORMATS = (".pdf", ".docx")


def write_report(paper: Paper, path: str | os.PathLike[str]) -> Path:
    """Write ``paper`` as PDF or Word, by the suffix of ``path`` (.pdf or .docx); any
    other suffix raises ExportError naming the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return write_pdf(paper, path)
    if suffix == ".docx":
        return write_docx(paper, path)
    raise ExportError(f"{path}: a report can be saved as a PDF (.pdf) or a Word document "
                      f"(.docx); '{path.suffix or 'no suffix'}' is neither.")


__all__ = ["Paper", "build_paper", "headline_table", "write_pdf", "write_docx", "write_report",
           "REPORT_FORMATS", "ExportError"]
