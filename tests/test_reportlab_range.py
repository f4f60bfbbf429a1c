"""The code reaches into reportlab's private names (paragraph splitting and hyphenation, the
canvas's operators and annotations, frames' and tables' sizes), which reportlab may change in
any release: pyproject.toml allows only the versions those were checked on."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def _allowed():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    [found] = [Requirement(d) for d in deps if Requirement(d).name == "reportlab"]
    return found.specifier


def test_pyproject_allows_only_the_reportlab_versions_the_code_was_checked_on():
    allowed = _allowed()
    pinned = next(line.split("==")[1].strip() for line in
                  (ROOT / "requirements.txt").read_text().splitlines()
                  if line.startswith("reportlab=="))
    assert allowed.contains(pinned)
    # before 4.4 paragraph has no isBidiStr: a word wider than its line failed to break
    assert not allowed.contains("4.3.1") and not allowed.contains("4.2.0")
    assert allowed.contains("4.4.0")
    # a later minor release may rename what the code reaches into; nobody has checked it
    assert not allowed.contains("5.2.0")


def test_the_private_names_the_code_uses_are_in_the_installed_reportlab():
    """What to check when the pin moves: a missing one named here, not deep in a build."""
    from reportlab.graphics import renderPDF, renderPM
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, Frame, Table, flowables, paragraph

    canvas = Canvas(io.BytesIO())
    wanted = {
        paragraph: ["_SplitFrag", "_SplitFragHY", "_SplitFragHS", "_SplitFragH", "_HSFrag",
                    "_SplitWord", "_SplitWordHY", "_SplitWordH", "_SplitWordEnd", "isBidiStr",
                    "_splitFragWord", "_splitWord", "_hyphenateFragWord", "_hyphenateWord"],
        flowables: ["_listWrapOn"], renderPM: ["_PMRenderer"], renderPDF: ["_PDFRenderer"],
        canvas: ["_code", "_doc", "_currentMatrix", "_annotationrefs", "_preamble",
                 "_shadingUsed", "_colorsUsed", "_pageCompression", "_leading"],
        canvas._doc: ["idToObject", "getXObjectName", "thisPageName"],
        Frame(0, 0, 100, 100): ["_height", "_atTop", "_prevASpace", "_y2", "_y"],
        Table([["a"]]): ["_cellvalues", "_argH", "_rowHeights", "_ncols"],
        Flowable: ["_hAlignAdjust"],
    }
    missing = [f"{getattr(obj, '__name__', type(obj).__name__)}.{name}" for obj, names in wanted.items()
               for name in names if not hasattr(obj, name)]
    assert missing == []
