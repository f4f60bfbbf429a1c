"""The clinic's phone number is a link a phone can tap (``tel:``) wherever a handout prints
it: page 1's header and the last line of its safety box, and every page's footer. Patients
open the emailed PDF on a phone; a number printed as text only had to be copied by hand.

Where the number is drawn is read back with PDFium (each character's box), the links with
pypdf (each page's /Annots): every place the number is drawn lies inside a link to it.
"""

from __future__ import annotations

import pytest

import handouts as api
from handouts.render.links import tel

from conftest import EXAMPLES, reader
from test_rtl_page import HEBREW_CLINIC, made_clinic, spans

LAYOUTS = ("standard", "compact", "large_print")


def links(pdf: bytes) -> list[list[tuple[str, tuple[float, ...]]]]:
    """Per page, each link annotation: (its URI, its /Rect)."""
    out = []
    for page in reader(pdf).pages:
        found = []
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            assert annotation["/Subtype"] == "/Link"
            assert [float(v) for v in annotation["/Border"]] == [0, 0, 0]  # nothing drawn
            found.append((str(annotation["/A"]["/URI"]),
                          tuple(float(v) for v in annotation["/Rect"])))
        out.append(found)
    return out


def assert_every_number_is_a_link(pdf: bytes, phone: str, uri: str) -> None:
    pages = links(pdf)
    drawn = spans(pdf, phone)
    for page in range(1, len(pages) + 1):  # every page has the footer's
        assert any(p == page for p, *_ in drawn), page
    for page, left, right, baseline in drawn:
        assert any(to == uri and x0 - 0.5 <= left and right <= x1 + 0.5 and y0 <= baseline <= y1
                   for to, (x0, y0, x1, y1) in pages[page - 1]), (page, left, right, baseline)
    # page 1: the header, the safety box and the footer; every other page its footer (page
    # 1's header may link the clinic's email and website too: test_contact_links)
    assert [sum(to.startswith("tel:") for to, _ in found) for found in pages] == [3] + [1] * (
        len(pages) - 1)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_phone_number_is_a_tel_link_wherever_it_prints(ws, jane, layout):
    program = api.load_program(EXAMPLES / "jane-doe.yaml", ws)
    built = api.build_handout(program.model_copy(update={"layout": layout}), ws)
    assert len(reader(built.pdf).pages) > 3
    assert_every_number_is_a_link(built.pdf, "314-941-3970", "tel:3149413970")


def test_links_are_there_for_each_handout_of_a_process_and_of_a_print_file(ws, jane):
    """Page 1's header and safety box are laid out once per process and replayed for later
    handouts: a later one has its links too, and the same input still gives the same bytes.
    A print file of two packets has each packet's links."""
    first = api.build_handout(jane, ws).pdf
    again = api.build_handout(jane, ws).pdf
    assert again == first
    other = api.build_handout(api.program_from_options(
        ws, patient="Ann Example", exercises=["child_pose", "si_joint_correction"],
        date="2026-11-23"), ws)
    assert_every_number_is_a_link(other.pdf, "314-941-3970", "tel:3149413970")
    merged, _ = api.render_handouts([api.build_handout(jane, ws).handout, other.handout], ws)
    pages = links(merged)
    assert all(found for found in pages)
    assert sum(len(found) == 3 for found in pages) == 2  # each packet's page 1


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_a4_clinic_s_number_with_spaces_links_in_its_footer_of_its_own_line(layout):
    """The Dublin example: "01 555 0142", and in large print the contact line of its own
    under the patient's name, the website after the number."""
    dublin = api.open_workspace(home=EXAMPLES / "dublin-shoulder")
    program = api.load_program(EXAMPLES / "dublin-shoulder" / "examples" / "aoife-byrne.yaml",
                               dublin)
    built = api.build_handout(program.model_copy(update={"layout": layout}), dublin)
    assert_every_number_is_a_link(built.pdf, "01 555 0142", "tel:015550142")


