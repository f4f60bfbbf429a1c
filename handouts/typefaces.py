"""Which font files on this machine have a character: the files HANDOUTS_FONTS names, then
the fonts fontconfig lists (one ``fc-list`` per process, asked only when a character lacks a
font), the likeliest face first. The page's text (render/glyphs.py) and the words in a
drawing (figures/lettering.py) both choose their fallback fonts here; neither needs
reportlab for it.
"""

from __future__ import annotations

import bisect
import functools
import os
import shutil
import subprocess
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

# Chinese, Japanese and Korean: a system font (or HANDOUTS_CJK_FONT), tried before the others
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


def cjk_font() -> Path | None:
    """The first CJK font there is: HANDOUTS_CJK_FONT, then the usual system ones."""
    for candidate in filter(None, (os.environ.get("HANDOUTS_CJK_FONT"), *CJK_CANDIDATES)):
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def named() -> list[Path]:
    """The font files HANDOUTS_FONTS names (separated as PATH is), in its order."""
    return [Path(p) for p in os.environ.get("HANDOUTS_FONTS", "").split(os.pathsep) if p]


def candidates(code: int) -> list[Path]:
    """Font files that may draw the character ``code``: those HANDOUTS_FONTS names (tried
    in its order), then the machine's that have it, the likeliest first."""
    return named() + [path for path, starts, ends in _installed()
                      if (i := bisect.bisect_right(starts, code) - 1) >= 0 and code <= ends[i]]


def bold_of(path: Path) -> Path | None:
    """The bold face beside a regular one (``…-Regular.ttf`` → ``…-Bold.ttf``), if there."""
    bold = path.with_name(path.name.replace("Regular", "Bold"))
    return bold if bold != path and bold.is_file() else None


@functools.cache
def _installed() -> tuple[tuple[Path, list[int], list[int]], ...]:
    """The machine's fonts as fontconfig lists them, the likeliest first, each with the
    first and last characters of the ranges it draws."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        listed = subprocess.run([fc_list, "--format", "%{file}\t%{style}\t%{charset}\n"],
                                capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = []
    for line in listed.splitlines():
        file, style, charset = (line.split("\t") + ["", ""])[:3]
        try:
            ranges = sorted(tuple(int(end, 16) for end in (span.split("-") * 2)[:2])
                            for span in charset.split())
        except ValueError:
            continue
        found.append((file, style, [lo for lo, _ in ranges], [hi for _, hi in ranges]))
    found.sort(key=lambda f: _likeliest(f[0], f[1]))
    return tuple((Path(file), starts, ends) for file, _, starts, ends in found)


def _likeliest(file: str, style: str) -> tuple:
    """Regular before other weights, sans before serif, a .ttf before a collection, the
    plain face before its "UI" or "Display" cut: the face that sets a handout's text best."""
    stem = Path(file).stem
    return ("Regular" not in style and "Book" not in style, "Serif" in stem,
            not file.endswith(".ttf"), any(cut in stem for cut in ("UI", "Display", "Mono")),
            len(stem), file)
