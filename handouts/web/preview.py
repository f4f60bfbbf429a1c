"""The live preview: pages of the very PDF a build makes, drawn as JPEG images by PDFium
(pypdfium2), and what the page layout does badly (the safety box pushed off page 1, an
exercise card split over two pages), read back from the PDF's text.

PDFs are kept by their content's hash in a small in-memory cache, so the editor can ask for
any page on demand; PDFium is not thread-safe, so one lock guards every call into it.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import handouts as api

SCALE = 1.0  # 72 dpi: a Letter page is 612 px wide, sharp at the width the editor shows
# the page at print size (8.5 in is 816 CSS px), sharp on a laptop's 1.5x screen too: at
# 72 dpi, stretched a third wider, its small print blurred
PRINT_SCALE = 2.0
QUALITY = 88  # JPEG: a tenth of PNG's encoding time here (5 ms, not 30-60), text still crisp
KEEP = 64  # PDFs kept for the preview (about 60 KB each)
_PDFIUM = threading.Lock()
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Preview:
    key: str
    pages: int
    warnings: tuple[str, ...]


class Cache:
    """PDFs and rendered pages by key, each for the browser that asked for it, the oldest
    forgotten first."""

    def __init__(self, keep: int = KEEP):
        self._pdfs: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._images: OrderedDict[tuple[str, int, float], bytes] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()

    def add(self, pdf: bytes, owner: str) -> str:
        """Keep ``pdf`` for the browser ``owner`` (its session's random value): a page's
        image, with the patient's name on it, is given to that browser only, as the draft's
        PDF is; and its key is of both, so no one who can make the same PDF can tell from
        the key that it was previewed."""
        key = hashlib.sha256(owner.encode() + b"\0" + pdf).hexdigest()[:20]
        with self._lock:
            self._pdfs[key] = (owner, pdf)
            self._pdfs.move_to_end(key)
            while len(self._pdfs) > self._keep:
                self._pdfs.popitem(last=False)
        return key

    def pdf(self, key: str, owner: str) -> bytes | None:
        with self._lock:
            kept = self._pdfs.get(key)
        return kept[1] if kept is not None and kept[0] == owner else None

    def image(self, key: str, number: int, owner: str, scale: float = SCALE) -> bytes | None:
        """Page ``number`` (from 1) as JPEG, ``scale`` pixels a point; None if the PDF or
        the page is not there, or is another browser's."""
        pdf = self.pdf(key, owner)
        if pdf is None:
            return None
        with self._lock:
            found = self._images.get((key, number, scale))
        if found is not None:
            return found
        image = render_page(pdf, number, scale)
        if image is not None:
            with self._lock:
                self._images[(key, number, scale)] = image
                while len(self._images) > 4 * self._keep:
                    self._images.popitem(last=False)
        return image


def render_page(pdf: bytes, number: int, scale: float = SCALE) -> bytes | None:
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            if not 1 <= number <= len(doc):
                return None
            bitmap = doc[number - 1].render(scale=scale)
            image = bitmap.to_pil()
        finally:
            doc.close()
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=QUALITY)
    return out.getvalue()


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, whitespace made single spaces."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            return [_SPACE.sub(" ", page.get_textpage().get_text_range()) for page in doc]
        finally:
            doc.close()


def last_part(text) -> str:
    # the last that says something: a step of a list that printed in one language alone
    # has the other's part empty (see handouts/library_text.py)
    parts = [part for part in getattr(text, "parts", ()) if part]
    return parts[-1] if parts else str(text)


def first_part(text) -> str:
    parts = getattr(text, "parts", None)
    return parts[0] if parts else str(text)


def snippet(text: str, words: int = 5) -> str:
    return " ".join(_SPACE.sub(" ", text).split()[:words])


def page_of(texts: list[str], needle: str, start: int = 1) -> int | None:
    """The first page (from 1) at or after ``start`` whose text holds ``needle``."""
    for i in range(start - 1, len(texts)):
        if needle in texts[i]:
            return i + 1
    return None


class _Text:
    """The pages' text as one string, each place in it mapped back to its page."""

    def __init__(self, texts: list[str]):
        self.text = " ".join(texts)
        self.starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def page(self, at: int) -> int:
        return bisect.bisect_right(self.starts, at)

    def first(self, pattern: re.Pattern, start: int = 0) -> int | None:
        found = pattern.search(self.text, start)
        return found.start() if found else None

    def pages(self, pattern: re.Pattern, start: int, end: int) -> list[int]:
        """The page of the end of each match between ``start`` and ``end``."""
        return [self.page(m.end() - 1) for m in pattern.finditer(self.text, start, end)]


def card_pages(handout, texts: list[str]) -> dict[int, tuple[int, int]]:
    """The first and last page of each exercise card found, by its number. A card starts at
    its number and title ("5. Wall stretch with arms up": a caption's first words may be
    another's too), after the summary's rows (compact has none) and before the log's; it
    ends on the last page, before the next card starts, with its last words or its title
    marked "(continued)"."""
    whole = _Text(texts)
    marker = re.escape(api.join_gap(handout.language, "words") + first_part(
        api.phrase(handout.language, "continued", handout.wording)))
    # never "13. Title" for "3. Title", nor the heading of its progression's table
    # ("3. Title: Week by week")
    titled = {e.number: rf"(?<!\d){e.number}\. "
                        rf"{re.escape(' '.join(first_part(e.title).split()))}(?!:)"
              for e in handout.exercises}
    plain = {n: re.compile(rf"{t}(?!{marker})") for n, t in titled.items()}
    at, starts = 0, []
    if handout.layout != "compact" and handout.exercises:
        summary_row = whole.first(plain[handout.exercises[-1].number])
        at = 0 if summary_row is None else summary_row + 1
    for e in handout.exercises:
        found = whole.first(plain[e.number], at)
        if found is None:
            break
        starts.append((e, found))
        at = found + 1
    pages = {}
    for (e, start), after in itertools.zip_longest(starts, starts[1:], fillvalue=None):
        # the last card runs up to the log's first row
        end = after[1] if after else whole.first(plain[handout.exercises[0].number], start + 1)
        end = len(whole.text) if end is None else end
        last = (e.tips or e.cautions or ((e.note,) if e.note else ()) or e.steps)[-1]
        last_words = re.compile(re.escape(" ".join(last_part(last).split()[-5:])))
        ends = whole.pages(last_words, start, end) + whole.pages(
            re.compile(titled[e.number] + marker), start, end)
        pages[e.number] = (whole.page(start), max([whole.page(start), *ends]))
    return pages


def layout_warnings(handout, texts: list[str]) -> list[str]:
    """The safety box off page 1, and each exercise card that starts on one page and ends
    on another."""
    out = []
    safety = snippet(first_part(api.phrase(handout.language, "safety_heading",
                                           handout.wording)), 4)
    if texts and safety not in texts[0]:
        where = page_of(texts, safety)
        out.append(f'The "Stop and call us" box falls on page {where or "?"}, not page 1: '
                   "shorten the note or choose fewer exercises")
    pages = card_pages(handout, texts)
    for e in handout.exercises:
        begins, ends = pages.get(e.number, (0, 0))
        if ends > begins:
            out.append(f"Exercise {e.number} ({first_part(e.title)}) is split over pages "
                       f"{begins} {'and' if ends == begins + 1 else 'to'} {ends}")
    return out


def make(pdf: bytes, handout, cache: Cache, owner: str) -> Preview:
    texts = page_texts(pdf)
    return Preview(cache.add(pdf, owner), len(texts), tuple(layout_warnings(handout, texts)))
