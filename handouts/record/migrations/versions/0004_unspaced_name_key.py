"""One patient however the space between a Japanese or Chinese name's names is typed.

A name written in a script without spaces (Han, kana) is now folded without its spaces
("山田 花子" and "山田　花子" are 山田花子), so that a new visit typed either way joins the
patient already in the record. The keys of such names kept with a space are folded again;
every other key (Latin names, and these names typed without a space) is already the same.

Revision ID: 0004
Revises: 0003
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# copies of input.patient's rule and of the fold before it, as they were when this revision
# was written: a migration must keep doing what it did even if those change later
_UNSPACED = re.compile("[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def _words(name: str) -> tuple[list[str], bool]:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    words = "".join(c for c in decomposed if not unicodedata.combining(c)).split()
    return words, bool(_UNSPACED.search(decomposed))


def _refold(spaced: bool) -> None:
    patients = sa.table("patients", sa.column("id", sa.Integer), sa.column("name", sa.Text),
                        sa.column("name_key", sa.Text))
    connection = op.get_bind()
    # only a key with a space (or, going down, a name with one) can change
    column = patients.c.name_key if not spaced else patients.c.name
    found = connection.execute(sa.select(patients.c.id, patients.c.name)
                               .where(sa.or_(column.contains(" "), column.contains("\u3000")))
                               ).all()
    for row in found:
        words, unspaced = _words(row.name)
        if unspaced:
            connection.execute(patients.update().where(patients.c.id == row.id)
                               .values(name_key=(" " if spaced else "").join(words)))


def upgrade() -> None:
    _refold(spaced=False)


def downgrade() -> None:
    _refold(spaced=True)