@pytest.fixture(scope="module")
def hebrew(tmp_path_factory) -> api.Workspace:
    return api.open_workspace(home=made_clinic(tmp_path_factory.mktemp("hebrew") / "clinic",
                                               HEBREW_CLINIC))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_on_a_mirrored_page_the_link_is_where_the_number_is(hebrew, layout):
    """A Hebrew handout's footer is drawn from the left, the number first in drawing order."""
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": "he",
            "layout": layout, "exercises": ["pendulum", "shoulder_blade_squeeze"],
            "education": ["sleeping"]}
    built = api.build_handout(api.program_from_data(data, hebrew, source="test"), hebrew)
    assert_every_number_is_a_link(built.pdf, "03 555 0142", "tel:035550142")


@pytest.mark.parametrize("phone, uri", [
    ("314-941-3970", "tel:3149413970"), ("01 555 0142", "tel:015550142"),
    ("+353 1 555 0142", "tel:+35315550142"), ("+1 (314) 941-3970", "tel:+13149413970"),
    ("(314) 941-3970 ext. 12", "tel:3149413970;ext=12"), ("555-0100 x7", "tel:5550100;ext=7"),
    ("1-800-PT-HELPS", "tel:18007843577"), ("٠٣ ٥٥٥ ٠١٤٢", "tel:035550142"),
    # not one number: printed, not linked
    ("555-0100 (front desk)", None), ("555-0100 or 555-0101", None), ("Call 555", None),
    ("12", None), ("1234567890123456", None)])
def test_what_a_tel_link_calls(phone, uri):
    assert tel(phone) == uri


@pytest.mark.parametrize("phone", ["555-0100 OPTION 2", "555-0100 FRONT"])
def test_a_number_with_a_word_in_capitals_prints_without_a_link(tmp_path, phone):
    """A word after the number, in capitals ("OPTION 2"), is words, not a keypad's letters
    (1-800-PT-HELPS joins its letters to the number): read as digits it made a link that
    called another number (tel:55501006784662)."""
    from test_contact_links import DUBLIN, build, clinic_with

    pdf = build(clinic_with(tmp_path, DUBLIN, phone=f"'{phone}'"), "aoife-byrne.yaml")
    assert spans(pdf, phone)  # printed as written
    assert [to for found in links(pdf) for to, _ in found if to.startswith("tel:")] == []
    assert tel(phone) is None


def _canvas_with_a_link(made_by, uri: str, rect, relative: bool, encrypt=None) -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), invariant=1, encrypt=encrypt)
    canvas.translate(31.5, 40.25)
    canvas.scale(1.5, 0.75)
    made_by(canvas, uri, rect, relative)
    canvas.showPage()
    return canvas.getpdfdata()


@pytest.mark.parametrize("relative", [False, True])
@pytest.mark.parametrize("uri", ["tel:+35315550100", "https://example.ie/book(now)?a=1&b=2",
                                 "mailto:front%20desk@example.com"])
def test_a_link_is_written_as_reportlab_writes_one(uri, relative):
    """links.link formats its annotation itself (reportlab's took a tenth of a build): the
    PDF is the same, byte for byte, as reportlab's own linkURL with no border makes; locked
    too, its address encrypted as reportlab encrypts it."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    from handouts.render import links as made

    rect = (10.123456, 20.5, 210.0, 44.75)
    theirs = lambda c, u, r, rel: c.linkURL(u, r, relative=int(rel), thickness=0)  # noqa: E731
    assert _canvas_with_a_link(made.link, uri, rect, relative) == \
        _canvas_with_a_link(theirs, uri, rect, relative)
    locked = [reader(_canvas_with_a_link(way, uri, rect, relative,
                                         StandardEncryption("", "owner", canPrint=1)))
              for way in (made.link, theirs)]
    for pdf in locked:
        pdf.decrypt("")
    ours, reportlab = ([(str(a.get_object()["/A"]["/URI"]),
                         [float(v) for v in a.get_object()["/Rect"]])
                        for a in pdf.pages[0]["/Annots"]] for pdf in locked)
    assert ours == reportlab and ours[0][0] == uri
