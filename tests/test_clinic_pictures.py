"""A clinic's own pictures as drawing programs, phones and clip-art sites make them: each
printed as it looks, read back from the PDF. The pictures are made here, at test time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import handouts as api
from conftest import reader

SVG = 'xmlns="http://www.w3.org/2000/svg"'


def built(library_copy, folder: Path, files: dict[str, bytes], layout: str = "standard"):
    """A handout of the library's first exercises, each with one of ``files`` (name →
    content, written into the images/ of the copy in ``folder``) as its picture."""
    ids: list[str] = []

    def use(data):
        for exercise, name in zip(data["exercises"], files):
            exercise["image"] = f"images/{name}"
            ids.append(exercise["id"])

    for name, content in files.items():
        (folder / "images" / name).write_bytes(content)
    ws = library_copy("exercises.yaml", use)
    program = api.program_from_options(ws, patient="Ada Example", exercises=ids,
                                       layout=layout)
    return api.build_handout(program, ws)


def forms(pdf: bytes):
    """Every form object (picture) the pages draw: its content and resources."""
    for page in reader(pdf).pages:
        for form in (page["/Resources"].get("/XObject") or {}).values():
            form = form.get_object()
            if form.get("/Subtype") == "/Form":
                yield form.get_data().decode("latin-1"), form.get("/Resources") or {}


def test_an_svg_s_gradients_and_opacity_are_named_in_its_form_s_resources(library_copy, tmp_path):
    """Inkscape and Illustrator fill with gradients and draw see-through shapes: the form
    a drawing goes in named neither its shadings nor its graphics states, so viewers
    painted the gradients black and the see-through shapes solid (and poppler said
    "ExtGState 'Sh0' is unknown")."""
    gradient = (f'<svg {SVG} width="200" height="100"><defs><linearGradient id="g">'
                '<stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/>'
                '</linearGradient></defs><rect width="200" height="100" fill="url(#g)"/></svg>')
    see_through = (f'<svg {SVG} width="200" height="100"><rect width="200" height="100"/>'
                   '<rect x="20" y="20" width="160" height="60" fill="#fff" '
                   'fill-opacity="0.5"/></svg>')
    made = built(library_copy, tmp_path, {"gradient.svg": gradient.encode(),
                                "see-through.svg": see_through.encode()})
    assert not made.warnings
    used = {"sh": "/Shading", "gs": "/ExtGState"}
    seen = set()
    for content, resources in forms(made.pdf):
        for name, operator in re.findall(r"(/\S+) (sh|gs)\b", content):
            seen.add(operator)
            kind = resources.get(used[operator])
            assert kind is not None and name in kind.get_object(), (name, operator)
    assert seen == {"sh", "gs"}

