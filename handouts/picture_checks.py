"""What `check` warns about a clinic's own pictures that print, but not as the clinic
meant: an SVG's arrowheads (svglib does not draw markers), a small drawing on a large page,
a picture so tall or so wide that it prints as a strip, a photo with too few pixels to print
sharp, an animated GIF (a handout prints its first frame); a logo with too few pixels for
the header. Found from the pictures `check` loads already, with their sizes on a card."""

from __future__ import annotations

import math
from pathlib import Path

from handouts.errors import Problem
from handouts.input import typed
from handouts.input.loading import parsed_if_readable
from handouts.workspace import inside_folder

# below this many dots an inch on a standard card a photo looks blurred; this many is sharp
BLURRY_DPI = 100
SHARP_DPI = 150
# a picture filling less of its box than this prints as a strip
STRIP = 1 / 3
# a drawing printed at less than this part of the size it could print at, for its page
SMALL_ON_PAGE = 0.5
# a picture no part of which is darker than this grey (0-255) prints as nothing on paper
BLANK = 235


def picture_warnings(library_path) -> list[str]:
    """One line a problem, at the line of the exercise's ``image:``, for each picture of the
    library that loads (the ones that do not are `check`'s errors)."""
    from handouts.render import pictures
    from handouts.render.theme import theme_for

    parsed = parsed_if_readable(library_path)
    entries = parsed.data.get("exercises") if parsed and isinstance(parsed.data, dict) else None
    card, large = theme_for("standard", "Letter"), theme_for("large_print", "Letter")
    found = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        image = entry.get("image") if isinstance(entry, dict) else None
        folder = Path(library_path).parent
        if (not typed.is_relative_path(image) or not inside_folder(folder, image)
                or pictures.is_figure(image)):
            continue
        try:  # as library_picture_problems loads it, so it is loaded once
            picture = pictures.load(folder / image, large.image_width, large.image_height)
        except pictures.PictureError:
            continue
        where = parsed.location(("exercises", i, "image"))
        boxes = ((card.image_width, card.image_height), (large.image_width, large.image_height))
        photo = isinstance(picture, pictures.Raster)
        found += [str(Problem(where, f'"{image}": {said}'))
                  for said in _said(picture, *boxes, photo) + _animated(folder / image, photo)]
    return found


def _said(picture, card: tuple[float, float], large: tuple[float, float],
          photo: bool) -> list[str]:
    from handouts.render.pictures import fit

    width, height = picture.width, picture.height  # a photo's in pixels, a drawing's in points
    on_card, in_large = fit(width, height, *card), fit(width, height, *large)
    said = []
    if photo and width / (on_card[0] / 72) < BLURRY_DPI:
        sharp = [math.ceil(side / 72 * SHARP_DPI / 10) * 10 for side in in_large]
        said.append(f"only {width:.0f} × {height:.0f} pixels, so it prints blurred (about "
                    f"{width / (on_card[0] / 72):.0f} dots an inch on a card, "
                    f"{width / (in_large[0] / 72):.0f} in large print); use a picture of at "
                    f"least {sharp[0]} × {sharp[1]} pixels")
    if on_card[0] * on_card[1] < STRIP * card[0] * card[1]:
        tall = height > width
        said.append(f"{'tall and narrow' if tall else 'wide and low'} ({_ratio(width, height)}),"
                    f" so it prints as a strip {_inches(on_card[0])} wide and "
                    f"{_inches(on_card[1])} tall on a card; crop it nearer to "
                    f"{'3:4' if tall else '4:3'}")
    facts = getattr(picture, "facts", ())
    if facts:
        x0, y0, x1, y1, markers = facts
        page = min(card[0] / width, card[1] / height)
        drawn = min(card[0] / (x1 - x0) if x1 > x0 else math.inf,
                    card[1] / (y1 - y0) if y1 > y0 else math.inf)
        if drawn < math.inf and page < SMALL_ON_PAGE * drawn:
            said.append(f"the drawing fills a small part of its page, so it prints at "
                        f"{page / drawn:.0%} of the size it could; fit the page to it "
                        "(Inkscape: Edit, Resize Page to Selection, or Document Properties, "
                        "Resize page to drawing) and save it again")
        if markers:
            said.append("its arrowheads (SVG markers) are not drawn, so its arrows print "
                        "without a head; turn them into shapes (Inkscape: select the arrow, "
                        "Path, Stroke to Path, or Object to Path) and save it again")
    return said


