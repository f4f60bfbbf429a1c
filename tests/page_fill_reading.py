"""How full a page is, read back from a handout's PDF: the lines in its frame, how far down the
lowest sits, and whether what heads the next page is a block kept whole that could not have
fitted. Shared by test_page_fill and the other tests of how pages are filled."""

from __future__ import annotations

import functools
import re

from handouts.render.theme import theme_for

from conftest import page_visits

# a page other than the last may be emptier than this only where what follows could not fit
FULL_ENOUGH = 0.66


def lines(pdf: bytes, layout: str, paper: str) -> list[list[tuple[float, str]]]:
    """Per page, (baseline height above the frame's foot, text) of every line in the frame;
    bold text is marked with a leading "**"."""
    # a copy, so that a caller that changes it never changes another's
    return [list(page) for page in _lines(pdf, layout, paper)]


# test_page_fill reads each of its 36 handouts two to four times (how full, what heads the
# next page, page 1's safety box and head): pypdf's text walk took as long as some builds
@functools.lru_cache(maxsize=64)
def _lines(pdf: bytes, layout: str, paper: str) -> tuple[tuple[tuple[float, str], ...], ...]:
    theme = theme_for(layout, paper)
    foot = theme.margin + theme.footer_height
    pages = []
    for page in page_visits(pdf):  # the runs pypdf's extract_text gives, where it gives them
        found = []
        for text, cm, tm, font, _ in page:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and y > foot - 1:
                bold = font is not None and "Bold" in str(font.get("/BaseFont"))
                found.append((y - foot, ("**" if bold else "") + text.strip()))
        pages.append(tuple(found))
    return tuple(pages)


def fill(page_lines, layout: str, paper: str) -> float:
    theme = theme_for(layout, paper)
    if not page_lines:
        return 0.0
    return 1 - min(y for y, _ in page_lines) / theme.frame_height


def underfull(pdf: bytes, handout, layout: str, paper: str, *, next_block_excuses: bool):
    """The fill of every page, and the pages other than the last that are less than
    FULL_ENOUGH full; with ``next_block_excuses``, but for those where what heads the next
    page is a block kept whole that could not have fitted."""
    pages = lines(pdf, layout, paper)
    fills = [round(fill(p, layout, paper), 2) for p in pages]
    theme = theme_for(layout, paper)
    frame = theme.frame_height
    slack = 1.5 * theme.style("body").leading
    emptier = []
    for number, (page, amount) in enumerate(zip(pages[:-1], fills), start=1):
        if layout == "large_print" and is_one_exercise(pages[number], handout):
            continue  # the next page is an exercise, which has a page of its own by design
        if layout == "large_print" and (
                with_its_tips(pages[number], frame) > (1 - amount) * frame - slack):
            continue  # it ends an exercise with its tips and what goes on with them, whole
        # the block kept whole that heads the next page could not have fitted here (read from
        # baselines, so give or take a line and a half: they leave out the space above a
        # heading and under a block's last line)
        if next_block_excuses and (
                next_block_height(pages[number], handout, frame, layout) > (1 - amount) * frame - slack):
            continue
        # the summary's last two rows go on together under its column heads (page_one: never
        # one alone), where this page had no room for both
        if two_rows_going_on(page, pages[number], frame) > (1 - amount) * frame - slack:
            continue
        if amount < FULL_ENOUGH:
            emptier.append(number)
    return fills, emptier


def next_block_height(page_lines, handout, frame: float, layout: str) -> float:
    """How tall the block that opens a page is, when it is one kept whole (an exercise card
    or the log): from the top of the frame to where the next card starts, or to the page's
    last line. Zero when the page opens with flowing text, which could have filled a gap."""
    if not page_lines:
        return 0.0
    first = page_lines[0][1].lstrip("*")
    if first.startswith(("Learn about your back", "Aprenda sobre su espalda")):
        # the education's headings, kept with the first two lines of what they head
        body = sorted((y for y, t in page_lines if not t.startswith("**")), reverse=True)
        return frame - body[1] if len(body) > 1 else 0.0
    if CONTINUED.search(first):
        return frame - continued_block_end(page_lines, layout)
    page_lines = [(y, t.lstrip("*")) for y, t in page_lines]
    titles = {text_of(e.title) for e in handout.exercises}
    numbered = {f"{e.number}. {text_of(e.title)}" for e in handout.exercises}
    # a title whole, or the first line of one that wraps (side by side, in two languages)
    heads = [y for y, t in page_lines if any(t.endswith(title) or t == title for title in titles)
             or any(t[:1].isdigit() and ". " in t and title.startswith(t) for title in numbered)]
    opening = max(y for y, _ in page_lines)
    if first.startswith(("Your exercise log", "Su registro de ejercicios")):
        return frame - min(y for y, _ in page_lines)  # the log, kept whole
    if first.startswith(("Your program at a glance", "Su programa de un vistazo")):
        # the summary's heading and words start a page with its table's first row at least
        rows = sorted(heads, reverse=True)
        return frame - (rows[1] if len(rows) > 1 else min(y for y, _ in page_lines))
    # a card, or the exercises' heading that goes with the first card
    starts_card = first.startswith(("Your exercises", "Sus ejercicios")) or (
        heads and max(heads) >= opening - 30)
    if not starts_card:
        return 0.0
    later = sorted(heads, reverse=True)[1:]  # the cards after the one opening the page
    end = later[0] if later else min(y for y, _ in page_lines)
    return frame - end


