"""A card: one exercise (or a box) as a one-row table kept on one page, drawn once per file
of many handouts and placed by name wherever it recurs."""

from __future__ import annotations

import hashlib
from typing import Callable

from reportlab.platypus import Flowable, Spacer, Table

from handouts.render import mirror
from handouts.render.context import Context, esc
from handouts.render.paragraph import Paragraph
from handouts.resolve import HandoutExercise
from handouts.words import text


class Card(Table):
    """A one-row table kept on one page: where it does not fit, it moves to the next page
    whole. Only a card taller than a whole page (a very long note, say) splits inside its row
    rather than fail the handout (KeepTogether would too, laying every card out once more).

    In a file of many handouts a card is drawn once, as a form XObject named after its
    content (``share``), and placed by name: each patient's same exercise at the same dose
    shares one copy of it.

    ``continued`` (a column and a maker of its title) puts the exercise's title, marked
    "(continued)", at the top of that column on each page a card taller than a page runs on
    to, as a card that runs on between its steps has it; ``also_titled``, the same for other
    columns (a card in two languages side by side: each language's column, where something
    of it goes on, under its own title, as each column reads as a card of its own)."""

    moves_whole = True  # to the next page, where it fits one (see safety.RunsOnBox)

    def __init__(self, data, *args, page_height: float | None = None, share: str | None = None,
                 continued: tuple[int, Callable[[], Flowable]] | None = None,
                 also_titled: tuple[tuple[int, Callable[[], Flowable]], ...] = (), **kw):
        # reportlab makes the parts of a split table by calling this class again: those
        # parts come without a page height or a share key, and split where they must
        kw.setdefault("splitInRow", 1)
        super().__init__(data, *args, **kw)
        self.page_height = page_height
        self.share = share
        self.continued = continued
        self.also_titled = also_titled

    def split(self, avail_width, avail_height):
        if self.moves_whole and self.page_height is not None and self._height <= self.page_height:
            return []
        parts, content = self._split_after_labels(avail_width, avail_height), self._cellvalues[0][0]
        # never a box's heading alone at a page's foot: the box starts on the next page
        first = parts[0]._cellvalues[0][0] if parts and self.page_height else None
        alone = isinstance(first, (list, tuple)) and len(first) == 1 and first[0] is content[0]
        if alone and self._ncols == 1 and len(content) > 1:
            return []
        if len(parts) == 2 and self.continued:
            parts = self._with_tips(parts, avail_width, avail_height)
            rest = parts[-1]
            also = tuple((column, title) for column, title in self.also_titled
                         if _cell(rest, column))  # not over a column with nothing of it
            _labels_again(rest)  # before the titles, which go over the labels
            for column, title in (self.continued, *also):
                _title_on(rest, column, title)
            rest.continued, rest.also_titled = self.continued, self.also_titled
        for part in parts:
            # reportlab makes the parts without them: they drew the picture's column first,
            # so a head's caption and dose were read before its title (Jane's two languages)
            if isinstance(part, Card) and part.continued is None:
                part.continued, part.also_titled = self.continued, self.also_titled
        return parts

    def _with_tips(self, parts: list, avail_width, avail_height) -> list:
        """``parts``, or where what goes on is only the tips, all of them (a card taller than
        a page), the card split higher, so that what comes just ahead of them goes on with
        them; where that would split the picture and the dose box too, ``parts`` (the other
        languages' columns of a card in two languages side by side go on with theirs). A
        list cut between its tips goes on under "Tips (continued)": a tip moved with it
        would only leave its room on this page empty."""
        column = self.continued[0]
        stays = _cell(parts[0], column)
        if len(stays) < 2 or part_of(stays[-1]) == "tips" or \
                not all(part_of(f) == "tips" for f in _cell(parts[1], column)):
            return parts
        style = parts[0]._cellStyles[0][column]
        width = parts[0]._colWidths[column] - style.leftPadding - style.rightPadding
        last = stays[-1]
        moved = last.wrap(width, 0xFFFFFF)[1] + last.getSpaceBefore() + last.getSpaceAfter()
        # from where the cut is, not the page's foot: a tip in two languages goes on whole,
        # and the room it leaves under the cut was room enough to keep ``last`` here again
        used = parts[0].wrap(avail_width, avail_height)[1]
        higher = self._split_after_labels(avail_width, min(used, avail_height) - moved)
        texts = {column, *(c for c, _ in self.also_titled)}
        if len(higher) != 2 or any(_cell(higher[1], c) for c in range(self._ncols)
                                   if c not in texts):
            return parts
        # what goes on takes the next page, not the room the cut leaves on this one
        used = higher[0].wrap(avail_width, avail_height)[1]
        rest_of_page = Spacer(1, max(avail_height - used - 1, 0))
        rest_of_page.hAlign = "LEFT"  # as a card's part has it (see frozen)
        return [higher[0], rest_of_page, higher[1]]

    def _split_after_labels(self, avail_width, avail_height) -> list:
        """Split inside the row, but not after a label ("Be careful", kept with what it
        heads) left at the page's foot: a little higher, so that it goes on with its text;
        where no such split is found, the first one."""
        parts = super().split(avail_width, avail_height)
        found, room = parts, avail_height
        for _ in range(4):
            label = _last_label(found)
            if label is None:
                return found
            room -= label.height + label.getSpaceBefore() + label.getSpaceAfter()
            found = super().split(avail_width, room) if room > 0 else []
            if found and not any(found[0]._cellvalues[0]):
                return []  # nothing before the label: the card moves on whole
        return parts if not found or _last_label(found) is not None else found

    def draw(self):
        self._waiting: list | None = [] if self.continued and self._nrows == 1 else None
        try:
            super().draw()
        finally:
            self._waiting = None

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 - reportlab's name
        """An exercise's text column is drawn before the column beside it (its picture, the
        caption and the dose), so that a screen reader, a copy of the page and a text
        extractor, which follow the order things are drawn in, have the exercise's title
        first and its caption after it, not after the previous exercise's tips. Where
        things are on the page is as before."""
        waiting = getattr(self, "_waiting", None)
        if waiting is None:
            return super()._drawCell(cellval, cellstyle, pos, size)
        if pos[0] < self._colpositions[self.continued[0]]:
            waiting.append((cellval, cellstyle, pos, size))
            return None
        super()._drawCell(cellval, cellstyle, pos, size)
        for cell in waiting:
            super()._drawCell(*cell)
        waiting.clear()
        return None

    def drawOn(self, canvas, x, y, _sW=0):
        if self.share is None:
            return super().drawOn(canvas, x, y, _sW)
        draw_shared(self, canvas, (self._hAlignAdjust(x, _sW), y),
                    (self._width, self._height))


