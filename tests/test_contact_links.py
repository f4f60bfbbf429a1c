"""The clinic's email address and website on page 1's header are links (``mailto:``,
``https:``), as its phone number is (test_phone_links): a patient reading the emailed PDF on
a phone taps them rather than copying them by hand. They share one paragraph with the
address, which can wrap and can be in a right-to-left script.

Where each address is drawn is read back with PDFium (each character's box), the links with
pypdf: every place an address is drawn lies inside a link to it.
"""

from __future__ import annotations

import io
import shutil

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

import handouts as api
from handouts.render.links import LinksOver, mailto, web
from handouts.render.paragraph import Paragraph

from conftest import EXAMPLES, reader
from test_phone_links import links
from test_rtl_page import HEBREW_CLINIC, made_clinic, spans
from test_rtl_wrapping import drawn_lines

LAYOUTS = ("standard", "compact", "large_print")
DUBLIN = EXAMPLES / "dublin-shoulder"
FOOTER = 150  # points from the foot of the page: the footer is under it
EMAIL, SITE = "hello@liffey-physio.example", "liffey-physio.example"


def drawn(pdf: bytes, address: str) -> list[list[tuple[float, float, float]]]:
    """Each time ``address`` is drawn in page 1's header (not the footer, nor the site's
    name at the end of the email address): its characters as (left, right, baseline), read
    across the lines it is broken over, top to bottom."""
    chars = [(char, left, right, baseline) for baseline, row in drawn_lines(pdf)[0]
             if baseline > FOOTER for char, left, right in row]
    text = "".join(c[0] for c in chars)
    found, at = [], text.find(address)
    while at >= 0:
        if not text[:at].endswith("@"):
            found.append([c[1:] for c in chars[at:at + len(address)]])
        at = text.find(address, at + 1)
    return found


def assert_drawn_inside_its_link(pdf: bytes, address: str, uri: str) -> None:
    """Every character of ``address`` in page 1's header lies inside a link to ``uri``;
    there is one such link for each line it is drawn on, and none elsewhere above the
    footer (whose website is test_the_footer_s_website_is_a_link_where_it_prints's)."""
    pages = [[(to, rect) for to, rect in found if rect[1] > FOOTER] for found in links(pdf)]
    found = drawn(pdf, address)
    assert found, address
    for chars in found:
        for left, right, baseline in chars:
            assert any(to == uri and x0 - 0.5 <= left and right <= x1 + 0.5 and
                       y0 <= baseline <= y1 for to, (x0, y0, x1, y1) in pages[0]), (
                address, left, right, baseline, pages[0])
    assert sum(to == uri for to, _ in pages[0]) == sum(
        len({baseline for *_, baseline in chars}) for chars in found)
    assert not any(to == uri for found in pages[1:] for to, _ in found)


def build(home, program: str, **update) -> bytes:
    ws = api.open_workspace(home=home)
    loaded = api.load_program(home / "examples" / program, ws)
    return api.build_handout(loaded.model_copy(update=update), ws).pdf


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_clinic_s_email_and_website_are_links_on_page_one(layout):
    pdf = build(DUBLIN, "aoife-byrne.yaml", layout=layout)
    assert_drawn_inside_its_link(pdf, EMAIL, "mailto:hello@liffey-physio.example")
    assert_drawn_inside_its_link(pdf, SITE, "https://liffey-physio.example")


def assert_footer_linked(pdf: bytes, address: str, uri: str) -> int:
    """Wherever a footer prints ``address`` whole, it lies inside a link to ``uri``, and
    there is no footer link to ``uri`` where it does not; how many pages print it."""
    pages = links(pdf)
    printed = [hit for hit in spans(pdf, address) if hit[3] < FOOTER]
    for page, left, right, baseline in printed:
        assert any(to == uri and x0 - 0.5 <= left and right <= x1 + 0.5 and y0 <= baseline <= y1
                   for to, (x0, y0, x1, y1) in pages[page - 1]), (page, left, right, baseline)
    assert [sum(to == uri and rect[3] < FOOTER for to, rect in found) for found in pages] == [
        sum(hit[0] == number for hit in printed) for number in range(1, len(pages) + 1)]
    return len(printed)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_footer_s_website_is_a_link_where_it_prints(layout):
    """Large print gives the footer's contact line a line of its own, the website after the
    phone: it was drawn there on every page as text only, though the phone beside it and
    page 1's website were links. Where the footer leaves the website out (it gives way
    first to the phone), it has no link."""
    pdf = build(DUBLIN, "aoife-byrne.yaml", layout=layout)
    pages = len(reader(pdf).pages)
    printed = assert_footer_linked(pdf, SITE, "https://liffey-physio.example")
    assert printed == (pages if layout == "large_print" else 0)


