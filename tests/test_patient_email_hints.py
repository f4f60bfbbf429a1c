"""An address as a mail program copies it ("Jane Doe <jane@example.com>",
"mailto:jane@example.com") or two in one box were told only '"…" is not an email address (e.g.
"jane@example.com")'. They are still refused (a name, a group or a second address can make
a mail program send to another than the one shown), and told the address to write alone,
or that there are two. Made-up people only."""

from __future__ import annotations

import pytest

from handouts.input.models import Program


@pytest.mark.parametrize("typed, told", [
    ("Jane Doe <jane@example.com>", '; write the address alone: "jane@example.com"'),
    ('"Doe, Jane" <jane@example.com>', '; write the address alone: "jane@example.com"'),
    ("mailto:jane@example.com", '; write the address alone: "jane@example.com"'),
    ("jane@example.com; john@example.com", "; it holds 2: write the one the handout goes to "
                                           "alone"),
    ("jane@example.com, john@example.com", "; it holds 2"),
    # a space in the address, or a name beside it with no brackets: no address is guessed
    ("ann example@example.test", "; an address has no space in it: write it whole, or "
                                 "alone where a name is written beside it"),
    # what holds no plain address is given the example, as before; so is what hides one
    ("jane @example.com", ' (e.g. "jane@example.com")'),
    ("group:ada@example.com;", ' (e.g. "jane@example.com")'),
    ("ada@example.com(eve@example.org)", ' (e.g. "jane@example.com")'),
])
def test_an_address_as_a_mail_program_copies_it_is_told_the_address_alone(typed, told):
    with pytest.raises(ValueError) as raised:
        Program.model_validate({"patient": {"name": "Jane Doe", "email": typed},
                                "exercises": ["child_pose"]})
    assert f'"{typed}" is not an email address{told}' in str(raised.value)
