"""The third example clinic, a knee clinic in Columbus (examples/knee-clinic): every picture
drawn from its own figure files, its words plain, and its pictures showing what its steps say:
the rolled towel under the knee being worked, the heels rising without a second, fainter body
behind the first."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

import handouts as api
from handouts.cli import main
from handouts.figures import geometry as g
from handouts.figures import load_figure, scene, svg

from conftest import ROOT, page_texts, reader

KNEE = ROOT / "examples" / "knee-clinic"
OTHER_CLINICS = ["More 4 Life", "314", "Liffey", "Dublin", "programme", "low back", "shoulder"]


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_knee_clinic_checks_clean_plain_language_included():
    result = run("--home", str(KNEE), "check")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no problem and no warning: not one hard word
    assert ('OK: 6 exercises, 2 education topics, 1 protocol, 1 example program; clinic '
            '"Maple Ridge Knee Clinic"') in result.stdout


@pytest.mark.parametrize("program", sorted(p.name for p in (KNEE / "examples").glob("*.yaml")))
def test_its_handout_draws_every_exercise_and_carries_nothing_of_another_clinic(program):
    ws = api.open_workspace(home=KNEE)
    built = api.build_handout(api.load_program(KNEE / "examples" / program, ws), ws)
    assert not built.warnings, built.warnings
    text = " ".join(" ".join(page_texts(built.pdf)).split())
    assert "Maple Ridge Knee Clinic" in text and "(614) 555-0173" in text
    for word in OTHER_CLINICS:
        assert word not in text, word
    assert "Picture not available" not in text
    pages = reader(built.pdf).pages
    assert [round(float(v)) for v in pages[0].mediabox[2:]] == [612, 792]  # Letter
    # the six exercises' pictures, each drawn from its figure file, and the logo
    drawings = {name for page in pages for name in (page["/Resources"].get("/XObject") or {})
                if "fig_" in name}
    assert len(drawings) == 7, drawings


def items_of(name: str) -> list[g.Item]:
    figure = load_figure(KNEE / "images" / f"{name}.figure.yaml")
    built, *_ = svg.layout(figure, scene.Style())
    return built[-1].items


def share_shown(items: list[g.Item], index: int, scale: float = 8.0) -> float:
    """How much of item ``index``'s filled shape nothing drawn after it covers."""
    x0, y0, x1, y1 = g.bounds(items)
    size = (int((x1 - x0) * scale) + 2, int((y1 - y0) * scale) + 2)

    def painted(chosen) -> Image.Image:
        image = Image.new("L", size, 255)
        draw = ImageDraw.Draw(image)
        for i in chosen:
            if items[i].fill and items[i].fill != "none":
                for path in items[i].paths:
                    pts = [((x - x0) * scale, (y1 - y) * scale) for _, ps in path for x, y in ps]
                    if len(pts) > 2:
                        draw.polygon(pts, fill=i)
        return image

    alone = painted([index]).histogram()[index]
    return painted(range(len(items))).histogram()[index] / alone


def test_the_quad_set_shows_the_towel_under_the_knee():
    items = items_of("quad_set")
    (towel,) = [i for i, item in enumerate(items) if item.role == "prop"]
    # behind the whole body, the far leg lying flat hid a third of it
    assert share_shown(items, towel) > 0.9


def test_the_heel_raise_draws_the_heels_start_light_and_no_second_body():
    items = items_of("calf_raise")
    ghosts = [item for item in items if item.role == "ghost"]
    body = [item for item in items if item.role in ("body", "far")]
    assert ghosts
    # the legs where the heels start, no higher than the hips: the trunk and head drawn
    # light a little lower peeped out as slivers under the chin and behind the hips
    assert max(g.bounds([i])[3] for i in ghosts) < g.bounds(body)[3] * 0.65
