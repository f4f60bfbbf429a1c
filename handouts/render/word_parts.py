"""A word too wide for its line, cut into parts that fit each line at the places it may
break (hyphens.py says where: a syllable, after a hyphen of its own, between Chinese or
Japanese characters): as many as fit each line; and how a word of several fragments
(markup: a fallback font's characters among the handout's) is measured and cut.

A line's part is measured only up to the first break past the line's end (``line_end``):
the widths of a word's parts grow with their length, so nothing after it can fit. A
Japanese note written as one paragraph with no spaces is one word to reportlab, with a
break after nearly every character; measuring every break to the word's end, for every
line, took minutes for 3,000 characters. A fragment word's parts are measured without
making them (``frag_width``), with the same sums as ``frag_cut`` makes, so the same breaks.
"""

from __future__ import annotations

import bisect


def parts(width, whole: int, breaks_at: list[int], room: float, rooms,
          own_at: frozenset[int] = frozenset()) -> list | None:
    """The word's parts, ``(start, end, hyphen)`` each: as many syllables as fit each line,
    ``width(start, end, hyphen)`` being how wide a part prints, ``room`` what is left on the
    line the word starts on, ``rooms(k)`` the width of the k-th line after it; a part ends
    after the word's own hyphen (``own_at``, no hyphen added) where one fits. The first
    part is empty where no syllable fits ``room``; None where a syllable fits no line."""
    out, start, line = [], 0, 0
    while True:
        space = room if line == 0 else rooms(line)
        end = line_end(width, start, whole, breaks_at, space, own_at)
        if end == whole:
            return out + [(start, whole, False)]
        if end is not None:
            out.append((start, end, end not in own_at))
            start = end
        elif line == 0 and room < rooms(0):  # the line holds words before it: go on below
            out.append((0, 0, False))
        else:
            return None
        line += 1


def line_end(width, start: int, whole: int, breaks_at: list[int], space: float,
             own_at: frozenset[int]) -> int | None:
    """Where the part from ``start`` that fits ``space`` ends: ``whole`` where the rest
    fits, else the last of the word's own hyphens that fits, else the last break that fits
    (see ``parts``); None where none does. Measured up to the first break past the line
    only (see the module)."""
    fits, past = [], False
    for at in breaks_at[bisect.bisect_right(breaks_at, start):]:
        if width(start, at, at not in own_at) <= space:
            fits.append(at)
        # what runs past the line without a hyphen, so does every longer part and the rest
        elif at in own_at or width(start, at, False) > space:
            past = True
            break
    if not past and width(start, whole, False) <= space:
        return whole
    return max((at for at in fits if at in own_at), default=fits[-1] if fits else None)


def head(width, whole: int, at: list[int], room: float, own_at) -> tuple | None:
    """The word's first part where at least a syllable fits ``room``; None where none does."""
    end = line_end(width, 0, whole, at, room, own_at)
    return None if end is None else (0, end, end != whole and end not in own_at)


def frag_text(word) -> tuple[str, list] | None:
    """A word of several fragments: its text and each character's fragment; None where it
    holds a picture or shaped text (split as reportlab splits it)."""
    from handouts.render import glyphs

    pieces = word[1:]
    if any(hasattr(frag, "cbDefn") or glyphs.is_shaped(frag.fontName) for frag, _ in pieces):
        return None
    return "".join(piece for _, piece in pieces), [frag for frag, piece in pieces for _ in piece]


def frag_cut(text: str, owner: list, start: int, end: int, hyphen: bool) -> list:
    """``text[start:end]`` (with a hyphen added) as a fragment word: its width, then each
    fragment's part of it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    frags, k = [], start
    while k < end:
        frag, j = owner[k], k
        while j < end and owner[j] is frag:
            j += 1
        frags.append((frag.clone(text=text[k:j]), text[k:j]))
        k = j
    if hyphen:
        frag, piece = frags[-1]
        frags[-1] = (frag.clone(text=piece + "-"), piece + "-")
    return [sum(stringWidth(piece, f.fontName, f.fontSize) for f, piece in frags), *frags]


def frag_width(text: str, owner: list):
    """How wide ``text[start:end]`` (with a hyphen added) prints, as ``frag_cut``'s width:
    ``width(start, end, hyphen)``, each fragment's part measured as it does and summed in
    its order, without cloning a fragment for each part measured (see the module)."""
    from reportlab.pdfbase import pdfmetrics

    starts = [k for k in range(len(owner)) if k == 0 or owner[k] is not owner[k - 1]]
    ends = starts[1:] + [len(owner)]

    def width(start: int, end: int, hyphen: bool) -> float:
        total, k = 0, bisect.bisect_right(starts, start) - 1
        while k < len(starts) and starts[k] < end:
            piece = text[max(start, starts[k]):min(end, ends[k])]
            if hyphen and ends[k] >= end:
                piece += "-"
            frag = owner[starts[k]]
            total += pdfmetrics.stringWidth(piece, frag.fontName, frag.fontSize)
            k += 1
        return total

    return width
