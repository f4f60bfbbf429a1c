"""A figure's drawing is measured from the SVG the figure engine writes, and turned into
shapes (svglib's parse, most of a first build's time) only where it is drawn: a card tries
its picture at several sizes, and parsing each size tried cost a clinic's first build a
third of a second. Read back from the PDF (the forms it holds) and from svglib itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT, reader

from handouts.render import pictures, svgs

SHIPPED_FIGURES = sorted([*ROOT.glob("images/*.figure.yaml"),
                          *EXAMPLES.glob("*/images/*.figure.yaml")])


@pytest.mark.parametrize("path", SHIPPED_FIGURES, ids=lambda p: p.name)
def test_a_figure_measured_is_the_size_svglib_makes_it(path):
    for stretch in (1.0, 1.4, 0.8):
        for rtl in (False, True):
            svg, fell = pictures._drawn_figure(str(path), "#0b6e75", "#b35900", ("en",),
                                               stretch, 1.0, rtl)
            measured = pictures._measured_figure(svg, fell, "key", "stored")
            parsed = svgs.drawing(svg.encode("utf-8"))
            assert measured.drawing is None  # not parsed yet
            assert (measured.width, measured.height) == (parsed.width, parsed.height)
            # and drawn, it is svglib's drawing of the same SVG
            assert measured.make().drawing.getBounds() == parsed.getBounds()


def test_a_figure_the_engine_made_unusable_is_told_where_it_is_loaded():
    empty = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"></svg>'
    with pytest.raises(pictures.PictureError, match="draws nothing"):
        pictures._measured_figure(empty, (), "key", "stored")
    # a number that is none: parsed at once, as svglib reads it, not measured
    odd = empty.replace("></svg>", '><path d="M0 0Lnan 5" stroke="#000"/></svg>')
    assert pictures._measured_figure(odd, (), "key", "stored").drawing is not None
    # a title's words are no numbers: "pregnant", "infant" leave the drawing measured
    titled = empty.replace("></svg>", '><title>A pregnant woman on an infant mat</title>'
                                        '<path d="M0 0L5 5" stroke="#000"/></svg>')
    assert pictures._measured_figure(titled, (), "key", "stored").drawing is None


_FIRST_BUILD = """
import json, sys
sys.path.insert(0, {root!r})
import handouts as api
from handouts.render import svgs
parsed = []
drawing = svgs.drawing
def counted(content):
    parsed.append(len(content))
    return drawing(content)
svgs.drawing = counted
ws = api.open_workspace()
program = api.load_program({program!r}, ws)
open({out!r}, "wb").write(api.build_handout(program, ws).pdf)
print(json.dumps(len(parsed)))
"""


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_a_first_build_parses_only_the_drawings_it_prints(tmp_path, layout):
    out = tmp_path / "first.pdf"
    program = tmp_path / "program.yaml"
    program.write_text((EXAMPLES / "jane-doe.yaml").read_text(encoding="utf-8").replace(
        "layout: standard", f"layout: {layout}"), encoding="utf-8")
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(tmp_path / "empty-cache")}
    env.pop("HANDOUTS_NO_REPLAY", None)
    run = subprocess.run([sys.executable, "-c", _FIRST_BUILD.format(
        root=str(ROOT), program=str(program), out=str(out))],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    parsed = json.loads(run.stdout.strip().splitlines()[-1])
    forms = {x.idnum for page in reader(out.read_bytes()).pages
             for x in (page["/Resources"].get("/XObject") or {}).values()
             if x.get_object().get("/Subtype") == "/Form"}
    # every picture printed is a form of its own (the logo, each exercise's drawing), and
    # each was parsed once: none that the layout only tried at another size
    assert parsed == len(forms) > 3
