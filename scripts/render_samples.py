"""Render each sample text in sample_docs/ to PDF and DOCX beside it (reproducible:
the same text gives byte-identical PDFs). Run: .venv/bin/python scripts/render_samples.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit_assist.render import to_docx, to_pdf  # noqa: E402
from extract.text import read_text  # noqa: E402


def main() -> None:
    for txt in sorted((ROOT / "sample_docs").glob("*.txt")):
        raw = read_text(txt.read_bytes())
        txt.with_suffix(".pdf").write_bytes(to_pdf(raw, title=txt.stem))
        txt.with_suffix(".docx").write_bytes(to_docx(raw, title=txt.stem))
        print(f"{txt.stem}: pdf {txt.with_suffix('.pdf').stat().st_size:,} B, docx {txt.with_suffix('.docx').stat().st_size:,} B")


if __name__ == "__main__":
    main()
