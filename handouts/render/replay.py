"""Drawn once per process: what a flowable draws, kept as PDF operators and replayed.

A library's steps, tips, cards and education read the same for every patient, yet drawing
them (reportlab walking each line's words and fonts) is most of a render. The operators a
draw emits are the same in every document but for one thing: text is written in codes that
each document gives its characters as it first meets them (ASCII keeps its own codes), under
font names numbered in the order the fonts are first used. So a recording notes, for each
font it used, the font's name in the document and the code of every other character it
wrote, in the order it met them. Before a replay, the document gives the characters it has
not met yet their codes in that order, as drawing afresh would; the replay happens only where
the document then writes every character as recorded, and otherwise the flowable is drawn
afresh. Either way the bytes are the ones an uncached build writes.

A step that adds an object to the document (a picture's form, a link) is not recorded as
operators but run again at every replay (``live``). A link is placed by the canvas's current
transformation, which a replay does not keep up to date (its operators go straight into the
page, nested translations and all): a step that is ``placed`` so is kept only where it runs at
the transformation its recording started at (nothing nested between, as a table's cells are
drawn), so that a replay, which runs it at the transformation the replay starts at, gives the
link drawing afresh would. A drawing that adds an annotation other than by such a step is not
kept. Recording never writes a file; the operators are kept per process only.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass
from typing import Callable, Hashable

from reportlab.lib.rl_accel import fp_str

from handouts.kept import found as kept_found
from handouts.kept import keep

# operators that name a document's resource other than a font: a replay could not vouch for
# them (a picture's form is drawn by ``live`` instead)
_PER_DOCUMENT = re.compile(r"/\S+ (gs|Do|BDC)\b|\bsh\b|/Pattern\b")
# drawings kept per process, and paragraphs' lines (paragraph): about 3.5 KB each, the least
# recently used given up first (at 20,000 the web app, which meets new ones with every dose
# and note typed, kept 130 MB of them)
LIMIT = 5_000


@functools.cache
def enabled() -> bool:
    """False with HANDOUTS_NO_REPLAY set (read once per process): every block laid out and
    drawn afresh, to compare the bytes with."""
    return not os.environ.get("HANDOUTS_NO_REPLAY")


def note_text(font, text: str) -> None:
    """A font wrote ``text``: the recording in progress needs the font, and the codes of the
    characters outside ASCII (the only ones a document may code otherwise)."""
    active = _recordings()
    if active:
        active[-1].fonts.setdefault(font, {}).update(
            dict.fromkeys(c for c in map(ord, text) if not 32 <= c < 127))


def _code(font, state, char: int) -> int | None:
    """The code ``state``'s document writes ``char`` in; None if it has none yet."""
    if char == 0xA0:
        char = 32  # reportlab writes a no-break space as a space
    code = state.assignments.get(char)
    if code is None and char not in font.face.charToGlyph:
        return 0  # drawn as the font's blank glyph in every document
    return code


@dataclass(frozen=True)
class Drawn:
    """Recorded operators (str) and live steps (callables taking the canvas), in order, and
    what they need of a document: per font, its name there and the codes of its characters."""

    parts: tuple
    fonts: tuple  # ((font, internal name, ((char, code), ...)), ...)
    # the parts as runs of operators (tuples, each written in one go) between live steps
    runs: tuple = ()
    placed: bool = False  # has a placed live step: run at the transformation it starts at

    @property
    def plain(self) -> bool:
        """Operators only, no live step."""
        return all(isinstance(run, tuple) for run in self.runs)

    def fits(self, doc) -> bool:
        """Whether ``doc`` writes every character as recorded, once the characters it has
        not met yet are given their codes — in the order a fresh drawing would meet them, so
        that if the codes differ, drawing afresh gives each the code it would have anyway."""
        for font, name, _ in self.fonts:
            state = font.state.get(doc)
            known = state.internalName if state is not None else None
            if known is None and name is not None:
                # a font the document has not written in yet: drawing afresh would name it
                # now, next in the document's numbering (fonts are met in the recorded order)
                if f"{type(font).State.namePrefix}{len(doc.fontMapping) + 1}" != name:
                    return False
                font.splitString("", doc)
                font.getSubsetInternalName(0, doc)
            elif known != name:
                return False
        for font, _, codes in self.fonts:
            state = font.state[doc]
            new = [char for char, _ in codes if _code(font, state, char) is None]
            if new:
                font.splitString("".join(map(chr, new)), doc)
            if any(_code(font, state, char) != code for char, code in codes):
                return False
        return True

    def replay(self, canvas) -> None:
        for run in self.runs:
            if isinstance(run, tuple):
                canvas._code.extend(run)
            else:
                run(canvas)


def draw_on(canvas, key: Hashable, x: float, y: float) -> bool:
    """What ``Flowable.drawOn`` writes (save the state, move to x y, draw, restore) for a
    flowable whose drawing under ``key`` is replayed whole here, written straight into the
    page without reportlab's bookkeeping of the state it restores anyway; False (nothing
    written) where it cannot be: then the flowable is drawn on as usual."""
    if not enabled() or _recordings():  # inside a recording: drawOn keeps the books
        return False
    found = kept_found(_drawn, key)
    if found is None or not found.plain or not found.fits(canvas._doc):
        return False
    code = canvas._code
    # as saveState and translate write them (translate joins no earlier "cm" after a "q")
    code.append("q")
    code.append(f"{fp_str(1, 0, 0, 1, x, y)} cm")
    code.extend(found.parts)
    code.append("Q")
    return True


