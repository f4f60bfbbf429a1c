"""Find patients by their name however it was typed, and check reprints against the PDF.

patients.name_key is the name folded (case, spacing, accents), indexed, and
filled in for the patients already there; handouts.pdf_sha256 lets ``reprint`` say that its
PDF is byte for byte the one issued (older rows have none).

Revision ID: 0002
Revises: 0001
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def fold(name: str) -> str:
    # a copy of record.entry.fold as it was when this revision was written: a migration
    # must keep doing what it did even if that function changes later
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.add_column(sa.Column("name_key", sa.Text))
    with op.batch_alter_table("handouts") as batch:
        batch.add_column(sa.Column("pdf_sha256", sa.String(64)))
    patients = sa.table("patients", sa.column("id", sa.Integer), sa.column("name", sa.Text),
                        sa.column("name_key", sa.Text))
    connection = op.get_bind()
    for row in connection.execute(sa.select(patients.c.id, patients.c.name)).all():
        connection.execute(patients.update().where(patients.c.id == row.id)
                           .values(name_key=fold(row.name)))
    op.create_index("ix_patients_name_key", "patients", ["name_key"])


def downgrade() -> None:
    op.drop_index("ix_patients_name_key", "patients")
    with op.batch_alter_table("handouts") as batch:
        batch.drop_column("pdf_sha256")
    with op.batch_alter_table("patients") as batch:
        batch.drop_column("name_key")