def continued_title(ctx: Context, e: HandoutExercise) -> Paragraph:
    """``3. Lying hip flexor stretch (continued)``, in each of the handout's languages."""
    t = ctx.theme
    marker = ctx.say("continued")
    title = text.both(ctx.join((text.part(e.title, i), text.part(marker, i)), "tied", i)
                      for i in range(len(ctx.handout.languages)))
    return ctx.p(f'<font color="#{t.primary.hexval()[2:]}">{e.number}.</font> {esc(title)}',
                 "card_title")


def continued_label(ctx: Context, key: str, style: str) -> Paragraph:
    """``Be careful (continued)``, in each of the handout's languages: a list's label over
    the items a card taller than a page runs on with (see ``labelled``)."""
    label, marker = ctx.say(key), ctx.say("continued")
    return ctx.p(esc(text.both(ctx.join((text.part(label, i), text.part(marker, i)), "tied", i)
                               for i in range(len(ctx.handout.languages)))), style)


def labelled(ctx: Context, items: list[Flowable], key: str, style: str) -> list[Flowable]:
    """A list's ``items``, each knowing its label (``key`` in ``style``): where a card taller
    than a page runs on to the next page between them, the page opens with the label again,
    marked "(continued)"; a caution read alone, under no heading, reads as any other line."""
    for item in items:
        item.heading_again = lambda item=item: _label_of(item, continued_label(ctx, key, style))
    return items


