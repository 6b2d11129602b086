"""OCR for PDF pages without a usable text layer (scans, fonts without a Unicode map).

RapidOCR runs the Chinese PP-OCRv4 models shipped inside its wheel, so nothing is downloaded.
A page is rendered at ``RESOLUTION`` dpi, turned straight when scanned askew, and recognised
once (text boxes found at ``DET_RESOLUTION``, read at full resolution); they come back as word
dicts in PDF points (``x0, x1, top, bottom, text``) shaped like pdfplumber's words, each box
shrunk to the ink it covers and the words of one printed line given the line's top and bottom,
so the PDF reader lays them out like text-layer words. The ruling lines still visible in the
image are found with OpenCV morphology and returned as line dicts for pdfplumber's ``explicit``
table strategy, which rebuilds the cell grid (merged cells included) from them.

Numbers are repaired after recognition (``9746. 50`` → ``9746.50``, ``1O5.6`` → ``105.6``) before
any parser sees them; Chinese text is left as recognised.
"""

from __future__ import annotations

import re
import threading

import cv2
import numpy as np

RESOLUTION = 200  # dpi the text is read at: 8 pt table digits are ~22 px high
MAX_PIXELS = 16_000_000  # a page larger than A3 is read at a lower resolution, within this
DET_RESOLUTION = 140  # dpi the text boxes are found at (detection time grows with the pixels)
# per document; pages beyond it are reported, not recognised. A page takes 4–9 s of one core
# (tables / dense text), so 50 pages fit in the batch's default 600 s per document.
MAX_OCR_PAGES = 50
MIN_SCORE = 0.5  # recognition confidence below which a box is dropped (RapidOCR's default)
_PIECE = 640 / 48  # width / height of the longest piece read at once (reading time grows faster than the width)
_RULE_MIN_H = 20.0  # pt: a horizontal ink run at least this long is a ruling line
_RULE_MIN_V = 12.0  # pt: vertical rules must be longer than the tallest table glyph stroke
_MAX_SKEW = 3.0  # degrees a scan may be turned by and still be straightened
_RULE_MAX_WIDTH = 3.0  # pt: anything thicker (a photo, a seal, a filled box) is not a rule
_INK = 160  # grey level below which a pixel is ink

_engine = None
_engine_lock = threading.Lock()


