"""A drawing that makes links (page 1's header and safety box: the clinic's phone, email and
website) is recorded and replayed like any other, its links made again at every replay
where drawing afresh puts them. A replay writes its operators straight into the page, so
the canvas does not know the translations nested inside it: a link is kept only where it is
placed by the transformation its recording started at, and the replay places it by the one
the replay starts at. Each drawing here is compared with the same drawn afresh (no replay),
byte for byte; the links are read back with pypdf."""

from __future__ import annotations

import io
import itertools

import pytest
from reportlab.pdfgen.canvas import Canvas

import handouts as api
from handouts.render import links, replay

from conftest import EXAMPLES, reader
from test_contact_links import DUBLIN, EMAIL, SITE, assert_drawn_inside_its_link
from test_phone_links import assert_every_number_is_a_link
from test_phone_links import links as links_of

# where each drawing is drawn, in turn: the first is drawn afresh, the second recorded, the
# rest replayed; offsets whose sums round differently, so that a link worked out from a sum
# in another order would show it
PLACES = [(72.1, 500.3), (13.37, 701.9), (0.1 + 0.2, 33.3), (123.456789, 0.7), (55.5, 99.99)]
_keys = itertools.count()


def link_at_start(canvas):
    canvas.rect(1.1, 2.2, 30.3, 10.1)
    links.link_over(canvas, "tel:5550100", (1.1, 2.2, 31.4, 12.3))


def link_nested(canvas):
    """A link placed inside a translation of the drawing's own (as a flowable's drawOn)."""
    canvas.saveState()
    canvas.translate(5.05, 3.3)
    canvas.rect(0, 0, 10, 10)
    links.link_over(canvas, "tel:5550101", (0.1, 0.2, 9.9, 9.7))
    canvas.restoreState()


def inner(key, drawing, *, nested: bool):
    """A drawing that draws the drawing ``key`` (itself recorded or replayed): at its own
    start, or inside a translation."""
    def draw(canvas):
        if nested:
            canvas.saveState()
            canvas.translate(0.7, 11.11)
        replay.draw(canvas, key, lambda: drawing(canvas))
        if nested:
            canvas.restoreState()
        links.link_over(canvas, "mailto:a@example.ie", (0, 0, 20.2, 5.5))
    return draw


def page(drawing, key=None) -> bytes:
    """``drawing`` at each of PLACES on one page: through replay under ``key``, or afresh."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for x, y in PLACES:
        canvas.saveState()
        canvas.translate(x, y)
        if key is None:
            drawing(canvas)
        else:
            replay.draw(canvas, key, lambda: drawing(canvas))
        canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def rects(pdf: bytes) -> list[tuple[str, list[float]]]:
    return [(str(a.get_object()["/A"]["/URI"]), [float(v) for v in a.get_object()["/Rect"]])
            for a in reader(pdf).pages[0]["/Annots"]]


@pytest.mark.skipif(not replay.enabled(), reason="replay is off (HANDOUTS_NO_REPLAY)")
def test_a_drawing_with_a_link_is_replayed_with_its_link_where_the_replay_is():
    key = ("test_replay_links", next(_keys))
    afresh, replayed = page(link_at_start), page(link_at_start, key)
    assert replayed == afresh
    assert replay._drawn[key].placed
    found = rects(replayed)
    assert [uri for uri, _ in found] == ["tel:5550100"] * len(PLACES)
    for (x, y), (_, (x0, y0, x1, y1)) in zip(PLACES, found):
        assert (x0, y0, x1, y1) == pytest.approx((x + 1.1, y + 2.2, x + 31.4, y + 12.3))


@pytest.mark.skipif(not replay.enabled(), reason="replay is off (HANDOUTS_NO_REPLAY)")
def test_a_link_inside_a_translation_of_the_drawing_s_own_is_never_replayed():
    key = ("test_replay_links", next(_keys))
    assert page(link_nested, key) == page(link_nested)
    assert key not in replay._drawn  # drawn afresh every time


@pytest.mark.skipif(not replay.enabled(), reason="replay is off (HANDOUTS_NO_REPLAY)")
@pytest.mark.parametrize("nested", [False, True])
def test_a_replayed_drawing_with_links_inside_another_keeps_it_only_at_its_start(nested):
    """The outer drawing holds the inner one's links (recorded, or replayed as the inner one
    is kept first): kept where the inner one starts where the outer one does."""
    key, outer = ("test_replay_links", next(_keys)), ("test_replay_links", next(_keys))
    drawing = inner(key, link_at_start, nested=nested)
    assert page(drawing, outer) == page(drawing)
    assert replay._drawn[key].placed
    assert (outer in replay._drawn) is not nested
    assert len(rects(page(drawing, outer))) == 2 * len(PLACES)


def test_page_one_s_links_are_replayed_for_a_third_handout_and_where_the_text_is():
    """Page 1's header and safety box, with the phone's link (and Dublin's email and
    website), are kept after the second handout of a process and replayed for the third:
    each link over its text as drawn."""
    ws = api.open_workspace()
    jane = api.load_program(EXAMPLES / "jane-doe.yaml", ws)
    dublin = api.open_workspace(home=DUBLIN)
    aoife = api.load_program(DUBLIN / "examples" / "aoife-byrne.yaml", dublin)
    for layout in ("standard", "compact", "large_print"):
        for name in ("Ann Example", "Bo Example", "Cy Example"):
            for program, workspace in ((jane, ws), (aoife, dublin)):
                patient = program.patient.model_copy(update={"name": name})
                last = api.build_handout(program.model_copy(
                    update={"patient": patient, "layout": layout}), workspace).pdf
                if workspace is ws:
                    assert_every_number_is_a_link(last, "314-941-3970", "tel:3149413970")
                else:
                    assert_every_number_is_a_link(last, "01 555 0142", "tel:015550142")
                    assert_drawn_inside_its_link(last, EMAIL,
                                                 "mailto:hello@liffey-physio.example")
                    assert_drawn_inside_its_link(last, SITE, "https://liffey-physio.example")
                    # and large print's footer has its website too
                    assert len(links_of(last)[0]) == 5 + (layout == "large_print")
    if not replay.enabled():
        return
    # keyed by what they show: the header by the clinic's name first, the box by its phone
    kept = {(key[1], key[2][0 if key[1] == "header" else 1])
            for key, drawn in replay._drawn.items() if key[0] == "fixed" and drawn.placed}
    for clinic in (ws.clinic, dublin.clinic):
        assert {("header", clinic.name), ("safety", clinic.phone)} <= kept