def _label_of(item: Flowable, label: Flowable) -> Flowable:
    """``label``, over ``item`` again, marked as the same kind of text (see ``marked``): the
    tips under their label again are still only tips, which never go on alone."""
    kind = part_of(item)
    if kind is not None:
        label.part_of = kind
    return label


def marked(flowables: list[Flowable], kind: str) -> list[Flowable]:
    """``flowables`` marked as the ``kind`` of a card's text they are ("tips"): a card that
    runs on to the next page is cut so that its tips never go on alone."""
    for flowable in flowables:
        flowable.part_of = kind
    return flowables


def part_of(flowable: Flowable) -> str | None:
    """What ``flowable`` is of a card's text (see ``marked``); of flowables kept together,
    what all of them are."""
    inside = getattr(flowable, "_content", None)
    if inside is None:
        return getattr(flowable, "part_of", None)
    kinds = {part_of(f) for f in inside}
    return kinds.pop() if len(kinds) == 1 else None


def last_cut(blocks: int, steps: int, tips: bool) -> int:
    """The last of a card's ``blocks`` it may be cut before (0: it is not cut), where the
    first block holds its first two steps, each of the next ``steps - 2`` one more step, and
    the rest what follows the steps (``tips``: the last of them is the tips and nothing else).
    What goes on is never a single step alone (one line at the top of a page), nor the tips
    alone: they went on under the title again by themselves, in large print a page of their
    own. The break is pulled back one block, which goes on with them (the last step, the
    note or the cautions): the page it leaves stays as full as it can."""
    if steps > 2 and blocks == steps - 1:
        return blocks - 2
    return blocks - 2 if tips else blocks - 1


def continues(ctx: Context, e: HandoutExercise, column: int = 1,
              columns: int = 2) -> tuple[int, Callable[[], Flowable]]:
    """A card's ``continued``: its text column (``column`` of ``columns`` as a left-to-right
    page has them) and the exercise's title marked "(continued)"."""
    return (mirror.row(ctx.theme, list(range(columns))).index(column),
            lambda: continued_title(ctx, e))


def draw_shared(flowable: Flowable, canvas, at: tuple[float, float],
                size: tuple[float, float]) -> None:
    """Draw ``flowable`` (a card of this ``size``) as a form named after its ``share`` key,
    written into the document the first time only, and placed by name."""
    width, height = size
    name = "card_" + hashlib.sha1(
        f"{flowable.share}|{width:.2f}x{height:.2f}".encode()).hexdigest()[:16]
    if not canvas.hasForm(name):
        # room around it: rules and bars on the card's edges are centred on them
        bleed = 12
        canvas.beginForm(name, -bleed, -bleed, width + bleed, height + bleed)
        Flowable.drawOn(flowable, canvas, 0, 0)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(*at)
    canvas.doForm(name)
    canvas.restoreState()


def _title_on(part: Table, column: int, title: Callable[[], Flowable]) -> None:
    """The title at the top of ``column`` of a split card's later part."""
    part._cellvalues[0][column] = [title(), *_cell(part, column)]
    # reportlab gave the part the height of what it had: measured again, with the title
    part._argH = part._rowHeights = [None]


def _labels_again(part: Table) -> None:
    """The label of a list that a split card's later ``part`` opens in the middle of, over
    it again in each column (see ``labelled``); the titles go over it after."""
    for column in range(part._ncols):
        cell = _cell(part, column)
        again = getattr(cell[0], "heading_again", None) if cell else None
        if again is not None:
            part._cellvalues[0][column] = [again(), *cell]


def _cell(part: Table, column: int) -> list[Flowable]:
    """The flowables in ``column`` of a one-row table."""
    cell = part._cellvalues[0][column]
    return list(cell) if isinstance(cell, (list, tuple)) else [cell] if cell else []


def _last_label(parts: list) -> Flowable | None:
    """The label that ends a column of a split card's first part, if one does."""
    if len(parts) != 2:
        return None
    for cell in parts[0]._cellvalues[0]:
        if isinstance(cell, (list, tuple)) and cell:
            last = cell[-1]
            if getattr(last, "keepWithNext", 0) or getattr(getattr(last, "style", None),
                                                          "keepWithNext", 0):
                return last
    return None
