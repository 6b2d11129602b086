"""Every table of every sample document, recovered from its PDF, DOCX and XLSX renderings with
the same codes, labels and values as from its text version; the same findings from each."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_NAMES, SAMPLES
from support.compare import numeric_agreement, table_signature

from audit_assist.pipeline import analyse_document
from audit_assist.render import to_docx, to_pdf, to_xlsx
from extract import load_bytes, load_document
from extract.text import read_text


@pytest.fixture(scope="module")
def renderings(sample_text_docs):
    out = {}
    for name in SAMPLE_NAMES:
        out[name] = {
            "txt": sample_text_docs[name],
            "pdf": load_document(SAMPLES / f"{name}.pdf"),
            "docx": load_document(SAMPLES / f"{name}.docx"),
            "xlsx": load_bytes(to_xlsx(read_text((SAMPLES / f"{name}.txt").read_bytes())), f"{name}.xlsx"),
        }
    return out


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_tables_identical_to_text_version(renderings, name, fmt):
    text, other = renderings[name]["txt"], renderings[name][fmt]
    assert table_signature(other) == table_signature(text)
    same, total = numeric_agreement(text, other)
    assert same == total


def test_numeric_cell_counts(renderings):
    # the agreement above is over every numeric cell of the samples; these are their counts
    counts = {n: numeric_agreement(r["txt"], r["pdf"])[1] for n, r in renderings.items()}
    assert counts == {
        "000_4aab53e2ab223d76": 562,
        "001_5a7f61d3c3cbf9f1": 133,
        "002_78b07d84ccf1ecd6": 353,
        "003_f8e6bfb918ad5980": 228,
        "004_2958b8ff77e9055f": 0,
    }


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_same_findings_from_every_format(renderings, name):
    got = {
        fmt: sorted((f.fingerprint, f.message) for f in analyse_document(doc).findings) for fmt, doc in renderings[name].items()
    }
    assert got["pdf"] == got["txt"]
    assert got["docx"] == got["txt"]


def test_pdf_provenance(renderings):
    pdf = renderings["000_4aab53e2ab223d76"]["pdf"]
    assert pdf.page_count == 29 and pdf.format == "pdf"
    t = pdf.table_of("expense")
    assert t.number == "公开03表" and t.pages == (4, 5)  # runs over a page break
    row = t.find_row(code="2101501")
    cell = row.cells[2]
    assert cell.text == "105.6" and cell.page in (4, 5)
    x0, top, x1, bottom = cell.bbox
    assert 0 < x0 < x1 < 842 and 0 < top < bottom < 595  # a landscape page
    fig = next(f for f in pdf.figures if f.text == "329.85万元")
    assert fig.page is not None and fig.bbox is not None
    para = pdf.paragraphs[fig.paragraph]
    assert para.text[fig.start : fig.start + 6] == "329.85"


def test_pdf_mixes_portrait_and_landscape():
    import pdfplumber

    with pdfplumber.open(SAMPLES / "000_4aab53e2ab223d76.pdf") as pdf:
        shapes = {(round(p.width), round(p.height)) for p in pdf.pages}
    assert shapes == {(595, 842), (842, 595)}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_renderings_are_reproducible(name):
    raw = read_text((SAMPLES / f"{name}.txt").read_bytes())
    assert to_pdf(raw, title=name) == (SAMPLES / f"{name}.pdf").read_bytes()
    assert to_docx(raw, title=name) == (SAMPLES / f"{name}.docx").read_bytes()


def test_sample_texts_are_the_clients_unchanged():
    shared = SAMPLES.parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for name in SAMPLE_NAMES:
        assert (SAMPLES / f"{name}.txt").read_bytes() == (shared / f"{name}.txt").read_bytes()
