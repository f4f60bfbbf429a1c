"""What `check`, `build` and the web app say of a patient's side a picture cannot show: a
program names the patient's side (``affected_side``, or a dose's ``side: left``) for an
exercise done on one side, and its picture cannot be drawn for that side; or the dose's words
name the other side ("right arm" where ``affected_side`` is left)."""

from __future__ import annotations

from typing import Sequence

from handouts.errors import Location
from handouts.resolve import Handout
from handouts.workspace import Workspace


def side_notices(handout: Handout, ws: Workspace) -> list[str]:
    """One line per exercise whose picture stays as drawn though the patient's side is
    named: a figure file that neither says (``side: near``) nor shows which side its
    exercise is for, or a clinic's own SVG or photo (not mirrored: its words would be); and
    one whose dose's words name the side the picture does not show (``_other_side``)."""
    return [f"exercises[{ident}]: {line}" for ident, line in _unshown(handout, ws)]


def _unshown(handout: Handout, ws: Workspace) -> list[tuple[str, str]]:
    """``side_notices``, each as the exercise's id and what is said of it."""
    out = []
    for e in handout.exercises:
        said = str(e.dose.side) if e.dose.side is not None else None
        # an exercise with no side in its words may be for both: its picture is no warning
        if e.drawn_side is None or said is None:
            continue
        out += [(e.id, line) for line in _other_side(e, handout, ws.library.language)]
        if e.image is not None and e.image.is_file():
            out += [(e.id, line) for line in _cannot_show(e.image, e.drawn_side, ws)]
    return out


def _other_side(e, handout: Handout, library_language: str) -> list[str]:
    """What is said of a dose whose words name the side the picture does not show ("right
    arm" where the program's ``affected_side`` is left): it prints one side, draws the other.
    Its words are read in the languages resolve.drawn_side read them in, the library's too:
    an English handout of a French library printing "jambe droite" was drawn left unsaid."""
    from handouts.words import dose as doses

    named = doses.side_named(e.dose.side, (*handout.languages, library_language),
                             handout.wording)
    if named not in ("left", "right") or named == e.drawn_side:
        return []
    return [f"its dose says the {named} side, but the program's affected_side is "
            f"{e.drawn_side}, and its picture shows the {e.drawn_side}; make them agree"]


def drawn_side_notices(exercise_id: str, ws: Workspace, side: str | None) -> list[str]:
    """``draw --side``'s: the one line where the exercise's picture cannot show ``side``
    (as ``side_notices`` says it of a handout); none where no side is asked for."""
    image = ws.library.exercise(exercise_id).image
    if side is None or image is None:
        return []
    return [f"exercises[{exercise_id}]: {line}"
            for line in _cannot_show(ws.image_root / image, side, ws)]


def _cannot_show(image, side: str, ws: Workspace) -> list[str]:
    """What is said of a picture that cannot show ``side`` (none where it can)."""
    from handouts.render import figure_sides, pictures

    if pictures.is_figure(image) and figure_sides.can_show(image):
        return []
    name = image.relative_to(ws.image_root) if image.is_relative_to(ws.image_root) else image
    why = ("it does not say which side it draws: give it side: near (or far), the side "
           "the exercise is for" if pictures.is_figure(image) else
           "a clinic's own picture is not mirrored: draw it as a figure file")
    return [f"its picture ({name}) cannot show the {side} side, so it shows it as drawn; "
            f"{why}"]


def side_warnings(ws: Workspace, programs: Sequence = ()) -> list[str]:
    """``check``'s: ``side_notices`` of each program file (as ``read_program_files`` read
    them), at the line of the exercise's side in the file (or of the exercise, of
    ``affected_side`` for one its protocol lists)."""
    return [f"{_where(file, ident)} {line}" for file in programs if file.handout is not None
            for ident, line in _unshown(file.handout, ws)]


def _where(file, ident: str) -> Location:
    data = file.parsed.data if file.parsed is not None else None
    listed = data.get("exercises") if isinstance(data, dict) else None
    ids = [item.get("id") if isinstance(item, dict) else item
           for item in (listed if isinstance(listed, list) else [])]
    # the last listing prints (an exercise listed twice); one its protocol lists is named
    # by the program's side
    path = (("exercises", len(ids) - 1 - ids[::-1].index(ident), "dose", "side")
            if ident in ids else ("affected_side",))
    line = file.parsed.location(path).line if file.parsed is not None else None
    return Location(str(file.path), line, f"exercises[{ident}]")
