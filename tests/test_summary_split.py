"""The summary's columns: a share of the width that saves a line is taken, read back from
the PDF."""

from __future__ import annotations

import handouts as api

from conftest import EXAMPLES, page_texts


def test_a_split_that_saves_one_line_is_taken(ws):
    # a share of the summary's width that saved exactly one line was refused, its sum of
    # heights a hair over the best less a line (Aoife's: 284.70000000000005 against 302.25
    # - 17.55); Rosa's "Con qué frecuencia" wrapped for it
    program = api.load_program(EXAMPLES / "rosa-diaz-bilingual.yaml", ws)
    second = page_texts(api.build_handout(program, ws).pdf)[1]
    assert "Con qué frecuencia\n" in second
