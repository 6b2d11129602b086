"""Scanned copies of real PDFs: each page rendered to a greyscale JPEG (optionally turned a little,
as a sheet fed askew) and put back as an image-only page of the same size: no text layer, no
vector lines, as a scanner gives them."""

from __future__ import annotations

import io
from pathlib import Path


def scanned_pdf(
    source: Path | bytes, pages: list[int] | None = None, *, dpi: int = 200, quality: int = 80, angle: float = 0.0
) -> bytes:
    """``pages`` are 1-based numbers of ``source`` (all when None); ``angle`` in degrees, counter-clockwise."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = pdfium.PdfDocument(source)
    buf = io.BytesIO()
    out = canvas.Canvas(buf, invariant=1)
    for number in pages or range(1, len(pdf) + 1):
        page = pdf[number - 1]
        width, height = page.get_size()
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if angle:
            image = image.rotate(angle, resample=Image.BILINEAR, fillcolor=255)
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=quality)
        out.setPageSize((width, height))
        out.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width=width, height=height)
        out.showPage()
    out.save()
    return buf.getvalue()


def pdf_pages(source: Path, pages: list[int]) -> bytes:
    """The text-layer PDF of the same ``pages``, to compare a scan with."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(source), [p - 1 for p in pages])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
