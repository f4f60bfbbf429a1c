"""A phone's photo, 4032 x 3024 pixels and held sideways (EXIF orientation 6), as a sports
clinic's library is taken: decoded at the size it prints, not whole.

A card prints such a photo about 425 pixels wide, so decoding all 12 million pixels (36 MB,
and the time to make them) only for LANCZOS to throw nearly all away cost a clinic of 15
photos 230 MB and twice the CPU time on its first build. A JPEG is decoded at the smallest
of a half, a quarter or an eighth of its size that is still enough. Measured as the peak
memory of a process of its own (no timing), and read back: upright, and as many pixels
as 200 dots an inch in the box need.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap

import pytest
from PIL import Image, ImageDraw

from handouts.render import photos

BOX = (153, 115)  # points: a standard card's picture on Letter


def phone_photo(path) -> None:
    """An upright portrait scene with a red mark at its top left, stored lying down as a
    phone stores it, with the EXIF orientation that turns it back."""
    upright = Image.new("RGB", (3024, 4032), (170, 190, 200))
    draw = ImageDraw.Draw(upright)
    draw.rectangle([0, 0, 600, 600], fill=(220, 0, 0))
    draw.rectangle([0, 3000, 3024, 4032], fill=(110, 80, 50))
    noise = Image.effect_noise(upright.size, 40).convert("RGB")  # a sensor's grain
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.blend(upright, noise, 0.15).rotate(90, expand=True).save(
        path, "JPEG", quality=88, exif=exif.tobytes())


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads Linux's /proc")
def test_a_phone_photo_is_decoded_at_the_size_it_prints(tmp_path):
    path = tmp_path / "IMG_0412.jpg"
    phone_photo(path)
    # the peak of the process's own memory (VmHWM): getrusage's ru_maxrss keeps, across
    # exec, the peak of the test process it was forked from
    script = textwrap.dedent(f"""
        import json, re
        from handouts.render import photos
        def peak():
            status = open("/proc/self/status").read()
            return int(re.search(r"VmHWM:\\s*(\\d+)", status).group(1))
        content = open({str(path)!r}, "rb").read()
        photos.opened(content).close()  # Pillow's decoders loaded before the baseline
        before = peak()
        data, width, height = photos.prepared(content, {BOX[0]}, {BOX[1]})
        after = peak()
        print(json.dumps({{"kb": after - before, "size": [width, height]}}))
    """)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=True)
    result = json.loads(done.stdout)
    # the whole photo decoded is 36 MB of pixels; at an eighth of its size, under 1 MB
    assert result["kb"] < 12_000, f"preparing the photo took {result['kb'] // 1024} MB more"
    # as many pixels as 200 dpi need in the box (the photo's height fills it), upright
    assert result["size"] == [BOX[1] * photos.MAX_DPI // 72 * 3 // 4,
                              BOX[1] * photos.MAX_DPI // 72]

    data, width, height = photos.prepared(path.read_bytes(), *BOX)
    printed = Image.open(io.BytesIO(data)).convert("RGB")
    assert height > width  # upright: a portrait, as it was taken
    red, green, blue = printed.getpixel((5, 5))
    assert red > 150 and green < 90 and blue < 90, (red, green, blue)  # the mark at top left
    floor = printed.getpixel((width // 2, height - 5))
    assert floor[0] < 150 and floor[2] < 100, floor  # the floor at the bottom
