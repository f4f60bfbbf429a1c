"""The end of a handout with no education: the week's log and the disclaimer, placed as the
page the exercises leave allows, so that the disclaimer never stands alone on a page where
it can join the exercises, the log or the summary.

The disclaimer follows the log where they share a page. Where they cannot (large print, a
long log in two languages), it ends the exercises' last page instead; where that page has
no room for it either, it is set with its label run into its text (the same size: large
print stays 18 pt), which is a line or two shorter, after the log or under the exercises.
A log taller than a page keeps it under its last rows, as set or run in. Large print knows
before its exercises are laid out whether the end will have room (each exercise starts a
page, so the last one's page can be measured): where it will not, the disclaimer goes under
the summary, where that page has room and the first exercise starts the next page anyway;
else under the last exercise before the end whose page has room for it (each exercise ends
its page, so that room is there for nothing). Only where it fits nowhere does it take a
page of its own."""

from __future__ import annotations

from types import SimpleNamespace

from reportlab.platypus import ActionFlowable, Flowable

from handouts.render.context import Context, esc
from handouts.render.continuation import RunOn
from handouts.render.flowables import height_of
from handouts.words import text


def disclaimer(ctx: Context) -> list[Flowable]:
    """"Please note" over the clinic's disclaimer; the label keeps its text (keepWithNext)."""
    said = ctx.handout.disclaimer
    if not said:
        return []
    return [ctx.p(esc(ctx.say("disclaimer_heading")), "label"), ctx.p(esc(said), "small")]


def run_in_disclaimer(ctx: Context) -> list[Flowable]:
    """The disclaimer in one paragraph, its label in bold at the start of its text ("Please
    note: This program …"), in each language where it is in each."""
    said = ctx.handout.disclaimer
    if not said:
        return []
    labels, texts = text.parts(ctx.say("disclaimer_heading")), text.parts(said)
    if len(labels) != len(texts):  # the clinic's one text for every language
        labels = (ctx.label("disclaimer_heading"),)
        texts = (ctx.join(texts, "words"),) if len(texts) > 1 else texts
    joined = []
    for i, (label, words) in enumerate(zip(labels, texts)):
        colon = ctx.colon(i)
        inside = colon.rstrip()
        joined.append(f"**{label}{inside}**{colon[len(inside):]}{words}")
    return [ctx.p(esc(text.both(joined)), "small")]