class _Recording:
    def __init__(self, canvas):
        self.code = canvas._code
        self.mark = len(self.code)
        self.matrix = canvas._currentMatrix  # where it starts (a new tuple at each transform)
        self.placed = False
        self.annotations = 0  # added by live steps (run again at every replay)
        self.parts: list = []
        self.fonts: dict = {}  # font -> its characters outside ASCII, as first met
        self.broken = False

    def cut(self, canvas) -> None:
        """Operators up to here are recorded as they are."""
        if canvas._code is not self.code:
            self.broken = True  # drawn into another stream (a form): not ours to keep
            return
        self.parts.extend(self.code[self.mark:])
        self.mark = len(self.code)

    def resume(self, canvas) -> None:
        self.mark = len(canvas._code)

    def adopt(self, placed: bool, matrix, annotations: int) -> None:
        """What was drawn inside this recording (recorded or replayed, starting at
        ``matrix``) has placed steps or not, and added ``annotations`` by live steps."""
        self.annotations += annotations
        if placed:
            self.placed = True
            self.broken |= matrix is not self.matrix

    def met(self, fonts) -> None:
        """What was drawn inside this recording met these fonts' characters."""
        for font, _, codes in fonts:
            self.fonts.setdefault(font, {}).update(dict.fromkeys(c for c, _ in codes))


# the recordings in progress, innermost last; one stack per thread (the web app renders in
# several)
_local = threading.local()


def _recordings() -> list[_Recording]:
    try:
        return _local.stack
    except AttributeError:
        _local.stack = []
        return _local.stack

_drawn: dict[Hashable, Drawn] = {}
_seen: set = set()  # keys drawn once, not recorded yet


def live(canvas, step: Callable, placed: bool = False) -> None:
    """Run ``step(canvas)`` now, and again at every replay of what is being recorded.
    ``placed``: the step places what it adds by the canvas's current transformation (a link
    over a rectangle given relative to it); see the module."""
    active = _recordings()
    if active:
        recording = active[-1]
        recording.cut(canvas)
        before = len(canvas._annotationrefs)
        step(canvas)
        recording.parts.append(step)
        recording.adopt(placed, canvas._currentMatrix, len(canvas._annotationrefs) - before)
        recording.resume(canvas)
    else:
        step(canvas)


def draw(canvas, key: Hashable, drawing: Callable[[], None]) -> None:
    """Replay what ``key`` drew before where this document allows; else ``drawing()`` and
    record it."""
    if not enabled():
        drawing()
        return
    doc = canvas._doc
    found = kept_found(_drawn, key)
    if found is None and key not in _seen:
        # the first time, just draw (inside a recording, that one keeps it): a process that
        # makes one handout, a cold build, would record for nothing
        if len(_seen) >= LIMIT:
            _seen.clear()
        _seen.add(key)
        drawing()
        return
    active = _recordings()
    parent = active[-1] if active else None
    if found is not None and found.fits(doc):
        if parent:
            parent.cut(canvas)
            before = len(canvas._annotationrefs)
        found.replay(canvas)
        if parent:
            parent.parts.extend(found.parts)
            parent.met(found.fonts)
            parent.adopt(found.placed, canvas._currentMatrix,
                         len(canvas._annotationrefs) - before)
            parent.resume(canvas)
        return
    if parent:
        parent.cut(canvas)
    recording = _Recording(canvas)
    annotations = len(canvas._annotationrefs)
    active.append(recording)
    try:
        drawing()
        recording.cut(canvas)
    finally:
        active.pop()
    fonts = _requirements(recording, doc)
    if parent:
        parent.parts.extend(recording.parts)
        parent.met(fonts)
        parent.broken |= recording.broken
        parent.adopt(recording.placed, recording.matrix, recording.annotations)
        parent.resume(canvas)
    if recording.broken or len(canvas._annotationrefs) - annotations != recording.annotations \
            or any(isinstance(p, str) and _PER_DOCUMENT.search(p) for p in recording.parts):
        return
    keep(_drawn, key, Drawn(tuple(recording.parts), fonts, _runs(recording.parts),
                            recording.placed), LIMIT)


def _runs(parts: list) -> tuple:
    runs: list = []
    for part in parts:
        if not isinstance(part, str):
            runs.append(part)
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(part)
        else:
            runs.append([part])
    return tuple(tuple(run) if isinstance(run, list) else run for run in runs)


def _requirements(recording: _Recording, doc) -> tuple:
    """Per font used: its name in ``doc`` and the codes of the characters written in it."""
    out = []
    for font, chars in recording.fonts.items():
        state = font.state.get(doc)
        if state is None:
            continue  # asked for no text at all
        out.append((font, state.internalName, tuple((c, _code(font, state, c)) for c in chars)))
    return tuple(out)


def clear() -> None:
    """Forget what was kept, as a new process starts."""
    _drawn.clear()
    _seen.clear()