def engine():
    """One RapidOCR instance per process, created on first use (loading the models takes ~0.5 s)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            # one thread: documents are read in parallel processes, and even alone a second
            # thread saved no time on two cores; one crop at a time, not padded to 320 px
            _engine = RapidOCR(intra_op_num_threads=1, rec_batch_num=1, rec_img_shape=[3, 48, 48])
        return _engine


def resolution(width: float, height: float) -> float:
    """``RESOLUTION``, lowered for a page (in points) so large that its image would pass
    ``MAX_PIXELS``: a poster-sized page cannot exhaust memory."""
    return min(RESOLUTION, 72 * (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)


class ScannedPage:
    """A page rendered and recognised: its words and ruling lines in PDF points, and the image
    kept to read one more box (``read_box``). A page scanned askew is measured once straightened
    (turned about its centre: at 0.5° a box moves less than 4 pt)."""

    def __init__(self, page):
        shot = page.to_image(resolution=resolution(page.width, page.height))
        rgb = _straighten(np.asarray(shot.original.convert("RGB")))
        ink = (cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) < _INK).astype(np.uint8)
        self._scale = shot.scale  # pixels per point
        self._origin = shot.bbox[:2]
        horizontal = _open(ink, round(_RULE_MIN_H * self._scale), 1)
        vertical = _open(ink, 1, round(_RULE_MIN_V * self._scale))
        # the rules with their anti-aliased edges: recognition reads "15", not "[15", beside a rule
        rules = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8)).astype(bool)
        self._ink = ink.astype(bool) & ~rules
        self._image = rgb.copy()
        self._image[rules] = 255
        self.h_rules = self._segments(horizontal, "h")  # pdfplumber line objects
        self.v_rules = self._segments(vertical, "v")
        words = []
        self._loose = self._ink.copy()  # ink outside every text box found
        for quad, text in _recognise(self._image):
            x0, y0 = (int(v) for v in quad.min(axis=0))
            x1, y1 = (int(v) + 1 for v in quad.max(axis=0))
            word = self._word(self._ink_box(self._ink, x0, y0, x1, y1), text)
            if word:
                words.append(word)
            self._loose[max(y0, 0) : y1, max(x0, 0) : x1] = False
        self.words = _align_lines(words)  # like pdfplumber words, in reading order

    def read_box(self, bbox: tuple) -> dict | None:
        """The word in ``bbox`` (PDF points) when it holds ink no text box covered: the detector
        passes over some lone glyphs, a table cell's "0" most of all."""
        x0, top = self._to_px(bbox[0], bbox[1])
        x1, bottom = self._to_px(bbox[2], bbox[3])
        box = self._ink_box(self._loose, x0, top, x1, bottom)
        if box is None:
            return None
        # a lone glyph reads well or not at all depending on a pixel of margin: try a few
        height = box[3] - box[1]
        crops = [
            self._image[max(box[1] - m, 0) : box[3] + m, max(box[0] - m, 0) : box[2] + m]
            for m in sorted({0, 1, round(height / 8), round(height / 4)})
        ]
        text, score, *_ = max(engine().text_rec(crops)[0], key=lambda r: r[1])
        word = self._word(box, text) if score >= MIN_SCORE else None
        return _align_lines([word])[0] if word else None

    def _word(self, box: tuple | None, text: str) -> dict | None:
        text = clean_numbers(text).strip()
        if box is None or not text:
            return None
        x0, top = self._to_pt(box[0], box[1])
        x1, bottom = self._to_pt(box[2], box[3])
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom}

    @staticmethod
    def _ink_box(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> tuple[int, int, int, int] | None:
        """A detector's box pads the text; the ink inside it is where the glyphs are."""
        x0, y0 = max(x0, 0), max(y0, 0)
        crop = ink[y0:y1, x0:x1]
        rows = np.flatnonzero(crop.any(axis=1))
        cols = np.flatnonzero(crop.any(axis=0))
        if not len(rows):
            return None
        return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1

    def _segments(self, mask: np.ndarray, orientation: str) -> list[dict]:
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        out = []
        for x, y, w, h, _area in stats[1:count]:
            if (h if orientation == "h" else w) > _RULE_MAX_WIDTH * self._scale:
                continue
            if orientation == "h":
                (x0, top), (x1, _) = self._to_pt(x, y + h / 2), self._to_pt(x + w, y + h / 2)
                bottom = top
            else:
                (x0, top), (_, bottom) = self._to_pt(x + w / 2, y), self._to_pt(x + w / 2, y + h)
                x1 = x0
            out.append(
                {
                    "object_type": "line",
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "width": x1 - x0,
                    "height": bottom - top,
                }
            )
        return out

    def _to_pt(self, x: float, y: float) -> tuple[float, float]:
        return float(self._origin[0] + x / self._scale), float(self._origin[1] + y / self._scale)

    def _to_px(self, x: float, y: float) -> tuple[int, int]:
        return round((x - self._origin[0]) * self._scale), round((y - self._origin[1]) * self._scale)


def _straighten(rgb: np.ndarray) -> np.ndarray:
    """The page turned back by the skew of the scan (up to ``_MAX_SKEW`` degrees): the angle at
    which the rows of ink are sharpest, i.e. the ink's row profile varies most. Rules must run
    straight along pixel rows for the grid to be found, and lines of text read best level."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    f = min(1.0, 1200 / max(gray.shape))
    ink = (cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) < _INK).astype(np.float32)
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1), ink.shape[::-1])
        return float(turned.sum(axis=1).var())

    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25), key=sharpness)
    angle = float(max(np.arange(coarse - 0.24, coarse + 0.25, 0.02), key=sharpness))
    if abs(angle) < 0.02:
        return rgb
    height, width = rgb.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1)
    return cv2.warpAffine(rgb, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def _open(mask: np.ndarray, width: int, height: int) -> np.ndarray:
    """The runs of ``mask`` at least ``width`` × ``height`` pixels: ruling lines, not glyph strokes."""
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width, height)))


def _recognise(rgb: np.ndarray) -> list[tuple[np.ndarray, str]]:
    """Text boxes found on a smaller copy of the page, read from the full-resolution one; long
    lines are read in pieces cut between glyphs."""
    ocr = engine()
    scale = DET_RESOLUTION / RESOLUTION
    boxes, _ = ocr.text_det(cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    if boxes is None or not len(boxes):
        return []
    quads = [q / scale for q in ocr.sorted_boxes(boxes)]
    pieces, owners = [], []
    for i, crop in enumerate(ocr.get_crop_img_list(rgb, quads)):
        for piece in _pieces(crop):
            pieces.append(piece)
            owners.append(i)
    read, _ = ocr.text_rec(pieces)
    texts = [""] * len(quads)
    weights = [[0.0, 0.0] for _ in quads]  # Σ score × width, Σ width
    for i, piece, (text, score, *_) in zip(owners, pieces, read):
        texts[i] += text
        weights[i][0] += score * piece.shape[1]
        weights[i][1] += piece.shape[1]
    return [(q, t) for q, t, (s, w) in zip(quads, texts, weights) if s >= MIN_SCORE * w]


def _pieces(crop: np.ndarray) -> list[np.ndarray]:
    """A text line's crop cut into pieces no wider than ``_PIECE`` × its height, each cut in the
    middle of the widest blank column run between glyphs (none found: the rest stays whole)."""
    height, width = crop.shape[:2]
    limit = int(_PIECE * height)
    blank = ~(cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) < _INK).any(axis=0)
    pieces, start = [], 0
    while width - start > limit:
        best, best_run, run = None, 0, 0
        for x in range(start + limit // 2, start + limit):
            run = run + 1 if blank[x] else 0
            if run and run >= best_run:
                best, best_run = x - run // 2, run
        if best is None:
            break
        pieces.append(crop[:, start:best])
        start = best
    pieces.append(crop[:, start:])
    return pieces


def _align_lines(words: list[dict]) -> list[dict]:
    """Words whose middle lies within the band of the line above them print on that line; they get
    the line's top and bottom, as pdfplumber words of one font size have, widened from the ink
    (about 90% of a Chinese font's height) to the font's height that pdfplumber reports."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        middle = (w["top"] + w["bottom"]) / 2
        if lines and lines[-1][0]["top"] <= middle <= max(v["bottom"] for v in lines[-1]):
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        pad = 0.05 * (bottom - top)
        top, bottom = top - pad, bottom + pad
        out.extend({**w, "top": top, "bottom": bottom} for w in sorted(line, key=lambda w: w["x0"]))
    return out


def text_lines(words: list[dict]) -> list[dict]:
    """Words (from ``ScannedPage.words``) as pdfplumber text lines with one box per character:
    each word's width is shared evenly among its characters."""
    lines: list[dict] = []
    for w in words:
        if not lines or lines[-1]["top"] != w["top"]:
            lines.append({"x0": w["x0"], "top": w["top"], "bottom": w["bottom"], "chars": []})
        step = (w["x1"] - w["x0"]) / len(w["text"])
        lines[-1]["chars"].extend(
            {"text": ch, "x0": w["x0"] + i * step, "x1": w["x0"] + (i + 1) * step, "top": w["top"], "bottom": w["bottom"]}
            for i, ch in enumerate(w["text"])
        )
    return lines


# --- numbers after recognition -------------------------------------------------------------

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# a run of digits with letters OCR confuses with them (O o → 0, I l → 1), not touching other letters
_DIGIT_RUN = re.compile(r"(?<![A-Za-z])[\dOoIl][\dOoIl.,]*(?![A-Za-z])")
_LOOKALIKES = str.maketrans("OoIl", "0011")
_SPLIT_POINT = re.compile(r"(?<=\d)(?:\s+\.\s*|\.\s+)(?=\d{1,4}(?![\d年]))")  # 9746. 50
_SPLIT_COMMA = re.compile(r"(?<=\d)\s*[,，]\s*(?=\d{3}(?!\d))")  # 1, 234.56 / 1，234.56
_SPACED_GROUPS = re.compile(r"\b\d{1,3}(?: \d{3})+\.\d+")  # 1 066.45
_PERCENT = re.compile(r"(?<=\d)\s*[%％]")


def clean_numbers(text: str) -> str:
    """Repair what OCR does to numbers, touching nothing but digit runs and their punctuation.
    A box holding nothing but an O is a lone 0 in a table cell."""
    if text.strip() in ("O", "o"):
        return "0"
    text = text.translate(_FULLWIDTH_DIGITS)
    text = re.sub(r"(?<=\d)．(?=\d)", ".", text)
    text = _DIGIT_RUN.sub(lambda m: m.group(0).translate(_LOOKALIKES) if re.search(r"\d", m.group(0)) else m.group(0), text)
    text = _SPLIT_POINT.sub(".", text)
    text = _SPLIT_COMMA.sub(",", text)
    text = _SPACED_GROUPS.sub(lambda m: m.group(0).replace(" ", ""), text)
    return _PERCENT.sub("%", text)
