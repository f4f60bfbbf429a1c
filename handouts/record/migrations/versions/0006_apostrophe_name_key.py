"""One patient however the apostrophe in a name is typed: O’Connor is O'Connor.

A name is now folded with its curly apostrophes (’ ‘ ʼ) as the straight one, so that a
visit from a spreadsheet, which curls what a desk types straight, joins the patient
already in the record. The keys of names kept with a curly one are folded again; every
other key is already the same.

Revision ID: 0006
Revises: 0005
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# copies of input.patient's fold as it was before this revision and after it: a migration
# must keep doing what it did even if those change later
_UNSPACED = re.compile("[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_CURLY = ("\u2019", "\u2018", "\u02bc")
_STRAIGHT = str.maketrans({c: "'" for c in _CURLY})


def _fold(name: str, straight: bool) -> str:
    casefolded = name.casefold()
    decomposed = unicodedata.normalize(
        "NFKD", casefolded.translate(_STRAIGHT) if straight else casefolded)
    words = "".join(c for c in decomposed if not unicodedata.combining(c)).split()
    return ("" if _UNSPACED.search(decomposed) else " ").join(words)


def _refold(straight: bool) -> None:
    patients = sa.table("patients", sa.column("id", sa.Integer), sa.column("name", sa.Text),
                        sa.column("name_key", sa.Text))
    connection = op.get_bind()
    found = connection.execute(sa.select(patients.c.id, patients.c.name).where(
        sa.or_(*(patients.c.name.contains(c) for c in _CURLY)))).all()
    for row in found:
        connection.execute(patients.update().where(patients.c.id == row.id)
                           .values(name_key=_fold(row.name, straight)))


def upgrade() -> None:
    _refold(straight=True)


def downgrade() -> None:
    _refold(straight=False)