class LogAndDisclaimer(Flowable):
    """The log, then the disclaimer, where they fit together (on this page or the next); else
    the disclaimer where it fits whole (see the module), the log on a page of its own.
    ``tight``: the log set with less space (compact), used with the disclaimer, as set or
    run in, only where that keeps both on this page rather than take one more."""

    def __init__(self, log: list[Flowable], note: list[Flowable], run_in: list[Flowable],
                 moved: dict | None = None, tight: list[Flowable] | None = None):
        super().__init__()
        self.log, self.note, self.run_in, self.tight = log, note, run_in, tight
        self.moved = moved if moved is not None else {}  # see AfterSummary

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() where it goes

    def split(self, avail_w, avail_h):
        # handed back to the document after a mark that places nothing, as if they had been
        # in the story all along (the log's heading kept with it, and so on)
        return [_Chosen(), *self._chosen(avail_w, avail_h)]

    def _chosen(self, avail_w: float, avail_h: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        page = frame._height if frame is not None else avail_h
        at_top = frame is None or getattr(frame, "_atTop", False)

        def here(blocks: list[Flowable]) -> bool:
            return _on_page(blocks, avail_w, avail_h, at_top) <= avail_h

        def on_a_page(blocks: list[Flowable]) -> bool:
            return _on_page(blocks, avail_w, page, True) <= page

        log, note, run_in = self.log, self.note, self.run_in
        if self.moved.get("placed"):  # it went under the summary
            return log
        if not on_a_page(log):  # a log taller than a page: the disclaimer follows its end
            log[-1].keepWithNext = 0
            return [*log, _AfterTallLog(note, run_in)]
        if not here([*log, *note]) and self.tight:
            for ending in (note, run_in):
                if here([*self.tight, *ending]):
                    return self._after(self.tight, ending)
        if on_a_page([*log, *note]) or here([*log, *note]):
            return self._after(log, note)
        if here(note):
            return self._before(note, log)
        if on_a_page([*log, *run_in]):
            return self._after(log, run_in)
        if here(run_in):
            return self._before(run_in, log)
        return self._before(note, log)  # it fits nowhere else: a page of its own

    @staticmethod
    def _after(log: list[Flowable], note: list[Flowable]) -> list[Flowable]:
        log[-1].keepWithNext = 1  # the log keeps the disclaimer after it company
        return [*log, *note]

    @staticmethod
    def _before(note: list[Flowable], log: list[Flowable]) -> list[Flowable]:
        log[-1].keepWithNext = 0
        return [*note, *log]


def nowhere_at_the_end(ctx: Context, log: list[Flowable], last: list[Flowable]) -> bool:
    """Whether the disclaimer (even run in) can neither share the log's page (a log of a
    page at most) nor fit under the last exercise, ``last`` (large print: the exercise
    starts a page and ends the handout's exercises)."""
    t = ctx.theme
    width, page = t.frame_width, t.frame_height
    run_in = run_in_disclaimer(ctx)
    if _on_page(log, width, page, True) > page:
        return False  # its end takes the disclaimer (_AfterTallLog)
    if _on_page([*log, *run_in], width, page, True) <= page:
        return False
    return _room_under(last, width, page) < _on_page(run_in, width, page, False) + t.space.sm


def under_an_exercise(ctx: Context, pages: list[list[Flowable]], run_in: list[Flowable],
                      ) -> int:
    """The last of large print's exercises (each set a page at a time, ``page_card``) that
    leaves room on its last page for the disclaimer run in; -1 for none."""
    t = ctx.theme
    width, page = t.frame_width, t.frame_height
    needs = _on_page(run_in, width, page, False) + t.space.sm
    return next((i for i in reversed(range(len(pages)))
                 if _room_under(pages[i], width, page) >= needs), -1)


def _room_under(shown: list[Flowable], width: float, page: float) -> float:
    """The room an exercise set a page at a time (``page_card``) leaves on its last page."""
    room = page
    for part in shown:
        if not isinstance(part, RunOn):
            room -= _on_page([part], width, page, room == page)
            continue
        left = RunOn(part.parts, part.title)  # the real one is left as it is
        while True:
            left._frame = SimpleNamespace(_atTop=room == page)
            pieces = left.split(width, room)
            if not pieces:  # nothing of it fits here: it goes on under its title
                if room == page:
                    return 0.0  # cannot tell: as if the page were full
                room, left = page, RunOn(left.parts, left.title, continued=True)
                continue
            more = pieces.pop() if isinstance(pieces[-1], RunOn) else None
            room -= _on_page(pieces, width, room, room == page)
            if more is None:
                break
            room, left = page, more
    return room


class AfterSummary(Flowable):
    """Large print, with no education, where the disclaimer can neither share the log's page
    nor fit under the last exercise (``nowhere_at_the_end``): it goes under the summary
    where the page the summary ends on has room for it (as set, else run in) and the first
    exercise starts the next page anyway (``starts_page``: the room it needs to start on
    this one; endless under an exercise, see under_an_exercise); ``moved`` tells the log,
    and a second AfterSummary, it was placed. Else nothing is placed, and it goes at the end
    (LogAndDisclaimer)."""

    def __init__(self, note: list[Flowable], run_in: list[Flowable], starts_page: float,
                 moved: dict):
        super().__init__()
        self.note, self.run_in, self.starts_page, self.moved = note, run_in, starts_page, moved

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() where it goes

    def split(self, avail_w, avail_h):
        at_top = getattr(getattr(self, "_frame", None), "_atTop", True)
        if avail_h < self.starts_page and not at_top and not self.moved.get("placed"):
            for shown in (self.note, self.run_in):
                if _on_page(shown, avail_w, avail_h, at_top) <= avail_h:
                    self.moved["placed"] = True
                    return [_Chosen(), *shown]
        return [_Chosen()]


class _AfterTallLog(Flowable):
    """The disclaimer under the last rows of a log that ran on from page to page: as set
    where it fits, else run in where that fits, else at the top of the next page."""

    def __init__(self, note: list[Flowable], run_in: list[Flowable]):
        super().__init__()
        self.note, self.run_in = note, run_in

    def wrap(self, avail_w, avail_h):
        return avail_w, 0xFFFFFF  # never drawn whole: the frame asks split() where it goes

    def split(self, avail_w, avail_h):
        at_top = getattr(getattr(self, "_frame", None), "_atTop", True)
        for shown in (self.note, self.run_in):
            if _on_page(shown, avail_w, avail_h, at_top) <= avail_h:
                return [_Chosen(), *shown]
        return [_Chosen(), *self.note] if at_top else []


class _Chosen(ActionFlowable):
    """Places nothing: what follows it is laid out as flowables of the story are."""

    def apply(self, doc):
        pass


def _on_page(blocks: list[Flowable], width: float, room: float, at_top: bool) -> float:
    """The height ``blocks`` take in a frame: the space after the last is not (a frame
    needs no room for it), nor the space before the first at the top of a page."""
    if not blocks:
        return 0.0
    drop = blocks[-1].getSpaceAfter() + (blocks[0].getSpaceBefore() if at_top else 0.0)
    return height_of(blocks, width, room) - drop