def clinic_with(tmp_path, source, **values) -> object:
    home = tmp_path / "clinic"
    shutil.copytree(source, home)
    path = home / "clinic.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.split(":")[0] not in values]
    path.write_text("\n".join(lines + [f"{k}: {v}" for k, v in values.items()]) + "\n",
                    encoding="utf-8")
    return home


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_contact_line_that_wraps_has_each_address_linked_on_its_line(tmp_path, layout):
    """A long address wraps the line: the email and the website are drawn lower down, and a
    website with its own scheme and path keeps them."""
    home = clinic_with(tmp_path, DUBLIN,
                       address="Unit 4, The Old Distillery Building, 12 Example Quay, "
                               "Smithfield, Dublin 7, D07 XY12, Ireland",
                       website="http://www.liffey-physio.example/appointments/book-online"
                               "?from=handout&lang=en")
    pdf = build(home, "aoife-byrne.yaml", layout=layout)
    assert spans(pdf, EMAIL)[0][3] < spans(pdf, "Unit 4")[0][3]  # on a line under it
    assert_drawn_inside_its_link(pdf, EMAIL, "mailto:hello@liffey-physio.example")
    site = "http://www.liffey-physio.example/appointments/book-online?from=handout&lang=en"
    (chars,) = drawn(pdf, site)
    assert len({baseline for *_, baseline in chars}) >= 2  # broken over two lines or more
    assert_drawn_inside_its_link(pdf, site, site)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_in_a_right_to_left_line_each_address_is_linked_where_it_is_drawn(tmp_path, layout):
    """A Hebrew clinic's contact line runs right to left: its address first, on the right,
    the email and the website to the left of it, each still in its link."""
    home = clinic_with(tmp_path, made_clinic(tmp_path / "made", HEBREW_CLINIC),
                       email="shalom@katef.example", website="katef.example")
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": "he",
            "layout": layout, "exercises": ["pendulum", "shoulder_blade_squeeze"]}
    ws = api.open_workspace(home=home)
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    address = spans(pdf, "הדוגמה")[0]
    email = spans(pdf, "shalom@katef.example")[0]
    if layout != "large_print":  # there, the email goes on the next line
        assert email[3] == address[3] and email[2] < address[1]  # left of the address
    assert_drawn_inside_its_link(pdf, "shalom@katef.example", "mailto:shalom@katef.example")
    assert_drawn_inside_its_link(pdf, "katef.example", "https://katef.example")
    # a mirrored page's footer, drawn from the left: its website is on every page, linked
    assert assert_footer_linked(pdf, "katef.example", "https://katef.example") == len(
        reader(pdf).pages)


def test_what_is_not_one_address_prints_without_a_link(tmp_path):
    home = clinic_with(tmp_path, DUBLIN, email="'hello@liffey-physio.example (front desk)'",
                       website="'liffey-physio.example or ring us'")
    pdf = build(home, "aoife-byrne.yaml")
    assert spans(pdf, "(front desk)") and spans(pdf, "or ring us")
    assert [to for to, _ in links(pdf)[0] if not to.startswith("tel:")] == []


@pytest.mark.parametrize("email, uri", [
    ("hello@liffey-physio.example", "mailto:hello@liffey-physio.example"),
    ("front.desk+web@example.ie", "mailto:front.desk+web@example.ie"),
    ("josé@clínica.example", "mailto:jos%C3%A9@cl%C3%ADnica.example"),
    ("hello@example.ie (front desk)", None), ("a@example.ie; b@example.ie", None),
    ("=?utf-8?q?x?=@example.ie", None), ("hello", None)])
def test_what_a_mailto_link_writes_to(email, uri):
    assert mailto(email) == uri


@pytest.mark.parametrize("website, uri", [
    ("liffey-physio.example", "https://liffey-physio.example"),
    ("www.example.ie/book", "https://www.example.ie/book"),
    ("http://example.ie:8080/a?b=1&c=2", "http://example.ie:8080/a?b=1&c=2"),
    ("www.clínica.example", "https://www.xn--clnica-4va.example"),
    ("example", None), ("Visit example.ie", None), ("example.ie or example.com", None),
    ("example.ie/a b", None)])
def test_what_a_website_link_opens(website, uri):
    assert web(website) == uri


@pytest.mark.parametrize("plain_text, drawn", [
    ("hello@example.ie · example.ie", "the plain paragraph, the links measured over it"),
    ("hello@example.ie", "the linked paragraph itself: the two differ")])
def test_links_over_a_paragraph_are_where_reportlab_puts_them(plain_text, drawn):
    """LinksOver draws the paragraph without links (replayed as any other) and puts over it
    the links reportlab made for its twin with <a href>; where the two would not print the
    same lines, it draws the twin. Either way the links are reportlab's own."""
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=12, leading=15)
    markup = ('<a href="mailto:hello@example.ie">hello@example.ie</a> · '
              '<a href="https://example.ie">example.ie</a>')

    def page(flowable) -> tuple[list, bytes]:
        out = io.BytesIO()
        canvas = Canvas(out)
        flowable.wrapOn(canvas, 300, 100)
        flowable.drawOn(canvas, 72, 500)
        canvas.showPage()
        canvas.save()
        pdf = reader(out.getvalue()).pages[0]
        return ([(str(a.get_object()["/A"]["/URI"]),
                  [round(float(v), 3) for v in a.get_object()["/Rect"]])
                 for a in pdf.get("/Annots") or []], pdf.get_contents().get_data())

    expected, twin = page(Paragraph(markup, style))
    found, content = page(LinksOver(Paragraph(plain_text, style), Paragraph(markup, style)))
    assert found == expected
    plain = page(Paragraph(plain_text, style))[1]
    assert content == (plain if drawn.startswith("the plain") else twin)


def test_a_contact_line_too_wide_for_one_line_breaks_between_its_parts():
    """Wrapped as one paragraph, a line of the header ended in a stray "·" ("12 Example Quay,
    Dublin 8 ·"); now as many whole parts as fit share a line, with no dot at its end."""
    import handouts as api
    from conftest import ROOT, page_texts

    ws = api.open_workspace(home=ROOT / "examples" / "dublin-shoulder")
    program = api.load_program(ROOT / "examples" / "dublin-shoulder" / "examples" /
                               "aoife-byrne.yaml", ws)
    first = page_texts(api.build_handout(program, ws).pdf)[0].splitlines()
    header = first[:first.index("12 Example Quay, Dublin 8") + 2]
    assert header[-1] == "hello@liffey-physio.example · liffey-physio.example", first