SUMMARY_HEADS = ("**Exercise", "**Ejercicio")
ROW = re.compile(r"^\*\*(\d+)\.$")


def two_rows_going_on(page_lines, next_lines, frame: float) -> float:
    """How tall the summary's column heads and two rows are where the next page opens
    with them and they are its last (the rows after this page's last); else zero."""
    if not next_lines or next_lines[0][1] not in SUMMARY_HEADS:
        return 0.0
    last = max((int(m[1]) for _, t in page_lines if (m := ROW.match(t))), default=0)
    rows = [(y, int(m[1])) for y, t in next_lines if (m := ROW.match(t))]
    going_on = [y for y, n in rows if n > last][:3]
    if [n for _, n in rows if n > last][:3] != [last + 1, last + 2] or last == 0:
        return 0.0
    # to what follows the second row (the time they take, the exercises), or the page's foot
    after = [y for y, t in next_lines if y < going_on[1] - 1 and t.startswith("**")]
    return frame - (max(after) if after else min(y for y, _ in next_lines))


CONTINUED = re.compile(r"\((continued|continuación)\)$")
STEP = re.compile(r"^\*\*\d+\.$")
TITLE = re.compile(r"^\*\*\d+\. \S")


def continued_block_end(page_lines, layout: str) -> float:
    """Where the part kept whole that opens a page under "N. Title (continued)" ends: a
    standard card's rest is one part, up to the next card's title; in large print, the
    steps go one by one, the cautions together, the tips together."""
    body = [(y, t) for y, t in page_lines if not CONTINUED.search(t)]
    if layout == "large_print":
        starts = [y for y, t in body if STEP.match(t) or (
            t.startswith("**") and t not in ("**!", "**•") and not t.endswith("."))]
    else:
        starts = [y for y, t in body if TITLE.match(t)]
        starts = [max(y for y, _ in body), *starts]  # the rest itself, and the cards after
    later = sorted(set(starts), reverse=True)[1:]
    return later[0] if later else min(y for y, _ in page_lines)


TIPS = ("**Tips", "**Consejos")


def with_its_tips(page_lines, frame: float) -> float:
    """How tall what opens a large-print page under "N. Title (continued)" is, where it is
    what goes on with the exercise's tips, which never go on alone (see render/card.py's
    ``last_cut``): from the frame's top to the tips' last line. Zero where the page opens
    otherwise (more than one step over the tips: they could have gone one by one)."""
    # (the title may wrap: "(continued)" ends one of its first lines)
    if not any(CONTINUED.search(t) for _, t in page_lines[:3]):
        return 0.0
    labels = [y for y, t in page_lines if t in TIPS]
    if not labels or len([y for y, t in page_lines if STEP.match(t) and y > min(labels)]) > 1:
        return 0.0
    end = min(labels)
    for y, t in sorted(((y, t) for y, t in page_lines if y < min(labels)), reverse=True):
        if t.startswith("**") and t != "**•":
            break  # what follows the exercise (the log, the education)
        end = y
    return frame - end


def is_one_exercise(page_lines, handout) -> bool:
    """Whether the page opens an exercise: its title, and its first step or (in large
    print, where keeping a step there would shrink the picture: large_picture.page_row)
    the title first on the page, not "(continued)", the steps starting the next page."""
    texts = " ".join(t.lstrip("*") for _, t in page_lines)
    first = page_lines[0][1].lstrip("*") if page_lines else ""
    opens = not any(CONTINUED.search(t) for _, t in page_lines[:3])
    # the summary on page 1 names every exercise too, but holds none of their steps, and a
    # page it runs on to opens with its column heads
    return any(text_of(e.title) in texts and (
        text_of(e.steps[0])[:25] in texts or opens and first.startswith(f"{e.number}. "))
        for e in handout.exercises)


def text_of(value) -> str:
    return value if isinstance(value, str) else value.parts[0]