def logo_warnings(clinic_path) -> list[str]:
    """The clinic's logo, where it is a photo with too few pixels to print sharp at the
    header's size (a 40-pixel icon saved from a website), at the line of ``logo:``; one
    that does not load is `check`'s error (``logo_problems``)."""
    from handouts.render import pictures
    from handouts.render.header import logo_height
    from handouts.render.theme import theme_for

    parsed = parsed_if_readable(clinic_path)
    logo = parsed.data.get("logo") if parsed and isinstance(parsed.data, dict) else None
    folder = Path(clinic_path).parent
    if not typed.is_relative_path(logo) or not inside_folder(folder, logo):
        return []
    # the square every logo prints in at least: a wide one prints wider, and so sharper
    card, large = (logo_height(theme_for(layout, "Letter")) for layout in
                   ("standard", "large_print"))
    try:
        picture = pictures.load(folder / logo, large, large)
    except pictures.PictureError:
        return []
    where = parsed.location(("logo",))
    blank = Problem(where, f'"{logo}": it is white where it is not see-through (a logo made '
                           "for a dark background), so it prints as nothing on white paper; "
                           "use the logo's version for a light background")
    if isinstance(picture, pictures.Vector):
        return [str(blank)] if _svg_blank_on_paper(folder / logo) else []
    if not isinstance(picture, pictures.Raster):
        return []
    if _blank_on_paper(picture.data):
        return [str(blank)]
    width, height = picture.width, picture.height
    on_card = pictures.fit(width, height, card, card)
    in_large = pictures.fit(width, height, large, large)
    dpi = width / (on_card[0] / 72)
    if dpi >= BLURRY_DPI:
        return []
    sharp = [math.ceil(side / 72 * SHARP_DPI / 10) * 10 for side in in_large]
    return [str(Problem(where, (
        f'"{logo}": only {width:.0f} × {height:.0f} pixels, so it prints blurred (about '
        f"{dpi:.0f} dots an inch on a handout, {width / (in_large[0] / 72):.0f} in large "
        f"print); use a picture of at least {sharp[0]} × {sharp[1]} pixels, or the logo "
        "as an SVG")))]


def _blank_on_paper(data: bytes) -> bool:
    """Whether a photo, as it prints (its see-through parts white), is white or nearly all
    over: a logo of white shapes on a transparent background, for a website's dark header."""
    import io

    from PIL import Image

    # our own JPEG or PNG, made by photos.prepared: opened as nothing else
    with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as image:
        darkest, _ = image.convert("L").getextrema()
    return darkest >= BLANK


def _svg_blank_on_paper(path: Path) -> bool:
    """Whether an SVG draws in white or nearly white alone (``_blank_on_paper``'s SVG): the
    colours its shapes, lines and words are filled and stroked with, as svglib reads them.
    A bitmap inside it is not looked into: it may print."""
    from reportlab.graphics.shapes import Image

    from handouts.render import svgs

    try:
        stack = [svgs.drawing(path.read_bytes())]
    except (OSError, svgs.Unusable):
        return False
    darkest = 255.0
    while stack:
        node = stack.pop()
        if isinstance(node, Image):
            return False
        stack.extend(getattr(node, "contents", ()))
        for name in ("fillColor", "strokeColor"):
            colour = getattr(node, name, None)
            if colour is None or getattr(colour, "alpha", 1) == 0 or (
                    name == "strokeColor" and not getattr(node, "strokeWidth", 1)):
                continue
            # as Pillow makes a photo grey (``convert("L")``), on the 0-255 scale of BLANK
            grey = 299 * colour.red + 587 * colour.green + 114 * colour.blue
            darkest = min(darkest, grey * 255 / 1000)
    return darkest >= BLANK


def _animated(path: Path, photo: bool) -> list[str]:
    """An animated GIF (or WEBP, PNG) saved from a web page: paper shows its first frame
    alone, which may be the start of the movement and nothing of it."""
    from handouts.render import photos

    try:
        count = photos.frames(path.read_bytes()) if photo else 1
    except OSError:
        return []
    if count < 2:
        return []
    return [f"it moves ({count} frames), and a handout prints only its first; check that "
            "the first shows the exercise, or save the frame that does as a PNG"]


def _ratio(width: float, height: float) -> str:
    long, short = max(width, height), max(min(width, height), 1e-9)
    return f"{long / short:.2g} times as {'tall' if height > width else 'wide'} as it is " \
           f"{'wide' if height > width else 'tall'}"


def _inches(points: float) -> str:
    return f"{points / 72:.2g} inch ({points / 72 * 25.4:.2g} mm)"


def figure_pose_warnings(ws) -> list[str]:
    """One line a frame of the library's figure files that draws, but not as a patient can
    follow it (figures/problems.py: a lifted leg hidden behind the standing one)."""
    from handouts.errors import HandoutError
    from handouts.figures import Figure, svg
    from handouts.figures.problems import frame_warnings
    from handouts.input.loading import load_once
    from handouts.language_checks import figure_files

    found = []
    for path in figure_files(ws):
        try:
            figure, parsed = load_once(path, Figure)
        except HandoutError:
            continue  # library_picture_problems reports it
        found += [str(Problem(parsed.location(("frames", i, *place)), words))
                  for i, (frame, camera) in enumerate(zip(figure.frames, svg.cameras(figure)))
                  for place, words in frame_warnings(frame, camera)]
    return found
